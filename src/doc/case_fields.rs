//! The fields of the case a policy reads (its `case { … }` blocks, as the checker made
//! them into the case's schema), shown on the page in a section of their own, each with
//! its anchor (`field-person.disability_certified`), which the field paths written in
//! the items' text link to (`links.rs`).

use super::html::escape;
use super::messages::DocMsg;
use super::page::Page;
use crate::ast::Label;
use crate::lang::Text;
use crate::program::{Program, RecordId, SchemaShape, Type, TypeWord, type_text};
use crate::report::messages::label;
use std::collections::HashMap;
use std::fmt::Write;

/// A field of the case.
#[derive(Debug, Clone)]
pub struct CaseField {
    /// Its path from the case's root (`person.birth_date`, `household.members.employed`).
    pub path: String,
    /// Its label.
    pub label: Label,
    /// What it holds, in words.
    pub kind: Text,
    /// Whether a case may leave it out.
    pub optional: bool,
}

/// The anchor of the field at `path`.
pub fn anchor(path: &str) -> String {
    format!("field-{path}")
}

/// The path of each record of the case from its root (`person`, `household.members`
/// for the items of a list of records); the root's is empty.
pub fn record_paths(program: &Program) -> HashMap<RecordId, String> {
    let mut paths = HashMap::new();
    let mut stack = vec![(Program::ROOT, String::new())];
    while let Some((record, path)) = stack.pop() {
        let fields = program.schemas.get(record.0 as usize).and_then(Option::as_ref);
        for field in fields.into_iter().flatten() {
            if let SchemaShape::Record(inner) | SchemaShape::ListOfRecords(inner) = field.shape
                && !paths.contains_key(&inner)
            {
                stack.push((inner, joined(&path, &field.name)));
            }
        }
        paths.insert(record, path);
    }
    paths
}

/// `prefix.name`, or `name` at the root.
fn joined(prefix: &str, name: &str) -> String {
    match prefix {
        "" => name.to_string(),
        _ => format!("{prefix}.{name}"),
    }
}

/// The case's fields, in the order declared, each record's fields right after it;
/// fields an amendment repealed left out.
pub fn case_fields(program: &Program) -> Vec<CaseField> {
    let of_enum = |e: crate::value::EnumId| match program.enums.get(e.0 as usize) {
        Some(e) => Text::both(
            e.label.zh.clone(),
            e.label.en.clone().unwrap_or_else(|| e.label.zh.clone()),
        ),
        None => Text::from(""),
    };
    let enum_words = |e, several: bool| match several {
        true => TypeWord::Enums.with([of_enum(e)]),
        false => TypeWord::Enum.with([of_enum(e)]),
    };
    let fields_of = |r: RecordId| program.schemas.get(r.0 as usize).and_then(Option::as_ref);
    let mut out = Vec::new();
    let mut seen = vec![Program::ROOT];
    // A walk with a stack of its own: (record, its path, the next field to list).
    let mut stack = vec![(Program::ROOT, String::new(), 0usize)];
    while let Some((record, prefix, i)) = stack.pop() {
        let Some(field) = fields_of(record).and_then(|f| f.get(i)) else {
            continue;
        };
        stack.push((record, prefix.clone(), i + 1));
        if field.removed.is_some() {
            continue;
        }
        let path = joined(&prefix, &field.name);
        let ty = match &field.shape {
            SchemaShape::Scalar(ty) => ty.clone(),
            SchemaShape::Record(r) => Type::Record(*r),
            SchemaShape::ListOf(ty) => Type::List(Box::new(ty.clone())),
            SchemaShape::ListOfRecords(r) => Type::List(Box::new(Type::Record(*r))),
        };
        if let SchemaShape::Record(inner) | SchemaShape::ListOfRecords(inner) = field.shape
            && !seen.contains(&inner)
        {
            seen.push(inner);
            stack.push((inner, path.clone(), 0));
        }
        out.push(CaseField {
            path,
            label: field.label.clone(),
            kind: type_text(&ty, &enum_words),
            optional: field.optional,
        });
    }
    out
}

impl Page<'_, '_> {
    /// The section of the case's fields, one row each with its anchor.
    pub(super) fn case_fields(&self, out: &mut String) {
        if self.fields.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "<section class=\"others\" id=\"case\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>",
            self.say(DocMsg::CaseFields),
            self.say(DocMsg::CaseFieldsNote)
        );
        let _ = writeln!(
            out,
            "<table class=\"fields\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            self.say(DocMsg::FieldName),
            self.say(DocMsg::FieldLabel),
            self.say(DocMsg::FieldKind)
        );
        for field in self.fields {
            let depth = field.path.matches('.').count();
            let optional = if field.optional { self.say(DocMsg::Optional) } else { "" };
            let kind = field.kind.get(self.lang);
            let _ = writeln!(
                out,
                "<tr id=\"{}\"><td class=\"depth-{}\"><code>{}</code></td><td>{}</td><td>{}{}</td></tr>",
                escape(&anchor(&field.path)),
                depth.min(3),
                escape(&field.path),
                escape(label(&field.label, self.lang)),
                escape(&kind),
                optional
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
}

//! Where the policy's text names another item, and that item's anchor: found in the
//! checked program, whose expressions know what each name resolved to (a definition,
//! a parameter, a table, a rule `holds(…)` asks about, an enum value's enum, a field of
//! the case, `person.birth_date`, or of a record of its lists, `m.employed`), and in
//! the types the declarations write (`by Track`, `(t: Track)`). No name is guessed
//! from the text: a link stands where the checker resolved a name.

use super::case_fields::{self, record_paths};
use super::items::{ItemKind, anchor};
use crate::ast::{Item, PolicyFile, TypeExpr};
use crate::program::{CExpr, CKind, Program, RecordId, SchemaShape, Type};
use crate::source::{SourceMap, Span};
use crate::value::Value;
use std::collections::{HashMap, HashSet};

/// A name in the policy's text that refers to an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where the name is written.
    pub span: Span,
    /// The anchor of the item it names.
    pub anchor: String,
}

/// Every link in the policy's files, by file and place, none overlapping another;
/// only links to `anchors` (the items and case fields the page shows).
pub fn links(program: &Program, files: &[PolicyFile], sources: &SourceMap, anchors: &HashSet<&str>) -> Vec<Link> {
    let records = record_paths(program);
    let mut found = Vec::new();
    let mut roots: Vec<&CExpr> = Vec::new();
    roots.extend(program.definitions.iter().filter(|d| !d.repealed).map(|d| &d.expr));
    roots.extend(program.tables.iter().flat_map(|t| t.rows.iter().flatten()));
    for rule in &program.rules {
        roots.extend(&rule.when);
        roots.extend(rule.yields.iter().flatten().map(|y| &y.expr));
    }
    roots.extend(program.decision.iter().map(|d| &d.expr));
    // A walk with a stack of its own: expressions nest as deep as the checker allows.
    let mut stack = roots;
    while let Some(e) = stack.pop() {
        if let Some(link) = link_of(e, program, sources).or_else(|| field_link(e, program, sources, &records)) {
            found.push(link);
        }
        stack.extend(e.children());
    }
    let enums: HashSet<&str> = program.enums.iter().map(|e| e.name.as_str()).collect();
    for file in files {
        type_links(file, &enums, &mut found);
    }
    found.retain(|l| anchors.contains(l.anchor.as_str()));
    found.sort_by_key(|l| (l.span.file, l.span.start, l.span.end));
    found.dedup();
    let mut kept: Vec<Link> = Vec::with_capacity(found.len());
    for link in found {
        let overlaps = kept
            .last()
            .is_some_and(|k| k.span.file == link.span.file && link.span.start < k.span.end);
        if !overlaps {
            kept.push(link);
        }
    }
    kept
}

/// The link an expression makes, if it names an item: the name at its start (a call,
/// a table's row, `Enum::value`) or the whole of it (a definition's name, `holds(…)`).
fn link_of(e: &CExpr, program: &Program, sources: &SourceMap) -> Option<Link> {
    let (name, target, whole) = match &e.kind {
        CKind::Def(id) | CKind::CallDefinition(id, _) => {
            let def = program.definitions.get(id.0 as usize)?;
            let kind = if def.is_param {
                ItemKind::Param
            } else {
                ItemKind::Define
            };
            (def.name.as_str(), anchor(kind, &def.name), false)
        }
        CKind::TableRow(id, _) => {
            let table = program.tables.get(id.0 as usize)?;
            (table.name.as_str(), anchor(ItemKind::Table, &table.name), false)
        }
        CKind::Holds(kind, Some(idx)) => {
            let rule = program.rules.get(idx.0 as usize)?;
            let name = format!("{} {}", kind.keyword(), rule.id);
            ("", anchor(ItemKind::Rule(*kind), &name), true)
        }
        CKind::Const(Value::Enum(id, _)) if matches!(e.ty, Type::Enum(_)) => {
            let ty = program.enums.get(id.0 as usize)?;
            let written = sources.snippet(e.span);
            // Only `Enum::value` names the enum; a bare value does not.
            let rest = written.strip_prefix(ty.name.as_str())?;
            if !rest.trim_start().starts_with("::") {
                return None;
            }
            (ty.name.as_str(), anchor(ItemKind::Enum, &ty.name), false)
        }
        _ => return None,
    };
    let span = if whole {
        e.span
    } else {
        // The name must stand at the start of what is written.
        sources.snippet(e.span).starts_with(name).then_some(())?;
        Span::new(e.span.file, e.span.start as usize, e.span.start as usize + name.len())
    };
    Some(Link { span, anchor: target })
}

/// The link a case field's path makes (`person.birth_date`, as written), or a field of
/// a record of the case's lists (`employed` in `m.employed`), to the field's row.
fn field_link(e: &CExpr, program: &Program, sources: &SourceMap, records: &HashMap<RecordId, String>) -> Option<Link> {
    let field_name = |record: RecordId, index: u16| {
        let fields = program.schemas.get(record.0 as usize)?.as_ref()?;
        Some((fields.get(index as usize)?, records.get(&record)?))
    };
    match &e.kind {
        CKind::CaseField(indices) => {
            let mut record = Program::ROOT;
            let mut path = String::new();
            for &index in indices.iter() {
                let (field, _) = field_name(record, index)?;
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&field.name);
                if let SchemaShape::Record(inner) | SchemaShape::ListOfRecords(inner) = field.shape {
                    record = inner;
                }
            }
            // Only a path written as it is named.
            (sources.snippet(e.span) == path).then(|| Link {
                span: e.span,
                anchor: case_fields::anchor(&path),
            })
        }
        CKind::GetField(inner, index) => {
            let Type::Record(record) = inner.ty else {
                return None;
            };
            let (field, prefix) = field_name(record, *index)?;
            if prefix.is_empty() || !sources.snippet(e.span).ends_with(field.name.as_str()) {
                return None;
            }
            let end = e.span.end as usize;
            Some(Link {
                span: Span::new(e.span.file, end - field.name.len(), end),
                anchor: case_fields::anchor(&format!("{prefix}.{}", field.name)),
            })
        }
        _ => None,
    }
}

/// Links from the enum types a file's declarations write: a table's key and a
/// function's parameters.
fn type_links(file: &PolicyFile, enums: &HashSet<&str>, out: &mut Vec<Link>) {
    let mut types: Vec<&TypeExpr> = Vec::new();
    let push_enum = |name: &str, span: Span, out: &mut Vec<Link>| {
        if enums.contains(name) {
            out.push(Link {
                span,
                anchor: anchor(ItemKind::Enum, name),
            });
        }
    };
    for item in &file.items {
        let item = match item {
            Item::Replace(inner, _) => inner.as_ref(),
            other => other,
        };
        match item {
            Item::Table(t) => push_enum(&t.key.node, t.key.span, out),
            Item::Define(d) | Item::Param(d) => types.extend(d.params.iter().map(|(_, ty)| ty)),
            _ => {}
        }
    }
    while let Some(ty) = types.pop() {
        match ty {
            TypeExpr::Named(name) => push_enum(&name.node, name.span, out),
            TypeExpr::List(inner, _) => types.push(inner),
            TypeExpr::Shape(fields, _) => types.extend(fields.iter().map(|f| &f.ty)),
            TypeExpr::ListOfRecords(..) => {}
        }
    }
}

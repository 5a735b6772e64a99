//! Completion and hover in a case file (YAML), from its policy's schema: the keys of
//! the record the cursor is in (found by the indentation of the lines above it), the
//! values of an enum or a yes/no after a key, and a key's label and kind on hover.
//! Block style only: a flow mapping (`{ … }`) is left to the diagnostics.

use super::diagnostics::policy_of_case;
use super::documents::Documents;
use super::position::{offset_of, range_of};
use crate::lang::Lang;
use crate::program::{FieldInfo, Program, Type, TypeWord, type_text};
use crate::report::messages::label;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, Hover, HoverContents, MarkupContent, MarkupKind, Position,
};
use std::path::Path;

/// The completions at `position` of the case file at `path` (its text `text`).
pub fn complete(
    path: &Path,
    text: &str,
    position: Position,
    documents: &Documents,
    lang: Lang,
) -> Option<CompletionResponse> {
    let loaded = policy_of_case(path, documents);
    let program = loaded.versions.last()?;
    let offset = offset_of(text, position);
    let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let typed = &text[line_start..offset];
    let (indent, rest) = key_column(typed);
    let fields = record_at(program, text, line_start, indent)?;
    let items = match rest.split_once(':') {
        // After `key:`: the values the field takes.
        Some((key, _)) => values(program, fields.iter().find(|f| f.name == key.trim())?, lang),
        None => fields.iter().map(|f| key_item(program, f, lang)).collect(),
    };
    Some(CompletionResponse::Array(items))
}

/// A key's label and kind, for the key under `position`.
pub fn hover(path: &Path, text: &str, position: Position, documents: &Documents, lang: Lang) -> Option<Hover> {
    let loaded = policy_of_case(path, documents);
    let program = loaded.versions.last()?;
    let offset = offset_of(text, position);
    let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[line_start..].find('\n').map_or(text.len(), |n| line_start + n);
    let (indent, rest) = key_column(&text[line_start..line_end]);
    let key = rest.split_once(':')?.0.trim();
    let fields = record_at(program, text, line_start, indent)?;
    let field = fields.iter().find(|f| f.name == key)?;
    let key_start = line_start + text[line_start..line_end].find(key)?;
    if offset > key_start + key.len() {
        return None;
    }
    let mut value = format!("**`{key}`** {}", field.label.zh);
    if let Some(en) = &field.label.en {
        value.push_str(&format!(" · {en}"));
    }
    value.push_str(&format!("\n\n{}", kind_words(program, &field.ty, lang)));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range_of(text, key_start, key_start + key.len())),
    })
}

/// Where a line's key starts (after its indentation and any `- ` of a list item), and
/// the line from there.
fn key_column(line: &str) -> (usize, &str) {
    let mut at = line.len() - line.trim_start().len();
    while line[at..].starts_with("- ") {
        at += 2;
        at += line[at..].len() - line[at..].trim_start().len();
    }
    (at, &line[at..])
}

/// The fields of the record whose keys stand at column `indent` on the line starting
/// at `line_start`: the keys above it with less indentation lead from the case's root.
fn record_at<'p>(program: &'p Program, text: &str, line_start: usize, indent: usize) -> Option<&'p [FieldInfo]> {
    let mut parents: Vec<&str> = Vec::new();
    let mut column = indent;
    for line in text[..line_start].lines().rev() {
        let (at, rest) = key_column(line);
        if rest.trim().is_empty() || rest.starts_with('#') || at >= column {
            continue;
        }
        if let Some((key, value)) = rest.split_once(':')
            && value.trim().is_empty()
        {
            parents.push(key.trim());
            column = at;
        }
        if at == 0 {
            break;
        }
    }
    let mut record = Program::ROOT;
    for key in parents.iter().rev() {
        let fields = program.records.get(record.0 as usize)?.fields();
        let field = fields.iter().find(|f| f.name == *key)?;
        record = match &field.ty {
            Type::Record(r) => *r,
            Type::List(item) => match item.as_ref() {
                Type::Record(r) => *r,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(program.records.get(record.0 as usize)?.fields())
}

/// A key to complete, with its label and kind.
fn key_item(program: &Program, field: &FieldInfo, lang: Lang) -> CompletionItem {
    CompletionItem {
        label: field.name.clone(),
        kind: Some(CompletionItemKind::FIELD),
        detail: Some(format!(
            "{} · {}",
            label(&field.label, lang),
            kind_words(program, &field.ty, lang)
        )),
        insert_text: Some(format!("{}: ", field.name)),
        ..CompletionItem::default()
    }
}

/// The values a field takes: an enum's values and their Chinese labels, or yes/no.
fn values(program: &Program, field: &FieldInfo, lang: Lang) -> Vec<CompletionItem> {
    let value = |word: &str, detail: Option<String>| CompletionItem {
        label: word.to_string(),
        kind: Some(CompletionItemKind::ENUM_MEMBER),
        detail,
        ..CompletionItem::default()
    };
    match &field.ty {
        Type::Enum(e) => match program.enums.get(e.0 as usize) {
            Some(e) => e
                .variants()
                .iter()
                .flat_map(|(name, l)| {
                    [
                        value(name, Some(label(l, lang).to_string())),
                        value(&l.zh, Some(name.clone())),
                    ]
                })
                .collect(),
            None => Vec::new(),
        },
        Type::Bool => ["true", "false", "是", "否"].iter().map(|w| value(w, None)).collect(),
        _ => Vec::new(),
    }
}

/// What a field holds, in words.
fn kind_words(program: &Program, ty: &Type, lang: Lang) -> String {
    let enum_words = |e: crate::value::EnumId, several: bool| match program.enums.get(e.0 as usize) {
        Some(e) if several => TypeWord::Enums.with([label(&e.label, lang)]),
        Some(e) => TypeWord::Enum.with([label(&e.label, lang)]),
        None => TypeWord::Anything.into(),
    };
    type_text(ty, &enum_words).get(lang).into_owned()
}

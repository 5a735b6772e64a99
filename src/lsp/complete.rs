//! Completion in a policy file: after `.` the fields of the record the path before it
//! leads to (read from the `case {}` blocks, so it works while the file has errors);
//! after `is`/`为` the enum values; after a number the units; elsewhere the keywords
//! (the file's own set first), the names the files declare, the case's top-level
//! fields and the built-in functions.

use super::diagnostics::load_open_policy;
use super::documents::{DocumentKind, Documents, kind_of};
use super::position::offset_of;
use crate::ast::{FieldDecl, FieldShape, Item, Label, PolicyFile, RecordDecl, TypeExpr};
use crate::lang::Lang;
use crate::program::Builtin;
use crate::syntax::keywords::{KEYWORDS, keyword};
use lsp_types::{CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse};

/// The completions at the place the editor asks about.
pub fn complete(documents: &Documents, params: &CompletionParams, lang: Lang) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let document = documents.get(&at.text_document.uri)?;
    if kind_of(&document.path) != DocumentKind::Policy {
        return None;
    }
    let offset = offset_of(&document.text, at.position);
    let before = &document.text[..offset];
    let line = &before[before.rfind('\n').map_or(0, |n| n + 1)..];
    // The word being typed, and what stands before it.
    let typed_from = line
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(line.len(), |(i, _)| i);
    let head = &line[..typed_from];
    let loaded = load_open_policy(&document.path, documents);
    let chinese = document.text.trim_start().contains("政策 ");
    let items = if let Some(path) = head.strip_suffix('.') {
        fields_after(path, &loaded.files, lang)
    } else {
        let previous = head.split_whitespace().last().unwrap_or("");
        match keyword(previous).map(|k| k.english[0]) {
            Some("is" | "not") => enum_values(&loaded.files, lang),
            _ if previous.chars().all(|c| c.is_ascii_digit()) && !previous.is_empty() => units(chinese),
            _ => everything(&loaded.files, chinese, lang),
        }
    };
    Some(CompletionResponse::Array(items))
}

/// The fields of the record `path` (a dotted chain of case fields) leads to.
fn fields_after(path: &str, files: &[PolicyFile], lang: Lang) -> Vec<CompletionItem> {
    let chain: Vec<&str> = path
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .next()
        .unwrap_or("")
        .split('.')
        .collect();
    let mut fields: Vec<&FieldDecl> = case_blocks(files).flat_map(|r| r.fields.iter()).collect();
    for name in chain {
        let next: Vec<&FieldDecl> = fields
            .iter()
            .filter(|f| f.name.node == name)
            .filter_map(|f| record_of(f))
            .flat_map(|r| r.fields.iter())
            .collect();
        if next.is_empty() {
            return Vec::new();
        }
        fields = next;
    }
    fields.into_iter().map(|f| field_item(f, lang)).collect()
}

/// The record a field holds (or the record of each item of its list).
fn record_of(field: &FieldDecl) -> Option<&RecordDecl> {
    match &field.shape {
        FieldShape::Record { body, .. } => Some(body),
        FieldShape::Value {
            ty: TypeExpr::ListOfRecords(body, _),
            ..
        } => Some(body),
        FieldShape::Value { .. } => None,
    }
}

/// The `case {}` blocks of the files.
fn case_blocks(files: &[PolicyFile]) -> impl Iterator<Item = &RecordDecl> {
    files.iter().flat_map(|f| &f.items).filter_map(|i| match i {
        Item::Case(record) => Some(record),
        _ => None,
    })
}

fn field_item(field: &FieldDecl, lang: Lang) -> CompletionItem {
    let label = match &field.shape {
        FieldShape::Record { label, .. } | FieldShape::Value { label, .. } => label,
    };
    item(&field.name.node, CompletionItemKind::FIELD, Some(label), lang)
}

/// Every value of every enum, with its enum and label.
fn enum_values(files: &[PolicyFile], lang: Lang) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for file in files {
        for declared in &file.items {
            let declared = match declared {
                Item::Replace(inner, _) => inner.as_ref(),
                other => other,
            };
            if let Item::Enum(e) = declared {
                for (name, label) in &e.variants {
                    let mut completion = item(&name.node, CompletionItemKind::ENUM_MEMBER, label.as_ref(), lang);
                    completion.detail = Some(format!("{} · {}", e.name.node, completion.detail.unwrap_or_default()));
                    out.push(completion);
                }
            }
        }
    }
    out
}

/// The units, the file's keyword set first.
fn units(chinese: bool) -> Vec<CompletionItem> {
    ["years", "months", "days", "working_days"]
        .iter()
        .filter_map(|w| keyword(w))
        .flat_map(|k| in_order([k.english[0], k.chinese], chinese))
        .map(|w| item(w, CompletionItemKind::UNIT, None, Lang::Zh))
        .collect()
}

/// Keywords, declared names, top-level case fields and built-in functions.
fn everything(files: &[PolicyFile], chinese: bool, lang: Lang) -> Vec<CompletionItem> {
    let mut out: Vec<CompletionItem> = KEYWORDS
        .iter()
        .flat_map(|k| in_order([k.english[0], k.chinese], chinese))
        .map(|w| item(w, CompletionItemKind::KEYWORD, None, lang))
        .collect();
    for file in files {
        for declared in &file.items {
            let declared = match declared {
                Item::Replace(inner, _) => inner.as_ref(),
                other => other,
            };
            match declared {
                Item::Define(d) => out.push(item(&d.name.node, CompletionItemKind::FUNCTION, Some(&d.label), lang)),
                Item::Param(d) => out.push(item(&d.name.node, CompletionItemKind::CONSTANT, Some(&d.label), lang)),
                Item::Table(t) => out.push(item(&t.name.node, CompletionItemKind::STRUCT, Some(&t.label), lang)),
                Item::Enum(e) => out.push(item(&e.name.node, CompletionItemKind::ENUM, Some(&e.label), lang)),
                _ => {}
            }
        }
    }
    out.extend(
        case_blocks(files)
            .flat_map(|r| r.fields.iter())
            .map(|f| field_item(f, lang)),
    );
    out.extend(
        Builtin::ALL
            .iter()
            .map(|(name, _)| item(name, CompletionItemKind::FUNCTION, None, lang)),
    );
    out
}

/// The two spellings of a keyword, the file's set first.
fn in_order(words: [&'static str; 2], chinese: bool) -> [&'static str; 2] {
    if chinese { [words[1], words[0]] } else { words }
}

/// A completion: the word, its kind, its label (in `lang`) as the detail.
fn item(word: &str, kind: CompletionItemKind, label: Option<&Label>, lang: Lang) -> CompletionItem {
    CompletionItem {
        label: word.to_string(),
        kind: Some(kind),
        detail: label.map(|l| match (lang, &l.en) {
            (Lang::En, Some(en)) => en.clone(),
            _ => l.zh.clone(),
        }),
        ..CompletionItem::default()
    }
}

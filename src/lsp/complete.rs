//! Completion in a policy file: after `.` the fields of the record the path before it
//! leads to (read from the `case {}` blocks, so it works while the file has errors);
//! after `is`/`为` the enum values; after a number the units; elsewhere the keywords
//! (the file's own set first), the names the files declare, the case's top-level
//! fields and the built-in functions.

use super::case_blocks::{case_blocks, fields_at};
use super::diagnostics::load_open_policy;
use super::documents::{DocumentKind, Documents, kind_of};
use super::position::offset_of;
use crate::ast::{FieldDecl, FieldShape, Item, Label, PolicyFile, TypeExpr};
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
    // Nothing to complete in a comment or a string.
    if in_comment_or_string(head) {
        return Some(CompletionResponse::Array(Vec::new()));
    }
    let loaded = load_open_policy(&document.path, documents);
    let chinese = written_in_chinese(&document.text);
    let mut items = if let Some(path) = head.strip_suffix('.') {
        let path = bound_list(before, path).unwrap_or_else(|| path.to_string());
        fields_after(&path, &loaded.files, lang)
    } else {
        let words: Vec<&str> = head.split_whitespace().collect();
        let previous = words.last().copied().unwrap_or("");
        match keyword(previous).map(|k| k.english[0]) {
            Some("is" | "not") => {
                // The enum of what is tested (`person.gender is`), else every enum's.
                let subject = words.iter().rev().find(|w| keyword(w).is_none()).copied().unwrap_or("");
                enum_values(&loaded.files, enum_of(subject, &loaded.files).as_deref(), lang)
            }
            _ if previous.chars().all(|c| c.is_ascii_digit()) && !previous.is_empty() => units(chinese),
            _ => everything(&loaded.files, chinese, lang),
        }
    };
    // The file's keyword set first, then as sorted.
    for item in &mut items {
        let other_set = item.kind == Some(CompletionItemKind::KEYWORD) && item.label.is_ascii() == chinese;
        item.sort_text = Some(format!("{}{}", u8::from(other_set), item.label));
    }
    Some(CompletionResponse::Array(items))
}

/// Whether the end of `line` is inside a comment or a string.
fn in_comment_or_string(line: &str) -> bool {
    let mut in_string = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek() == Some(&'/') => return true,
            _ => {}
        }
    }
    in_string
}

/// Whether a file is written in Chinese keywords: its header starts with `政策`.
fn written_in_chinese(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("政策"))
}

/// For `m` bound by an aggregation before the cursor (`all(m in household.members: m.`),
/// the list it goes through (`household.members`).
fn bound_list(before: &str, name: &str) -> Option<String> {
    let name = name.rsplit(|c: char| !(c.is_alphanumeric() || c == '_')).next()?;
    ["in", "属于"].iter().find_map(|word| {
        let pattern = format!("{name} {word} ");
        let at = before.rfind(&pattern)? + pattern.len();
        let path: String = before[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        (!path.is_empty()).then_some(path)
    })
}

/// The enum a case field's path holds (`person.gender` → `Gender`), read from the case
/// blocks.
fn enum_of(path: &str, files: &[PolicyFile]) -> Option<String> {
    let path = path
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .next()?;
    let chain: Vec<&str> = path.split('.').collect();
    let (last, record) = chain.split_last()?;
    fields_at(files, record)
        .into_iter()
        .find(|f| f.name.node == *last)
        .and_then(|f| match &f.shape {
            FieldShape::Value {
                ty: TypeExpr::Named(name),
                ..
            } => Some(name.node.clone()),
            _ => None,
        })
}

/// The fields of the record `path` (a dotted chain of case fields) leads to.
fn fields_after(path: &str, files: &[PolicyFile], lang: Lang) -> Vec<CompletionItem> {
    let chain: Vec<&str> = path
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .next()
        .unwrap_or("")
        .split('.')
        .collect();
    fields_at(files, &chain)
        .into_iter()
        .map(|f| field_item(f, lang))
        .collect()
}

fn field_item(field: &FieldDecl, lang: Lang) -> CompletionItem {
    let label = match &field.shape {
        FieldShape::Record { label, .. } | FieldShape::Value { label, .. } => label,
    };
    item(&field.name.node, CompletionItemKind::FIELD, Some(label), lang)
}

/// The values of the enum named `only` (every enum's when it is not given or not
/// found), with their enum and label.
fn enum_values(files: &[PolicyFile], only: Option<&str>, lang: Lang) -> Vec<CompletionItem> {
    let mut enums = Vec::new();
    for file in files {
        for declared in &file.items {
            let declared = match declared {
                Item::Replace(inner, _) => inner.as_ref(),
                other => other,
            };
            if let Item::Enum(e) = declared {
                enums.push(e);
            }
        }
    }
    if let Some(only) = only
        && enums.iter().any(|e| e.name.node == only)
    {
        enums.retain(|e| e.name.node == only);
    }
    let mut out = Vec::new();
    for e in enums {
        for (name, label) in &e.variants {
            let mut completion = item(&name.node, CompletionItemKind::ENUM_MEMBER, label.as_ref(), lang);
            completion.detail = Some(format!("{} · {}", e.name.node, completion.detail.unwrap_or_default()));
            out.push(completion);
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

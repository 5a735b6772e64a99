//! The outline of a policy file for the editor: its items in the file's order, each run
//! of items that cite one clause under that clause.

use super::diagnostics::load_open_policy;
use super::documents::{DocumentKind, Documents, kind_of};
use super::position::range_of;
use crate::doc::items::{DocItem, ItemKind, Items};
use crate::lang::Lang;
use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

/// The outline of the document by clause, in its order: each run of items that cite
/// one clause under that clause; items that cite none stand alone.
pub fn symbols(documents: &Documents, params: &DocumentSymbolParams, lang: Lang) -> Option<DocumentSymbolResponse> {
    let document = documents.get(&params.text_document.uri)?;
    if kind_of(&document.path) != DocumentKind::Policy {
        return None;
    }
    let loaded = load_open_policy(&document.path, documents);
    let items = Items::of(&loaded.files, &loaded.sources);
    let name = document.path.to_string_lossy();
    let index = loaded
        .files
        .iter()
        .position(|f| loaded.sources.get(f.file).name == name)?;
    let mut outline: Vec<DocumentSymbol> = Vec::new();
    for item in items.by_file.get(index)? {
        let symbol = symbol_of(item, &document.text, lang);
        let Some(clause) = item.cite.map(|c| c.clause.node.clone()) else {
            outline.push(symbol);
            continue;
        };
        // Items in a row that cite one clause go under it, in the file's order (a
        // clause cited again further down has a group there too).
        match outline.last_mut() {
            Some(group) if group.kind == SymbolKind::NAMESPACE && group.name == clause => {
                group.range.end = symbol.range.end;
                group.children.get_or_insert_with(Vec::new).push(symbol);
            }
            _ => outline.push(clause_symbol(clause, symbol)),
        }
    }
    Some(DocumentSymbolResponse::Nested(outline))
}

/// A clause of the outline, with its first item.
#[allow(deprecated)] // `deprecated` is a field the type requires.
fn clause_symbol(clause: String, first: DocumentSymbol) -> DocumentSymbol {
    DocumentSymbol {
        name: clause,
        detail: None,
        kind: SymbolKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range: first.range,
        selection_range: first.selection_range,
        children: Some(vec![first]),
    }
}

/// An item of the outline: its name, its label (or clause) as the detail.
#[allow(deprecated)] // `deprecated` is a field the type requires.
fn symbol_of(item: &DocItem, text: &str, lang: Lang) -> DocumentSymbol {
    let range = range_of(text, item.span.start as usize, item.span.end as usize);
    DocumentSymbol {
        name: item.name.clone(),
        detail: item.label.map(|l| match (lang, &l.en) {
            (Lang::En, Some(en)) => en.clone(),
            _ => l.zh.clone(),
        }),
        kind: match item.kind {
            ItemKind::Rule(_) => SymbolKind::EVENT,
            ItemKind::Define => SymbolKind::FUNCTION,
            ItemKind::Param => SymbolKind::CONSTANT,
            ItemKind::Table => SymbolKind::STRUCT,
            ItemKind::Enum => SymbolKind::ENUM,
            ItemKind::Repeal => SymbolKind::NULL,
        },
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

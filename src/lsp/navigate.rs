//! Hover, go to definition, find references and the outline of a policy file, from
//! the cross references of its checked program (`doc::links`: a name refers to what
//! the checker resolved it to, never to a guess from the text) and its items
//! (`doc::items`: each declaration with its label and clause).

use super::diagnostics::load_open_policy;
use super::documents::{DocumentKind, Documents, kind_of, uri_of};
use super::position::{offset_of, range_of};
use crate::doc::items::{DocItem, ItemKind, Items};
use crate::doc::links::{Link, links};
use crate::lang::Lang;
use crate::policy_set::LoadedPolicy;
use crate::report::messages::kind_heading;
use crate::source::Span;
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverContents, HoverParams, Location, MarkupContent, MarkupKind, ReferenceParams, SymbolKind,
    TextDocumentPositionParams,
};
use std::collections::HashSet;
use std::path::Path;

/// A policy document loaded with its cross references, and the byte the editor
/// points at.
struct Looked {
    loaded: LoadedPolicy,
    links: Vec<Link>,
    /// The file of the document among the loaded ones.
    file: Option<u32>,
    offset: usize,
}

impl Looked {
    /// The policy document at `at`, loaded; `None` for another kind of document.
    fn at(documents: &Documents, at: &TextDocumentPositionParams) -> Option<Looked> {
        let document = documents.get(&at.text_document.uri)?;
        if kind_of(&document.path) != DocumentKind::Policy {
            return None;
        }
        let loaded = load_open_policy(&document.path, documents);
        let links = match &loaded.program {
            Some(program) => {
                let items = Items::of(&loaded.files, &loaded.sources);
                let anchors: HashSet<&str> = items.anchors().collect();
                links(program, &loaded.files, &loaded.sources, &anchors)
            }
            None => Vec::new(),
        };
        let name = document.path.to_string_lossy();
        let file =
            (0..loaded.sources.len() as u32).find(|n| loaded.sources.get(crate::source::FileId(*n)).name == name);
        Some(Looked {
            offset: offset_of(&document.text, at.position),
            loaded,
            links,
            file,
        })
    }

    /// Whether `span` is in the document and holds the byte pointed at.
    fn under(&self, span: Span) -> bool {
        Some(span.file.0) == self.file && (span.start as usize..=span.end as usize).contains(&self.offset)
    }

    /// The anchor of what is pointed at: a name that refers to an item, or an item's
    /// own declaration.
    fn anchor(&self, items: &Items) -> Option<String> {
        if let Some(link) = self.links.iter().find(|l| self.under(l.span)) {
            return Some(link.anchor.clone());
        }
        items
            .by_file
            .iter()
            .flatten()
            .find(|i| self.under(i.span))
            .map(|i| i.anchor.clone())
    }

    /// Where `span` is, for the editor.
    fn location(&self, span: Span) -> Option<Location> {
        let file = self.loaded.sources.get(span.file);
        Some(Location::new(
            uri_of(Path::new(&file.name))?,
            range_of(&file.text, span.start as usize, span.end as usize),
        ))
    }
}

/// The declaration of the item pointed at.
pub fn definition(documents: &Documents, params: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let looked = Looked::at(documents, &params.text_document_position_params)?;
    let items = Items::of(&looked.loaded.files, &looked.loaded.sources);
    let anchor = looked.anchor(&items)?;
    let item = items.by_file.iter().flatten().find(|i| i.anchor == anchor)?;
    looked.location(item.span).map(GotoDefinitionResponse::Scalar)
}

/// Every use of the item pointed at (and its declaration, when asked).
pub fn references(documents: &Documents, params: &ReferenceParams) -> Option<Vec<Location>> {
    let looked = Looked::at(documents, &params.text_document_position)?;
    let items = Items::of(&looked.loaded.files, &looked.loaded.sources);
    let anchor = looked.anchor(&items)?;
    let mut spans: Vec<Span> = Vec::new();
    if params.context.include_declaration {
        spans.extend(
            items
                .by_file
                .iter()
                .flatten()
                .filter(|i| i.anchor == anchor)
                .map(|i| i.span),
        );
    }
    spans.extend(looked.links.iter().filter(|l| l.anchor == anchor).map(|l| l.span));
    Some(spans.into_iter().filter_map(|s| looked.location(s)).collect())
}

/// What the item pointed at is: its kind and name, its label in both languages, the
/// clause it cites with the words it quotes, and where it is declared.
pub fn hover(documents: &Documents, params: &HoverParams, lang: Lang) -> Option<Hover> {
    let looked = Looked::at(documents, &params.text_document_position_params)?;
    let items = Items::of(&looked.loaded.files, &looked.loaded.sources);
    let anchor = looked.anchor(&items)?;
    let item = items.by_file.iter().flatten().find(|i| i.anchor == anchor)?;
    let mut text = format!("**{}** `{}`", kind_word(item.kind, lang), item.name);
    if let Some(label) = item.label {
        text.push_str(&format!("\n\n{}", label.zh));
        if let Some(en) = &label.en {
            text.push_str(&format!(" · {en}"));
        }
    }
    if let Some(cite) = item.cite {
        text.push_str(&format!("\n\n{} {}", LspMsg::Cites.text(lang), cite.clause.node));
        if let Some(quoted) = &cite.text {
            text.push_str(&format!("：“{quoted}”"));
        }
    }
    let file = looked.loaded.sources.get(item.span.file);
    let line = file.text[..item.span.start as usize].matches('\n').count() + 1;
    text.push_str(&format!("\n\n{}:{line}", file.name));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: looked
            .links
            .iter()
            .find(|l| looked.under(l.span))
            .map(|l| range_of(&file_text(&looked, l.span), l.span.start as usize, l.span.end as usize)),
    })
}

/// The text of the file `span` is in.
fn file_text(looked: &Looked, span: Span) -> std::sync::Arc<str> {
    looked.loaded.sources.get(span.file).text.clone()
}

/// The items of the document, in its order, for the editor's outline.
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
    let text = &document.text;
    #[allow(deprecated)] // `deprecated` is a field the type requires.
    let symbols = items.by_file.get(index)?.iter().map(|item: &DocItem| {
        let range = range_of(text, item.span.start as usize, item.span.end as usize);
        DocumentSymbol {
            name: item.name.clone(),
            detail: item
                .label
                .map(|l| match (lang, &l.en) {
                    (Lang::En, Some(en)) => en.clone(),
                    _ => l.zh.clone(),
                })
                .or_else(|| item.cite.map(|c| c.clause.node.clone())),
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
    });
    Some(DocumentSymbolResponse::Nested(symbols.collect()))
}

/// What an item is, in a word of `lang`.
fn kind_word(kind: ItemKind, lang: Lang) -> &'static str {
    let word = match kind {
        ItemKind::Rule(k) => return kind_heading(k, lang),
        ItemKind::Define => LspMsg::Definition,
        ItemKind::Param => LspMsg::Parameter,
        ItemKind::Table => LspMsg::Table,
        ItemKind::Enum => LspMsg::Enum,
        ItemKind::Repeal => LspMsg::Repeal,
    };
    word.text(lang)
}

crate::catalogue! {
    /// The words of the editor's hovers.
    pub enum LspMsg {
        /// a definition
        Definition => "定义", "definition";
        /// a parameter
        Parameter => "参数", "parameter";
        /// a table
        Table => "表", "table";
        /// an enum
        Enum => "枚举", "enum";
        /// a repeal
        Repeal => "废止", "repeal";
        /// before the clause an item cites
        Cites => "引用", "cites";
    }
}

//! Hover, go to definition and find references in a policy file, from
//! the cross references of its checked program (`doc::links`: a name refers to what
//! the checker resolved it to, never to a guess from the text) and its items
//! (`doc::items`: each declaration with its label and clause). While the policy has
//! errors there is no checked program, and a file being typed nearly always has one:
//! hover and go to definition then find a name among the declarations the files still
//! parse to, when exactly one declares it, and the hover says it was found by name.

use super::case_blocks::fields_at;
use super::diagnostics::load_open_policy;
use super::documents::{DocumentKind, Documents, kind_of, uri_of};
use super::messages::{LspMsg, kind_word};
use super::position::{offset_of, range_of};
use crate::doc::case_fields::{CaseField, anchor as field_anchor, case_fields};
use crate::doc::items::{DocItem, ItemKind, Items};
use crate::doc::links::{Link, links};
use crate::lang::Lang;
use crate::policy_set::LoadedPolicy;
use crate::program::{TypeWord, type_text};
use crate::report::messages::label;
use crate::source::Span;
use lsp_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location, MarkupContent,
    MarkupKind, ReferenceParams, TextDocumentPositionParams,
};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A policy document loaded with its cross references, and the byte the editor
/// points at.
struct Looked {
    loaded: std::rc::Rc<LoadedPolicy>,
    links: Vec<Link>,
    /// The case's fields, which field paths link to.
    fields: Vec<CaseField>,
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
        let (links, fields) = match &loaded.program {
            Some(program) => {
                let items = Items::of(&loaded.files, &loaded.sources);
                let fields = case_fields(program);
                let field_anchors: Vec<String> = fields.iter().map(|f| field_anchor(&f.path)).collect();
                let anchors: HashSet<&str> = items
                    .anchors()
                    .chain(field_anchors.iter().map(String::as_str))
                    .collect();
                (links(program, &loaded.files, &loaded.sources, &anchors), fields)
            }
            None => (Vec::new(), Vec::new()),
        };
        let name = document.path.to_string_lossy();
        let file =
            (0..loaded.sources.len() as u32).find(|n| loaded.sources.get(crate::source::FileId(*n)).name == name);
        Some(Looked {
            offset: offset_of(&document.text, at.position),
            loaded,
            links,
            fields,
            file,
        })
    }

    /// Whether `span` is in the document and holds the byte pointed at.
    fn under(&self, span: Span) -> bool {
        Some(span.file.0) == self.file && (span.start as usize..=span.end as usize).contains(&self.offset)
    }

    /// The anchor of what is pointed at: a name that refers to an item, or an item's
    /// name where it is declared (on the first line of its declaration). Anywhere else
    /// (an operator, a date, `as_of`, white space) nothing: an answer there would be
    /// made up.
    fn anchor(&self, items: &Items) -> Option<String> {
        if let Some(link) = self.links.iter().find(|l| self.under(l.span)) {
            return Some(link.anchor.clone());
        }
        let word = self.word()?;
        items
            .by_file
            .iter()
            .flatten()
            .filter(|i| self.under(i.span))
            .find(|i| {
                let text = &self.loaded.sources.get(i.span.file).text;
                let start = i.span.start as usize;
                let first_line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
                let named = i.name == word || i.name.rsplit(' ').next() == Some(word.as_str());
                named && self.offset <= first_line_end
            })
            .map(|i| i.anchor.clone())
            .or_else(|| self.by_name(items, &word))
    }

    /// While the policy has errors: the one declaration named `word`, if one only.
    fn by_name(&self, items: &Items, word: &str) -> Option<String> {
        if self.loaded.program.is_some() {
            return None;
        }
        let mut named = items.by_file.iter().flatten().filter(|i| i.name == word);
        let first = named.next()?;
        named.all(|i| i.anchor == first.anchor).then(|| first.anchor.clone())
    }

    /// The word (a name, a number) the byte pointed at is in.
    fn word(&self) -> Option<String> {
        let file = self.file?;
        let text = &self.loaded.sources.get(crate::source::FileId(file)).text;
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let at = self.offset.min(text.len());
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len(), |(i, _)| at + i);
        (start < end).then(|| text[start..end].to_string())
    }

    /// The enums that have the value pointed at (`male` after `is`), with the value's
    /// label: a bare value, which the checker resolves by the type it is compared with.
    fn enum_values(&self) -> Vec<(&crate::program::EnumType, &crate::ast::Label)> {
        let (Some(word), Some(program)) = (self.word(), self.loaded.program.as_ref()) else {
            return Vec::new();
        };
        program
            .enums
            .iter()
            .filter_map(|e| {
                e.variants()
                    .iter()
                    .find(|(name, _)| *name == word)
                    .map(|(_, label)| (e, label))
            })
            .collect()
    }

    /// The file a header entry pointed at names, relative to the policy.
    fn named_file(&self) -> Option<Location> {
        let (_, path) = self.file_names().into_iter().find(|(span, _)| self.under(*span))?;
        Some(Location::new(uri_of(&path)?, lsp_types::Range::default()))
    }

    /// The files the headers of the loaded files name (`uses`, `calendar`, `amends`,
    /// `source_text`): where each is named, and the file's path.
    fn file_names(&self) -> Vec<(Span, PathBuf)> {
        let mut out = Vec::new();
        for file in &self.loaded.files {
            let header = &file.header;
            let policy = Path::new(&self.loaded.sources.get(file.file).name);
            let Some(dir) = policy.parent() else { continue };
            let named = header
                .uses
                .iter()
                .chain(&header.calendars)
                .chain(&header.amends)
                .chain(&header.source_text);
            for name in named {
                let path = dir.join(&name.node);
                out.push((name.span, std::fs::canonicalize(&path).unwrap_or(path)));
            }
        }
        out
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

/// The declaration of the item pointed at; for a file the header names (`uses`,
/// `amends`, `calendar`, `source_text`), that file.
pub fn definition(documents: &Documents, params: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let looked = Looked::at(documents, &params.text_document_position_params)?;
    if let Some(named) = looked.named_file() {
        return Some(GotoDefinitionResponse::Scalar(named));
    }
    let items = Items::of(&looked.loaded.files, &looked.loaded.sources);
    let anchor = match looked.anchor(&items) {
        Some(anchor) => anchor,
        // A bare enum value: its enum's declaration.
        None => {
            let values = looked.enum_values();
            let (e, _) = values.first()?;
            crate::doc::items::anchor(ItemKind::Enum, &e.name)
        }
    };
    // A case field: where the case block declares it.
    if let Some(field) = looked.fields.iter().find(|f| field_anchor(&f.path) == anchor) {
        let span = field_declared_at(&looked.loaded.files, &field.path)?;
        return looked.location(span).map(GotoDefinitionResponse::Scalar);
    }
    let item = items.by_file.iter().flatten().rev().find(|i| i.anchor == anchor)?;
    looked.location(item.span).map(GotoDefinitionResponse::Scalar)
}

/// Every use of the item pointed at (and its declaration, when asked), in the files of
/// every open policy: a definition of a national file is used by the provincial
/// policies that build on it.
pub fn references(documents: &Documents, params: &ReferenceParams) -> Option<Vec<Location>> {
    let looked = Looked::at(documents, &params.text_document_position)?;
    if let Some(named) = looked.named_file() {
        return Some(namings(documents, looked, &named));
    }
    let items = Items::of(&looked.loaded.files, &looked.loaded.sources);
    let anchor = looked.anchor(&items)?;
    let declared = items.by_file.iter().flatten().rev().find(|i| i.anchor == anchor)?;
    let declared_in = looked.loaded.sources.get(declared.span.file).name.clone();
    let (declared_name, declared_span) = (declared.name.clone(), declared.span);
    let mut found: Vec<Location> = Vec::new();
    let seen = |location: Option<Location>, found: &mut Vec<Location>| {
        if let Some(location) = location
            && !found.contains(&location)
        {
            found.push(location);
        }
    };
    if params.context.include_declaration {
        seen(looked.location(declared_span), &mut found);
    }
    let mut loads = vec![looked];
    for (_, document) in documents.of_kind(DocumentKind::Policy) {
        let uri = uri_of(&document.path)?;
        let at = TextDocumentPositionParams::new(
            lsp_types::TextDocumentIdentifier::new(uri),
            lsp_types::Position::new(0, 0),
        );
        loads.extend(Looked::at(documents, &at));
    }
    for load in &loads {
        // The same item in this load: its anchor, declared in the same file.
        let items = Items::of(&load.loaded.files, &load.loaded.sources);
        let same = items
            .by_file
            .iter()
            .flatten()
            .rev()
            .find(|i| i.name == declared_name && load.loaded.sources.get(i.span.file).name == declared_in);
        let Some(same) = same else { continue };
        for link in load.links.iter().filter(|l| l.anchor == same.anchor) {
            seen(load.location(link.span), &mut found);
        }
    }
    Some(found)
}

/// Every header entry, in the open policies and the files they read, that names the
/// file at `named` (a `uses` string pointed at: who else uses that file).
fn namings(documents: &Documents, looked: Looked, named: &Location) -> Vec<Location> {
    let mut loads = vec![looked];
    for (_, document) in documents.of_kind(DocumentKind::Policy) {
        let Some(uri) = uri_of(&document.path) else { continue };
        let at = TextDocumentPositionParams::new(
            lsp_types::TextDocumentIdentifier::new(uri),
            lsp_types::Position::new(0, 0),
        );
        loads.extend(Looked::at(documents, &at));
    }
    let mut found: Vec<Location> = Vec::new();
    for load in &loads {
        for (span, path) in load.file_names() {
            if uri_of(&path).as_ref() == Some(&named.uri)
                && let Some(location) = load.location(span)
                && !found.contains(&location)
            {
                found.push(location);
            }
        }
    }
    found
}

/// What the item pointed at is: its kind and name, its label in both languages, the
/// clause it cites with the words it quotes, and where it is declared.
pub fn hover(documents: &Documents, params: &HoverParams, lang: Lang) -> Option<Hover> {
    let looked = Looked::at(documents, &params.text_document_position_params)?;
    let items = Items::of(&looked.loaded.files, &looked.loaded.sources);
    let Some(anchor) = looked.anchor(&items) else {
        // A bare enum value: the enums that have it, with its label.
        let values = looked.enum_values();
        if values.is_empty() {
            return None;
        }
        let lines: Vec<String> = values
            .iter()
            .map(|(e, l)| {
                let en = l.en.as_ref().map(|en| format!(" · {en}")).unwrap_or_default();
                format!("**{}** `{}` {}{en}", LspMsg::EnumValue.text(lang), e.name, l.zh)
            })
            .collect();
        return Some(markdown(lines.join("\n\n"), None));
    };
    let range = looked.links.iter().find(|l| looked.under(l.span)).map(|l| {
        let text = looked.loaded.sources.get(l.span.file).text.clone();
        range_of(&text, l.span.start as usize, l.span.end as usize)
    });
    if let Some(field) = looked.fields.iter().find(|f| field_anchor(&f.path) == anchor) {
        let mut text = format!(
            "**{}** `{}`\n\n{}",
            LspMsg::CaseField.text(lang),
            field.path,
            field.label.zh
        );
        if let Some(en) = &field.label.en {
            text.push_str(&format!(" · {en}"));
        }
        text.push_str(&format!("\n\n{}", field.kind.get(lang)));
        if field.optional {
            text.push_str(LspMsg::MayBeLeftOut.text(lang));
        }
        if let Some(span) = field_declared_at(&looked.loaded.files, &field.path) {
            let file = looked.loaded.sources.get(span.file);
            let line = file.text[..span.start as usize].matches('\n').count() + 1;
            text.push_str(&format!("\n\n{}:{line}", file.name));
        }
        return Some(markdown(text, range));
    }
    let item = items.by_file.iter().flatten().find(|i| i.anchor == anchor)?;
    let mut text = format!("**{}** `{}`", kind_word(item.kind, lang), item.name);
    if let Some(kind) = value_kind(&looked, item, lang) {
        text.push_str(&format!(" · {kind}"));
    }
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
    if looked.loaded.program.is_none() {
        text.push_str(&format!("\n\n*{}*", LspMsg::FoundByName.text(lang)));
    }
    Some(markdown(text, range))
}

/// Where the case blocks declare the field at `path` (`household.members.employed`):
/// its name in the first block that has it.
fn field_declared_at(files: &[crate::ast::PolicyFile], path: &str) -> Option<Span> {
    let chain: Vec<&str> = path.split('.').collect();
    let (last, record) = chain.split_last()?;
    let field = fields_at(files, record).into_iter().find(|f| f.name.node == *last)?;
    Some(field.name.span)
}

/// A hover of markdown text.
fn markdown(value: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

/// What a definition's or parameter's value is, in words (`a date`, `以月计的期间`).
fn value_kind(looked: &Looked, item: &DocItem, lang: Lang) -> Option<String> {
    let program = looked.loaded.program.as_ref()?;
    if !matches!(item.kind, ItemKind::Define | ItemKind::Param) {
        return None;
    }
    let def = program.definitions.iter().rev().find(|d| d.name == item.name)?;
    let enum_words = |e: crate::value::EnumId, several: bool| match program.enums.get(e.0 as usize) {
        Some(e) if several => TypeWord::Enums.with([label(&e.label, lang)]),
        Some(e) => TypeWord::Enum.with([label(&e.label, lang)]),
        None => TypeWord::Anything.into(),
    };
    Some(type_text(&def.expr.ty, &enum_words).get(lang).into_owned())
}

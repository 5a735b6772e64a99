//! The items of a policy's files that the page shows (rules, definitions, parameters,
//! tables, enums, repeals), each with the anchor other items link to. An item's anchor
//! is its kind and name (`define-age`, `category-1`); when several files declare the
//! same one (an amendment's `replace`), the last declared, the one in force, has it,
//! and the earlier ones have it with a number after.

use crate::ast::{Citation, Item, Label, PolicyFile, Repealed, RuleKind};
use crate::source::{SourceMap, Span};
use crate::syntax::keywords::in_english;
use std::collections::HashMap;

/// What kind of item it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A rule of a kind.
    Rule(RuleKind),
    /// A definition (or function).
    Define,
    /// A parameter.
    Param,
    /// A table.
    Table,
    /// An enumeration.
    Enum,
    /// A repeal, in an amending document.
    Repeal,
}

/// An item of a policy file, as the page shows it.
#[derive(Debug, Clone)]
pub struct DocItem<'a> {
    /// Its anchor on the page.
    pub anchor: String,
    /// Its kind.
    pub kind: ItemKind,
    /// Its name as written (`category 1`, `类别 1`, `in_working_age`): a rule's kind
    /// in the keyword its file writes.
    pub name: String,
    /// Its label: a definition's, table's or enum's; a check's message.
    pub label: Option<&'a Label>,
    /// The clause it cites.
    pub cite: Option<&'a Citation>,
    /// Its declaration, `replace` included.
    pub span: Span,
    /// Whether it is written as `replace …`.
    pub replaces: bool,
}

/// The items of each policy file, in the order of the files and of their text.
#[derive(Debug)]
pub struct Items<'a> {
    /// For each file, its items.
    pub by_file: Vec<Vec<DocItem<'a>>>,
}

/// The anchor of an item by its kind and name, before numbering the earlier ones.
pub fn anchor(kind: ItemKind, name: &str) -> String {
    let prefix = match kind {
        ItemKind::Rule(k) => k.keyword(),
        ItemKind::Define => "define",
        ItemKind::Param => "param",
        ItemKind::Table => "table",
        ItemKind::Enum => "enum",
        ItemKind::Repeal => "repeal",
    };
    // A rule's name has a space between its kind, as written, and its id.
    let name = match kind {
        ItemKind::Rule(_) => name.split_once(' ').map_or(name, |(_, id)| id),
        _ => name,
    };
    format!("{prefix}-{}", name.replace(char::is_whitespace, "-"))
}

impl<'a> Items<'a> {
    /// The items of `files` (their text in `sources`), anchored.
    pub fn of(files: &'a [PolicyFile], sources: &SourceMap) -> Items<'a> {
        let mut by_file: Vec<Vec<DocItem<'a>>> = files.iter().map(|f| items_of(f, sources)).collect();
        // How many declarations of each anchor are still to come: all but the last
        // are numbered.
        let mut left: HashMap<String, usize> = HashMap::new();
        for item in by_file.iter().flatten() {
            *left.entry(item.anchor.clone()).or_default() += 1;
        }
        for item in by_file.iter_mut().flatten() {
            if let Some(n) = left.get_mut(&item.anchor) {
                *n -= 1;
                if *n > 0 {
                    item.anchor = format!("{}-v{n}", item.anchor);
                }
            }
        }
        Items { by_file }
    }

    /// Every anchor, for links to check their targets against.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.by_file.iter().flatten().map(|i| i.anchor.as_str())
    }
}

/// The items of one file, in its order.
fn items_of<'a>(file: &'a PolicyFile, sources: &SourceMap) -> Vec<DocItem<'a>> {
    file.items
        .iter()
        .filter_map(|item| item_of(item, None, sources))
        .collect()
}

/// The keyword of a rule's kind as written just before its id (`类别` in `类别 1`, the
/// id's span `id`, the text before it from `from` on); the English keyword when the
/// text there is not one of the kind's.
fn written_kind(kind: RuleKind, from: u32, id: Span, sources: &SourceMap) -> String {
    let before = Span::new(id.file, from as usize, id.start as usize);
    let word = sources.snippet(before).split_whitespace().last().unwrap_or("");
    match in_english(word) == kind.keyword() {
        true => word.to_string(),
        false => kind.keyword().to_string(),
    }
}

/// One item as the page shows it; `replaced_at` is the span of its `replace` when it
/// is written as one.
fn item_of<'a>(item: &'a Item, replaced_at: Option<Span>, sources: &SourceMap) -> Option<DocItem<'a>> {
    let (kind, name, label, cite, span) = match item {
        Item::Rule(r) => (
            ItemKind::Rule(r.kind),
            format!(
                "{} {}",
                written_kind(r.kind, r.span.start, r.id.span, sources),
                r.id.node
            ),
            r.message.as_ref(),
            r.cite.as_ref(),
            r.span,
        ),
        Item::Define(d) | Item::Param(d) => {
            let kind = match item {
                Item::Param(_) => ItemKind::Param,
                _ => ItemKind::Define,
            };
            (kind, d.name.node.clone(), Some(&d.label), d.cite.as_ref(), d.span)
        }
        Item::Table(t) => (
            ItemKind::Table,
            t.name.node.clone(),
            Some(&t.label),
            t.cite.as_ref(),
            t.span,
        ),
        Item::Enum(e) => (
            ItemKind::Enum,
            e.name.node.clone(),
            Some(&e.label),
            e.cite.as_ref(),
            e.span,
        ),
        Item::Repeal(r) => {
            let name = match &r.what {
                Repealed::Rule(kind, id) => {
                    format!("{} {}", written_kind(*kind, r.span.start, id.span, sources), id.node)
                }
                Repealed::Define(name) => name.node.clone(),
                Repealed::Field(path) => path.iter().map(|p| p.node.as_str()).collect::<Vec<_>>().join("."),
            };
            (ItemKind::Repeal, name, None, Some(&r.cite), r.span)
        }
        Item::Replace(inner, span) => return item_of(inner, Some(*span), sources),
        Item::Case(_) | Item::Decision(_) => return None,
    };
    Some(DocItem {
        anchor: anchor(kind, &name),
        kind,
        name,
        label: label.filter(|l| !l.zh.is_empty()),
        cite,
        span: replaced_at.unwrap_or(span),
        replaces: replaced_at.is_some(),
    })
}

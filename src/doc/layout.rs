//! Which items stand beside which passage of the notice: an item beside the passage of
//! the clause it cites where its quote is (a section's list and the text after it are
//! two passages), else beside the clause's heading; the words each passage's items
//! quote, to highlight; the clauses no item cites (headings aside); and the items that
//! cite a clause the notice does not have, a clause of another document, or none. A
//! citation names a clause when the two ids have the same [`clause_key`] (`一(二)` names
//! `一（二）`).

use super::items::DocItem;
use super::marks::clause_key;
use super::notice::{Notice, Part};
use super::quotes;
use std::collections::HashMap;
use std::ops::Range;

/// An item placed beside a passage.
#[derive(Debug)]
pub struct Placed<'i, 'a> {
    /// The item.
    pub item: &'i DocItem<'a>,
    /// The id of the clause it cites, as the notice numbers it.
    pub clause: String,
    /// Whether it quotes words that the clause's text does not have.
    pub quote_missing: bool,
}

/// The notice with the policy's items placed.
#[derive(Debug)]
pub struct Layout<'i, 'a> {
    /// The notice.
    pub notice: Notice,
    /// For each passage, the items beside it.
    pub beside: Vec<Vec<Placed<'i, 'a>>>,
    /// For each passage, the byte ranges its items quote, in its paragraphs joined by
    /// `\n` ([`joined`]), sorted and merged.
    pub marks: Vec<Vec<Range<usize>>>,
    /// For each passage of a clause, whether some item cites the clause.
    pub cited: Vec<bool>,
    /// The ids of the clauses with text of their own that no item cites, in order.
    pub uncited: Vec<String>,
    /// How many clauses with text of their own the notice has.
    pub clauses: usize,
    /// How many clauses are headings only ([`super::Passage::heading`]).
    pub headings: usize,
    /// Items citing a clause the notice does not have (an id shaped like its clauses').
    pub elsewhere: Vec<&'i DocItem<'a>>,
    /// Items citing a clause of another document (`contract §2`).
    pub other_documents: Vec<&'i DocItem<'a>>,
    /// Items whose quote is not in the clause they cite, with that clause's id.
    pub quotes_missing: Vec<(&'i DocItem<'a>, String)>,
    /// Items citing no clause.
    pub citing_nothing: Vec<&'i DocItem<'a>>,
}

/// A passage's paragraphs as one text, each after a `\n` but the first.
pub fn joined(paragraphs: &[String]) -> String {
    paragraphs.join("\n")
}

impl<'i, 'a> Layout<'i, 'a> {
    /// Places `items` (the policy file's own, in order) beside `notice`'s passages.
    pub fn of(notice: Notice, items: &'i [DocItem<'a>]) -> Layout<'i, 'a> {
        let texts: Vec<String> = notice.passages.iter().map(|p| joined(&p.paragraphs)).collect();
        // The passages of each clause by its key, its heading's first.
        let mut passages_of: HashMap<String, (&str, Vec<usize>)> = HashMap::new();
        for (i, passage) in notice.passages.iter().enumerate() {
            if let Some(id) = passage.clause() {
                let key = clause_key(id).unwrap_or_else(|| id.to_string());
                passages_of.entry(key).or_insert((id, Vec::new())).1.push(i);
            }
        }
        let n = notice.passages.len();
        let mut beside: Vec<Vec<Placed>> = (0..n).map(|_| Vec::new()).collect();
        let mut marks: Vec<Vec<Range<usize>>> = vec![Vec::new(); n];
        let mut cited_clauses: HashMap<&str, bool> = HashMap::new();
        let (mut elsewhere, mut other_documents, mut quotes_missing, mut citing_nothing) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for item in items {
            let Some(cite) = item.cite else {
                citing_nothing.push(item);
                continue;
            };
            let key = clause_key(&cite.clause.node);
            let Some((clause, passages)) = key.as_ref().and_then(|k| passages_of.get(k)) else {
                match key {
                    Some(_) => elsewhere.push(item),
                    None => other_documents.push(item),
                }
                continue;
            };
            cited_clauses.insert(clause, true);
            let mut placed_at = None;
            if let Some(quote) = &cite.text {
                for &p in passages {
                    if let Some(found) = quotes::find(&texts[p], quote) {
                        marks[p].extend(found);
                        placed_at.get_or_insert(p);
                    }
                }
            }
            let quote_missing = cite.text.is_some() && placed_at.is_none();
            if quote_missing {
                quotes_missing.push((item, clause.to_string()));
            }
            let at = placed_at.unwrap_or(passages[0]);
            beside[at].push(Placed {
                item,
                clause: clause.to_string(),
                quote_missing,
            });
        }
        let marks = marks.into_iter().map(quotes::merged).collect();
        let cited = notice
            .passages
            .iter()
            .map(|p| p.clause().is_some_and(|id| cited_clauses.contains_key(id)))
            .collect();
        let own_text = notice.passages.iter().filter_map(|p| match &p.part {
            Part::Clause(id) if !p.heading => Some(id.as_str()),
            _ => None,
        });
        let uncited = own_text
            .clone()
            .filter(|id| !cited_clauses.contains_key(id))
            .map(str::to_string)
            .collect();
        let clauses = own_text.count();
        let headings = notice.passages.iter().filter(|p| p.heading).count();
        Layout {
            notice,
            beside,
            marks,
            cited,
            uncited,
            clauses,
            headings,
            elsewhere,
            other_documents,
            quotes_missing,
            citing_nothing,
        }
    }
}

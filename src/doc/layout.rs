//! Which items stand beside which passage of the notice: an item beside the passage of
//! the clause it cites where its quote is (a section's list and the text after it are
//! two passages), else beside the clause's heading; the words each passage's items
//! quote, to highlight; the clauses no item cites; and the items that cite a clause the
//! notice does not have, or none.

use super::items::DocItem;
use super::notice::{Notice, Part};
use super::quotes;
use std::collections::HashMap;
use std::ops::Range;

/// An item placed beside a passage.
#[derive(Debug)]
pub struct Placed<'i, 'a> {
    /// The item.
    pub item: &'i DocItem<'a>,
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
    /// The ids of the clauses no item cites, in order.
    pub uncited: Vec<String>,
    /// How many clauses the notice has.
    pub clauses: usize,
    /// Items citing a clause the notice does not have.
    pub elsewhere: Vec<&'i DocItem<'a>>,
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
        // The passages of each clause, its heading's first.
        let mut passages_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, passage) in notice.passages.iter().enumerate() {
            if let Some(id) = passage.clause() {
                passages_of.entry(id).or_default().push(i);
            }
        }
        let n = notice.passages.len();
        let mut beside: Vec<Vec<Placed>> = (0..n).map(|_| Vec::new()).collect();
        let mut marks: Vec<Vec<Range<usize>>> = vec![Vec::new(); n];
        let mut cited_clauses: HashMap<&str, bool> = HashMap::new();
        let (mut elsewhere, mut citing_nothing) = (Vec::new(), Vec::new());
        for item in items {
            let Some(cite) = item.cite else {
                citing_nothing.push(item);
                continue;
            };
            let Some(passages) = passages_of.get(cite.clause.node.as_str()) else {
                elsewhere.push(item);
                continue;
            };
            cited_clauses.insert(cite.clause.node.as_str(), true);
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
            let at = placed_at.unwrap_or(passages[0]);
            beside[at].push(Placed { item, quote_missing });
        }
        let marks = marks.into_iter().map(quotes::merged).collect();
        let cited = notice
            .passages
            .iter()
            .map(|p| p.clause().is_some_and(|id| cited_clauses.contains_key(id)))
            .collect();
        let uncited = notice
            .clause_ids()
            .filter(|id| !cited_clauses.contains_key(id))
            .map(str::to_string)
            .collect();
        let clauses = notice
            .passages
            .iter()
            .filter(|p| matches!(p.part, Part::Clause(_)))
            .count();
        Layout {
            notice,
            beside,
            marks,
            cited,
            uncited,
            clauses,
            elsewhere,
            citing_nothing,
        }
    }
}

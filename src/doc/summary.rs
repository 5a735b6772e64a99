//! What `zhengce doc` says of the page on the terminal: how many clauses are encoded,
//! which are not, the items that cite a clause the notice lacks and the quotes not found
//! in their clause (what `--check` fails on), and a warning when the notice's text has
//! no numbering at all.

use super::items::DocItem;
use super::layout::Layout;
use super::messages::DocMsg;
use crate::lang::Lang;
use crate::source::SourceMap;
use std::fmt::Write;

/// An item of the policy named in the summary, with the clause it cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitingItem {
    /// Where it is declared (`p.policy:12`).
    pub place: String,
    /// Its name as written (`类别 1`, `is_a`).
    pub name: String,
    /// The clause it cites, as written there.
    pub clause: String,
}

/// The summary of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The notice's file, as shown.
    pub notice: String,
    /// Whether any clause numbering was found in the notice's text.
    pub numbered: bool,
    /// How many clauses with text of their own the notice has.
    pub clauses: usize,
    /// How many clauses are headings only (not counted).
    pub headings: usize,
    /// The ids of the clauses with text of their own that no item cites.
    pub uncited: Vec<String>,
    /// Items citing a clause the notice does not have.
    pub missing_clauses: Vec<CitingItem>,
    /// Items whose quote is not in the clause they cite.
    pub quotes_not_found: Vec<CitingItem>,
    /// How many items cite a clause of another document (not checked).
    pub other_documents: usize,
}

impl Summary {
    /// The summary of `layout`, whose items' places are in `sources`.
    pub fn of(layout: &Layout, sources: &SourceMap, notice: &str) -> Summary {
        let citing = |item: &DocItem| {
            let file = sources.get(item.span.file);
            CitingItem {
                place: format!("{}:{}", file.name, sources.line_col(item.span).line),
                name: item.name.clone(),
                clause: item.cite.map(|c| c.clause.node.clone()).unwrap_or_default(),
            }
        };
        Summary {
            notice: notice.to_string(),
            numbered: layout.notice.numbered(),
            clauses: layout.clauses,
            headings: layout.headings,
            uncited: layout.uncited.clone(),
            missing_clauses: layout.elsewhere.iter().map(|i| citing(i)).collect(),
            quotes_not_found: layout.quotes_missing.iter().map(|(i, _)| citing(i)).collect(),
            other_documents: layout.other_documents.len(),
        }
    }

    /// Whether `--check` fails: an item cites a clause the notice lacks, or quotes
    /// words its clause does not have. Clauses no item cites do not fail it.
    pub fn fails_check(&self) -> bool {
        !self.missing_clauses.is_empty() || !self.quotes_not_found.is_empty()
    }

    /// The summary in `lang`, a line each, each ending in a newline.
    pub fn text(&self, lang: Lang) -> String {
        let say = |m: DocMsg, args: &[&str]| m.with(args.iter().copied()).get(lang).into_owned();
        let mut out = String::new();
        if !self.numbered {
            let _ = writeln!(out, "{}", say(DocMsg::TermNoNumbering, &[&self.notice]));
        } else {
            let encoded = self.clauses - self.uncited.len();
            out.push_str(&say(
                DocMsg::Coverage,
                &[&self.clauses.to_string(), &encoded.to_string()],
            ));
            if self.headings > 0 {
                out.push_str(&say(DocMsg::HeadingsNotCounted, &[&self.headings.to_string()]));
            }
            out.push('\n');
            if self.uncited.is_empty() {
                let _ = writeln!(out, "{}", say(DocMsg::EveryClauseCited, &[]));
            } else {
                let separator = say(DocMsg::TermListSeparator, &[]);
                let ids = self.uncited.join(&separator);
                let _ = writeln!(out, "{}", say(DocMsg::TermUncited, &[&ids]));
            }
        }
        for (heading, items) in [
            (DocMsg::TermMissingClauses, &self.missing_clauses),
            (DocMsg::TermQuotesNotFound, &self.quotes_not_found),
        ] {
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{}", say(heading, &[&items.len().to_string()]));
            for item in items {
                let line = say(DocMsg::TermItem, &[&item.place, &item.name, &item.clause]);
                let _ = writeln!(out, "  {line}");
            }
        }
        if self.other_documents > 0 {
            let n = self.other_documents.to_string();
            let _ = writeln!(out, "{}", say(DocMsg::TermOtherDocuments, &[&n]));
        }
        out
    }
}

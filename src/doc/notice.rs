//! The text of a notice cut into its clauses by the numbering of Chinese official
//! documents (GB/T 9704): sections `一、…`, `二、…`, and under each its sub-clauses
//! `（一）…`, `（二）…` (numbered again from one in each section). A section's id is its
//! numeral (`一`), a sub-clause's the section's and its own (`一（一）`): the ids a
//! policy's `cites "…"` give. Nothing here knows any one notice.
//!
//! A heading is a paragraph that starts with a numbering mark whose number is greater
//! than the last one of its level, so that a paragraph that only starts like a heading
//! (`二、三个工作日…` after `五、`) stays text. When the paragraph before a run of
//! sub-clauses ends with a colon, the sub-clauses are the items of a list (`包括：`),
//! one paragraph each, and the paragraphs after the list are the section's again
//! ([`Part::Continued`]). The text before the first section is the preamble; the
//! signatures, the date of the document and what follows it are its closing.

use super::numerals;

/// What a passage of the notice is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The text before the first section: title, addressees, the opening paragraph.
    Preamble,
    /// A clause's own text, from its heading on: a section (id `一`) or a sub-clause
    /// (id `一（一）`).
    Clause(String),
    /// More of a section's text after a list of its sub-clauses (the section's id).
    Continued(String),
    /// The signatures, the date of the document and the notes after it (落款、成文日期、
    /// 附注).
    Closing,
}

/// A run of paragraphs of the notice that belong to one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// What it is.
    pub part: Part,
    /// Its paragraphs (the lines of the text that are not blank), without the spaces
    /// around them.
    pub paragraphs: Vec<String>,
}

impl Passage {
    /// The id of the clause it is the text of (its own or a section's continued).
    pub fn clause(&self) -> Option<&str> {
        match &self.part {
            Part::Clause(id) | Part::Continued(id) => Some(id),
            Part::Preamble | Part::Closing => None,
        }
    }
}

/// A notice, passage by passage in the order of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its passages.
    pub passages: Vec<Passage>,
}

/// A numbering mark at the start of a paragraph.
enum Mark<'a> {
    /// `一、`: a section, with its numeral and number.
    Section(&'a str, u32),
    /// `（一）` or `(一)`: a sub-clause.
    SubClause(&'a str, u32),
}

impl Notice {
    /// Cuts `text` into passages.
    pub fn parse(text: &str) -> Notice {
        let paragraphs: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let closing = closing_start(&paragraphs);
        let mut notice = Cutter::default().cut(&paragraphs[..closing]);
        if !notice.clause_ids().any(|_| true) {
            // No clause at all: nothing to tell the closing from.
            return Cutter::default().cut(&paragraphs);
        }
        if closing < paragraphs.len() {
            notice.passages.push(Passage {
                part: Part::Closing,
                paragraphs: paragraphs[closing..].iter().map(|p| p.to_string()).collect(),
            });
        }
        notice
    }

    /// The ids of its clauses, in order.
    pub fn clause_ids(&self) -> impl Iterator<Item = &str> {
        self.passages.iter().filter_map(|p| match &p.part {
            Part::Clause(id) => Some(id.as_str()),
            _ => None,
        })
    }
}

/// The state of cutting a notice's paragraphs.
#[derive(Default)]
struct Cutter {
    passages: Vec<Passage>,
    /// The current section's id and number.
    section: Option<(String, u32)>,
    /// The number of the current section's last sub-clause (0 before the first).
    last_sub: u32,
    /// Whether the current run of sub-clauses is a list (one paragraph each).
    list: bool,
}

impl Cutter {
    fn cut(mut self, paragraphs: &[&str]) -> Notice {
        for paragraph in paragraphs {
            self.add(paragraph);
        }
        Notice {
            passages: self.passages,
        }
    }

    fn add(&mut self, paragraph: &str) {
        let last_section = self.section.as_ref().map_or(0, |(_, n)| *n);
        match mark(paragraph) {
            Some(Mark::Section(numeral, n)) if n > last_section => {
                self.section = Some((numeral.to_string(), n));
                self.last_sub = 0;
                self.list = false;
                self.start(Part::Clause(numeral.to_string()), paragraph);
            }
            Some(Mark::SubClause(numeral, n)) if self.section.is_some() && n > self.last_sub => {
                let in_sub_clause = self.in_sub_clause();
                if !in_sub_clause {
                    let before = self.passages.last().and_then(|p| p.paragraphs.last());
                    self.list = before.is_some_and(|p| p.ends_with(['：', ':']));
                }
                self.last_sub = n;
                let section = self.section.as_ref().map_or("", |(id, _)| id.as_str());
                let id = format!("{section}（{numeral}）");
                self.start(Part::Clause(id), paragraph);
            }
            _ => {
                let list_item_done = self.list && self.in_sub_clause();
                match (&self.section, self.passages.last_mut()) {
                    (Some((section, _)), _) if list_item_done => {
                        let part = Part::Continued(section.clone());
                        self.list = false;
                        self.start(part, paragraph);
                    }
                    (_, Some(passage)) => passage.paragraphs.push(paragraph.to_string()),
                    (_, None) => self.start(Part::Preamble, paragraph),
                }
            }
        }
    }

    /// Whether the passage being read is a sub-clause's.
    fn in_sub_clause(&self) -> bool {
        let section = self.section.as_ref().map(|(id, _)| id.as_str());
        match self.passages.last().map(|p| &p.part) {
            Some(Part::Clause(id)) => Some(id.as_str()) != section,
            _ => false,
        }
    }

    fn start(&mut self, part: Part, paragraph: &str) {
        self.passages.push(Passage {
            part,
            paragraphs: vec![paragraph.to_string()],
        });
    }
}

/// The numbering mark `paragraph` starts with, if any.
fn mark(paragraph: &str) -> Option<Mark<'_>> {
    let (open, inner) = match paragraph.strip_prefix(['（', '(']) {
        Some(rest) => (true, rest),
        None => (false, paragraph),
    };
    let end = inner
        .char_indices()
        .find(|(_, c)| !numerals::is_numeral_char(*c))
        .map_or(inner.len(), |(i, _)| i);
    let numeral = &inner[..end];
    let n = numerals::value(numeral)?;
    let after = &inner[end..];
    match open {
        true if after.starts_with(['）', ')']) => Some(Mark::SubClause(numeral, n)),
        false if after.starts_with('、') => Some(Mark::Section(numeral, n)),
        _ => None,
    }
}

/// Where the closing starts: the signatures just before the last paragraph that is a
/// date alone (成文日期), or that date itself; the end when there is none.
fn closing_start(paragraphs: &[&str]) -> usize {
    let Some(date) = paragraphs.iter().rposition(|p| is_date(p)) else {
        return paragraphs.len();
    };
    let mut start = date;
    // Signatures are names: no sentence ends in them, and no heading starts them.
    while start > 0 {
        let before = paragraphs[start - 1];
        let sentence = before.ends_with(['。', '；', '：', '！', '？', ';', ':', '!', '?']);
        if sentence || mark(before).is_some() {
            break;
        }
        start -= 1;
    }
    start
}

/// Whether a paragraph is a date and nothing else (`2025年7月18日`, `二〇二五年七月十八日`).
fn is_date(paragraph: &str) -> bool {
    let number = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || numerals::is_numeral_char(c) || c == '〇')
    };
    let Some(rest) = paragraph.strip_suffix('日') else {
        return false;
    };
    let Some((year, rest)) = rest.split_once('年') else {
        return false;
    };
    let Some((month, day)) = rest.split_once('月') else {
        return false;
    };
    number(year) && number(month) && number(day)
}

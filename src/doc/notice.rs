//! The text of a notice cut into its clauses by the numbering of Chinese official
//! documents (GB/T 9704), read by `marks.rs`: sections `一、…` with their sub-clauses
//! `（一）…` (numbered again from one in each section; ids `一`, `一（一）`); chapters
//! `第一章` and articles `第一条…` with their items (ids `第一章`, `第一条`, `第一条（一）`),
//! articles numbered on across chapters; or items `（一）` alone (id `（一）`). The ids
//! are those a policy's `cites "…"` give. Nothing here knows any one notice.
//!
//! A heading is a line that starts with a numbering mark whose number is greater than
//! the last one of its level, so that a paragraph that only starts like a heading
//! (`二、三个工作日…` after `五、`) stays text. A line that starts no clause goes on the
//! paragraph before it when that one was cut at the page's width (`lines.rs`). When the
//! paragraph before a run of sub-clauses ends with a colon, the sub-clauses are the
//! items of a list (`包括：`), one paragraph each, and the paragraphs after the list are
//! the section's again ([`Part::Continued`]). The text before the first clause is the
//! preamble; the signatures, the date of the document and what follows it are its
//! closing. A clause with clauses under it and no text of its own (only its heading,
//! or the lead-in of their list) is a heading ([`Passage::heading`]).

use super::lines::{self, Line, closing_start, continues};
use super::marks::{Mark, Numbering, after_mark, mark, numbering};
use std::collections::HashSet;

/// What a passage of the notice is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The text before the first clause: title, addressees, the opening paragraph.
    Preamble,
    /// A clause's own text, from its heading on: a section (id `一`), a sub-clause (id
    /// `一（一）`), a chapter (`第一章`), an article (`第一条`) or its item (`第一条（一）`),
    /// an item alone (`（一）`).
    Clause(String),
    /// More of a section's or an article's text after a list of its sub-clauses (its id).
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
    /// Its paragraphs (the lines of the text that are not blank, a line cut at the
    /// page's width joined to the next), without the spaces around them.
    pub paragraphs: Vec<String>,
    /// Whether it is a clause with clauses under it and no text of its own: its heading
    /// alone, or with the lead-in of their list (`下列人员适用本通知：`).
    pub heading: bool,
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

impl Notice {
    /// Cuts `text` into passages.
    pub fn parse(text: &str) -> Notice {
        let lines = lines::lines(text);
        let numbering = numbering(lines.iter().map(|l| l.text));
        let closing = closing_start(&lines);
        let mut notice = Cutter::new(numbering).cut(&lines[..closing]);
        if !notice.numbered() {
            // No clause at all: nothing to tell the closing from.
            return Cutter::new(numbering).cut(&lines);
        }
        if closing < lines.len() {
            notice.passages.push(Passage {
                part: Part::Closing,
                paragraphs: lines[closing..].iter().map(|l| l.text.to_string()).collect(),
                heading: false,
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

    /// Whether any clause was found in its text (a text without a numbering is all
    /// preamble).
    pub fn numbered(&self) -> bool {
        self.clause_ids().next().is_some()
    }
}

/// The state of cutting a notice's lines.
struct Cutter<'t> {
    numbering: Option<Numbering>,
    passages: Vec<Passage>,
    /// The current chapter's number and passage (articles only).
    chapter: Option<(u32, usize)>,
    /// The current section's or article's id and passage; the number of the last one.
    top: Option<(String, usize)>,
    last_top: u32,
    /// The number of the current section's or article's last sub-clause (0 before the
    /// first), or of the last item when items stand alone.
    last_sub: u32,
    /// Whether the passage being read is a sub-clause's.
    in_sub: bool,
    /// Whether the current run of sub-clauses is a list (one paragraph each).
    list: bool,
    /// The last line read, and whether it started a clause.
    last_line: Option<(&'t str, bool)>,
    /// The passages of clauses with clauses under them.
    parents: HashSet<usize>,
}

impl<'t> Cutter<'t> {
    fn new(numbering: Option<Numbering>) -> Cutter<'t> {
        Cutter {
            numbering,
            passages: Vec::new(),
            chapter: None,
            top: None,
            last_top: 0,
            last_sub: 0,
            in_sub: false,
            list: false,
            last_line: None,
            parents: HashSet::new(),
        }
    }

    fn cut(mut self, lines: &[Line<'t>]) -> Notice {
        for line in lines {
            self.add(line);
        }
        self.mark_headings();
        Notice {
            passages: self.passages,
        }
    }

    fn add(&mut self, line: &Line<'t>) {
        let text = line.text;
        let started = match (self.numbering, mark(text)) {
            (Some(Numbering::Sections), Some(Mark::Section(numeral, n)))
            | (Some(Numbering::Articles), Some(Mark::Article(numeral, n)))
                if n > self.last_top =>
            {
                let id = match self.numbering {
                    Some(Numbering::Articles) => format!("第{numeral}条"),
                    _ => numeral.to_string(),
                };
                if let Some((_, at)) = self.chapter {
                    self.parents.insert(at);
                }
                self.top = Some((id.clone(), self.passages.len()));
                (self.last_top, self.last_sub, self.list) = (n, 0, false);
                self.start(Part::Clause(id), text, false);
                true
            }
            (Some(Numbering::Articles), Some(Mark::Chapter(numeral, n)))
                if n > self.chapter.map_or(0, |(last, _)| last) =>
            {
                self.chapter = Some((n, self.passages.len()));
                self.top = None;
                self.start(Part::Clause(format!("第{numeral}章")), text, false);
                true
            }
            (Some(Numbering::Items), Some(Mark::SubClause(numeral, n))) if n > self.last_sub => {
                self.last_sub = n;
                self.start(Part::Clause(format!("（{numeral}）")), text, false);
                true
            }
            (Some(_), Some(Mark::SubClause(numeral, n))) if self.top.is_some() && n > self.last_sub => {
                if !self.in_sub {
                    let before = self.passages.last().and_then(|p| p.paragraphs.last());
                    self.list = before.is_some_and(|p| p.ends_with(['：', ':']));
                }
                self.last_sub = n;
                let (top, at) = self.top.clone().unwrap_or_default();
                self.parents.insert(at);
                self.start(Part::Clause(format!("{top}（{numeral}）")), text, true);
                true
            }
            _ => {
                self.text(line);
                false
            }
        };
        self.last_line = Some((text, started));
    }

    /// A line that starts no clause: more of the paragraph before it, a paragraph of
    /// the passage being read, or the start of a section's text after its list.
    fn text(&mut self, line: &Line<'t>) {
        let in_preamble = self.passages.last().is_none_or(|p| p.part == Part::Preamble);
        let goes_on = self.last_line.is_some_and(|(before, started)| {
            let alone = lines::stands_alone(before, started, in_preamble);
            continues(before, alone, line)
        });
        if let Some(paragraph) = self.passages.last_mut().and_then(|p| p.paragraphs.last_mut())
            && goes_on
        {
            lines::join(paragraph, line.text);
            return;
        }
        let list_item_done = self.list && self.in_sub;
        match (&self.top, self.passages.last_mut()) {
            (Some((top, _)), _) if list_item_done => {
                let part = Part::Continued(top.clone());
                self.list = false;
                self.start(part, line.text, false);
            }
            (_, Some(passage)) => passage.paragraphs.push(line.text.to_string()),
            (_, None) => self.start(Part::Preamble, line.text, false),
        }
    }

    fn start(&mut self, part: Part, paragraph: &str, sub: bool) {
        self.in_sub = sub;
        self.passages.push(Passage {
            part,
            paragraphs: vec![paragraph.to_string()],
            heading: false,
        });
    }

    /// Marks the clauses with clauses under them and no text of their own.
    fn mark_headings(&mut self) {
        let continued: HashSet<&str> = self
            .passages
            .iter()
            .filter_map(|p| match &p.part {
                Part::Continued(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let headings: Vec<usize> = self
            .parents
            .iter()
            .copied()
            .filter(|&at| {
                let passage = &self.passages[at];
                let own = passage.paragraphs.iter().enumerate().map(|(k, p)| match k {
                    0 => after_mark(p).unwrap_or(p),
                    _ => p,
                });
                passage.clause().is_some_and(|id| !continued.contains(id)) && own.into_iter().all(heading_like)
            })
            .collect();
        for at in headings {
            self.passages[at].heading = true;
        }
    }
}

/// Whether a paragraph says nothing of its own: a title (no sentence ends in it), or a
/// lead-in whose only stop is the colon at its end.
fn heading_like(paragraph: &str) -> bool {
    let body = paragraph.trim().trim_end_matches(['：', ':']);
    !body.contains(['。', '；', '！', '？', ';', '!', '?', '：', ':'])
}

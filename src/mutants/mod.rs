//! `zhengce test --mutants`: how many small changes to a policy its case corpus would
//! notice. Each mutant is the policy's text with one change at a place the AST gives
//! (`generate`); it is loaded and checked like any policy, the corpus is run on it
//! (`corpus`), in parallel over mutants (`run`); a mutant no case notices survives: a
//! boundary the corpus does not test. Mutants that cannot change any outcome are
//! equivalent: found mechanically or declared by the corpus author (`equivalent`),
//! and never counted. `report` tells the result in text or JSON.

mod corpus;
pub mod equivalent;
mod extent;
mod generate;
pub mod messages;
pub mod report;
pub mod run;

pub use corpus::{Corpus, CorpusFile};
pub use generate::{generate, shown};
pub use run::{Outcome, Verdict, run_mutants};

/// At most this many mutants are run; those after it are counted as not run.
pub const MAX_MUTANTS: usize = 20_000;

/// The kinds of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MutationKind {
    /// An integer literal one less or one more.
    Number,
    /// `<` ↔ `<=`, `>` ↔ `>=`.
    Boundary,
    /// `and` ↔ `or`.
    Connective,
    /// A condition of an `and`/`or` chain left out.
    Dropped,
}

impl MutationKind {
    /// The kind's name in JSON reports.
    pub fn key(self) -> &'static str {
        match self {
            MutationKind::Number => "number",
            MutationKind::Boundary => "boundary",
            MutationKind::Connective => "connective",
            MutationKind::Dropped => "dropped_condition",
        }
    }
}

/// One mutant: the bytes `start..end` of the policy file `file` replaced by
/// `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutant {
    /// The policy file changed, as the source map names it.
    pub file: String,
    /// Start of the bytes replaced.
    pub start: usize,
    /// End of the bytes replaced.
    pub end: usize,
    /// What is written in their place.
    pub replacement: String,
    /// Line of the change (1-based).
    pub line: usize,
    /// Column of the change (1-based, in characters).
    pub column: usize,
    /// What kind of change.
    pub kind: MutationKind,
    /// The change as source text, `before → after` (a dropped condition: its text).
    pub change: String,
}

impl Mutant {
    /// `text` with the change made, or `None` when the range is not in it.
    pub fn apply(&self, text: &str) -> Option<String> {
        let (before, after) = (text.get(..self.start)?, text.get(self.end..)?);
        Some(format!("{before}{}{after}", self.replacement))
    }

    /// `file:line:col`.
    pub fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}

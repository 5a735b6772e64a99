//! Running cases: load each case file against the program, pick the evaluation date,
//! evaluate, and collect one result per case. A bad case never stops the others.

use crate::case::{LoadedCase, load_cases};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Decision, decide};
use crate::program::Program;
use crate::source::{FileId, SourceMap};
use crate::value::Value;
use chrono::NaiveDate;
use std::collections::HashSet;

/// Where the evaluation date comes from when neither `--as-of` nor the case gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingDate {
    /// Use this date (today's, read from the clock by `eval` only) and say so.
    Today(NaiveDate),
    /// An error for that case (`test` and batch runs must be deterministic).
    Error,
}

/// Whether a case could be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Evaluated.
    Ok,
    /// Bad input: not evaluated.
    Error,
}

/// The result of one case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The case id, when the file gives one.
    pub id: Option<String>,
    /// Whether it could be evaluated.
    pub status: Status,
    /// The loaded case (facts, expectations, spans).
    pub case: LoadedCase,
    /// The evaluation date used.
    pub as_of: Option<NaiveDate>,
    /// The date was read from the clock.
    pub as_of_from_clock: bool,
    /// The decision, when evaluated.
    pub decision: Option<Decision>,
    /// Diagnostics of loading and evaluating the case.
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs every case of one file.
pub struct Runner<'p> {
    /// The policy.
    pub program: &'p Program,
    /// `--as-of`, which wins over the case's own date.
    pub as_of: Option<NaiveDate>,
    /// What to do without a date.
    pub missing_date: MissingDate,
    seen: HashSet<String>,
}

impl<'p> Runner<'p> {
    /// A runner for one batch; case ids must be unique across it.
    pub fn new(program: &'p Program, as_of: Option<NaiveDate>, missing_date: MissingDate) -> Runner<'p> {
        Runner {
            program,
            as_of,
            missing_date,
            seen: HashSet::new(),
        }
    }

    /// Evaluates the cases of one file.
    pub fn run_file(&mut self, sources: &mut SourceMap, name: &str, text: &str) -> Vec<CaseResult> {
        load_cases(self.program, sources, name, text)
            .into_iter()
            .map(|case| self.run_case(case))
            .collect()
    }

    /// An error result for a file that cannot be read.
    pub fn unreadable(&self, sources: &mut SourceMap, name: &str, error: &str) -> CaseResult {
        let file = sources.add(name, "");
        let d = Diagnostic::error(Code::Io, format!("cannot read `{name}`: {error}"));
        CaseResult {
            id: None,
            status: Status::Error,
            case: LoadedCase::empty(file),
            as_of: None,
            as_of_from_clock: false,
            decision: None,
            diagnostics: vec![d],
        }
    }

    fn run_case(&mut self, case: LoadedCase) -> CaseResult {
        let mut diagnostics = case.diagnostics.clone();
        if let Some(id) = &case.id
            && !self.seen.insert(id.clone())
        {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateCaseId,
                    format!("case id `{id}` is used by an earlier case"),
                )
                .at_opt(case.id_span)
                .with_help("case ids are unique across a batch; the first case with this id was evaluated"),
            );
        }
        let (as_of, from_clock) = match (self.as_of, case.as_of, self.missing_date) {
            (Some(d), _, _) | (None, Some(d), _) => (Some(d), false),
            (None, None, MissingDate::Today(today)) => (Some(today), true),
            (None, None, MissingDate::Error) => {
                diagnostics.push(
                    Diagnostic::error(Code::NoEvaluationDate, "the case has no evaluation date")
                        .at_opt(case.id_span)
                        .with_help("give the case an `as_of: YYYY-MM-DD`, or run with `--as-of`"),
                );
                (None, false)
            }
        };
        let mut result = CaseResult {
            id: case.id.clone(),
            status: Status::Error,
            as_of,
            as_of_from_clock: from_clock,
            decision: None,
            diagnostics: Vec::new(),
            case,
        };
        if let (false, Some(date), Some(facts)) = (
            diagnostics.iter().any(Diagnostic::is_error),
            as_of,
            result.case.facts.as_ref(),
        ) {
            let decision = decide(self.program, facts, date);
            if from_clock {
                diagnostics.push(Diagnostic::warning(
                    Code::AsOfToday,
                    format!("evaluated on today's date, {date}"),
                ));
            }
            diagnostics.extend(decision.diagnostics.iter().cloned());
            result.status = if decision.diagnostics.iter().any(Diagnostic::is_error) {
                Status::Error
            } else {
                Status::Ok
            };
            result.decision = Some(decision);
        }
        result.diagnostics = diagnostics;
        result
    }
}

impl CaseResult {
    /// The facts of the case, when it loaded.
    pub fn facts(&self) -> Option<&Value> {
        self.case.facts.as_ref()
    }

    /// The case file.
    pub fn file(&self) -> FileId {
        self.case.file
    }
}

//! Running cases: load each case file against the program, pick the evaluation date,
//! evaluate, and collect one result per case. A bad case never stops the others.

mod enum_versions;
mod locate;
mod messages;

use locate::{FirstFields, locate};
pub use messages::RunMsg;

use crate::ast::{Effective, Unit};
use crate::case::{LoadedCase, cases};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Decision, Explanation, TypedBuffers, TypedProgram, decide_for};
use crate::input::{DecodedText, InputLimits};
use crate::lang::Text;
use crate::program::{PolicyInfo, Program};
use crate::source::{FileId, SourceMap, Span};
use crate::value::Value;
use crate::yaml::DocumentChecks;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::sync::Arc;

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

/// How far a case is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Read and validated only (`batch --validate-only`): no decision.
    Validate,
    /// Read, validated and evaluated.
    Evaluate,
}

/// The diagnostic of a case whose id an earlier case of the run has (`first` says
/// where that one is, or what became of it).
pub fn duplicate_id(id: &str, at: Option<Span>, first: impl Into<Text>) -> Diagnostic {
    Diagnostic::error(Code::DuplicateCaseId, RunMsg::DuplicateId.with([id]))
        .at_opt(at)
        .with_help(RunMsg::HelpUniqueIds.with([first]))
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
    /// The index of the policy version the case was evaluated with.
    pub version: usize,
    /// The decision, when evaluated.
    pub decision: Option<Decision>,
    /// Diagnostics of loading and evaluating the case.
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs every case of one file.
pub struct Runner<'p> {
    /// The versions of the policy, oldest first; each case is evaluated with the one in
    /// force on its evaluation date.
    pub versions: &'p [Program],
    /// `--as-of`, which wins over the case's own date.
    pub as_of: Option<NaiveDate>,
    /// What to do without a date.
    pub missing_date: MissingDate,
    /// The size limit of one case.
    pub limits: InputLimits,
    /// Whether decisions keep what explaining them starts from.
    pub explanation: Explanation,
    seen: HashSet<String>,
    /// For each version, where its rules' diagnostics point (found once per rule).
    first_fields: Vec<FirstFields>,
    /// For each version, where the latest version's enum values are in it.
    enum_places: Vec<enum_versions::EnumPlaces>,
    /// For each version, its typed program and that program's buffers
    /// ([`Runner::decide_typed`]).
    typed: Vec<Option<(TypedProgram, TypedBuffers)>>,
}

/// A case file added to the source map, ready to be run: its text, with the bytes that
/// were not UTF-8 replaced, and where those were.
#[derive(Debug, Clone)]
pub struct CaseFile {
    /// The file in the source map.
    pub file: FileId,
    text: Arc<str>,
    invalid: Vec<usize>,
}

impl<'p> Runner<'p> {
    /// Decides cases with the typed evaluator from now on (each version compiled
    /// once), handing to the tree walker only the cases it hands back. A decision that
    /// may be explained keeps what the typed evaluator computed, as the walker's would.
    pub fn decide_typed(&mut self) {
        let compiled = self.versions.iter().map(TypedProgram::compile);
        self.typed = compiled.map(|t| t.map(|t| (t, TypedBuffers::default()))).collect();
    }

    /// A runner for one batch; case ids must be unique across it.
    pub fn new(program: &'p Program, as_of: Option<NaiveDate>, missing_date: MissingDate) -> Runner<'p> {
        Runner::with_versions(std::slice::from_ref(program), as_of, missing_date)
    }

    /// A runner over the versions of an amended policy (oldest first, never empty).
    pub fn with_versions(versions: &'p [Program], as_of: Option<NaiveDate>, missing_date: MissingDate) -> Runner<'p> {
        Runner {
            versions,
            as_of,
            missing_date,
            limits: InputLimits::default(),
            explanation: Explanation::Possible,
            typed: Vec::new(),
            seen: HashSet::new(),
            first_fields: versions.iter().map(|_| FirstFields::default()).collect(),
            enum_places: versions
                .iter()
                .map(|v| {
                    versions
                        .last()
                        .map(|l| enum_versions::EnumPlaces::between(l, v))
                        .unwrap_or_default()
                })
                .collect(),
        }
    }

    /// Evaluates the cases of one file (text or bytes; a document that is not UTF-8
    /// is an error result, the others are read as usual).
    pub fn run_file(&mut self, sources: &mut SourceMap, name: &str, bytes: impl AsRef<[u8]>) -> Vec<CaseResult> {
        let file = self.add_file(sources, name, bytes.as_ref().to_vec());
        self.results(&file).collect()
    }

    /// Adds a case file to the source map (decoding its bytes, see [`DecodedText`]).
    pub fn add_file(&self, sources: &mut SourceMap, name: &str, bytes: Vec<u8>) -> CaseFile {
        let decoded = DecodedText::decode(bytes);
        let file = sources.add(name, decoded.text);
        CaseFile {
            file,
            text: sources.get(file).text.clone(),
            invalid: decoded.invalid,
        }
    }

    /// The results of a file's cases, one at a time, in order: a caller that writes
    /// each as it comes holds one case at a time.
    pub fn results<'r>(&'r mut self, file: &'r CaseFile) -> impl Iterator<Item = CaseResult> + 'r {
        let checks = DocumentChecks {
            max_bytes: usize::try_from(self.limits.case_bytes).unwrap_or(usize::MAX),
            invalid_bytes: &file.invalid,
        };
        // Cases are read with the latest schema: amendments only add to it, so the
        // fields of earlier versions keep their places.
        let latest = self.latest();
        cases(latest, file.file, &file.text, checks).map(move |case| self.run_case(case))
    }

    fn latest(&self) -> &'p Program {
        &self.versions[self.versions.len() - 1]
    }

    /// The index of the version in force on `date`: the latest one whose effective date
    /// has come and whose `until` has not; the base policy otherwise.
    pub fn version_on(&self, date: NaiveDate) -> usize {
        self.versions
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, v)| {
                let started = matches!(v.info.effective, Some(Effective::On(d)) if d <= date);
                started && v.info.until.is_none_or(|u| date < u)
            })
            .map(|(i, _)| i)
            .next_back()
            .unwrap_or(0)
    }

    /// An error result for a file that cannot be read.
    pub fn unreadable(&self, sources: &mut SourceMap, name: &str, error: impl Into<Text>) -> CaseResult {
        let file = sources.add(name, "");
        CaseResult::unread(file, unreadable(name, error))
    }

    fn run_case(&mut self, case: LoadedCase) -> CaseResult {
        let duplicate = case
            .id
            .as_ref()
            .filter(|id| !self.seen.insert((*id).clone()))
            .map(|id| duplicate_id(id, case.id_span, RunMsg::FirstEvaluated));
        self.evaluate_case(case, duplicate, Stage::Evaluate)
    }

    /// The result of one case taken on its own (a caller that reads cases out of
    /// order, as a parallel batch does, finds duplicate ids itself and passes the
    /// diagnostic): its evaluation date, then, at [`Stage::Evaluate`] and when the case
    /// has no error, its decision.
    pub fn evaluate_case(&mut self, case: LoadedCase, duplicate: Option<Diagnostic>, stage: Stage) -> CaseResult {
        let mut diagnostics = case.diagnostics.clone();
        diagnostics.extend(duplicate);
        // Contract §2: an unknown key in `expect` is an error like any unknown key, in
        // `eval` as in `test`.
        if let Some(expect) = &case.expect {
            diagnostics.extend(crate::expect::validate(self.versions, expect));
        }
        let (as_of, from_clock) = match (self.as_of, case.as_of, self.missing_date) {
            (Some(d), _, _) | (None, Some(d), _) => (Some(d), false),
            (None, None, MissingDate::Today(today)) => (Some(today), true),
            // A case that cannot be read is not evaluated anyway; an `as_of` written
            // wrong has its own error.
            (None, None, MissingDate::Error) if diagnostics.iter().any(Diagnostic::is_error) => (None, false),
            (None, None, MissingDate::Error) => {
                diagnostics.push(
                    Diagnostic::error(Code::NoEvaluationDate, RunMsg::NoEvaluationDate)
                        .at_opt(case.id_span)
                        .with_help(RunMsg::HelpGiveAsOf),
                );
                (None, false)
            }
        };
        let mut case = case;
        let mut result = CaseResult {
            // The result keeps the id (the loaded case's is not read again).
            id: case.id.take(),
            status: Status::Error,
            as_of,
            as_of_from_clock: from_clock,
            version: 0,
            decision: None,
            diagnostics: Vec::new(),
            case,
        };
        if stage == Stage::Validate && !diagnostics.iter().any(Diagnostic::is_error) {
            result.status = Status::Ok;
        }
        if let (Stage::Evaluate, false, Some(date), true) = (
            stage,
            diagnostics.iter().any(Diagnostic::is_error),
            as_of,
            result.case.facts.is_some(),
        ) {
            result.version = self.version_on(date);
            let places = &self.enum_places[result.version];
            if !places.is_identity() {
                let version = &self.versions[result.version];
                diagnostics.extend(places.apply(&mut result.case, self.latest(), version));
            }
            let facts = result.case.facts.as_ref().unwrap_or(&Value::Absent);
            let program = &self.versions[result.version];
            let typed = self.typed.get_mut(result.version).and_then(Option::as_mut);
            let decision = typed
                .and_then(|(t, buffers)| t.decide(program, facts, date, self.explanation, buffers))
                .unwrap_or_else(|| decide_for(program, facts, date, self.explanation));
            if from_clock {
                diagnostics.push(Diagnostic::warning(
                    Code::AsOfToday,
                    RunMsg::EvaluatedToday.with([date.to_string()]),
                ));
            }
            diagnostics.extend(in_force(&self.versions[result.version].info, date));
            let program = &self.versions[result.version];
            let first_fields = &mut self.first_fields[result.version];
            // The first diagnostics are those of the rules in `raised_by`, in order.
            let raised_by = decision.raised_by.iter().map(Some).chain(std::iter::repeat(None));
            diagnostics.extend(decision.diagnostics.iter().zip(raised_by).map(|(d, rule)| {
                let located = rule.and_then(|r| locate(d, *r, program, first_fields, &result.case));
                located.unwrap_or_else(|| d.clone())
            }));
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

/// The error of an input that cannot be read.
pub fn unreadable(name: &str, error: impl Into<Text>) -> Diagnostic {
    Diagnostic::error(Code::Io, RunMsg::CannotRead.with([Text::from(name), error.into()]))
}

impl CaseResult {
    /// The error result of a case that was not read at all (its input could not be
    /// read, or it is too large), with the one diagnostic that says why.
    pub fn unread(file: FileId, why: Diagnostic) -> CaseResult {
        CaseResult {
            id: None,
            status: Status::Error,
            case: LoadedCase::empty(file),
            as_of: None,
            as_of_from_clock: false,
            version: 0,
            decision: None,
            diagnostics: vec![why],
        }
    }

    /// The facts of the case, when it loaded.
    pub fn facts(&self) -> Option<&Value> {
        self.case.facts.as_ref()
    }

    /// The case file.
    pub fn file(&self) -> FileId {
        self.case.file
    }
}

/// Whether the policy is in force on `date`, by its header: not before its effective
/// date, and not once its validity (`valid_for`, 有效期) has run out. A policy whose
/// effective date is blank in the source cannot be placed in time, and is not judged.
fn in_force(info: &PolicyInfo, date: NaiveDate) -> Option<Diagnostic> {
    let Some(Effective::On(start)) = info.effective else {
        return None;
    };
    if date < start {
        return Some(
            Diagnostic::warning(
                Code::PolicyNotInForce,
                RunMsg::NotYetInForce.with([info.id.to_string(), start.to_string(), date.to_string()]),
            )
            .with_help(RunMsg::HelpLaterDate),
        );
    }
    let (n, unit) = info.valid_for?;
    let end = match unit {
        Unit::Years | Unit::Months => crate::value::add_months(start, crate::value::in_unit_base(n, unit))?,
        Unit::Days => crate::value::add_days(start, n)?,
        // A validity in working days would need a calendar; no policy states one.
        Unit::WorkingDays => return None,
    };
    (date >= end).then(|| {
        Diagnostic::warning(
            Code::PolicyNotInForce,
            RunMsg::Expired.with([info.id.to_string(), end.to_string(), start.to_string()]),
        )
        .with_help(RunMsg::HelpExpired)
    })
}

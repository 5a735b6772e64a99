//! Running cases: load each case file against the program, pick the evaluation date,
//! evaluate, and collect one result per case. A bad case never stops the others.

use crate::ast::{Effective, Unit};
use crate::case::{LoadedCase, cases};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Decision, decide};
use crate::input::{DecodedText, InputLimits};
use crate::program::{PolicyInfo, Program};
use crate::source::{FileId, SourceMap};
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
    seen: HashSet<String>,
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
            seen: HashSet::new(),
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
    pub fn unreadable(&self, sources: &mut SourceMap, name: &str, error: &str) -> CaseResult {
        let file = sources.add(name, "");
        let d = Diagnostic::error(Code::Io, format!("cannot read `{name}`: {error}"));
        CaseResult {
            id: None,
            status: Status::Error,
            case: LoadedCase::empty(file),
            as_of: None,
            as_of_from_clock: false,
            version: 0,
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
            version: 0,
            decision: None,
            diagnostics: Vec::new(),
            case,
        };
        if let (false, Some(date), Some(facts)) = (
            diagnostics.iter().any(Diagnostic::is_error),
            as_of,
            result.case.facts.as_ref(),
        ) {
            result.version = self.version_on(date);
            let decision = decide(&self.versions[result.version], facts, date);
            if from_clock {
                diagnostics.push(Diagnostic::warning(
                    Code::AsOfToday,
                    format!("evaluated on today's date, {date}"),
                ));
            }
            diagnostics.extend(in_force(&self.versions[result.version].info, date));
            let program = &self.versions[result.version];
            diagnostics.extend(
                decision
                    .diagnostics
                    .iter()
                    .map(|d| locate(d.clone(), program, &result.case)),
            );
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
                format!("`{}` takes effect on {start}, after {date}", info.id),
            )
            .with_help("evaluate on a later date, or with the policy in force on this one"),
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
            format!("`{}` was valid until {end} (有效期 from {start})", info.id),
        )
        .with_help("its validity has run out: use the policy that replaced it")
    })
}

/// A policy's own diagnostic (from a `check`) points at the case field its condition
/// reads first, so that a case worker sees the line to look at.
fn locate(mut d: Diagnostic, program: &Program, case: &LoadedCase) -> Diagnostic {
    let Code::Policy(id) = &d.code else { return d };
    if d.span.is_some() {
        return d;
    }
    let rule = program
        .rules
        .iter()
        .find(|r| r.id.to_string() == id.as_ref() && r.severity.is_some());
    let path = rule
        .and_then(|r| r.when.as_ref())
        .and_then(|w| first_case_field(program, w, 0));
    if let Some(span) = path.and_then(|p| case.spans.nearest_span(p.iter().map(|i| *i as usize))) {
        d.span = Some(span);
        d.label = Some("this field".into());
    }
    d
}

/// The first case field an expression reads, through definitions.
fn first_case_field(program: &Program, e: &crate::program::CExpr, depth: usize) -> Option<Box<[u16]>> {
    use crate::program::CKind;
    match &e.kind {
        CKind::CaseField(path) => return Some(path.clone()),
        CKind::Def(id) if depth < 16 => {
            return first_case_field(program, &program.definitions[id.0 as usize].expr, depth + 1);
        }
        _ => {}
    }
    crate::lint::children(e)
        .into_iter()
        .find_map(|c| first_case_field(program, c, depth))
}

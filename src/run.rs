//! Running cases: load each case file against the program, pick the evaluation date,
//! evaluate, and collect one result per case. A bad case never stops the others.

mod messages;

pub use messages::RunMsg;

use crate::ast::{Effective, Unit};
use crate::case::{LoadedCase, cases};
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::eval::{Decision, decide};
use crate::input::{DecodedText, InputLimits};
use crate::lang::Text;
use crate::program::{CExpr, CKind, DefId, PolicyInfo, Program, RuleIdx};
use crate::source::{FileId, SourceMap, Span};
use crate::value::Value;
use crate::yaml::DocumentChecks;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
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
    seen: HashSet<String>,
    /// For each version, where its rules' diagnostics point (found once per rule).
    first_fields: Vec<FirstFields>,
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
            first_fields: versions.iter().map(|_| FirstFields::default()).collect(),
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
            diagnostics.extend(crate::expect::validate(self.latest(), expect));
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
        if stage == Stage::Validate && !diagnostics.iter().any(Diagnostic::is_error) {
            result.status = Status::Ok;
        }
        if let (Stage::Evaluate, false, Some(date), Some(facts)) = (
            stage,
            diagnostics.iter().any(Diagnostic::is_error),
            as_of,
            result.case.facts.as_ref(),
        ) {
            result.version = self.version_on(date);
            let decision = decide(&self.versions[result.version], facts, date);
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

/// A policy's own diagnostic (from a `check`), raised by `rule`, points at the case
/// field its condition reads first, so that a case worker sees the line to look at;
/// `None` when it stays as it is.
fn locate(
    d: &Diagnostic,
    rule: RuleIdx,
    program: &Program,
    first_fields: &mut FirstFields,
    case: &LoadedCase,
) -> Option<Diagnostic> {
    let compiled = program.rules.get(rule.0 as usize)?;
    if !matches!(d.code, Code::Policy(_)) || d.span.is_some() || compiled.severity.is_none() {
        return None;
    }
    let (path, label) = first_fields.of_rule(program, rule)?;
    let span = case.nearest_span(program, &path)?;
    let mut d = d.clone();
    d.span = Some(span);
    d.label = Some(label);
    Some(d)
}

/// A case field's path of field indices and its label (the field's own, from the
/// policy, or "this field"), shared: each diagnostic a rule raises takes the rule's
/// path without a copy.
type FieldPath = (Arc<[u16]>, Text);

/// A field path found in an expression, with the label of the field it ends at.
fn field_path(program: &Program, path: &[u16]) -> FieldPath {
    let mut record = Program::ROOT;
    let mut label = None;
    for i in path {
        let Some(field) = program.record(record).fields().get(*i as usize) else {
            break;
        };
        label = Some(&field.label);
        if let crate::program::Type::Record(r) = field.ty {
            record = r;
        }
    }
    let label = label
        .filter(|l| !l.zh.is_empty())
        .map_or_else(|| Words::ThisField.into(), crate::case::messages::label);
    (Arc::from(path), label)
}

/// The first case field each rule's condition reads, through definitions: found once
/// per rule and per definition for a batch, rather than for every diagnostic.
#[derive(Debug, Default)]
struct FirstFields {
    rules: HashMap<RuleIdx, Option<FieldPath>>,
    defs: HashMap<DefId, Option<FieldPath>>,
}

impl FirstFields {
    fn of_rule(&mut self, program: &Program, rule: RuleIdx) -> Option<FieldPath> {
        if let Some(found) = self.rules.get(&rule) {
            return found.clone();
        }
        // A field the condition names itself (`assessment.employability is absent`)
        // comes before those its definitions read (`eligible` reads the birth date).
        let when = program.rules.get(rule.0 as usize).and_then(|r| r.when.as_ref());
        let found = when.and_then(|w| named_directly(program, w).or_else(|| self.in_expr(program, w)));
        self.rules.insert(rule, found.clone());
        found
    }

    /// The checker keeps definitions within `ast::MAX_DEPTH` of each other, so this
    /// recursion is as deep as an evaluation at most.
    fn in_expr(&mut self, program: &Program, e: &CExpr) -> Option<FieldPath> {
        #[cfg(test)]
        tests::WALKED.with(|n| n.set(n.get() + 1));
        match &e.kind {
            CKind::CaseField(path) => return Some(field_path(program, path)),
            CKind::Def(id) => return self.of_def(program, *id),
            _ => {}
        }
        crate::lint::children(e)
            .into_iter()
            .find_map(|c| self.in_expr(program, c))
    }

    fn of_def(&mut self, program: &Program, id: DefId) -> Option<FieldPath> {
        if let Some(found) = self.defs.get(&id) {
            return found.clone();
        }
        let found = program
            .definitions
            .get(id.0 as usize)
            .and_then(|d| self.in_expr(program, &d.expr));
        self.defs.insert(id, found.clone());
        found
    }
}

/// The first case field an expression names itself, outside its definitions.
fn named_directly(program: &Program, e: &CExpr) -> Option<FieldPath> {
    match &e.kind {
        CKind::CaseField(path) => Some(field_path(program, path)),
        CKind::Def(_) => None,
        _ => crate::lint::children(e)
            .into_iter()
            .find_map(|c| named_directly(program, c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Expressions walked to find where diagnostics point, on this thread.
        pub(super) static WALKED: Cell<usize> = const { Cell::new(0) };
    }

    /// 2,000 checks that hold, each reading a definition of a 1,000-item list before the
    /// case field: each diagnostic points at the field, and the definition is walked
    /// once for the batch, not once per diagnostic (2·10⁶ walks).
    #[test]
    fn diagnostics_are_located_with_one_walk_per_definition() {
        let (n, terms) = (2_000, 1_000);
        let mut text = String::from("policy \"p\" {}\ncase { b: bool? \"b\" }\n");
        let zeros = vec!["0"; terms].join(", ");
        text.push_str(&format!("define k \"k\" = length([{zeros}]) > 0\n"));
        for i in 0..n {
            text.push_str(&format!(
                "check c{i} cites \"x\" \"x\" {{ when k and b\n severity warning }}\n"
            ));
        }
        let mut sources = SourceMap::new();
        let file = sources.add("t.policy", text.as_str());
        let (parsed, errors) = crate::syntax::parse_policy(file, &text);
        assert!(errors.is_empty(), "{errors:?}");
        let Some(parsed) = parsed else { panic!("no policy") };
        let (program, diagnostics) = crate::check::check(&[parsed]);
        let Some(program) = program else {
            panic!("{diagnostics:?}")
        };
        let mut runner = Runner::new(&program, None, MissingDate::Error);
        WALKED.with(|w| w.set(0));
        let results = runner.run_file(&mut sources, "case.yaml", "id: x\nas_of: 2025-09-01\nb: true\n");
        let walked = WALKED.with(Cell::get);
        let located: Vec<usize> = results[0]
            .diagnostics
            .iter()
            .filter_map(|d| d.span.map(|s| sources.line_col(s).line))
            .collect();
        assert_eq!(located, vec![3; n], "each points at `b: true`");
        assert!(walked < 4 * terms + 10 * n, "{walked} expressions walked");
    }
}

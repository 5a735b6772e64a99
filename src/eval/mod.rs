//! The evaluator: a compiled policy, one case's facts and an evaluation date in; rule
//! outcomes, decision values and diagnostics out. Definitions and rules are computed
//! at most once per case (memoised by slot); evaluation always ends, because the
//! checker rejects cycles and every piece of work is counted against a step budget.

mod aggregate;
mod arithmetic;
mod because;
mod budget;
mod builtins;
mod explain;
mod explain_items;
mod explain_rows;
mod frames;
mod item_lookup;
mod locals;
pub mod messages;
mod operators;
mod spare;
#[cfg(test)]
mod tests;
mod typed;

pub use budget::{MAX_STEPS, TEXT_BYTES_PER_STEP};
pub use explain::{Because, Explainer, Memo, Reasons, Shown};
pub use typed::{Buffers as TypedBuffers, TypedProgram, native_source};

use crate::ast::{RuleKind, UnOp};
use crate::calendar::CalendarMissing;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::program::*;
use crate::source::Span;
use crate::value::Value;
use chrono::NaiveDate;
use locals::Local;
use messages::EvalMsg;
use std::collections::BTreeSet;

/// The outcome of one rule for one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleOutcome {
    /// Which rule.
    pub rule: RuleIdx,
    /// Whether it holds.
    pub holds: bool,
}

/// The values yielded by a rule with `yields` that holds, in declaration order. Kept
/// apart from the outcomes, which then hold nothing to let go of: a decision has an
/// outcome for every rule and values for few.
#[derive(Debug, Clone, PartialEq)]
pub struct Yielded {
    /// Which rule.
    pub rule: RuleIdx,
    /// Its values, in the order of its `yields`.
    pub values: Vec<Value>,
}

/// Everything decided for one case on one date.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// The values of the policy-defined fields of the decision record, one for each of
    /// the program's `decision` fields, in their order (which names them: see
    /// [`Decision::named_outputs`]; a name kept with each value was an atomic count
    /// taken and given back for every field of every case).
    pub outputs: Vec<Value>,
    /// Every rule's outcome, in declaration order.
    pub outcomes: Vec<RuleOutcome>,
    /// The values yielded by the rules that hold, in declaration order (see
    /// [`Decision::yields_of`]).
    pub yields: Vec<Yielded>,
    /// Diagnostics raised by `check` rules and by values that could not be computed.
    pub diagnostics: Vec<Diagnostic>,
    /// The steps the evaluation took, at most [`MAX_STEPS`] (a stopped evaluation took
    /// fewer: the step it stopped at was refused).
    pub steps: u64,
    /// The rule that raised each of the first `raised_by.len()` diagnostics: the checks
    /// and soft rules that hold, in declaration order.
    pub raised_by: Vec<RuleIdx>,
    /// What the evaluation computed, for [`Explainer::of_decision`]; `None` when it
    /// stopped, or when no explanation was to be possible ([`Explanation::NotNeeded`]).
    pub memo: Option<Memo>,
}

impl Decision {
    /// The values yielded by a rule: `None` for one that fails or yields nothing.
    pub fn yields_of(&self, rule: RuleIdx) -> Option<&[Value]> {
        let at = self.yields.binary_search_by_key(&rule.0, |y| y.rule.0).ok()?;
        Some(&self.yields[at].values)
    }

    /// The decision record's fields, each with its name; `program` is the one the
    /// decision was made with.
    pub fn named_outputs<'a>(&'a self, program: &'a Program) -> impl Iterator<Item = (&'a str, &'a Value)> {
        program.decision.iter().map(|d| &*d.name).zip(&self.outputs)
    }
}

/// Whether a decision may be explained later: then it keeps what its evaluation
/// computed ([`Decision::memo`]), which an explanation starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Explanation {
    /// Keep it (`eval`, the REPL, a batch with `--trace`).
    #[default]
    Possible,
    /// Give its tables back to the thread for the next case (a batch without trace).
    NotNeeded,
}

/// Evaluates every rule and decision field of `program` for one case.
pub fn decide(program: &Program, facts: &Value, as_of: NaiveDate) -> Decision {
    decide_for(program, facts, as_of, Explanation::Possible)
}

/// [`decide`], keeping the memo only when an explanation is possible.
pub fn decide_for(program: &Program, facts: &Value, as_of: NaiveDate, explanation: Explanation) -> Decision {
    let mut ev = Evaluation::new(program, facts, as_of);
    let mut yields = Vec::new();
    let outcomes: Vec<RuleOutcome> = (0..program.rules.len())
        .map(|i| {
            let rule = RuleIdx(i as u32);
            let holds = ev.rule(rule);
            if let (Some(fields), true) = (&program.rules[i].yields, holds) {
                let values = fields.iter().map(|y| ev.eval(&y.expr)).collect();
                yields.push(Yielded { rule, values });
            }
            RuleOutcome { rule, holds }
        })
        .collect();
    let outputs = program.decision.iter().map(|d| ev.eval(&d.expr)).collect();
    let steps = ev.steps;
    let memo = match explanation {
        Explanation::Possible => Memo::keep(&mut ev),
        Explanation::NotNeeded => None,
    };
    let missing_years = std::mem::take(&mut ev.missing_years);
    let failures = std::mem::take(&mut ev.failures);
    assemble(
        program,
        None,
        as_of,
        (outcomes, yields),
        outputs,
        missing_years,
        failures,
        steps,
        memo,
    )
}

/// The rules that raise a diagnostic when they hold: checks, and soft rules (原则上: a
/// severity), in declaration order.
pub(crate) fn raisers(program: &Program) -> impl Iterator<Item = RuleIdx> + '_ {
    let raises = |r: &CompiledRule| r.kind == RuleKind::Check || r.severity.is_some();
    let rules = program.rules.iter().enumerate();
    rules.filter(move |(_, r)| raises(r)).map(|(i, _)| RuleIdx(i as u32))
}

/// What the typed evaluator knows of the rules that raise diagnostics, made once: which
/// they are ([`raisers`]), and each one's diagnostic, by rule.
pub(crate) struct Raisers<'a> {
    /// The rules that raise.
    pub rules: &'a [RuleIdx],
    /// Each rule's diagnostic, by rule.
    pub raised: &'a [Option<Diagnostic>],
}

/// A decision from what its evaluation gave: the diagnostics of the checks and soft
/// rules that hold, then of the years with no calendar, then of the values that could
/// not be computed (shared by the tree walker and the typed evaluator). A rule's
/// diagnostic is cloned from `raisers` when given, else from the program.
#[allow(clippy::too_many_arguments)]
fn assemble(
    program: &Program,
    raisers: Option<Raisers>,
    as_of: NaiveDate,
    (outcomes, yields): (Vec<RuleOutcome>, Vec<Yielded>),
    outputs: Vec<Value>,
    missing_years: BTreeSet<i32>,
    mut failures: Vec<Diagnostic>,
    steps: u64,
    memo: Option<Memo>,
) -> Decision {
    let holds = |idx: &RuleIdx| outcomes.get(idx.0 as usize).is_some_and(|o| o.holds);
    let raised_by: Vec<RuleIdx> = match &raisers {
        Some(r) => r.rules.iter().copied().filter(holds).collect(),
        None => self::raisers(program).filter(holds).collect(),
    };
    // Each made once by the checker, its words shared.
    let mut diagnostics: Vec<Diagnostic> = raised_by
        .iter()
        .filter_map(|idx| match &raisers {
            Some(r) => r.raised.get(idx.0 as usize)?.clone(),
            None => program.rules[idx.0 as usize].raised.clone(),
        })
        .collect();
    diagnostics.extend(missing_years.iter().map(|year| {
        let year = year.to_string();
        Diagnostic::warning(Code::CalendarMissing, EvalMsg::NoCalendar.with([year.as_str()]))
            .with_help(EvalMsg::HelpAddCalendar.with([year.as_str(), year.as_str()]))
    }));
    diagnostics.append(&mut failures);
    Decision {
        as_of,
        outputs,
        outcomes,
        yields,
        diagnostics,
        steps,
        raised_by,
        memo,
    }
}

/// The state of evaluating one case: memoised definitions and rules, and the values of
/// the aggregation variables in scope.
pub struct Evaluation<'p> {
    program: &'p Program,
    facts: &'p Value,
    as_of: NaiveDate,
    defs: Vec<Option<Value>>,
    rules: Vec<Option<bool>>,
    /// Whether some rule of a kind holds (memoised: a policy may ask in many places).
    /// Indexed by the kind's place in [`RuleKind::ALL`]: asked in every case, no hashing.
    kinds: [Option<bool>; RuleKind::ALL.len()],
    locals: Vec<Local>,
    /// Values that could not be computed (`evaluation_failed`).
    failures: Vec<Diagnostic>,
    /// The key sets of membership tests built so far (see [`Membership`]).
    key_sets: Vec<Option<Vec<Value>>>,
    missing_years: BTreeSet<i32>,
    /// Steps taken (see [`MAX_STEPS`]).
    steps: u64,
    /// Whether the steps ran out: every later step is refused.
    stopped: bool,
    /// [`MAX_STEPS`] until the steps run out, then 0: an expression's step is one
    /// comparison with it.
    limit: u64,
    /// The list of the innermost aggregation being gone through.
    within: Option<Span>,
    /// The definitions (`Ok`) and rules (`Err`) memoised, for [`Evaluation::forget`].
    memoised: Vec<Result<DefId, RuleIdx>>,
    /// Empty frames for function calls and definitions computed in their own frame,
    /// reused from call to call.
    frames: Vec<Vec<Local>>,
    /// The reasons of definitions explained so far, by definition, value and depth
    /// (see `Evaluation::definition_reasons`).
    explained: Vec<((DefId, bool, usize), Reasons<'p>)>,
}

impl Drop for Evaluation<'_> {
    fn drop(&mut self) {
        spare::give_back(spare::Buffers {
            defs: std::mem::take(&mut self.defs),
            rules: std::mem::take(&mut self.rules),
            key_sets: std::mem::take(&mut self.key_sets),
            locals: std::mem::take(&mut self.locals),
            memoised: std::mem::take(&mut self.memoised),
            frames: std::mem::take(&mut self.frames),
        });
    }
}

impl<'p> Evaluation<'p> {
    /// A fresh evaluation of one case.
    pub fn new(program: &'p Program, facts: &'p Value, as_of: NaiveDate) -> Evaluation<'p> {
        // The thread's buffers of an earlier evaluation, empty (see `spare`).
        let mut buffers = spare::take();
        buffers.defs.resize(program.definitions.len(), None);
        buffers.rules.resize(program.rules.len(), None);
        Evaluation {
            program,
            facts,
            as_of,
            defs: buffers.defs,
            rules: buffers.rules,
            kinds: [None; RuleKind::ALL.len()],
            locals: buffers.locals,
            failures: Vec::new(),
            key_sets: buffers.key_sets,
            missing_years: BTreeSet::new(),
            steps: 0,
            stopped: false,
            limit: MAX_STEPS,
            within: None,
            memoised: buffers.memoised,
            frames: buffers.frames,
            explained: Vec::new(),
        }
    }

    /// Forgets everything computed, as a new evaluation would start, in time
    /// proportional to what was computed rather than to the size of the program: the
    /// lint evaluates each constant rule this way.
    pub fn forget(&mut self) {
        for slot in self.memoised.drain(..) {
            match slot {
                Ok(def) => self.defs[def.0 as usize] = None,
                Err(rule) => self.rules[rule.0 as usize] = None,
            }
        }
        self.kinds = [None; RuleKind::ALL.len()];
        self.locals.clear();
        self.failures.clear();
        self.key_sets.clear();
        self.missing_years.clear();
        self.explained.clear();
        self.steps = 0;
    }

    /// Whether a rule holds (memoised).
    #[inline]
    pub fn rule(&mut self, idx: RuleIdx) -> bool {
        // Asked for again (`holds(tier 1)`, the decision's outcomes): no call.
        if let Some(Some(v)) = self.rules.get(idx.0 as usize) {
            return *v;
        }
        self.rule_computed(idx)
    }

    /// Whether a rule holds, computed and memoised.
    #[inline(never)]
    fn rule_computed(&mut self, idx: RuleIdx) -> bool {
        let program = self.program;
        let holds = match &program.rules[idx.0 as usize].when {
            None => true,
            Some(w) if self.locals.is_empty() => self.truth(w),
            Some(w) => self.truth_in_fresh_frame(w),
        };
        self.rules[idx.0 as usize] = Some(holds);
        self.memoised.push(Err(idx));
        holds
    }

    /// Whether some rule of a kind holds (memoised).
    pub fn any_holds(&mut self, kind: RuleKind) -> bool {
        let slot = kind.place();
        if let Some(v) = self.kinds[slot] {
            return v;
        }
        let program = self.program;
        let rules = program.rule_lookup.of_kind(kind);
        #[cfg(test)]
        tests::RULES_ASKED.with(|n| n.set(n.get() + rules.len()));
        let holds = rules.iter().any(|r| self.rule(*r));
        self.kinds[slot] = Some(holds);
        holds
    }

    /// The value of a definition (memoised).
    pub fn definition(&mut self, id: DefId) -> Value {
        if let Some(v) = &self.defs[id.0 as usize] {
            return locals::cloned(v);
        }
        let program = self.program;
        let expr = &program.definitions[id.0 as usize].expr;
        let v = if self.locals.is_empty() {
            self.eval(expr)
        } else {
            self.in_fresh_frame(expr)
        };
        self.defs[id.0 as usize] = Some(locals::cloned(&v));
        self.memoised.push(Ok(id));
        v
    }

    /// A value that needed the calendar: absent, and the missing year noted, when the
    /// calendar does not cover a day it had to look at.
    fn calendar_result(&mut self, result: Result<Value, CalendarMissing>) -> Value {
        result.unwrap_or_else(|missing| {
            self.missing_years.insert(missing.year);
            Value::Absent
        })
    }

    fn fail(&mut self, span: Span, message: impl Into<Text>) -> Value {
        self.failures
            .push(Diagnostic::error(Code::EvaluationFailed, message).at(span, EvalMsg::LabelWhileComputing));
        Value::Absent
    }

    /// Evaluates an expression.
    #[inline(always)]
    pub fn eval(&mut self, e: &CExpr) -> Value {
        // Leaves, about half of what is evaluated, here where they are asked for: the
        // call of the evaluator's large function cost more than their work.
        match &e.kind {
            CKind::Const(v) => {
                self.expression_step(&e.span);
                v.clone()
            }
            CKind::Local(slot) => {
                self.expression_step(&e.span);
                locals::cloned(self.local(*slot))
            }
            CKind::Def(id) => {
                self.expression_step(&e.span);
                // Computed already (most uses): a copy; else computed, without going
                // through the evaluator's large function.
                match self.defs.get(id.0 as usize) {
                    Some(Some(v)) => locals::cloned(v),
                    _ => self.definition(*id),
                }
            }
            CKind::AsOf => {
                self.expression_step(&e.span);
                Value::Date(self.as_of)
            }
            CKind::CaseField(path) => {
                self.expression_step(&e.span);
                match self.facts.at_ref(path) {
                    Some(v) => locals::cloned(v),
                    None => Value::Absent,
                }
            }
            CKind::GetField(base, i) => {
                self.expression_step(&e.span);
                // A field of a list item (`s.date`), read here, without a call.
                if let CKind::Local(slot) = &base.kind {
                    self.expression_step(&base.span);
                    return locals::field_of(self.local(*slot), *i);
                }
                self.field(base, *i)
            }
            _ => self.eval_node(e),
        }
    }

    /// Evaluates an expression (all forms; see [`Self::eval`]).
    #[inline(never)]
    fn eval_node(&mut self, e: &CExpr) -> Value {
        self.expression_step(&e.span);
        match &e.kind {
            CKind::Const(v) => v.clone(),
            CKind::AsOf => Value::Date(self.as_of),
            CKind::CaseField(path) => self.facts.at(path),
            CKind::Local(slot) => self.local(*slot).clone(),
            CKind::Def(id) => self.definition(*id),
            CKind::GetField(base, i) => self.field(base, *i),
            CKind::Project(record, picked) => self.eval(record).project(picked),
            CKind::TableRow(table, key) => self.table_row(*table, key),
            CKind::Unary(UnOp::Not, inner) => Value::Bool(!self.truth(inner)),
            CKind::Unary(UnOp::Neg, inner) => match self.eval(inner) {
                Value::Int(n) => Value::Int(n.saturating_neg()),
                Value::Quantity(n, u) => Value::Quantity(n.saturating_neg(), u),
                _ => Value::Absent,
            },
            CKind::Binary(op, l, r) => self.binary(*op, l, r, e.span),
            CKind::WithUnit(inner, unit) => match self.eval(inner) {
                Value::Int(n) => Value::Quantity(n, *unit),
                _ => Value::Absent,
            },
            CKind::IsAbsent(inner, absent) => Value::Bool(self.eval(inner).is_absent() == *absent),
            CKind::IsVariant(inner, variant, negated) => match self.eval(inner) {
                Value::Enum(_, v) => Value::Bool((v == *variant) != *negated),
                _ => Value::Bool(false),
            },
            CKind::If(c, a, b) => {
                if self.truth(c) {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            CKind::Match(s, table, arms) => match self.eval(s) {
                Value::Enum(_, v) => match table.get(v as usize).and_then(|arm| arms.get(*arm as usize)) {
                    Some(arm) => self.eval(arm),
                    None => Value::Absent,
                },
                _ => Value::Absent,
            },
            CKind::Aggregate { .. } => self.aggregation(&e.kind),
            CKind::Holds(_, Some(rule)) => Value::Bool(self.rule(*rule)),
            CKind::Holds(kind, None) => Value::Bool(self.any_holds(*kind)),
            CKind::Call(builtin, args) => self.call(*builtin, args, e.span),
            CKind::CallDefinition(..) if !self.may_repeat() => Value::Absent,
            CKind::CallDefinition(id, args) => self.call_definition(*id, args),
            CKind::List(items) => Value::List(items.iter().map(|i| self.eval(i)).collect()),
            CKind::Record(fields) => Value::Record(fields.iter().map(|f| self.eval(f)).collect()),
        }
    }
}

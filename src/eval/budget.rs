//! The step budget: every piece of work the evaluator does for one case is a number of
//! steps taken from one budget of [`MAX_STEPS`], so the evaluation of any case ends
//! after a number of steps, whatever the policy and the case say. Lists are not the
//! only long work: days walked by working-day arithmetic, the expressions of a body run
//! once per item, functions calling functions twice over (not memoised, so 2^30 calls
//! through a chain of 30), long texts and lists compared item by item.
//!
//! Once the steps have run out, the evaluation stops repeating work: no more list
//! items, months, days, function calls, table rows or long comparisons (they are
//! absent). What is left is each definition, rule and decision field evaluated at most
//! once, without repetition: no more work than the size of the policy. So values that
//! do not depend on the work that ran long are still there, as before the budget.

use super::Evaluation;
use super::messages::EvalMsg;
use crate::calendar::{Unanswered, WorkingDayCalendar};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::value::{Value, in_unit_base};
use std::cmp::Ordering;

/// How many steps the evaluation of one case may take. A step is one expression
/// evaluated, one list item gone through, one month made (`months_from_to`,
/// `months_covered`), one day looked at by working-day arithmetic, one pair of list or
/// record items compared, or [`TEXT_BYTES_PER_STEP`] bytes of text compared, trimmed or
/// counted. Every other piece of work is at most a constant per step. A case of the
/// built-in policy takes a few hundred (the largest of `tests/cases` about 1,100; ten
/// years of monthly follow-ups and services some 80,000). Past the budget, evaluation
/// stops with an error rather than run for hours (`count(a in
/// months_from_to(1000-01, 9999-12) where ...)` nested, or 2000 follow-ups looked up
/// for each month from 1000 to 9999).
pub const MAX_STEPS: u64 = 1_000_000;

/// Bytes of text that make one step: going through 64 bytes (one cache line) takes
/// about as long as evaluating one expression.
pub const TEXT_BYTES_PER_STEP: usize = 64;

impl Evaluation<'_> {
    /// Takes `n` steps for work at `span`. `false` when fewer than `n` are left: the
    /// evaluation stops then (an error, see [`Self::stop`]), and every later step is
    /// refused at once, so the work that repeats is absent values, quickly.
    #[inline]
    pub(super) fn step(&mut self, n: u64, span: &Span) -> bool {
        if !self.stopped && n <= MAX_STEPS.saturating_sub(self.steps) {
            self.steps += n;
            return true;
        }
        self.step_slowly(n, *span)
    }

    /// [`Self::step`] when the steps may run out (or have): the stop and its error.
    #[cold]
    #[inline(never)]
    fn step_slowly(&mut self, n: u64, span: Span) -> bool {
        if self.stopped {
            return false;
        }
        match self.steps.checked_add(n) {
            Some(total) if total <= MAX_STEPS => {
                self.steps = total;
                true
            }
            _ => {
                // Work larger than the whole budget is to blame on its own.
                let at = if n > MAX_STEPS { span } else { self.repeating(span) };
                self.stop(at);
                false
            }
        }
    }

    /// Where to point when the steps run out during work at `span`: the list of the
    /// innermost aggregation being gone through, if any, since going through it again
    /// and again is what used the steps up; else `span`.
    fn repeating(&self, span: Span) -> Span {
        self.within.unwrap_or(span)
    }

    /// Stops the evaluation, with an error at `span`.
    fn stop(&mut self, span: Span) {
        self.stopped = true;
        self.limit = 0;
        self.failures.push(
            Diagnostic::error(
                Code::EvaluationFailed,
                EvalMsg::TooManySteps.with([MAX_STEPS.to_string()]),
            )
            .at(span, EvalMsg::LabelWhileComputing)
            .with_help(EvalMsg::HelpSteps),
        );
    }

    /// A step for evaluating one expression. After the stop the expression is
    /// evaluated all the same: on its own it is a constant piece of work, and what
    /// would repeat it is refused.
    /// The span is passed by reference: only the slow way reads it, and passing it by
    /// value copied it for every expression.
    #[inline(always)]
    pub(super) fn expression_step(&mut self, span: &Span) {
        // Taken about 500 times a case: one comparison while steps are left (`limit`
        // is 0 after the stop, so a stopped evaluation takes the slow way, which
        // refuses at once; the result is not needed here).
        if self.steps < self.limit {
            self.steps += 1;
        } else {
            let _ = self.step_slowly(1, *span);
        }
    }

    /// Whether work may still be repeated (a function called, a table row built): not
    /// after the stop, since evaluating a function's body or a row once per use is
    /// what could multiply without end.
    pub(super) fn may_repeat(&self) -> bool {
        !self.stopped
    }

    /// Runs `f` going through the items of the list at `span`.
    pub(super) fn going_through<T>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = self.within.replace(span);
        let out = f(self);
        self.within = outer;
        out
    }

    /// A working-day computation, which may look at as many days as there are steps
    /// left; the days it looked at are steps taken. Absent when it needed a year with
    /// no calendar (noted) or more days than that (the evaluation stops).
    pub(super) fn walk_days(
        &mut self,
        span: Span,
        walk: impl FnOnce(&WorkingDayCalendar, &mut u64) -> Result<Value, Unanswered>,
    ) -> Value {
        if self.stopped {
            return Value::Absent;
        }
        let left = MAX_STEPS - self.steps;
        let mut days = left;
        let program = self.program;
        let result = walk(&program.calendar, &mut days);
        self.steps += left - days;
        match result {
            Ok(v) => v,
            Err(Unanswered::Missing(missing)) => self.calendar_result(Err(missing)),
            Err(Unanswered::TooManyDays) => {
                self.stop(self.repeating(span));
                Value::Absent
            }
        }
    }

    /// Orders two values as [`Value::compare`] does, taking a step per pair of list or
    /// record items the comparison may look at and per [`TEXT_BYTES_PER_STEP`] bytes
    /// of text. `None` (as for values that cannot be compared) when the steps ran out.
    #[inline(always)]
    pub(super) fn compare(&mut self, a: &Value, b: &Value, span: Span) -> Option<Ordering> {
        // Dates, numbers, periods and absent values, most of what a policy compares,
        // here where they are compared.
        match (a, b) {
            (Value::Absent, _) | (_, Value::Absent) => return None,
            _ => {}
        }
        if let Some(order) = quick_order(a, b) {
            return Some(order);
        }
        self.compare_slowly(a, b, span)
    }

    /// [`Self::compare`] of the other kinds.
    #[inline(never)]
    fn compare_slowly(&mut self, a: &Value, b: &Value, span: Span) -> Option<Ordering> {
        if matches!(
            a,
            Value::List(_) | Value::Record(_) | Value::Text(_) | Value::ResidentId(_)
        ) {
            if self.stopped {
                return None;
            }
            let left = MAX_STEPS - self.steps;
            let mut budget = left;
            if !take_comparison(a, b, &mut budget) {
                self.stop(self.repeating(span));
                return None;
            }
            self.steps += left - budget;
        }
        a.compare(b)
    }

    /// Takes the steps of going through a text once (trimming it, counting its
    /// characters); `false` when they ran out.
    pub(super) fn text_steps(&mut self, text: &str, span: Span) -> bool {
        self.step((text.len() / TEXT_BYTES_PER_STEP) as u64, &span)
    }
}

/// The order of two values of the kinds most compared (dates, numbers, months, enum
/// values, periods, bools), as [`Value::compare`] gives it, without its call; `None` for other kinds.
#[inline(always)]
fn quick_order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Month(x), Value::Month(y)) => Some(x.cmp(y)),
        (Value::Enum(tx, x), Value::Enum(ty, y)) if tx == ty => Some(x.cmp(y)),
        (Value::Quantity(x, ux), Value::Quantity(y, uy)) => Some(in_unit_base(*x, *ux).cmp(&in_unit_base(*y, *uy))),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// [`Value::compare`], for values that take no steps to compare (a membership test's
/// keys), the kinds most compared without a call.
#[inline]
pub(super) fn quick_compare(a: &Value, b: &Value) -> Option<Ordering> {
    quick_order(a, b).or_else(|| a.compare(b))
}

/// Takes from `left` the steps comparing `a` with `b` may take: one per pair of list or
/// record items (nested ones too), one per [`TEXT_BYTES_PER_STEP`] bytes of the shorter
/// text. `false` when `left` runs out first. It stops there, so working out the cost
/// never takes longer than the comparison it is for, even for lists that hold the same
/// long list many times over.
fn take_comparison(a: &Value, b: &Value, left: &mut u64) -> bool {
    match (a, b) {
        (Value::List(x), Value::List(y)) | (Value::Record(x), Value::Record(y)) => {
            x.iter().zip(y.iter()).all(|(x, y)| match left.checked_sub(1) {
                Some(rest) => {
                    *left = rest;
                    take_comparison(x, y, left)
                }
                None => false,
            })
        }
        (Value::Text(x), Value::Text(y)) | (Value::ResidentId(x), Value::ResidentId(y)) => {
            let steps = (x.len().min(y.len()) / TEXT_BYTES_PER_STEP) as u64;
            match left.checked_sub(steps) {
                Some(rest) => {
                    *left = rest;
                    true
                }
                None => false,
            }
        }
        _ => true,
    }
}

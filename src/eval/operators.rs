//! Operators, and conditions evaluated to a `bool`. Most of a policy is conditions
//! (`when`, filters, `and`, `or`, comparisons): [`Evaluation::truth`] decides them
//! without making a [`Value`] of each part and dropping it again, taking the steps
//! [`Evaluation::eval`] takes, in the same order.

use super::{Evaluation, arithmetic};
use crate::ast::{BinOp, UnOp, Unit};
use crate::program::{CExpr, CKind};
use crate::source::Span;
use crate::value::Value;
use std::cmp::Ordering;

impl<'p> Evaluation<'p> {
    /// Whether `e` is true: `self.eval(e).truthy()`, with the same steps.
    pub(super) fn truth(&mut self, e: &CExpr) -> bool {
        match &e.kind {
            CKind::Binary(BinOp::And, l, r) => {
                self.expression_step(&e.span);
                self.truth(l) && self.truth(r)
            }
            CKind::Binary(BinOp::Or, l, r) => {
                self.expression_step(&e.span);
                self.truth(l) || self.truth(r)
            }
            CKind::Binary(op, l, r) if comparison(*op).is_some() => {
                self.expression_step(&e.span);
                self.compares(*op, l, r, e.span)
            }
            CKind::Unary(UnOp::Not, inner) => {
                self.expression_step(&e.span);
                !self.truth(inner)
            }
            CKind::IsAbsent(inner, absent) => {
                self.expression_step(&e.span);
                if let Some(v) = self.case_field_in_place(inner) {
                    return v.is_absent() == *absent;
                }
                let v = self.eval_apart(inner);
                let holds = v.is_absent() == *absent;
                discard(v);
                holds
            }
            CKind::IsVariant(inner, variant, negated) => {
                self.expression_step(&e.span);
                let is = |v: &Value| matches!(v, Value::Enum(_, v) if (*v == *variant) != *negated);
                if let Some(v) = self.case_field_in_place(inner) {
                    return is(v);
                }
                let v = self.eval_apart(inner);
                let holds = is(&v);
                discard(v);
                holds
            }
            CKind::Holds(_, Some(rule)) => {
                self.expression_step(&e.span);
                self.rule(*rule)
            }
            // A yes/no definition: read from the memo without copying it.
            CKind::Def(id) => {
                self.expression_step(&e.span);
                match self.defs.get(id.0 as usize) {
                    Some(Some(v)) => v.truthy(),
                    _ => {
                        let v = self.definition(*id);
                        let holds = v.truthy();
                        discard(v);
                        holds
                    }
                }
            }
            // `any`, `all` and membership tests in filters: straight to the aggregation.
            CKind::Aggregate { .. } => {
                self.expression_step(&e.span);
                let v = self.aggregation(&e.kind);
                let holds = v.truthy();
                discard(v);
                holds
            }
            // A yes/no field of the case or of a list item, read in place.
            CKind::CaseField(_) => self.case_field_in_place(e).is_some_and(Value::truthy),
            CKind::GetField(base, i) if matches!(base.kind, CKind::Local(_)) => {
                self.expression_step(&e.span);
                self.expression_step(&base.span);
                match &base.kind {
                    CKind::Local(slot) => match self.local(*slot) {
                        Value::Record(fields) => fields.get(*i as usize).is_some_and(Value::truthy),
                        _ => false,
                    },
                    _ => false,
                }
            }
            _ => {
                let v = self.eval_apart(e);
                let holds = v.truthy();
                discard(v);
                holds
            }
        }
    }

    /// For a case field, its value in place (absent where the path leads nowhere), its
    /// step taken; `None`, and no step, for any other expression.
    #[inline(always)]
    fn case_field_in_place(&mut self, e: &CExpr) -> Option<&'p Value> {
        let CKind::CaseField(path) = &e.kind else {
            return None;
        };
        self.expression_step(&e.span);
        let facts: &'p Value = self.facts;
        Some(facts.at_ref(path).unwrap_or(&Value::Absent))
    }

    /// [`Self::eval`] in a function of its own: `truth` calls it rather than have the
    /// evaluator's leaves inlined, which made every call of `truth`, most of them for
    /// `and`, `or` and comparisons, save and restore registers it did not need.
    #[inline(never)]
    fn eval_apart(&mut self, e: &CExpr) -> Value {
        self.eval(e)
    }

    /// Whether `l op r` holds for a comparison `op` (false for one that is not).
    fn compares(&mut self, op: BinOp, l: &CExpr, r: &CExpr, span: Span) -> bool {
        let (a, b) = (self.eval(l), self.eval(r));
        let holds = self.compare(&a, &b, span).is_some_and(|o| ordered(op, o));
        discard(a);
        discard(b);
        holds
    }

    /// `l op r`, the step of which is taken.
    pub(super) fn binary(&mut self, op: BinOp, l: &CExpr, r: &CExpr, span: Span) -> Value {
        match op {
            BinOp::And => return Value::Bool(self.truth(l) && self.truth(r)),
            BinOp::Or => return Value::Bool(self.truth(l) || self.truth(r)),
            BinOp::Default => {
                let v = self.eval(l);
                return if v.is_absent() { self.eval(r) } else { v };
            }
            _ if comparison(op).is_some() => return Value::Bool(self.compares(op, l, r, span)),
            _ => {}
        }
        let (a, b) = (self.eval(l), self.eval(r));
        if let (BinOp::Add | BinOp::Sub, Value::Date(d), Value::Quantity(n, Unit::WorkingDays)) = (op, &a, &b) {
            // Past any calendar either way: i64::MIN working days back is i64::MAX.
            let n = if op == BinOp::Sub { n.saturating_neg() } else { *n };
            return self.walk_days(span, |calendar, days| {
                calendar.nth_working_day_after_within(*d, n, days).map(Value::Date)
            });
        }
        match arithmetic::apply(op, &a, &b) {
            Ok(v) => v,
            Err(why) => self.fail(span, why.text(op)),
        }
    }
}

/// Drops a value made for a moment (an operand, an argument): most are dates, numbers
/// and bools, which hold nothing to free, and this tells them apart where they are
/// dropped instead of calling the drop of `Value` for each.
#[inline(always)]
pub(super) fn discard(v: Value) {
    match v {
        Value::Text(_) | Value::ResidentId(_) | Value::List(_) | Value::Record(_) => drop(v),
        // Nothing to free: forgetting it is dropping it.
        _ => std::mem::forget(v),
    }
}

/// Whether `op` holds for two values in order `o` (false for an operator that is not a
/// comparison).
#[inline(always)]
pub(super) fn ordered(op: BinOp, o: Ordering) -> bool {
    match op {
        BinOp::Eq => o == Ordering::Equal,
        BinOp::Ne => o != Ordering::Equal,
        BinOp::Lt => o == Ordering::Less,
        BinOp::Le => o != Ordering::Greater,
        BinOp::Gt => o == Ordering::Greater,
        BinOp::Ge => o != Ordering::Less,
        _ => false,
    }
}

/// The orders for which a comparison operator holds; `None` when `op` is not one.
/// Comparisons with an absent value are false (they have no order).
fn comparison(op: BinOp) -> Option<&'static [Ordering]> {
    Some(match op {
        BinOp::Eq => &[Ordering::Equal],
        BinOp::Ne => &[Ordering::Less, Ordering::Greater],
        BinOp::Lt => &[Ordering::Less],
        BinOp::Le => &[Ordering::Less, Ordering::Equal],
        BinOp::Gt => &[Ordering::Greater],
        BinOp::Ge => &[Ordering::Greater, Ordering::Equal],
        _ => return None,
    })
}

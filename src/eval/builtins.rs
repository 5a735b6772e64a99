//! The builtin functions (`full_years`, `count_working_days`, `months_from_to`, …).

use super::Evaluation;
use super::aggregate::span_of_months;
use super::messages::EvalMsg;
use crate::ast::Unit;
use crate::program::{Builtin, CExpr};
use crate::source::Span;
use crate::value::{Value, YearMonth, full_months, full_years};
use std::cmp::Ordering;

impl Evaluation<'_> {
    /// Calls a builtin with its arguments evaluated.
    #[inline(never)]
    pub(super) fn call(&mut self, builtin: Builtin, args: &[CExpr], span: Span) -> Value {
        // Builtins take one or two arguments: on the stack, not in a Vec allocated for
        // each call. (More, which the checker does not let through, in a Vec.)
        match args {
            [a] => {
                let a = self.eval(a);
                let out = self.apply(builtin, std::slice::from_ref(&a), span);
                super::operators::discard(a);
                out
            }
            [a, b] => {
                let values = [self.eval(a), self.eval(b)];
                let out = self.apply(builtin, &values, span);
                let [a, b] = values;
                super::operators::discard(a);
                super::operators::discard(b);
                out
            }
            _ => {
                let values: Vec<Value> = args.iter().map(|a| self.eval(a)).collect();
                self.apply(builtin, &values, span)
            }
        }
    }

    /// A builtin applied to its arguments' values.
    fn apply(&mut self, builtin: Builtin, values: &[Value], span: Span) -> Value {
        match (builtin, values) {
            (Builtin::FullYears, [Value::Date(a), Value::Date(b)]) => {
                Value::Quantity(full_years(*a, *b), crate::ast::Unit::Years)
            }
            (Builtin::FullMonths, [Value::Date(a), Value::Date(b)]) => {
                Value::Quantity(full_months(*a, *b), crate::ast::Unit::Months)
            }
            (Builtin::MonthOf, [Value::Date(d)]) => Value::Month(YearMonth::of(*d)),
            (Builtin::FirstDay, [Value::Month(m)]) => m
                .first_day()
                .map_or_else(|| self.fail(span, EvalMsg::NoSuchDay), Value::Date),
            (Builtin::LastDay, [Value::Month(m)]) => m
                .last_day()
                .map_or_else(|| self.fail(span, EvalMsg::NoSuchDay), Value::Date),
            (Builtin::Min, [a, b]) => self.pick(a.clone(), b.clone(), Ordering::Less, span),
            (Builtin::Max, [a, b]) => self.pick(a.clone(), b.clone(), Ordering::Greater, span),
            (Builtin::Trim, [Value::Text(t)]) if self.text_steps(t, span) => Value::Text(t.trim().into()),
            (Builtin::WorkingDays, [Value::Date(a), Value::Date(b)]) => self.walk_days(span, |calendar, days| {
                calendar
                    .working_days_between_within(*a, *b, days)
                    .map(|n| Value::Quantity(n, Unit::WorkingDays))
            }),
            (Builtin::MonthsFromTo, [Value::Month(a), Value::Month(b)]) => {
                if !self.step(span_of_months(a.0, b.0), &span) {
                    return Value::Absent;
                }
                Value::List((a.0..=b.0).map(|m| Value::Month(YearMonth(m))).collect())
            }
            (Builtin::IsWorkingDay, [Value::Date(d)]) => {
                let working = self.program.calendar.is_working_day(*d);
                self.calendar_result(working.map(Value::Bool))
            }
            (Builtin::Length, [Value::List(l)]) => Value::Int(l.len() as i64),
            (Builtin::Length, [Value::Text(t)]) if self.text_steps(t, span) => Value::Int(t.chars().count() as i64),
            _ => Value::Absent,
        }
    }
}

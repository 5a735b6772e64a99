//! Arithmetic on two scalars and the builtins whose values are scalars, written as
//! `Compiler::arithmetic` and `Compiler::builtin` compile them: both operands evaluated,
//! the left first, then the very operation the closures call (`arithmetic.rs`).

use super::super::compile::{R, Unsupported};
use super::super::word::Scalar;
use super::emit::{Writer, indices, kind, unit};
use crate::ast::{BinOp, Unit};
use crate::program::{Builtin, CExpr};

impl Writer<'_> {
    /// Arithmetic on two scalars (`Compiler::arithmetic`): both operands evaluated,
    /// the left first, then the operation the closures call.
    pub(super) fn arithmetic(&mut self, op: BinOp, l: &CExpr, r: &CExpr, k: Scalar) -> R<String> {
        use Scalar::*;
        let (ka, kb) = (
            Scalar::of(&l.ty).ok_or(Unsupported)?,
            Scalar::of(&r.ty).ok_or(Unsupported)?,
        );
        let (x, y) = (self.scalar(l, ka)?, self.scalar(r, kb)?);
        let back = op == BinOp::Sub;
        // An operation on the two words (`(true, name)`), or a call on the two
        // `Option`s (`(false, call)`).
        let (on_words, f) = match (op, ka, kb, k) {
            (BinOp::Add, Int, Int, Int) => (true, "int_add".to_string()),
            (BinOp::Sub, Int, Int, Int) => (true, "int_sub".to_string()),
            (BinOp::Mul, Int, Int, Int) => (true, "int_mul".to_string()),
            (BinOp::Div, Int, Int, Int) => (true, "int_div".to_string()),
            (BinOp::Add | BinOp::Sub, Quantity(ux), Quantity(uy), Quantity(u))
                if u == if ux == uy { ux } else { Unit::Months } =>
            {
                let add = op == BinOp::Add;
                (
                    false,
                    format!("sum_of_periods(cx, x, y, {add}, {}, {})", unit(ux), unit(uy)),
                )
            }
            (BinOp::Mul, Quantity(_), Int, Quantity(_)) | (BinOp::Mul, Int, Quantity(_), Quantity(_))
                if ka == k || kb == k =>
            {
                (true, "int_mul".to_string())
            }
            (BinOp::Div, Quantity(_), Int, Quantity(_)) if ka == k => (true, "int_div".to_string()),
            (BinOp::Div, Quantity(ux), Quantity(uy), Int) => {
                (false, format!("ratio_of_periods(cx, x, y, {}, {})", unit(ux), unit(uy)))
            }
            (BinOp::Add | BinOp::Sub, Date, Quantity(Unit::WorkingDays), Date) => {
                (false, format!("date_by_working_days(cx, x, y, {back})"))
            }
            (BinOp::Add | BinOp::Sub, Date, Quantity(u), Date) => {
                (false, format!("date_by_period(cx, x, y, {back}, {})", unit(u)))
            }
            (BinOp::Add | BinOp::Sub, Month, Quantity(u), Month) => {
                (false, format!("month_by_period(cx, x, y, {back}, {})", unit(u)))
            }
            (BinOp::Sub, Date, Date, Quantity(Unit::Days)) => (true, "days_between".to_string()),
            (BinOp::Sub, Month, Month, Quantity(Unit::Months)) => (true, "months_between".to_string()),
            _ => return Err(Unsupported),
        };
        Ok(if on_words {
            format!("{{ let x = {x}; let y = {y}; match (x, y) {{ (Some(x), Some(y)) => {f}(cx, x, y), _ => None }} }}")
        } else {
            format!("{{ let x = {x}; let y = {y}; {f} }}")
        })
    }

    /// A builtin whose value is a scalar (`Compiler::builtin`).
    pub(super) fn builtin(&mut self, builtin: Builtin, args: &[CExpr], k: Scalar) -> R<String> {
        use Scalar::*;
        let kinds: Vec<Option<Scalar>> = args.iter().map(|a| Scalar::of(&a.ty)).collect();
        Ok(match (builtin, kinds.as_slice(), k) {
            (Builtin::FullYears | Builtin::FullMonths, [Some(Date), Some(Date)], Quantity(u)) => {
                let years = builtin == Builtin::FullYears;
                if u != if years { Unit::Years } else { Unit::Months } {
                    return Err(Unsupported);
                }
                let (x, y) = (self.scalar(&args[0], Date)?, self.scalar(&args[1], Date)?);
                format!("{{ let x = {x}; let y = {y}; full_period(cx, x, y, {years}) }}")
            }
            (Builtin::MonthOf, [Some(Date)], Month) => format!("({}).map(month_of)", self.scalar(&args[0], Date)?),
            (Builtin::FirstDay | Builtin::LastDay, [Some(Month)], Date) => {
                let last = builtin == Builtin::LastDay;
                format!(
                    "{{ let m = {}; first_or_last(cx, m, {last}) }}",
                    self.scalar(&args[0], Month)?
                )
            }
            (Builtin::Min | Builtin::Max, [Some(ka), Some(kb)], _) if *ka == k && *kb == k => {
                k.comparer(k).ok_or(Unsupported)?;
                let order = if builtin == Builtin::Min { "Less" } else { "Greater" };
                let (x, y) = (self.scalar(&args[0], k)?, self.scalar(&args[1], k)?);
                format!(
                    "{{ let x = {x}; let y = {y}; match {}.comparer({}) {{ Some(c) => pick(x, y, Ordering::{order}, c), None => None }} }}",
                    kind(k),
                    kind(k)
                )
            }
            (Builtin::Length, [None], Int) => {
                let a = &args[0];
                if let Some((path, None)) = self.c.path_of(a) {
                    format!(
                        "{{ let v = cx.facts.at_ref(&{}).unwrap_or(&Value::Absent); length_of(cx, v) }}",
                        indices(&path)
                    )
                } else {
                    format!("{{ let v = {}; length_of(cx, &v) }}", self.value(a)?)
                }
            }
            (Builtin::WorkingDays, [Some(Date), Some(Date)], Quantity(Unit::WorkingDays)) => {
                let (x, y) = (self.scalar(&args[0], Date)?, self.scalar(&args[1], Date)?);
                format!("{{ let x = {x}; let y = {y}; working_days_between(cx, x, y) }}")
            }
            (Builtin::IsWorkingDay, [Some(Date)], Bool) => {
                format!("{{ let d = {}; is_working_day(cx, d) }}", self.scalar(&args[0], Date)?)
            }
            _ => return Err(Unsupported),
        })
    }
}

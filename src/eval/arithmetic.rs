//! Arithmetic on values: numbers, periods, dates and months (contract §1).

use super::messages::EvalMsg;
use crate::ast::{BinOp, Unit};
use crate::lang::Text;
use crate::value::{Value, YearMonth, add_days, add_months, in_unit_base};

/// Why an operator gave no value (small, so that the result of every operation stays
/// small; told in words only when it is reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The result does not fit.
    Overflow,
    /// A date past the calendar.
    OutOfCalendar,
    /// A division by zero.
    DivisionByZero,
    /// Working days, which need the calendar.
    WorkingDays,
    /// Values the operator does not take.
    NotApplicable,
}

impl Refused {
    /// The reason in words, for the operator `op`.
    pub fn text(self, op: BinOp) -> Text {
        match self {
            Refused::Overflow => EvalMsg::OutOfRange.with([op.symbol()]),
            Refused::OutOfCalendar => EvalMsg::OutsideCalendar.into(),
            Refused::DivisionByZero => EvalMsg::DivisionByZero.into(),
            Refused::WorkingDays => EvalMsg::WorkingDaysNeedCalendar.into(),
            Refused::NotApplicable => EvalMsg::CannotApply.with([op.symbol()]),
        }
    }
}

/// Applies an arithmetic operator. Absent operands give an absent result; an overflow
/// or a date outside the calendar is refused.
pub fn apply(op: BinOp, a: &Value, b: &Value) -> Result<Value, Refused> {
    use Value::*;
    if a.is_absent() || b.is_absent() {
        return Ok(Absent);
    }
    let overflow = || Refused::Overflow;
    let out_of_calendar = || Refused::OutOfCalendar;
    Ok(match (op, a, b) {
        (BinOp::Add, Int(x), Int(y)) => Int(x.checked_add(*y).ok_or_else(overflow)?),
        (BinOp::Sub, Int(x), Int(y)) => Int(x.checked_sub(*y).ok_or_else(overflow)?),
        (BinOp::Mul, Int(x), Int(y)) => Int(x.checked_mul(*y).ok_or_else(overflow)?),
        (BinOp::Div, Int(_), Int(0)) | (BinOp::Div, Quantity(..), Int(0)) => return Err(Refused::DivisionByZero),
        (BinOp::Div, Int(x), Int(y)) => Int(x.checked_div_euclid(*y).ok_or_else(overflow)?),
        (BinOp::Add | BinOp::Sub, Quantity(x, ux), Quantity(y, uy)) => {
            let unit = if ux == uy { *ux } else { Unit::Months };
            let (x, y) = if ux == uy {
                (*x, *y)
            } else {
                (in_unit_base(*x, *ux), in_unit_base(*y, *uy))
            };
            let n = if op == BinOp::Add {
                x.checked_add(y)
            } else {
                x.checked_sub(y)
            };
            Quantity(n.ok_or_else(overflow)?, unit)
        }
        (BinOp::Mul, Quantity(x, u), Int(y)) | (BinOp::Mul, Int(y), Quantity(x, u)) => {
            Quantity(x.checked_mul(*y).ok_or_else(overflow)?, *u)
        }
        (BinOp::Div, Quantity(x, u), Int(y)) => Quantity(x.checked_div_euclid(*y).ok_or_else(overflow)?, *u),
        (BinOp::Div, Quantity(x, ux), Quantity(y, uy)) => {
            let (x, y) = (in_unit_base(*x, *ux), in_unit_base(*y, *uy));
            if y == 0 {
                return Err(Refused::DivisionByZero);
            }
            Int(x.checked_div_euclid(y).ok_or_else(overflow)?)
        }
        (BinOp::Add | BinOp::Sub, Date(d), Quantity(n, u)) => {
            let n = if op == BinOp::Sub {
                n.checked_neg().ok_or_else(overflow)?
            } else {
                *n
            };
            let moved = match u {
                Unit::Days => add_days(*d, n),
                // Working days need the calendar: the evaluator does them itself.
                Unit::WorkingDays => return Err(Refused::WorkingDays),
                Unit::Years | Unit::Months => add_months(*d, in_unit_base(n, *u)),
            };
            Date(moved.ok_or_else(out_of_calendar)?)
        }
        (BinOp::Add | BinOp::Sub, Month(m), Quantity(n, u)) => {
            let n = in_unit_base(*n, *u);
            let n = if op == BinOp::Sub { n.checked_neg() } else { Some(n) };
            let target = n
                .and_then(|n| (m.0 as i64).checked_add(n))
                .and_then(|t| i32::try_from(t).ok())
                .ok_or_else(overflow)?;
            Month(YearMonth(target))
        }
        (BinOp::Sub, Date(x), Date(y)) => Quantity((*x - *y).num_days(), Unit::Days),
        (BinOp::Sub, Month(x), Month(y)) => Quantity(x.0 as i64 - y.0 as i64, Unit::Months),
        _ => return Err(Refused::NotApplicable),
    })
}

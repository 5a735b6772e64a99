//! Compiling arithmetic and the builtins whose values are scalars, by the kinds of
//! their operands: each operation the walker would refuse with a diagnostic (an
//! overflow, a date past the calendar) hands the case back instead.

use super::Node;
use super::ScalarFn;
use super::compile::{Compiler, R, Unsupported, pick, text_steps};
use super::cx::Cx;
use super::operand::{Operand, Scalar1, Scalar2, of_one, of_two};
use super::word::{Scalar, Word, add_months_to, first_or_last_day, full_months_between, month_of, pack, unpack};
use crate::ast::{BinOp, Unit};
use crate::program::{Builtin, CExpr};
use crate::value::{Value, add_days, in_unit_base};
use std::cmp::Ordering;

impl Compiler<'_> {
    /// Arithmetic on two scalars, by their kinds; the walker's failures hand the case
    /// back.
    pub(super) fn arithmetic(&mut self, op: BinOp, l: &CExpr, r: &CExpr, kind: Scalar) -> R<ScalarFn> {
        let (Node::Scalar(a, ka), Node::Scalar(b, kb)) = (self.node(l)?, self.node(r)?) else {
            return Err(Unsupported);
        };
        // Both operands read in the operation's closure (see [`super::operand`]).
        let (a, b) = (self.operand(l, a, ka), self.operand(r, b, kb));
        use Scalar::*;
        let apply: fn(&mut Cx, Word, Word) -> Option<Word> = match (op, ka, kb, kind) {
            (BinOp::Add, Int, Int, Int) => int_add,
            (BinOp::Sub, Int, Int, Int) => int_sub,
            (BinOp::Mul, Int, Int, Int) => int_mul,
            (BinOp::Div, Int, Int, Int) => int_div,
            (BinOp::Add | BinOp::Sub, Quantity(ux), Quantity(uy), Quantity(u))
                if u == if ux == uy { ux } else { Unit::Months } =>
            {
                return Ok(quantities(op, a, b, ux, uy));
            }
            (BinOp::Mul, Quantity(_), Int, Quantity(_)) | (BinOp::Mul, Int, Quantity(_), Quantity(_))
                if ka == kind || kb == kind =>
            {
                int_mul
            }
            (BinOp::Div, Quantity(_), Int, Quantity(_)) if ka == kind => int_div,
            (BinOp::Div, Quantity(ux), Quantity(uy), Int) => {
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| ratio_of_periods(cx, x, y, ux, uy)),
                ));
            }
            (BinOp::Add | BinOp::Sub, Date, Quantity(Unit::WorkingDays), Date) => {
                let back = op == BinOp::Sub;
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| date_by_working_days(cx, x, y, back)),
                ));
            }
            (BinOp::Add | BinOp::Sub, Date, Quantity(u), Date) => {
                let back = op == BinOp::Sub;
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| date_by_period(cx, x, y, back, u)),
                ));
            }
            (BinOp::Add | BinOp::Sub, Month, Quantity(u), Month) => {
                let back = op == BinOp::Sub;
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| month_by_period(cx, x, y, back, u)),
                ));
            }
            (BinOp::Sub, Date, Date, Quantity(Unit::Days)) => days_between,
            (BinOp::Sub, Month, Month, Quantity(Unit::Months)) => months_between,
            _ => return Err(Unsupported),
        };
        Ok(of_two(
            a,
            b,
            Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| apply(cx, x?, y?)),
        ))
    }

    /// A builtin whose value is a scalar.
    pub(super) fn builtin(&mut self, builtin: Builtin, args: &[CExpr], kind: Scalar) -> R<ScalarFn> {
        use Scalar::*;
        let nodes: Vec<Node> = args.iter().map(|a| self.node(a)).collect::<R<_>>()?;
        let mut nodes = nodes.into_iter();
        let (first, second) = (nodes.next(), nodes.next());
        if nodes.next().is_some() {
            return Err(Unsupported);
        }
        Ok(match (builtin, first, second, kind) {
            (
                Builtin::FullYears | Builtin::FullMonths,
                Some(Node::Scalar(a, Date)),
                Some(Node::Scalar(b, Date)),
                Quantity(u),
            ) => {
                let years = builtin == Builtin::FullYears;
                if u != if years { Unit::Years } else { Unit::Months } {
                    return Err(Unsupported);
                }
                let (a, b) = (self.operand(&args[0], a, Date), self.operand(&args[1], b, Date));
                of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| full_period(cx, x, y, years)),
                )
            }
            (Builtin::MonthOf, Some(Node::Scalar(a, Date)), None, Month) => of_one(
                self.operand(&args[0], a, Date),
                Scalar1(|_: &mut Cx, x: Option<Word>| x.map(month_of)),
            ),
            (Builtin::FirstDay | Builtin::LastDay, Some(Node::Scalar(a, Month)), None, Date) => {
                let first = builtin == Builtin::FirstDay;
                Box::new(move |cx| {
                    let m = a(cx);
                    first_or_last(cx, m, !first)
                })
            }
            (Builtin::Min | Builtin::Max, Some(Node::Scalar(a, ka)), Some(Node::Scalar(b, kb)), _)
                if ka == kind && kb == kind =>
            {
                let cmp = kind.comparer(kind).ok_or(Unsupported)?;
                let order = if builtin == Builtin::Min {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let (a, b) = (self.operand(&args[0], a, ka), self.operand(&args[1], b, kb));
                of_two(
                    a,
                    b,
                    Scalar2(move |_: &mut Cx, x: Option<Word>, y: Option<Word>| pick(x, y, order, cmp)),
                )
            }
            (Builtin::Length, Some(Node::Value(a)), None, Int) => Box::new(move |cx| {
                let v = a(cx);
                length_of(cx, &v)
            }),
            (
                Builtin::WorkingDays,
                Some(Node::Scalar(a, Date)),
                Some(Node::Scalar(b, Date)),
                Quantity(Unit::WorkingDays),
            ) => Box::new(move |cx| {
                let (x, y) = (a(cx), b(cx));
                working_days_between(cx, x, y)
            }),
            (Builtin::IsWorkingDay, Some(Node::Scalar(a, Date)), None, Bool) => Box::new(move |cx| {
                let d = a(cx);
                is_working_day(cx, d)
            }),
            _ => return Err(Unsupported),
        })
    }
}

impl Cx<'_> {
    /// A working-day computation, given the steps left as days to look at; a year
    /// with no calendar is noted and gives absent; running out of days hands the case
    /// back.
    pub fn walk_days<T: Into<Word>>(
        &mut self,
        walk: impl FnOnce(&crate::calendar::WorkingDayCalendar, &mut u64) -> Result<T, crate::calendar::Unanswered>,
    ) -> Option<Word> {
        let left = self.steps_left();
        let mut days = left;
        let program = self.program;
        let result = walk(&program.calendar, &mut days);
        self.charge(left - days);
        match result {
            Ok(v) => Some(v.into()),
            Err(crate::calendar::Unanswered::Missing(missing)) => {
                self.missing_years.insert(missing.year);
                None
            }
            Err(crate::calendar::Unanswered::TooManyDays) => self.hand_back(),
        }
    }
}

/// Adding or subtracting two periods (see [`sum_of_periods`]).
fn quantities(op: BinOp, a: Operand, b: Operand, ux: Unit, uy: Unit) -> ScalarFn {
    let add = op == BinOp::Add;
    let f = move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| sum_of_periods(cx, x, y, add, ux, uy);
    of_two(a, b, Scalar2(f))
}

// The operations themselves, shared by the closures above and by the code generated
// from a policy (`super::native`), so that both compute the same words and hand back
// the same cases. Each gives `None` for an absent operand.

/// `x + y` of whole numbers (or of a period and a number); an overflow hands back.
#[inline(always)]
pub(super) fn int_add(cx: &mut Cx, x: Word, y: Word) -> Option<Word> {
    x.checked_add(y).or_else(|| cx.hand_back())
}

/// `x - y` of whole numbers; an overflow hands back.
#[inline(always)]
pub(super) fn int_sub(cx: &mut Cx, x: Word, y: Word) -> Option<Word> {
    x.checked_sub(y).or_else(|| cx.hand_back())
}

/// `x * y`; an overflow hands back.
#[inline(always)]
pub(super) fn int_mul(cx: &mut Cx, x: Word, y: Word) -> Option<Word> {
    x.checked_mul(y).or_else(|| cx.hand_back())
}

/// `x div y`, rounding down; by zero or overflowing, hands back.
#[inline(always)]
pub(super) fn int_div(cx: &mut Cx, x: Word, y: Word) -> Option<Word> {
    x.checked_div_euclid(y).or_else(|| cx.hand_back())
}

/// The days from date `y` to date `x`.
#[inline(always)]
pub(super) fn days_between(cx: &mut Cx, x: Word, y: Word) -> Option<Word> {
    match (unpack(x), unpack(y)) {
        (Some(x), Some(y)) => Some((x - y).num_days()),
        _ => cx.hand_back(),
    }
}

/// The months from month `y` to month `x`.
#[inline(always)]
pub(super) fn months_between(_: &mut Cx, x: Word, y: Word) -> Option<Word> {
    Some(x - y)
}

/// Two periods added (or subtracted): in their unit when it is the same, else in
/// months (the walker's rule).
#[inline(always)]
pub(super) fn sum_of_periods(
    cx: &mut Cx,
    x: Option<Word>,
    y: Option<Word>,
    add: bool,
    ux: Unit,
    uy: Unit,
) -> Option<Word> {
    let (x, y) = (x?, y?);
    let (x, y) = if ux == uy {
        (x, y)
    } else {
        (in_unit_base(x, ux), in_unit_base(y, uy))
    };
    let n = if add { x.checked_add(y) } else { x.checked_sub(y) };
    n.or_else(|| cx.hand_back())
}

/// How many times period `y` goes into period `x`, in their base unit.
#[inline(always)]
pub(super) fn ratio_of_periods(cx: &mut Cx, x: Option<Word>, y: Option<Word>, ux: Unit, uy: Unit) -> Option<Word> {
    let (x, y) = (in_unit_base(x?, ux), in_unit_base(y?, uy));
    x.checked_div_euclid(y).or_else(|| cx.hand_back())
}

/// Date `x` moved on (or `back`) by `y` working days, by the policy's calendars.
#[inline(always)]
pub(super) fn date_by_working_days(cx: &mut Cx, x: Option<Word>, y: Option<Word>, back: bool) -> Option<Word> {
    let (d, n) = (unpack(x?)?, y?);
    let n = if back { n.saturating_neg() } else { n };
    cx.walk_days(|calendar, days| calendar.nth_working_day_after_within(d, n, days).map(pack))
}

/// Date `x` moved on (or `back`) by the period `y` in unit `u`.
#[inline(always)]
pub(super) fn date_by_period(cx: &mut Cx, x: Option<Word>, y: Option<Word>, back: bool, u: Unit) -> Option<Word> {
    let (d, n) = (x?, y?);
    let n = if back {
        n.checked_neg().or_else(|| cx.hand_back())?
    } else {
        n
    };
    let moved = match u {
        Unit::Days => add_days(unpack(d)?, n).map(pack),
        _ => add_months_to(d, in_unit_base(n, u)),
    };
    moved.or_else(|| cx.hand_back())
}

/// Month `x` moved on (or `back`) by the period `y` in unit `u`.
#[inline(always)]
pub(super) fn month_by_period(cx: &mut Cx, x: Option<Word>, y: Option<Word>, back: bool, u: Unit) -> Option<Word> {
    let (x, n) = (x?, in_unit_base(y?, u));
    let n = if back { n.checked_neg() } else { Some(n) };
    let target = n.and_then(|n| x.checked_add(n)).filter(|t| i32::try_from(*t).is_ok());
    target.or_else(|| cx.hand_back())
}

/// The full years (or months) from date `x` to date `y`.
#[inline(always)]
pub(super) fn full_period(cx: &mut Cx, x: Option<Word>, y: Option<Word>, years: bool) -> Option<Word> {
    let months = full_months_between(x?, y?).or_else(|| cx.hand_back())?;
    Some(if years { months / 12 } else { months })
}

/// The first (or last) day of month `m`.
#[inline(always)]
pub(super) fn first_or_last(cx: &mut Cx, m: Option<Word>, last: bool) -> Option<Word> {
    first_or_last_day(m?, last).or_else(|| cx.hand_back())
}

/// The working days from date `x` to date `y`, both included.
#[inline(always)]
pub(super) fn working_days_between(cx: &mut Cx, x: Option<Word>, y: Option<Word>) -> Option<Word> {
    let (x, y) = (unpack(x?)?, unpack(y?)?);
    cx.walk_days(|calendar, days| calendar.working_days_between_within(x, y, days))
}

/// The length of a list (its items) or a text (its characters, a step for each
/// [`TEXT_BYTES_PER_STEP`](crate::eval::TEXT_BYTES_PER_STEP) bytes gone through).
#[inline(always)]
pub(super) fn length_of(cx: &mut Cx, v: &Value) -> Option<Word> {
    match v {
        Value::List(items) => Some(items.len() as Word),
        Value::Text(t) => {
            cx.charge(text_steps(t));
            Some(t.chars().count() as Word)
        }
        _ => None,
    }
}

/// Whether date `d` is a working day; absent, the year noted, when it has no calendar.
#[inline(always)]
pub(super) fn is_working_day(cx: &mut Cx, d: Option<Word>) -> Option<Word> {
    let d = unpack(d?)?;
    let program = cx.program;
    match program.calendar.is_working_day(d) {
        Ok(b) => Some(Word::from(b)),
        Err(missing) => {
            cx.missing_years.insert(missing.year);
            None
        }
    }
}

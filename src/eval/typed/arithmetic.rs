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
            (BinOp::Add, Int, Int, Int) => |cx, x, y| x.checked_add(y).or_else(|| cx.hand_back()),
            (BinOp::Sub, Int, Int, Int) => |cx, x, y| x.checked_sub(y).or_else(|| cx.hand_back()),
            (BinOp::Mul, Int, Int, Int) => |cx, x, y| x.checked_mul(y).or_else(|| cx.hand_back()),
            (BinOp::Div, Int, Int, Int) => |cx, x, y| x.checked_div_euclid(y).or_else(|| cx.hand_back()),
            (BinOp::Add | BinOp::Sub, Quantity(ux), Quantity(uy), Quantity(u))
                if u == if ux == uy { ux } else { Unit::Months } =>
            {
                return Ok(quantities(op, a, b, ux, uy));
            }
            (BinOp::Mul, Quantity(_), Int, Quantity(_)) | (BinOp::Mul, Int, Quantity(_), Quantity(_))
                if ka == kind || kb == kind =>
            {
                |cx, x, y| x.checked_mul(y).or_else(|| cx.hand_back())
            }
            (BinOp::Div, Quantity(_), Int, Quantity(_)) if ka == kind => {
                |cx, x, y| x.checked_div_euclid(y).or_else(|| cx.hand_back())
            }
            (BinOp::Div, Quantity(ux), Quantity(uy), Int) => {
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| {
                        let (x, y) = (in_unit_base(x?, ux), in_unit_base(y?, uy));
                        x.checked_div_euclid(y).or_else(|| cx.hand_back())
                    }),
                ));
            }
            (BinOp::Add | BinOp::Sub, Date, Quantity(Unit::WorkingDays), Date) => {
                let back = op == BinOp::Sub;
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| {
                        let (d, n) = (unpack(x?)?, y?);
                        let n = if back { n.saturating_neg() } else { n };
                        cx.walk_days(|calendar, days| calendar.nth_working_day_after_within(d, n, days).map(pack))
                    }),
                ));
            }
            (BinOp::Add | BinOp::Sub, Date, Quantity(u), Date) => {
                let back = op == BinOp::Sub;
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| {
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
                    }),
                ));
            }
            (BinOp::Add | BinOp::Sub, Month, Quantity(u), Month) => {
                let back = op == BinOp::Sub;
                return Ok(of_two(
                    a,
                    b,
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| {
                        let (x, n) = (x?, in_unit_base(y?, u));
                        let n = if back { n.checked_neg() } else { Some(n) };
                        let target = n.and_then(|n| x.checked_add(n)).filter(|t| i32::try_from(*t).is_ok());
                        target.or_else(|| cx.hand_back())
                    }),
                ));
            }
            (BinOp::Sub, Date, Date, Quantity(Unit::Days)) => |cx, x, y| match (unpack(x), unpack(y)) {
                (Some(x), Some(y)) => Some((x - y).num_days()),
                _ => cx.hand_back(),
            },
            (BinOp::Sub, Month, Month, Quantity(Unit::Months)) => |_, x, y| Some(x - y),
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
                    Scalar2(move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| {
                        let months = full_months_between(x?, y?).or_else(|| cx.hand_back())?;
                        Some(if years { months / 12 } else { months })
                    }),
                )
            }
            (Builtin::MonthOf, Some(Node::Scalar(a, Date)), None, Month) => of_one(
                self.operand(&args[0], a, Date),
                Scalar1(|_: &mut Cx, x: Option<Word>| x.map(month_of)),
            ),
            (Builtin::FirstDay | Builtin::LastDay, Some(Node::Scalar(a, Month)), None, Date) => {
                let first = builtin == Builtin::FirstDay;
                Box::new(move |cx| first_or_last_day(a(cx)?, !first).or_else(|| cx.hand_back()))
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
            (Builtin::Length, Some(Node::Value(a)), None, Int) => Box::new(move |cx| match a(cx) {
                Value::List(items) => Some(items.len() as Word),
                Value::Text(t) => {
                    cx.charge(text_steps(&t));
                    Some(t.chars().count() as Word)
                }
                _ => None,
            }),
            (
                Builtin::WorkingDays,
                Some(Node::Scalar(a, Date)),
                Some(Node::Scalar(b, Date)),
                Quantity(Unit::WorkingDays),
            ) => Box::new(move |cx| {
                let (x, y) = (a(cx), b(cx));
                let (x, y) = (unpack(x?)?, unpack(y?)?);
                cx.walk_days(|calendar, days| calendar.working_days_between_within(x, y, days))
            }),
            (Builtin::IsWorkingDay, Some(Node::Scalar(a, Date)), None, Bool) => Box::new(move |cx| {
                let d = unpack(a(cx)?)?;
                let program = cx.program;
                match program.calendar.is_working_day(d) {
                    Ok(b) => Some(Word::from(b)),
                    Err(missing) => {
                        cx.missing_years.insert(missing.year);
                        None
                    }
                }
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

/// Adding or subtracting two periods: in their unit when it is the same, else in
/// months (the walker's rule).
fn quantities(op: BinOp, a: Operand, b: Operand, ux: Unit, uy: Unit) -> ScalarFn {
    let f = move |cx: &mut Cx, x: Option<Word>, y: Option<Word>| {
        let (x, y) = (x?, y?);
        let (x, y) = if ux == uy {
            (x, y)
        } else {
            (in_unit_base(x, ux), in_unit_base(y, uy))
        };
        let n = if op == BinOp::Add {
            x.checked_add(y)
        } else {
            x.checked_sub(y)
        };
        n.or_else(|| cx.hand_back())
    };
    of_two(a, b, Scalar2(f))
}

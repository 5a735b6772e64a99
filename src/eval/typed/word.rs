//! Scalars as one machine word: the typed evaluator's values. Which kind of scalar a
//! word holds is known when the program is compiled (the checker's types), so nothing
//! at run time asks; a value of the tree walker becomes a word only after its kind is
//! checked against that type, and the case is handed back when it does not match.

use crate::ast::Unit;
use crate::program::Type;
use crate::value::{EnumId, Value, YearMonth, in_unit_base};
use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;

/// A scalar: a bool (0 or 1), a whole number, a date ([`pack`]), a month (months
/// since year 0), a period in its static unit, or an enum value's index.
pub(super) type Word = i64;

/// The kinds of scalar a word can hold, with what the word needs to become a
/// [`Value`] again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scalar {
    Bool,
    Int,
    Date,
    Month,
    Quantity(Unit),
    Enum(EnumId),
}

impl Scalar {
    /// The scalar kind of a type; `None` for texts, IDs, lists, records and the rest.
    pub fn of(ty: &Type) -> Option<Scalar> {
        Some(match ty {
            Type::Bool => Scalar::Bool,
            Type::Int => Scalar::Int,
            Type::Date => Scalar::Date,
            Type::Month => Scalar::Month,
            Type::Quantity(u) => Scalar::Quantity(*u),
            Type::Enum(e) => Scalar::Enum(*e),
            _ => return None,
        })
    }

    /// The word of a value of this kind; `Ok(None)` for absent, `Err` when the value is
    /// of another kind (the case goes back to the tree walker).
    #[inline]
    pub fn word(self, v: &Value) -> Result<Option<Word>, Mismatch> {
        Ok(Some(match (self, v) {
            (_, Value::Absent) => return Ok(None),
            (Scalar::Bool, Value::Bool(b)) => Word::from(*b),
            (Scalar::Int, Value::Int(n)) => *n,
            (Scalar::Date, Value::Date(d)) => pack(*d),
            (Scalar::Month, Value::Month(m)) => Word::from(m.0),
            (Scalar::Quantity(u), Value::Quantity(n, vu)) if u == *vu => *n,
            (Scalar::Enum(e), Value::Enum(ve, i)) if e == *ve => Word::from(*i),
            _ => return Err(Mismatch),
        }))
    }

    /// The value of a word of this kind (absent for `None`); `Err` for a date word
    /// that is no date, which no operation makes.
    pub fn value(self, w: Option<Word>) -> Result<Value, Mismatch> {
        let Some(w) = w else { return Ok(Value::Absent) };
        Ok(match self {
            Scalar::Bool => Value::Bool(w != 0),
            Scalar::Int => Value::Int(w),
            Scalar::Date => Value::Date(unpack(w).ok_or(Mismatch)?),
            Scalar::Month => Value::Month(YearMonth(i32::try_from(w).map_err(|_| Mismatch)?)),
            Scalar::Quantity(u) => Value::Quantity(w, u),
            Scalar::Enum(e) => Value::Enum(e, u16::try_from(w).map_err(|_| Mismatch)?),
        })
    }

    /// Whether two words of this kind order as integers (periods in years do not:
    /// they compare in months, saturating).
    pub fn in_natural_order(self) -> bool {
        !matches!(self, Scalar::Quantity(Unit::Years))
    }

    /// Orders two words of kinds `self` and `other` as [`Value::compare`] orders their
    /// values; `None` when values of these kinds never compare.
    pub fn comparer(self, other: Scalar) -> Option<fn(Word, Word) -> Ordering> {
        use Scalar::*;
        Some(match (self, other) {
            (Bool, Bool) | (Int, Int) | (Date, Date) | (Month, Month) => |a: Word, b: Word| a.cmp(&b),
            (Enum(a), Enum(b)) if a == b => |a: Word, b: Word| a.cmp(&b),
            // In the base unit, saturating as `in_unit_base` does.
            (Quantity(a), Quantity(b)) => match (in_unit_base(1, a) == 12, in_unit_base(1, b) == 12) {
                (false, false) => |a: Word, b: Word| a.cmp(&b),
                (true, true) => |a: Word, b: Word| a.saturating_mul(12).cmp(&b.saturating_mul(12)),
                (true, false) => |a: Word, b: Word| a.saturating_mul(12).cmp(&b),
                (false, true) => |a: Word, b: Word| a.cmp(&b.saturating_mul(12)),
            },
            _ => return None,
        })
    }
}

/// A value of another kind than the program's type said: the case is handed back.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mismatch;

/// A date as a word that orders as dates do: year, month and day in bit fields.
#[inline]
pub(super) fn pack(d: NaiveDate) -> Word {
    (Word::from(d.year()) << 9) | (Word::from(d.month()) << 5) | Word::from(d.day())
}

/// The date of a [`pack`]ed word.
#[inline]
pub(super) fn unpack(w: Word) -> Option<NaiveDate> {
    let year = i32::try_from(w >> 9).ok()?;
    NaiveDate::from_ymd_opt(year, ((w >> 5) & 15) as u32, (w & 31) as u32)
}

/// The month (months since year 0) of a [`pack`]ed date.
#[inline]
pub(super) fn month_of(w: Word) -> Word {
    (w >> 9) * 12 + ((w >> 5) & 15) - 1
}

/// The day of the month of a [`pack`]ed date.
#[inline]
fn day_of(w: Word) -> Word {
    w & 31
}

/// The days of month `month` (1–12) of `year`.
#[inline]
fn days_in(year: Word, month: Word) -> Word {
    match month {
        2 if year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day `day` of month `m` (months since year 0) as a word; `None` for a year at or
/// past the ends of chrono's calendar (where the walker's month arithmetic gives up:
/// such a case is handed back).
#[inline]
fn in_month(m: Word, day: Word) -> Option<Word> {
    let (year, month) = (m.div_euclid(12), m.rem_euclid(12) + 1);
    let inside = Word::from(NaiveDate::MIN.year()) < year && year < Word::from(NaiveDate::MAX.year());
    inside.then_some((year << 9) | (month << 5) | day.min(days_in(year, month)))
}

/// `add_months` of [`crate::value`] on a [`pack`]ed date: the same day `n` months on,
/// or the month's last day when it is shorter.
pub(super) fn add_months_to(w: Word, n: Word) -> Option<Word> {
    in_month(month_of(w).checked_add(n)?, day_of(w))
}

/// The first (or last) day of month `m`.
pub(super) fn first_or_last_day(m: Word, last: bool) -> Option<Word> {
    in_month(m, if last { 31 } else { 1 })
}

/// `full_months` of [`crate::value`] on [`pack`]ed dates; `None` for dates at the ends
/// of chrono's calendar.
pub(super) fn full_months_between(from: Word, to: Word) -> Option<Word> {
    in_month(month_of(from), 1)?;
    in_month(month_of(to), 1)?;
    if to < from {
        return Some(0);
    }
    let n = month_of(to) - month_of(from);
    // `from` moved on by `n` months falls in the month of `to`; one month fewer is
    // before it.
    let (year, month) = (to >> 9, (to >> 5) & 15);
    let overshoots = n > 0 && day_of(from).min(days_in(year, month)) > day_of(to);
    Some(n - Word::from(overshoots))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_dates_order_as_dates_and_come_back() {
        let days = [
            (-400, 1, 1),
            (0, 2, 29),
            (1999, 12, 31),
            (2000, 1, 1),
            (2024, 2, 29),
            (9999, 12, 31),
        ];
        let dates: Vec<NaiveDate> = days
            .iter()
            .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d))
            .collect();
        assert_eq!(dates.len(), days.len());
        for a in &dates {
            assert_eq!(unpack(pack(*a)), Some(*a));
            assert_eq!(month_of(pack(*a)), Word::from(YearMonth::of(*a).0));
            for b in &dates {
                assert_eq!(pack(*a).cmp(&pack(*b)), a.cmp(b));
            }
        }
    }

    #[test]
    fn month_arithmetic_on_words_is_the_walkers() {
        use crate::value::{add_months, full_months};
        let mut dates = Vec::new();
        for year in [1999, 2000, 2023, 2024, 2100] {
            for month in 1..=12 {
                for day in [1, 15, 28, 29, 30, 31] {
                    dates.extend(NaiveDate::from_ymd_opt(year, month, day));
                }
            }
        }
        for (i, a) in dates.iter().enumerate() {
            for n in -27..=27 {
                assert_eq!(
                    add_months_to(pack(*a), n),
                    add_months(*a, n).map(pack),
                    "{a} + {n} months"
                );
            }
            for b in dates.iter().skip(i % 7).step_by(7) {
                assert_eq!(
                    full_months_between(pack(*a), pack(*b)),
                    Some(full_months(*a, *b)),
                    "{a} to {b}"
                );
            }
            let m = month_of(pack(*a));
            let ym = YearMonth(i32::try_from(m).unwrap_or_default());
            assert_eq!(first_or_last_day(m, false), ym.first_day().map(pack));
            assert_eq!(first_or_last_day(m, true), ym.last_day().map(pack));
        }
    }

    #[test]
    fn periods_compare_in_their_base_unit() {
        let years = Scalar::Quantity(Unit::Years);
        let months = Scalar::Quantity(Unit::Months);
        let cmp = years.comparer(months).map(|f| f(2, 24));
        assert_eq!(cmp, Some(Ordering::Equal));
        assert_eq!(
            Scalar::Quantity(Unit::Days).comparer(months).map(|f| f(5, 5)),
            Some(Ordering::Equal)
        );
        assert!(Scalar::Date.comparer(Scalar::Month).is_none());
    }
}

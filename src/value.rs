//! Runtime values and the calendar arithmetic of contract §1.

use crate::ast::Unit;
use chrono::{Datelike, Days, NaiveDate};
use std::cmp::Ordering;
use std::sync::Arc;

/// A calendar month, stored as months since year 0 (`2025-03` is 2025 × 12 + 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth(pub i32);

impl YearMonth {
    /// The month with this year and month number (1–12).
    pub fn new(year: i32, month: u32) -> YearMonth {
        YearMonth(year * 12 + month as i32 - 1)
    }

    /// The month a date is in.
    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth::new(date.year(), date.month())
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// The first day of the month.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1)
    }

    /// The last day of the month.
    pub fn last_day(self) -> Option<NaiveDate> {
        YearMonth(self.0.checked_add(1)?).first_day()?.pred_opt()
    }
}

impl YearMonth {
    /// `YYYY-MM` as bytes made on the stack, for years 0–9999 (records and traces write
    /// thousands of months; `None` for a year outside, written as chrono would).
    pub fn ascii(self) -> Option<[u8; 7]> {
        let year = u32::try_from(self.year()).ok().filter(|y| *y <= 9999)?;
        let ([y0, y1], [y2, y3], [m0, m1]) = (pair(year / 100), pair(year), pair(self.month()));
        Some([y0, y1, y2, y3, b'-', m0, m1])
    }

    /// [`YearMonth::ascii`] as text, made in `buf`.
    pub fn ascii_text(self, buf: &mut [u8; 7]) -> Option<&str> {
        *buf = self.ascii()?;
        Some(ascii_text(buf))
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ascii() {
            Some(text) => f.write_str(ascii_text(&text)),
            None => write!(f, "{:04}-{:02}", self.year(), self.month()),
        }
    }
}

/// The last two decimal digits of `n`, looked up: records and traces write thousands of
/// dates and months (`{:04}` padding cost a trace about 8% of its time, and a division
/// a digit was more than a look-up a pair).
fn pair(n: u32) -> [u8; 2] {
    PAIRS[(n % 100) as usize]
}

/// The digits of 0–99.
const PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        pairs[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    pairs
};

/// A date as case files and records write it, `YYYY-MM-DD`, without chrono's format
/// parser (a record or a trace writes dozens of dates).
#[derive(Debug, Clone, Copy)]
pub struct IsoDate(pub NaiveDate);

impl IsoDate {
    /// `YYYY-MM-DD` as bytes made on the stack, for years 0–9999 (`None` for a year
    /// chrono writes with a sign).
    pub fn ascii(self) -> Option<[u8; 10]> {
        let d = self.0;
        let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
        let ([y0, y1], [y2, y3]) = (pair(year / 100), pair(year));
        let ([m0, m1], [d0, d1]) = (pair(d.month()), pair(d.day()));
        Some([y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1])
    }

    /// [`IsoDate::ascii`] as text, made in `buf`.
    pub fn ascii_text(self, buf: &mut [u8; 10]) -> Option<&str> {
        *buf = self.ascii()?;
        Some(ascii_text(buf))
    }
}

/// The bytes made by an `ascii` method above as text, without checking them again.
fn ascii_text(bytes: &[u8]) -> &str {
    debug_assert!(bytes.is_ascii());
    // SAFETY: the bytes are those of `IsoDate::ascii` or `YearMonth::ascii`: ASCII
    // digits written by `digits` over an ASCII template, so they are UTF-8. Checking
    // them (`str::from_utf8`, about 85 instructions for ten bytes) was 3% of a trace's
    // work: it writes about a hundred dates a case.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ascii() {
            Some(text) => f.write_str(ascii_text(&text)),
            // Years chrono writes with a sign: as it writes them.
            None => write!(f, "{}", self.0.format("%Y-%m-%d")),
        }
    }
}

/// `add_months(d, n)` (民法典 第二百零二条): the same day n months later, or that month's
/// last day when it has no such day. `None` only outside chrono's date range.
pub fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let target = (YearMonth::of(date).0 as i64).checked_add(months)?;
    let target = YearMonth(i32::try_from(target).ok()?);
    let last = target.last_day()?;
    NaiveDate::from_ymd_opt(target.year(), target.month(), date.day().min(last.day()))
}

/// Adds (or subtracts) calendar days.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Full years from `from` to `to` (周岁): the largest n with add_years(from, n) <= to.
/// Negative spans give 0.
pub fn full_years(from: NaiveDate, to: NaiveDate) -> i64 {
    full_months(from, to) / 12
}

/// Full months from `from` to `to`: the largest n with add_months(from, n) <= to.
pub fn full_months(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return 0;
    }
    let mut n = (YearMonth::of(to).0 - YearMonth::of(from).0) as i64;
    while n > 0 && add_months(from, n).is_none_or(|d| d > to) {
        n -= 1;
    }
    n
}

/// Index of an enum type in a compiled policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u16);

/// A value of the policy language.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value: an optional field left out, an empty aggregation.
    Absent,
    /// true / false
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Text.
    Text(Arc<str>),
    /// A resident ID number (masked in output).
    ResidentId(Arc<str>),
    /// A calendar date.
    Date(NaiveDate),
    /// A calendar month.
    Month(YearMonth),
    /// A period or an age.
    Quantity(i64, Unit),
    /// An enum value: its type and the index of the value.
    Enum(EnumId, u16),
    /// A list.
    List(Arc<[Value]>),
    /// A record; fields in declaration order.
    Record(Arc<[Value]>),
}

impl Value {
    /// Whether it holds an allocation that clones share (a text, a list, a record).
    pub fn is_shared(&self) -> bool {
        matches!(
            self,
            Value::Text(_) | Value::ResidentId(_) | Value::List(_) | Value::Record(_)
        )
    }

    /// An equal value that shares no allocation with this one: for a thread to count
    /// its clones on its own cache lines.
    pub fn unshared(&self) -> Value {
        match self {
            Value::Text(t) => Value::Text(Arc::from(&**t)),
            Value::ResidentId(t) => Value::ResidentId(Arc::from(&**t)),
            Value::List(items) => Value::List(items.iter().map(Value::unshared).collect()),
            Value::Record(fields) => Value::Record(fields.iter().map(Value::unshared).collect()),
            v => v.clone(),
        }
    }

    /// The boolean, treating absent as false.
    pub fn truthy(&self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// The value at a path of field indices into nested records (absent where the
    /// path leads nowhere).
    #[inline]
    pub fn at(&self, path: &[u16]) -> Value {
        self.at_ref(path).cloned().unwrap_or(Value::Absent)
    }

    /// The value at a path of field indices into nested records, in place; `None`
    /// where the path leads nowhere.
    #[inline]
    pub fn at_ref(&self, path: &[u16]) -> Option<&Value> {
        let mut current = self;
        for i in path {
            match current {
                Value::Record(fields) => current = fields.get(*i as usize)?,
                _ => return None,
            }
        }
        Some(current)
    }

    /// The record of the fields `picked` of this record, in that order (absent for a
    /// value that is no record): a record given to a parameter of a smaller shape.
    pub fn project(&self, picked: &[u16]) -> Value {
        match self {
            Value::Record(fields) => Value::Record(
                picked
                    .iter()
                    .map(|i| fields.get(*i as usize).cloned().unwrap_or(Value::Absent))
                    .collect(),
            ),
            _ => Value::Absent,
        }
    }

    /// Whether the value is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Absent)
    }

    /// Orders two values of one type; `None` when they cannot be compared (absent, or
    /// different kinds).
    #[inline]
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Text(a), Text(b)) => Some(a.cmp(b)),
            (ResidentId(a), ResidentId(b)) => Some(a.cmp(b)),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (Month(a), Month(b)) => Some(a.cmp(b)),
            (Quantity(a, ua), Quantity(b, ub)) => {
                let (a, b) = (in_unit_base(*a, *ua), in_unit_base(*b, *ub));
                Some(a.cmp(&b))
            }
            (Enum(ta, a), Enum(tb, b)) if ta == tb => Some(a.cmp(b)),
            (List(a), List(b)) => (a == b).then_some(Ordering::Equal),
            (Record(a), Record(b)) => (a == b).then_some(Ordering::Equal),
            _ => None,
        }
    }
}

/// A quantity in its base unit: months for years and months; days and working days
/// are their own.
pub fn in_unit_base(amount: i64, unit: Unit) -> i64 {
    match unit {
        Unit::Years => amount.saturating_mul(12),
        Unit::Months | Unit::Days | Unit::WorkingDays => amount,
    }
}

#[cfg(test)]
mod iso_date_tests {
    use super::{IsoDate, YearMonth};
    use chrono::NaiveDate;

    #[test]
    fn dates_and_months_are_written_as_chrono_and_padding_write_them() {
        for (y, m, d) in [
            (2025, 3, 9),
            (1, 1, 1),
            (0, 2, 29),
            (999, 10, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 30),
            (-10000, 6, 30),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                panic!("{y}-{m}-{d} is a date")
            };
            assert_eq!(IsoDate(date).to_string(), date.format("%Y-%m-%d").to_string());
            assert_eq!(YearMonth::new(y, m).to_string(), format!("{y:04}-{m:02}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// An unshared copy is equal, and no text or list in it is the original's.
    #[test]
    fn an_unshared_copy_is_equal_and_shares_nothing() {
        let text: Arc<str> = Arc::from("公益性岗位");
        let inner: Arc<[Value]> = Arc::from(vec![Value::Text(text.clone()), Value::Int(3)]);
        let v = Value::List(Arc::from(vec![Value::Record(inner.clone()), Value::Bool(true)]));
        let copy = v.unshared();
        assert_eq!(copy, v);
        let Value::List(items) = &copy else { panic!("a list") };
        let Value::Record(fields) = &items[0] else {
            panic!("a record")
        };
        assert!(!Arc::ptr_eq(fields, &inner));
        let Value::Text(t) = &fields[0] else { panic!("a text") };
        assert!(!Arc::ptr_eq(t, &text));
        assert!(v.is_shared() && !Value::Int(3).is_shared() && !Value::Absent.is_shared());
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        assert_eq!(add_months(d("2025-08-31"), 6), Some(d("2026-02-28")));
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2025-01-10"), 6), Some(d("2025-07-10")));
        assert_eq!(add_months(d("2025-03-31"), -1), Some(d("2025-02-28")));
        assert_eq!(add_months(d("2025-12-15"), 1), Some(d("2026-01-15")));
    }

    #[test]
    fn full_years_counts_from_the_birthday() {
        assert_eq!(full_years(d("1975-03-10"), d("2025-03-09")), 49);
        assert_eq!(full_years(d("1975-03-10"), d("2025-03-10")), 50);
        assert_eq!(full_years(d("1975-03-10"), d("2025-03-11")), 50);
        assert_eq!(full_years(d("2025-03-10"), d("2024-01-01")), 0);
    }

    #[test]
    fn leap_day_birthdays_turn_on_february_28() {
        assert_eq!(full_years(d("1984-02-29"), d("2024-02-28")), 39);
        assert_eq!(full_years(d("1984-02-29"), d("2024-02-29")), 40);
        assert_eq!(full_years(d("1984-02-29"), d("2025-02-27")), 40);
        assert_eq!(full_years(d("1984-02-29"), d("2025-02-28")), 41);
    }

    #[test]
    fn full_months_uses_month_end_clamping() {
        assert_eq!(full_months(d("2025-08-31"), d("2026-02-27")), 5);
        assert_eq!(full_months(d("2025-08-31"), d("2026-02-28")), 6);
        assert_eq!(full_months(d("2025-01-10"), d("2025-07-09")), 5);
        assert_eq!(full_months(d("2025-01-10"), d("2025-07-10")), 6);
    }

    #[test]
    fn months_know_their_days() {
        let m = YearMonth::new(2024, 2);
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(m.last_day(), Some(d("2024-02-29")));
        assert_eq!(YearMonth::new(2025, 12).last_day(), Some(d("2025-12-31")));
        assert_eq!(YearMonth::of(d("2025-01-31")).0 + 1, YearMonth::new(2025, 2).0);
    }
}

//! Working-day calendars (工作日). A day is a working day when it is Monday–Friday and
//! not a statutory holiday, or when it is an official make-up working day (调休上班).
//! Holidays and make-up days are data: one YAML file per year, from the State
//! Council's annual notice. A computation that must look at a day of a year with no
//! calendar fails with [`CalendarMissing`]; it never guesses Monday–Friday.

mod load;
pub mod messages;

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A day was needed from a year that no loaded calendar covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CalendarMissing {
    /// The year with no calendar.
    pub year: i32,
}

/// Why a computation that walks over days has no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswered {
    /// It needed a day of a year that no loaded calendar covers.
    Missing(CalendarMissing),
    /// It would have had to look at more days than it was given (the evaluator gives
    /// its steps left, so that a walk over days counts against its budget).
    TooManyDays,
}

impl From<CalendarMissing> for Unanswered {
    fn from(missing: CalendarMissing) -> Unanswered {
        Unanswered::Missing(missing)
    }
}

/// Where a year's calendar comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    /// The notice it follows.
    pub source: String,
    /// The file it was read from.
    pub file: String,
}

/// The working-day calendar of every loaded year.
#[derive(Debug, Clone, Default)]
pub struct WorkingDayCalendar {
    years: BTreeMap<i32, CalendarYear>,
    holidays: BTreeMap<NaiveDate, Arc<str>>,
    workdays: BTreeMap<NaiveDate, Arc<str>>,
    /// Which days are working days, a bit per day of the year (ordinal − 1), for each
    /// covered year in order. Made from the three maps whenever a year is loaded: a
    /// walk over days asks one bit a day, not three searches.
    working: Vec<(i32, [u64; 6])>,
}

/// A holiday or a make-up working day within a span, for explanations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarNote {
    /// The holiday's name (for a make-up day: the holiday it makes up for).
    pub name: Arc<str>,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// A make-up working day rather than days off.
    pub workday: bool,
}

impl WorkingDayCalendar {
    /// The years covered, with their sources.
    pub fn years(&self) -> &BTreeMap<i32, CalendarYear> {
        &self.years
    }

    /// The working-day bits of a covered year.
    fn year_bits(&self, year: i32) -> Result<&[u64; 6], CalendarMissing> {
        match self.working.binary_search_by_key(&year, |(y, _)| *y) {
            Ok(i) => Ok(&self.working[i].1),
            Err(_) => Err(CalendarMissing { year }),
        }
    }

    /// Whether a day is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarMissing> {
        let bits = self.year_bits(date.year())?;
        let day = date.ordinal0() as usize;
        Ok(bits[day / 64] >> (day % 64) & 1 == 1)
    }

    /// Whether a day is a working day, from the holidays and make-up days themselves.
    fn works_on(&self, date: NaiveDate) -> bool {
        if self.workdays.contains_key(&date) {
            return true;
        }
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        !weekend && !self.holidays.contains_key(&date)
    }

    /// Makes the working-day bits of every covered year again (after a year is loaded:
    /// a holiday listed in one year's file may fall in the next).
    fn mark_working_days(&mut self) {
        let mut working = Vec::with_capacity(self.years.len());
        for &year in self.years.keys() {
            let Some(start) = NaiveDate::from_ymd_opt(year, 1, 1) else {
                continue;
            };
            let mut bits = [0u64; 6];
            for day in start.iter_days().take_while(|d| d.year() == year) {
                if self.works_on(day) {
                    let i = day.ordinal0() as usize;
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
            working.push((year, bits));
        }
        self.working = working;
    }

    /// The n-th working day after `date` (民法典 第二百零一条: the start day is not
    /// counted); for a negative n, the n-th working day before it.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, CalendarMissing> {
        nth_after(date, n, |day| self.is_working_day(day))
    }

    /// [`Self::nth_working_day_after`], looking at no more than `days` days and taking
    /// those it looked at from them (the evaluator gives its steps left).
    pub fn nth_working_day_after_within(
        &self,
        date: NaiveDate,
        n: i64,
        days: &mut u64,
    ) -> Result<NaiveDate, Unanswered> {
        nth_after(date, n, |day| self.look_at(day, days))
    }

    /// The number of working days from `from` to `to`, both included (0 when `to` is
    /// before `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, CalendarMissing> {
        count_between(from, to, |day| self.is_working_day(day))
    }

    /// [`Self::working_days_between`], looking at no more than `days` days and taking
    /// those it looked at from them (the evaluator gives its steps left).
    pub fn working_days_between_within(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        days: &mut u64,
    ) -> Result<i64, Unanswered> {
        count_between(from, to, |day| self.look_at(day, days))
    }

    /// Whether a day is a working day, taking it from the `days` a computation may
    /// still look at.
    fn look_at(&self, date: NaiveDate, days: &mut u64) -> Result<bool, Unanswered> {
        *days = days.checked_sub(1).ok_or(Unanswered::TooManyDays)?;
        Ok(self.is_working_day(date)?)
    }

    /// The holidays and make-up working days in `from..=to`, runs of days off grouped.
    pub fn notes(&self, from: NaiveDate, to: NaiveDate) -> Vec<CalendarNote> {
        let mut notes: Vec<CalendarNote> = Vec::new();
        if to < from {
            return notes;
        }
        for (day, name) in self.holidays.range(from..=to) {
            match notes.last_mut() {
                Some(last) if last.name == *name && last.to.succ_opt() == Some(*day) => last.to = *day,
                _ => notes.push(CalendarNote {
                    name: name.clone(),
                    from: *day,
                    to: *day,
                    workday: false,
                }),
            }
        }
        for (day, name) in self.workdays.range(from..=to) {
            notes.push(CalendarNote {
                name: name.clone(),
                from: *day,
                to: *day,
                workday: true,
            });
        }
        notes.sort_by_key(|n| n.from);
        notes
    }
}

/// The n-th day after `date` (before it, for a negative n) that `working` says is a
/// working day.
fn nth_after<E: From<CalendarMissing>>(
    date: NaiveDate,
    n: i64,
    mut working: impl FnMut(NaiveDate) -> Result<bool, E>,
) -> Result<NaiveDate, E> {
    let step = if n < 0 { -1 } else { 1 };
    let mut day = date;
    let mut left = n.unsigned_abs();
    while left > 0 {
        // Each step looks at a day of a loaded year, so the loop ends within them.
        day = match crate::value::add_days(day, step) {
            Some(d) => d,
            None => {
                return Err(CalendarMissing {
                    year: day.year() + step as i32,
                }
                .into());
            }
        };
        if working(day)? {
            left -= 1;
        }
    }
    Ok(day)
}

/// The days of `from..=to` that `working` says are working days.
fn count_between<E>(
    from: NaiveDate,
    to: NaiveDate,
    mut working: impl FnMut(NaiveDate) -> Result<bool, E>,
) -> Result<i64, E> {
    let mut count = 0;
    let mut day = from;
    while day <= to {
        if working(day)? {
            count += 1;
        }
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
    }
    Ok(count)
}

#[cfg(test)]
mod tests;

//! The working-day calendar against the shipped calendar data
//! (`policies/calendars/2025.yaml`, `policies/calendars/2026.yaml`), loaded from disk.
//!
//! The expected figures below were counted by hand, independently of the engine: a
//! Python script (`datetime` only) built the days off and make-up working days straight
//! from the table in `shared/reference/holidays-retirement-periods.md` §1 (checking every
//! stated weekday and day count), and counted, day by day, the days that are Monday–Friday
//! and not a holiday, or a make-up working day (spec `hunan-2025-contract.md` §1).
//! Cross-checks: per year, 261 weekdays − weekday holidays + make-up days
//! (2025: 261 − 18 + 5; 2026: 261 − 19 + 6) gives the same 248, which is also
//! 365 − 104 weekend days − 13 statutory days (全国年节及纪念日放假办法, 2024 revision);
//! and the PyPI `chinesecalendar` 1.11.0 data agrees on every day of both years.
//! (The often-quoted 250 working days a year is the older 365 − 104 − 11 formula, from
//! before the 2024 revision added two statutory days; it is not the 2025 figure.)

use chrono::{Datelike, NaiveDate};
use zhengce::calendar::{CalendarMissing, WorkingDayCalendar};

/// Working days per month, January to December, counted by hand as described above.
const WORKING_DAYS_PER_MONTH: [(i32, [i64; 12]); 2] = [
    (2025, [19, 19, 21, 22, 19, 20, 23, 21, 23, 18, 20, 23]), // total 248
    (2026, [21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23]), // total 248
];

const TOTAL_2025: i64 = 248;
const TOTAL_2026: i64 = 248;

fn calendar() -> WorkingDayCalendar {
    let text2025 = std::fs::read_to_string("policies/calendars/2025.yaml").expect("read policies/calendars/2025.yaml");
    let text2026 = std::fs::read_to_string("policies/calendars/2026.yaml").expect("read policies/calendars/2026.yaml");
    let (cal, diagnostics) = WorkingDayCalendar::from_files(&[
        ("policies/calendars/2025.yaml", text2025.as_str()),
        ("policies/calendars/2026.yaml", text2026.as_str()),
    ]);
    assert!(diagnostics.is_empty());
    cal
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn last_day_of_month(y: i32, m: u32) -> NaiveDate {
    let next = if m == 12 { d(y + 1, 1, 1) } else { d(y, m + 1, 1) };
    next.pred_opt().expect("valid date")
}

/// Unwraps a calendar answer, naming the missing year if there is none.
fn ok<T>(r: Result<T, CalendarMissing>, what: &str) -> T {
    match r {
        Ok(v) => v,
        Err(e) => panic!("{what}: calendar missing for year {}", e.year),
    }
}

#[test]
fn working_days_per_month_match_hand_count() {
    let cal = calendar();
    let mut mismatches = Vec::new();
    for (year, months) in WORKING_DAYS_PER_MONTH {
        for (i, &expected) in months.iter().enumerate() {
            let m = i as u32 + 1;
            let (first, last) = (d(year, m, 1), last_day_of_month(year, m));
            let got = ok(cal.working_days_between(first, last), &format!("{first}..{last}"));
            if got != expected {
                mismatches.push(format!("{year}-{m:02}: expected {expected}, got {got}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn hand_count_table_is_consistent_with_totals() {
    for (year, months) in WORKING_DAYS_PER_MONTH {
        let sum: i64 = months.iter().sum();
        let total = if year == 2025 { TOTAL_2025 } else { TOTAL_2026 };
        assert_eq!(sum, total, "table for {year}");
    }
}

#[test]
fn yearly_totals() {
    let cal = calendar();
    assert_eq!(
        ok(cal.working_days_between(d(2025, 1, 1), d(2025, 12, 31)), "2025"),
        TOTAL_2025
    );
    assert_eq!(
        ok(cal.working_days_between(d(2026, 1, 1), d(2026, 12, 31)), "2026"),
        TOTAL_2026
    );
    assert_eq!(
        ok(cal.working_days_between(d(2025, 1, 1), d(2026, 12, 31)), "2025..2026"),
        TOTAL_2025 + TOTAL_2026
    );
}

#[test]
fn make_up_day_and_holiday_weekday() {
    let cal = calendar();
    // Sunday, make-up working day for 国庆节、中秋节.
    assert_eq!(d(2025, 9, 28).weekday(), chrono::Weekday::Sun);
    assert!(ok(cal.is_working_day(d(2025, 9, 28)), "2025-09-28"));
    // Wednesday, last day of the 国庆节、中秋节 break.
    assert_eq!(d(2025, 10, 8).weekday(), chrono::Weekday::Wed);
    assert!(!ok(cal.is_working_day(d(2025, 10, 8)), "2025-10-08"));
}

#[test]
fn nth_working_day_after_national_day_2025() {
    let cal = calendar();
    // Spec §1 example: accepted Friday 2025-09-26 → 09-28 (Sun, make-up), 09-29, 09-30,
    // 10-09, 10-10.
    assert_eq!(
        ok(cal.nth_working_day_after(d(2025, 9, 26), 5), "from 2025-09-26"),
        d(2025, 10, 10)
    );
    // 2025-09-30 → 10-09, 10-10, 10-11 (Sat, make-up), 10-13, 10-14.
    assert_eq!(
        ok(cal.nth_working_day_after(d(2025, 9, 30), 5), "from 2025-09-30"),
        d(2025, 10, 14)
    );
}

#[test]
fn nth_working_day_after_spring_festival_2026() {
    let cal = calendar();
    // Thursday 2026-02-12 → 02-13 (Fri), 02-14 (Sat, make-up), [02-15..02-23 春节 off],
    // 02-24 (Tue), 02-25 (Wed), 02-26 (Thu).
    assert_eq!(
        ok(cal.nth_working_day_after(d(2026, 2, 12), 5), "from 2026-02-12"),
        d(2026, 2, 26)
    );
}

#[test]
fn a_day_outside_the_loaded_calendars_is_an_error_naming_its_year() {
    let cal = calendar();
    match cal.is_working_day(d(2027, 1, 4)) {
        Err(e) => assert_eq!(e.year, 2027),
        Ok(v) => panic!("2027-01-04 has no calendar, got Ok({v})"),
    }
    // Counting past the end of 2026 (three working days left: 12-29, 12-30, 12-31)
    // must reach 2027 and fail rather than guess Monday–Friday.
    match cal.nth_working_day_after(d(2026, 12, 28), 5) {
        Err(e) => assert_eq!(e.year, 2027),
        Ok(v) => panic!("expected the 2027 calendar to be missing, got Ok({v})"),
    }
    match cal.working_days_between(d(2026, 12, 1), d(2027, 1, 31)) {
        Err(e) => assert_eq!(e.year, 2027),
        Ok(v) => panic!("expected the 2027 calendar to be missing, got Ok({v})"),
    }
}

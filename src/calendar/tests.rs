use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const MINI: &str = "year: 2025\nsource: test\nholidays:\n  - { name: 国庆节, from: 2025-10-01, to: 2025-10-08 }\n\
                    workdays:\n  - { date: 2025-09-28, name: 国庆节 }\n  - { date: 2025-10-11, name: 国庆节 }\n";

#[test]
fn make_up_days_and_holidays_decide_working_days() {
    let (cal, diags) = WorkingDayCalendar::from_files(&[("2025.yaml", MINI)]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(cal.is_working_day(d("2025-09-28")), Ok(true));
    assert_eq!(cal.is_working_day(d("2025-10-08")), Ok(false));
    assert_eq!(cal.is_working_day(d("2025-10-09")), Ok(true));
    assert_eq!(cal.nth_working_day_after(d("2025-09-26"), 5), Ok(d("2025-10-10")));
    assert_eq!(cal.nth_working_day_after(d("2025-10-10"), -5), Ok(d("2025-09-26")));
    assert_eq!(cal.working_days_between(d("2025-09-26"), d("2025-10-12")), Ok(7));
    assert_eq!(cal.is_working_day(d("2026-01-05")), Err(CalendarMissing { year: 2026 }));
    assert_eq!(
        cal.nth_working_day_after(d("2025-12-30"), 5),
        Err(CalendarMissing { year: 2026 })
    );
}

#[test]
fn a_walk_over_days_takes_each_day_it_looks_at_and_stops_when_none_are_left() {
    let (cal, _) = WorkingDayCalendar::from_files(&[("2025.yaml", MINI)]);
    // 2025-09-26 (Fri) + 5 working days is 2025-10-10: 14 days looked at.
    let mut days = 14;
    let five_after = cal.nth_working_day_after_within(d("2025-09-26"), 5, &mut days);
    assert_eq!((five_after, days), (Ok(d("2025-10-10")), 0));
    let mut days = 13;
    let five_after = cal.nth_working_day_after_within(d("2025-09-26"), 5, &mut days);
    assert_eq!(five_after, Err(Unanswered::TooManyDays));
    // 2025-09-26..=2025-10-12: 17 days.
    let mut days = 100;
    let between = cal.working_days_between_within(d("2025-09-26"), d("2025-10-12"), &mut days);
    assert_eq!((between, days), (Ok(7), 83));
    let mut days = 16;
    let between = cal.working_days_between_within(d("2025-09-26"), d("2025-10-12"), &mut days);
    assert_eq!(between, Err(Unanswered::TooManyDays));
    // A walk towards 9999 ends at the first day of 2026, which has no calendar: three
    // days looked at.
    let mut days = 100;
    let between = cal.working_days_between_within(d("2025-12-30"), d("9999-12-31"), &mut days);
    assert_eq!(between, Err(Unanswered::Missing(CalendarMissing { year: 2026 })));
    assert_eq!(days, 97);
}

#[test]
fn notes_group_the_days_off() {
    let (cal, _) = WorkingDayCalendar::from_files(&[("2025.yaml", MINI)]);
    let notes = cal.notes(d("2025-09-27"), d("2025-10-10"));
    assert_eq!(notes.len(), 2);
    assert_eq!((notes[0].from, notes[0].workday), (d("2025-09-28"), true));
    assert_eq!((notes[1].from, notes[1].to), (d("2025-10-01"), d("2025-10-08")));
}

#[test]
fn bad_calendar_files_are_reported() {
    let bad = "year: 2025\nsource: t\nholidayz: []\nworkdays:\n  - { date: 2025-09-29, name: x }\n  - { date: 2026-01-03, name: y }\n";
    let (cal, diags) = WorkingDayCalendar::from_files(&[("b.yaml", bad)]);
    let messages: Vec<String> = diags.iter().map(|d| d.message.en()).collect();
    assert!(
        messages.iter().any(|m| m.contains("unknown key `holidayz`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("falls on a weekend")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("2026-01-03 is not in 2025")),
        "{messages:?}"
    );
    let chinese: Vec<String> = diags.iter().map(|d| d.message.zh()).collect();
    assert!(
        chinese.contains(&"2025-09-29 是星期一：调休上班日应在周末".to_string()),
        "{chinese:?}"
    );
    assert!(
        chinese.contains(&"2026-01-03 不在 2025 年内".to_string()),
        "{chinese:?}"
    );
    assert!(cal.years().is_empty());
}

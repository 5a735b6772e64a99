//! Literal text of the language: strings with escapes, dates, months, units, ids.

use super::Rule;
use super::keywords::in_english;
use crate::ast::{RuleId, Unit};
use crate::diagnostic::Severity;
use chrono::NaiveDate;
use pest::iterators::Pair;

/// The value of a `string` pair, with escapes resolved.
pub fn string_value(pair: Pair<Rule>) -> String {
    let raw = pair.into_inner().next().map_or("", |p| p.as_str());
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
}

/// Parses `YYYY-MM`.
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (y.to_string().len() == 4 && (1..=12).contains(&m) && text.len() == 7).then_some((y, m))
}

/// The unit a word names.
pub fn unit(word: &str) -> Unit {
    match in_english(word) {
        "years" | "year" => Unit::Years,
        "months" | "month" => Unit::Months,
        "working_days" | "working_day" => Unit::WorkingDays,
        _ => Unit::Days,
    }
}

/// The severity a word names.
pub fn severity(word: &str) -> Severity {
    match in_english(word) {
        "error" => Severity::Error,
        "info" => Severity::Info,
        _ => Severity::Warning,
    }
}

/// A rule id: a number, or else a name.
pub fn rule_id(text: &str) -> RuleId {
    text.parse()
        .map(RuleId::Number)
        .unwrap_or_else(|_| RuleId::Name(text.to_string()))
}

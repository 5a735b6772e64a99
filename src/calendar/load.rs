//! Reading calendar files: one YAML document per year,
//! `{year, source, url, holidays: [{name, from, to}], workdays: [{date, name}]}`.

use super::{CalendarYear, WorkingDayCalendar};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, SourceMap, Span};
use crate::yaml::{YamlKind, YamlNode, parse_documents};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::HashSet;
use std::sync::Arc;

const KEYS: [&str; 5] = ["year", "source", "url", "holidays", "workdays"];

impl WorkingDayCalendar {
    /// A calendar from files given as (name, text); diagnostics point into a source map
    /// of their own. For tests and tools; policies load calendars through
    /// [`WorkingDayCalendar::add_file`].
    pub fn from_files(files: &[(&str, &str)]) -> (WorkingDayCalendar, Vec<Diagnostic>) {
        let mut sources = SourceMap::new();
        let mut calendar = WorkingDayCalendar::default();
        let mut diagnostics = Vec::new();
        for (name, text) in files {
            let file = sources.add(*name, *text);
            diagnostics.extend(calendar.add_file(file, name, text));
        }
        (calendar, diagnostics)
    }

    /// Adds one year's calendar file; returns its problems (the year is added only when
    /// it has none).
    pub fn add_file(&mut self, file: FileId, name: &str, text: &str) -> Vec<Diagnostic> {
        let mut reader = Reader {
            diagnostics: Vec::new(),
            holidays: Vec::new(),
            workdays: Vec::new(),
        };
        let docs = parse_documents(file, text);
        let Some(doc) = docs.into_iter().next() else {
            return vec![Diagnostic::error(
                Code::BadCalendar,
                format!("calendar file `{name}` is empty"),
            )];
        };
        reader.diagnostics.extend(doc.diagnostics);
        let Some(map) = doc.root.as_map() else {
            reader.diagnostics.push(
                Diagnostic::error(
                    Code::BadCalendar,
                    "a calendar file is a mapping with `year`, `source`, `holidays`, `workdays`",
                )
                .at(doc.root.span, "not a mapping"),
            );
            return reader.diagnostics;
        };
        for (key, _) in map {
            if let Some((k, _)) = key.as_scalar()
                && !KEYS.contains(&k)
            {
                let help = did_you_mean(k, KEYS).unwrap_or_else(|| format!("the keys are {}", KEYS.join(", ")).into());
                reader.diagnostics.push(
                    Diagnostic::error(Code::UnknownKey, format!("unknown key `{k}` in a calendar file"))
                        .at(key.span, "unknown key")
                        .with_help(help),
                );
            }
        }
        let year = match doc
            .root
            .get("year")
            .and_then(|y| y.as_scalar())
            .and_then(|(t, _)| t.parse::<i32>().ok())
        {
            Some(y) => y,
            None => {
                reader.diagnostics.push(
                    Diagnostic::error(Code::BadCalendar, "the calendar needs `year: YYYY`")
                        .at(doc.root.span, "no year"),
                );
                return reader.diagnostics;
            }
        };
        if let Some(existing) = self.years.get(&year) {
            reader.diagnostics.push(Diagnostic::error(
                Code::BadCalendar,
                format!("{year} already has a calendar (from `{}`)", existing.file),
            ));
        }
        let source = doc
            .root
            .get("source")
            .and_then(|s| s.as_scalar())
            .map(|(t, _)| t.to_string());
        if source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            reader.diagnostics.push(
                Diagnostic::error(
                    Code::BadCalendar,
                    "the calendar must cite the notice it comes from (`source`)",
                )
                .at(doc.root.span, "no source"),
            );
        }
        for item in list(doc.root.get("holidays")) {
            let name = reader.text(item, "name");
            let (from, to) = (reader.date(item, "from", year), reader.date(item, "to", year));
            if let (Some(name), Some(from), Some(to)) = (name, from, to) {
                if to < from {
                    reader.error(item.span, "`to` is before `from`");
                }
                let mut day = from;
                while day <= to {
                    reader.holidays.push((day, name.clone(), item.span));
                    match day.succ_opt() {
                        Some(next) => day = next,
                        None => break,
                    }
                }
            }
        }
        for item in list(doc.root.get("workdays")) {
            let (name, date) = (reader.text(item, "name"), reader.date(item, "date", year));
            if let (Some(name), Some(date)) = (name, date) {
                if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                    reader.error(
                        item.span,
                        &format!(
                            "{date} is a {:?}: a make-up working day falls on a weekend",
                            date.weekday()
                        ),
                    );
                }
                reader.workdays.push((date, name, item.span));
            }
        }
        // A set, not a search of the holidays for each make-up day (holidays × days).
        let holidays: HashSet<NaiveDate> = reader.holidays.iter().map(|(h, _, _)| *h).collect();
        for (day, _, span) in &reader.workdays {
            if holidays.contains(day) {
                reader.diagnostics.push(
                    Diagnostic::error(
                        Code::BadCalendar,
                        format!("{day} is both a holiday and a make-up working day"),
                    )
                    .at(*span, "listed twice"),
                );
            }
        }
        if reader.diagnostics.iter().any(Diagnostic::is_error) {
            return reader.diagnostics;
        }
        self.years.insert(
            year,
            CalendarYear {
                source: source.unwrap_or_default(),
                file: name.to_string(),
            },
        );
        self.holidays
            .extend(reader.holidays.into_iter().map(|(d, n, _)| (d, n)));
        self.workdays
            .extend(reader.workdays.into_iter().map(|(d, n, _)| (d, n)));
        self.mark_working_days();
        reader.diagnostics
    }
}

fn list(node: Option<&YamlNode>) -> &[YamlNode] {
    match node.map(|n| &n.kind) {
        Some(YamlKind::Seq(items)) => items,
        _ => &[],
    }
}

struct Reader {
    diagnostics: Vec<Diagnostic>,
    holidays: Vec<(NaiveDate, Arc<str>, Span)>,
    workdays: Vec<(NaiveDate, Arc<str>, Span)>,
}

impl Reader {
    fn error(&mut self, span: Span, message: &str) {
        self.diagnostics
            .push(Diagnostic::error(Code::BadCalendar, message).at(span, "here"));
    }

    fn text(&mut self, item: &YamlNode, key: &str) -> Option<Arc<str>> {
        match item.get(key).and_then(|n| n.as_scalar()) {
            Some((t, _)) if !t.trim().is_empty() => Some(t.into()),
            _ => {
                self.error(item.span, &format!("`{key}` is missing"));
                None
            }
        }
    }

    fn date(&mut self, item: &YamlNode, key: &str, year: i32) -> Option<NaiveDate> {
        let node = item.get(key);
        let date = node
            .and_then(|n| n.as_scalar())
            .and_then(|(t, _)| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok());
        match date {
            Some(d) if d.year() == year => Some(d),
            Some(d) => {
                self.error(node.map_or(item.span, |n| n.span), &format!("{d} is not in {year}"));
                None
            }
            None => {
                self.error(
                    node.map_or(item.span, |n| n.span),
                    &format!("`{key}` must be a date (YYYY-MM-DD)"),
                );
                None
            }
        }
    }
}

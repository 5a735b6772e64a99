//! Reading calendar files: one YAML document per year,
//! `{year, source, url, holidays: [{name, from, to}], workdays: [{date, name}]}`.

use super::messages::CalendarMsg;
use super::{CalendarYear, WorkingDayCalendar};
use crate::diagnostic::{Code, Diagnostic, Words, did_you_mean, quoted_list};
use crate::lang::Text;
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
            return vec![Diagnostic::error(Code::BadCalendar, CalendarMsg::Empty.with([name]))];
        };
        reader.diagnostics.extend(doc.diagnostics);
        let Some(map) = doc.root.as_map() else {
            reader.diagnostics.push(
                Diagnostic::error(Code::BadCalendar, CalendarMsg::NotMapping)
                    .at(doc.root.span, CalendarMsg::LabelNotMapping),
            );
            return reader.diagnostics;
        };
        for (key, _) in map {
            if let Some((k, _)) = key.as_scalar()
                && !KEYS.contains(&k)
            {
                let help = did_you_mean(k, KEYS).unwrap_or_else(|| CalendarMsg::HelpKeys.with([quoted_list(KEYS)]));
                reader.diagnostics.push(
                    Diagnostic::error(Code::UnknownKey, CalendarMsg::UnknownKey.with([k]))
                        .at(key.span, CalendarMsg::LabelUnknownKey)
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
                    Diagnostic::error(Code::BadCalendar, CalendarMsg::NeedsYear)
                        .at(doc.root.span, CalendarMsg::LabelNoYear),
                );
                return reader.diagnostics;
            }
        };
        if let Some(existing) = self.years.get(&year) {
            reader.diagnostics.push(Diagnostic::error(
                Code::BadCalendar,
                CalendarMsg::AlreadyHas.with([year.to_string(), existing.file.clone()]),
            ));
        }
        let source = doc
            .root
            .get("source")
            .and_then(|s| s.as_scalar())
            .map(|(t, _)| t.to_string());
        if source.as_deref().is_none_or(|s| s.trim().is_empty()) {
            reader.diagnostics.push(
                Diagnostic::error(Code::BadCalendar, CalendarMsg::NeedsSource)
                    .at(doc.root.span, CalendarMsg::LabelNoSource),
            );
        }
        for item in list(doc.root.get("holidays")) {
            let name = reader.text(item, "name");
            let (from, to) = (reader.date(item, "from", year), reader.date(item, "to", year));
            if let (Some(name), Some(from), Some(to)) = (name, from, to) {
                if to < from {
                    reader.error(item.span, CalendarMsg::ToBeforeFrom.into());
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
                    let weekday = CalendarMsg::weekday(date.weekday());
                    reader.error(
                        item.span,
                        CalendarMsg::MakeUpOnWeekday.with([Text::from(date.to_string()), weekday.into()]),
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
                        CalendarMsg::HolidayAndWorkday.with([day.to_string()]),
                    )
                    .at(*span, CalendarMsg::LabelListedTwice),
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
    fn error(&mut self, span: Span, message: Text) {
        self.diagnostics
            .push(Diagnostic::error(Code::BadCalendar, message).at(span, Words::Here));
    }

    fn text(&mut self, item: &YamlNode, key: &str) -> Option<Arc<str>> {
        match item.get(key).and_then(|n| n.as_scalar()) {
            Some((t, _)) if !t.trim().is_empty() => Some(t.into()),
            _ => {
                self.error(item.span, CalendarMsg::Missing.with([key]));
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
                let message = CalendarMsg::NotInYear.with([d.to_string(), year.to_string()]);
                self.error(node.map_or(item.span, |n| n.span), message);
                None
            }
            None => {
                self.error(node.map_or(item.span, |n| n.span), CalendarMsg::MustBeDate.with([key]));
                None
            }
        }
    }
}

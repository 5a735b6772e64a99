//! Values as people read them: dates, periods with units, enum labels, masked IDs.

use super::messages::{Lang, Msg, msg};
use crate::ast::Unit;
use crate::case::mask_id;
use crate::program::Program;
use crate::value::{IsoDate, Value, YearMonth};
use chrono::{Datelike, NaiveDate};
use std::fmt::{self, Write};

/// How values are shown.
#[derive(Debug, Clone, Copy)]
pub struct ValueStyle<'a> {
    /// The policy (for enum labels).
    pub program: &'a Program,
    /// The language.
    pub lang: Lang,
    /// Show ID numbers in full.
    pub show_pii: bool,
}

/// A value as text.
pub fn format_value(v: &Value, style: &ValueStyle) -> String {
    ValueText(v, style).to_string()
}

/// A value as text, written where it is wanted: a trace writes thousands of values per
/// second into one line, and a `String` for each would be most of its work.
#[derive(Clone, Copy)]
pub struct ValueText<'a>(pub &'a Value, pub &'a ValueStyle<'a>);

impl fmt::Display for ValueText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_value(f, self.0, self.1)
    }
}

/// Writes a value as [`format_value`] shows it. Generic rather than `dyn`, so that
/// writing into a `String` is a plain append.
pub(super) fn write_value<W: Write>(w: &mut W, v: &Value, style: &ValueStyle) -> fmt::Result {
    let lang = style.lang;
    match v {
        Value::Absent => w.write_str(msg(Msg::Absent, lang)),
        Value::Bool(b) => w.write_str(msg(if *b { Msg::Yes } else { Msg::No }, lang)),
        Value::Int(n) => write!(w, "{n}"),
        Value::Text(t) => {
            w.write_str("“")?;
            w.write_str(t)?;
            w.write_str("”")
        }
        Value::ResidentId(id) => {
            if style.show_pii {
                w.write_str(id)
            } else {
                w.write_str(&mask_id(id))
            }
        }
        Value::Date(d) => write_date(w, *d),
        Value::Month(m) => write_month(w, *m),
        Value::Quantity(n, unit) => {
            write!(w, "{n}")?;
            w.write_str(unit_word(*unit, lang))
        }
        Value::Enum(e, i) => match style
            .program
            .enums
            .get(e.0 as usize)
            .and_then(|t| t.variants().get(*i as usize))
        {
            Some((name, l)) => w.write_str(match lang {
                Lang::Zh => &l.zh,
                Lang::En => l.en.as_deref().unwrap_or(name),
            }),
            None => write!(w, "{i}"),
        },
        Value::List(items) => write_items(w, items, style, "[", "]"),
        Value::Record(fields) => write_items(w, fields, style, "{", "}"),
    }
}

/// Items between brackets, separated by commas.
fn write_items<W: Write>(w: &mut W, items: &[Value], style: &ValueStyle, open: &str, close: &str) -> fmt::Result {
    w.write_str(open)?;
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            w.write_str(", ")?;
        }
        write_value(w, item, style)?;
    }
    w.write_str(close)
}

/// A date as [`IsoDate`] writes it. The years of cases, 0 to 9999, are written digit by
/// digit: padding through `{:04}` was a tenth of a trace's time (dozens of dates a
/// case).
fn write_date<W: Write>(w: &mut W, d: NaiveDate) -> fmt::Result {
    let Ok(year) = u32::try_from(d.year()) else {
        return write!(w, "{}", IsoDate(d));
    };
    if year > 9999 {
        return write!(w, "{}", IsoDate(d));
    }
    let mut text = *b"0000-00-00";
    digits(&mut text[0..4], year);
    digits(&mut text[5..7], d.month());
    digits(&mut text[8..10], d.day());
    w.write_str(std::str::from_utf8(&text).unwrap_or_default())
}

/// A month as [`YearMonth`] shows it, digit by digit as [`write_date`].
fn write_month<W: Write>(w: &mut W, m: YearMonth) -> fmt::Result {
    let Ok(year) = u32::try_from(m.year()) else {
        return write!(w, "{m}");
    };
    if year > 9999 {
        return write!(w, "{m}");
    }
    let mut text = *b"0000-00";
    digits(&mut text[0..4], year);
    digits(&mut text[5..7], m.month());
    w.write_str(std::str::from_utf8(&text).unwrap_or_default())
}

/// Writes `n` into `out` in decimal, right-aligned over its zeros (`n` fits).
fn digits(out: &mut [u8], mut n: u32) {
    for place in out.iter_mut().rev() {
        *place = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

fn unit_word(unit: Unit, lang: Lang) -> &'static str {
    let word = match unit {
        Unit::Years => Msg::YearsUnit,
        Unit::Months => Msg::MonthsUnit,
        Unit::Days => Msg::DaysUnit,
        Unit::WorkingDays => Msg::WorkingDaysUnit,
    };
    msg(word, lang)
}

#[cfg(test)]
mod tests {
    use super::{write_date, write_month};
    use crate::value::{IsoDate, YearMonth};
    use chrono::NaiveDate;

    #[test]
    fn dates_and_months_are_written_as_their_display_writes_them() {
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
            let mut text = String::new();
            let _ = write_date(&mut text, date);
            assert_eq!(text, IsoDate(date).to_string());
            let month = YearMonth::new(y, m);
            text.clear();
            let _ = write_month(&mut text, month);
            assert_eq!(text, month.to_string());
        }
    }
}

//! Values as people read them: dates, periods with units, enum labels, masked IDs.

use super::messages::{Lang, Msg, msg};
use crate::ast::Unit;
use crate::case::mask_id;
use crate::program::{Program, Type};
use crate::value::{IsoDate, Value};
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

/// A value of type `ty` as text: records with their fields' labels.
pub fn format_typed_value(v: &Value, ty: &Type, style: &ValueStyle) -> String {
    let mut out = String::new();
    // Writing into a String makes no error.
    let _ = write_typed_value(&mut out, v, ty, style);
    out
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
    write_typed_value(w, v, &Type::Unknown, style)
}

/// Writes a value of type `ty` as people read it: a list as its items (`法定代表人、董事`),
/// a record as its fields, each with its label when `ty` says which record it is
/// (`服务日期 2025-11-02、服务类型 岗位信息推送`), never in brackets.
pub(super) fn write_typed_value<W: Write>(w: &mut W, v: &Value, ty: &Type, style: &ValueStyle) -> fmt::Result {
    let lang = style.lang;
    match v {
        Value::Absent => w.write_str(msg(Msg::Absent, lang)),
        Value::Bool(b) => w.write_str(msg(if *b { Msg::Yes } else { Msg::No }, lang)),
        // Numbers, dates and months written from stack buffers, not through `fmt`:
        // a trace writes thousands of them.
        Value::Int(n) => w.write_str(itoa::Buffer::new().format(*n)),
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
        Value::Date(d) => match IsoDate(*d).ascii_text(&mut [0; 10]) {
            Some(text) => w.write_str(text),
            None => write!(w, "{}", IsoDate(*d)),
        },
        Value::Month(m) => match m.ascii_text(&mut [0; 7]) {
            Some(text) => w.write_str(text),
            None => write!(w, "{m}"),
        },
        Value::Quantity(n, unit) => {
            w.write_str(itoa::Buffer::new().format(*n))?;
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
        // An empty list is "none" in words, as a case worker says it.
        Value::List(items) if items.is_empty() => w.write_str(msg(Msg::None, lang)),
        Value::List(items) => {
            let item_type = match ty {
                Type::List(inner) => inner,
                _ => &Type::Unknown,
            };
            // Records are told field by field with the list separator, so they are
            // set apart from each other with the separator of conditions.
            let separator = match items.first() {
                Some(Value::Record(_)) => Msg::Separator,
                _ => Msg::ListSeparator,
            };
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    w.write_str(msg(separator, lang))?;
                }
                write_typed_value(w, item, item_type, style)?;
            }
            Ok(())
        }
        Value::Record(fields) => {
            let labels = match ty {
                Type::Record(id) => style.program.records.get(id.0 as usize).map(|r| r.fields()),
                _ => None,
            };
            for (k, field) in fields.iter().enumerate() {
                if k > 0 {
                    w.write_str(msg(Msg::ListSeparator, lang))?;
                }
                let info = labels.and_then(|l| l.get(k));
                if let Some(info) = info {
                    w.write_str(super::messages::label(&info.label, lang))?;
                    w.write_str(" ")?;
                }
                write_typed_value(w, field, info.map_or(&Type::Unknown, |i| &i.ty), style)?;
            }
            Ok(())
        }
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

/// What kind of value a type holds, in words (`以年计的期间`, `a period in years`),
/// enums by their policy labels.
pub fn type_words(ty: &crate::program::Type, style: &ValueStyle) -> String {
    use crate::program::{TypeWord, type_text};
    let lang = style.lang;
    let enum_words = |e: crate::value::EnumId, several: bool| match style.program.enums.get(e.0 as usize) {
        Some(e) if several => TypeWord::Enums.with([super::messages::label(&e.label, lang)]),
        Some(e) => TypeWord::Enum.with([super::messages::label(&e.label, lang)]),
        None => TypeWord::Anything.into(),
    };
    type_text(ty, &enum_words).get(lang).into_owned()
}

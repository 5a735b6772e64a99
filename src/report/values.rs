//! Values as people read them: dates, periods with units, enum labels, masked IDs.

use super::messages::{Lang, Msg, msg};
use crate::ast::Unit;
use crate::case::mask_id;
use crate::program::Program;
use crate::value::Value;

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
    let lang = style.lang;
    match v {
        Value::Absent => msg(Msg::Absent, lang).to_string(),
        Value::Bool(b) => msg(if *b { Msg::Yes } else { Msg::No }, lang).to_string(),
        Value::Int(n) => n.to_string(),
        Value::Text(t) => format!("“{t}”"),
        Value::ResidentId(id) => {
            if style.show_pii {
                id.to_string()
            } else {
                mask_id(id)
            }
        }
        Value::Date(d) => crate::value::IsoDate(*d).to_string(),
        Value::Month(m) => m.to_string(),
        Value::Quantity(n, unit) => quantity(*n, *unit, lang),
        Value::Enum(e, i) => style
            .program
            .enums
            .get(e.0 as usize)
            .and_then(|t| t.variants().get(*i as usize))
            .map_or_else(
                || i.to_string(),
                |(name, l)| match lang {
                    Lang::Zh => l.zh.clone(),
                    Lang::En => l.en.clone().unwrap_or_else(|| name.clone()),
                },
            ),
        Value::List(items) => {
            let shown: Vec<String> = items.iter().map(|i| format_value(i, style)).collect();
            format!("[{}]", shown.join(", "))
        }
        Value::Record(fields) => {
            let shown: Vec<String> = fields.iter().map(|i| format_value(i, style)).collect();
            format!("{{{}}}", shown.join(", "))
        }
    }
}

fn quantity(n: i64, unit: Unit, lang: Lang) -> String {
    let unit_word = match unit {
        Unit::Years => Msg::YearsUnit,
        Unit::Months => Msg::MonthsUnit,
        Unit::Days => Msg::DaysUnit,
        Unit::WorkingDays => Msg::WorkingDaysUnit,
    };
    format!("{n}{}", msg(unit_word, lang))
}

//! Scalars: what a YAML scalar means in the YAML 1.2 core schema, and reading one as a
//! value of a policy type, with a diagnostic when it does not fit.

use super::plain_date::plain_date;
use super::resident_id::{self, IdError};
use crate::ast::Unit;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::program::{Program, Type};
use crate::value::{EnumId, Value, YearMonth};
use crate::yaml::{ScalarStyle, YamlKind, YamlNode};
use chrono::NaiveDate;
use std::fmt;

/// The meaning of a scalar in the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Core {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false` (also `True`, `TRUE`, `False`, `FALSE`).
    Bool(bool),
    /// An integer; `None` when it does not fit 64 bits.
    Int(Option<i64>),
    /// A floating-point number.
    Float,
    /// Text: anything quoted, and plain scalars that are none of the above.
    Str,
}

/// Resolves a scalar by the core schema: quoted scalars are always text.
pub fn resolve(text: &str, style: ScalarStyle) -> Core {
    if style == ScalarStyle::Quoted {
        return Core::Str;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Core::Null,
        "true" | "True" | "TRUE" => Core::Bool(true),
        "false" | "False" | "FALSE" => Core::Bool(false),
        _ if is_int(text) => Core::Int(parse_int(text)),
        _ if is_float(text) => Core::Float,
        _ => Core::Str,
    }
}

fn is_int(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if let Some(oct) = t.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn parse_int(t: &str) -> Option<i64> {
    if let Some(oct) = t.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    t.strip_prefix('+').unwrap_or(t).parse().ok()
}

fn is_float(t: &str) -> bool {
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(t, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        // `.5`, `1.`, `1.5`
        Some(f) => all_digits(int) && all_digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// What a node is, for "must be X, not Y" messages (never echoes the text itself,
/// which may be a resident ID number).
pub fn describe(node: &YamlNode) -> &'static str {
    match &node.kind {
        YamlKind::Seq(_) => "a list",
        YamlKind::Map(_) => "a mapping",
        YamlKind::Scalar { text, style } => match resolve(text, *style) {
            Core::Null => "empty (null)",
            Core::Bool(_) => "a boolean",
            Core::Int(_) => "a number",
            Core::Float => "a decimal number",
            Core::Str if *style == ScalarStyle::Quoted => "quoted text",
            Core::Str => "text",
        },
    }
}

/// A type as the case file's writer would read it.
pub fn expected(program: &Program, ty: &Type) -> String {
    match ty {
        Type::Bool => "`true` or `false`".into(),
        Type::Int => "a whole number".into(),
        Type::Text => "text".into(),
        Type::Date => "a date (YYYY-MM-DD)".into(),
        Type::Month => "a month (YYYY-MM)".into(),
        Type::Quantity(u) => format!("a whole number of {}", Unit::name(*u)),
        Type::ResidentId => "a resident ID number in quotes".into(),
        Type::Enum(e) => format!("one of {}", variant_list(program, *e)),
        Type::List(t) => format!("a list of {}", expected(program, t)),
        Type::Record(_) => "a mapping of keys to values".into(),
        Type::Table(_) | Type::Unknown => "a value the policy does not let a case give".into(),
    }
}

/// `male (男), female (女)`.
fn variant_list(program: &Program, e: EnumId) -> String {
    let Some(enum_type) = program.enums.get(e.0 as usize) else {
        return String::new();
    };
    let names: Vec<String> = enum_type
        .variants()
        .iter()
        .map(|(n, l)| {
            if l.zh.is_empty() {
                format!("`{n}`")
            } else {
                format!("`{n}` ({})", l.zh)
            }
        })
        .collect();
    names.join(", ")
}

/// Reads a non-null scalar (or a mis-shaped node) as a value of `ty`. `what` names the
/// field in messages (`` `person.birth_date` (出生日期) ``).
/// The diagnostic is boxed to keep the `Result` small.
pub fn read_scalar(
    program: &Program,
    ty: &Type,
    node: &YamlNode,
    what: &dyn fmt::Display,
) -> Result<Value, Box<Diagnostic>> {
    let wrong = |help: &str| Box::new(wrong_type(program, ty, node, what, help));
    let Some((text, style)) = node.as_scalar() else {
        return Err(wrong("give a single value here"));
    };
    let core = resolve(text, style);
    match ty {
        Type::Bool => match core {
            Core::Bool(b) => Ok(Value::Bool(b)),
            Core::Str if style == ScalarStyle::Quoted && matches!(text, "true" | "false") => {
                Err(wrong("remove the quotes: quoted `\"true\"` is text"))
            }
            _ => Err(wrong(
                "booleans are written `true` or `false` (YAML 1.2: `yes`, `no`, `on` and `off` are text)",
            )),
        },
        Type::Int | Type::Quantity(_) => match core {
            Core::Int(Some(n)) => Ok(match ty {
                Type::Quantity(u) => Value::Quantity(n, *u),
                _ => Value::Int(n),
            }),
            Core::Int(None) => Err(wrong("the number is too large")),
            Core::Str if style == ScalarStyle::Quoted && is_int(text) => {
                Err(wrong("remove the quotes: a quoted number is text"))
            }
            _ => Err(wrong("write a whole number such as `50`")),
        },
        Type::Text => match core {
            Core::Str | Core::Int(_) | Core::Float => Ok(Value::Text(text.into())),
            _ => Err(wrong("put the text in quotes")),
        },
        Type::Date => match core {
            Core::Str => parse_date(text)
                .map(Value::Date)
                .map_err(|why| Box::new(invalid_date(node, what, text, &why))),
            _ => Err(wrong("write the date as YYYY-MM-DD, e.g. `2025-03-10`")),
        },
        Type::Month => match core {
            Core::Str => parse_month(text)
                .map(Value::Month)
                .map_err(|why| Box::new(invalid_date(node, what, text, &why))),
            _ => Err(wrong("write the month as YYYY-MM, e.g. `2025-05`")),
        },
        Type::ResidentId => match core {
            Core::Str => read_resident_id(text, node, what),
            Core::Int(_) | Core::Float => Err(wrong(
                "put the ID number in quotes (`\"...\"`): without quotes YAML reads a number of digits as a number",
            )),
            _ => Err(wrong("give the 18-character ID number in quotes")),
        },
        Type::Enum(e) => read_enum(program, *e, text, node, what),
        Type::List(_) | Type::Record(_) | Type::Table(_) | Type::Unknown => Err(wrong(
            "the policy's case schema does not let a case give this field as a single value",
        )),
    }
}

fn wrong_type(program: &Program, ty: &Type, node: &YamlNode, what: &dyn fmt::Display, help: &str) -> Diagnostic {
    let expected = expected(program, ty);
    Diagnostic::error(
        Code::WrongType,
        format!("{what} must be {expected}, not {}", describe(node)),
    )
    .at(node.span, format!("expected {expected}"))
    .with_help(help)
}

fn invalid_date(node: &YamlNode, what: &dyn fmt::Display, text: &str, why: &str) -> Diagnostic {
    let shown: String = text.chars().take(40).collect();
    Diagnostic::error(
        Code::InvalidDate,
        format!("{what}: `{shown}` is not a valid date: {why}"),
    )
    .at(node.span, "invalid date")
    .with_help("dates are written YYYY-MM-DD and months YYYY-MM, and must exist in the calendar")
}

/// Whether `text` has the shape of `digits` with `-` at the given byte positions.
fn shaped(text: &str, len: usize, dashes: &[usize]) -> bool {
    let b = text.as_bytes();
    b.len() == len
        && b.iter().enumerate().all(|(i, c)| {
            if dashes.contains(&i) {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Parses `YYYY-MM-DD`; the error says why it is not a date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    // Most dates of a batch are well written: their digits are read in place (a case
    // holds dozens of dates); any other text takes the way that explains it.
    match plain_date(text.as_bytes()) {
        Some(date) => Ok(date),
        None => parse_date_slowly(text),
    }
}

/// [`parse_date`] for text that is not a plain valid date: the error says why.
fn parse_date_slowly(text: &str) -> Result<NaiveDate, String> {
    if !shaped(text, 10, &[4, 7]) {
        return Err(if shaped(text, 7, &[4]) {
            "a date needs the day too (YYYY-MM-DD)".into()
        } else {
            "dates are written YYYY-MM-DD".into()
        });
    }
    let (year, month) = year_month(text)?;
    let day: u32 = text[8..10].parse().map_err(|_| "bad day".to_string())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let last = YearMonth::new(year, month)
            .last_day()
            .map_or(0, |d| chrono::Datelike::day(&d));
        format!("{year:04}-{month:02} has {last} days")
    })
}

/// Parses `YYYY-MM`; the error says why it is not a month.
pub fn parse_month(text: &str) -> Result<YearMonth, String> {
    if !shaped(text, 7, &[4]) {
        return Err(if shaped(text, 10, &[4, 7]) {
            "a month is written without the day (YYYY-MM)".into()
        } else {
            "months are written YYYY-MM".into()
        });
    }
    let (year, month) = year_month(text)?;
    Ok(YearMonth::new(year, month))
}

/// The year and month of text shaped `YYYY-MM...` (ASCII digits checked by the caller).
fn year_month(text: &str) -> Result<(i32, u32), String> {
    let year: i32 = text[0..4].parse().map_err(|_| "bad year".to_string())?;
    let month: u32 = text[5..7].parse().map_err(|_| "bad month".to_string())?;
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    Ok((year, month))
}

fn read_resident_id(text: &str, node: &YamlNode, what: &dyn fmt::Display) -> Result<Value, Box<Diagnostic>> {
    match resident_id::validate(text) {
        Ok(_) => Ok(Value::ResidentId(text.into())),
        Err(e @ IdError::Checksum { .. }) => Err(Box::new(
            Diagnostic::error(
                Code::BadIdChecksum,
                format!(
                    "{what} {} fails the GB 11643 checksum: {}",
                    resident_id::mask(text),
                    e.describe()
                ),
            )
            .at(node.span, "wrong check character")
            .with_help("check the number against the ID card: one mistyped digit breaks the checksum"),
        )),
        Err(e) => Err(Box::new(
            Diagnostic::error(
                Code::BadIdNumber,
                format!("{what} is not a valid resident ID number: {}", e.describe()),
            )
            .at(node.span, "malformed ID number")
            .with_help(
                "a resident ID number is 17 digits and a check character (a digit or an upper-case `X`), in quotes",
            ),
        )),
    }
}

fn read_enum(
    program: &Program,
    e: EnumId,
    text: &str,
    node: &YamlNode,
    what: &dyn fmt::Display,
) -> Result<Value, Box<Diagnostic>> {
    let Some(enum_type) = program.enums.get(e.0 as usize) else {
        return Err(Box::new(
            Diagnostic::error(Code::UnknownEnumValue, format!("{what} has no known values")).at(node.span, "here"),
        ));
    };
    if let Some(i) = enum_type.variant_or_label(text) {
        return Ok(Value::Enum(e, i));
    }
    let allowed = variant_list(program, e);
    let help = match did_you_mean(text, enum_type.variants().iter().map(|(n, _)| n.as_str())) {
        Some(hint) => format!("{} The values are {allowed}", hint.en()),
        None => format!("the values are {allowed}"),
    };
    let shown: String = text.chars().take(40).collect();
    Err(Box::new(
        Diagnostic::error(
            Code::UnknownEnumValue,
            format!("{what}: `{shown}` is not one of its values"),
        )
        .at(node.span, format!("not a value of {}", enum_type.name))
        .with_help(help),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema() {
        use ScalarStyle::*;
        assert_eq!(resolve("true", Plain), Core::Bool(true));
        assert_eq!(resolve("true", Quoted), Core::Str);
        assert_eq!(resolve("yes", Plain), Core::Str);
        assert_eq!(resolve("~", Plain), Core::Null);
        assert_eq!(resolve("-12", Plain), Core::Int(Some(-12)));
        assert_eq!(resolve("0x1F", Plain), Core::Int(Some(31)));
        assert_eq!(resolve("99999999999999999999", Plain), Core::Int(None));
        assert_eq!(resolve("1.5e3", Plain), Core::Float);
        assert_eq!(resolve(".5", Plain), Core::Float);
        assert_eq!(resolve(".", Plain), Core::Str);
        assert_eq!(resolve("2025-03-10", Plain), Core::Str);
        assert_eq!(resolve("11010519491231002X", Plain), Core::Str);
    }

    #[test]
    fn dates_and_months() {
        assert_eq!(
            parse_date("2025-03-10"),
            Ok(NaiveDate::from_ymd_opt(2025, 3, 10).unwrap())
        );
        assert_eq!(parse_date("2025-02-30"), Err("2025-02 has 28 days".into()));
        assert_eq!(
            parse_date("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert_eq!(parse_date("2023-02-29"), Err("2023-02 has 28 days".into()));
        assert_eq!(parse_date("2025-00-10"), Err("there is no month 0".into()));
        assert_eq!(parse_date("2025-1a-10"), Err("dates are written YYYY-MM-DD".into()));
        assert_eq!(parse_date("2025-13-01"), Err("there is no month 13".into()));
        assert_eq!(parse_date("2025-3-1"), Err("dates are written YYYY-MM-DD".into()));
        assert_eq!(
            parse_date("2025-03"),
            Err("a date needs the day too (YYYY-MM-DD)".into())
        );
        assert_eq!(
            parse_date("年年年年-年年-年年"),
            Err("dates are written YYYY-MM-DD".into())
        );
        assert_eq!(parse_month("2025-05"), Ok(YearMonth::new(2025, 5)));
        assert_eq!(
            parse_month("2025-05-01"),
            Err("a month is written without the day (YYYY-MM)".into())
        );
        assert_eq!(parse_month("2025-00"), Err("there is no month 0".into()));
        assert_eq!(parse_month("2025-{9-01"), Err("months are written YYYY-MM".into()));
        assert_eq!(parse_date("2025-{9-01"), Err("dates are written YYYY-MM-DD".into()));
    }
}

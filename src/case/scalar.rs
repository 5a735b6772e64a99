//! Scalars: what a YAML scalar means in the YAML 1.2 core schema, and reading one as a
//! value of a policy type, with a diagnostic when it does not fit.

use super::messages::{CaseMsg, label, named};
use super::plain_date::plain_date;
use super::resident_id::{self, IdError};

use crate::diagnostic::{Code, Diagnostic, Words, did_you_mean, list};
use crate::lang::Text;
use crate::program::TypeWord;
use crate::program::{Program, Type};
use crate::value::{EnumId, Value, YearMonth};
use crate::yaml::{ScalarStyle, YamlKind, YamlNode};
use chrono::NaiveDate;

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
pub fn describe(node: &YamlNode) -> CaseMsg {
    match &node.kind {
        YamlKind::Seq(_) => CaseMsg::KindList,
        YamlKind::Map(_) => CaseMsg::KindMapping,
        YamlKind::Scalar { text, style } => match resolve(text, *style) {
            Core::Null => CaseMsg::KindNull,
            Core::Bool(_) => CaseMsg::KindBool,
            Core::Int(_) => CaseMsg::KindNumber,
            Core::Float => CaseMsg::KindDecimal,
            Core::Str if *style == ScalarStyle::Quoted => CaseMsg::KindQuotedText,
            Core::Str => CaseMsg::KindText,
        },
    }
}

/// A type as the case file's writer would read it.
pub fn expected(program: &Program, ty: &Type) -> Text {
    match ty {
        Type::Bool => CaseMsg::ExpectBool.into(),
        Type::Int => CaseMsg::ExpectInt.into(),
        Type::Text => CaseMsg::KindText.into(),
        Type::Date => CaseMsg::ExpectDate.into(),
        Type::Month => CaseMsg::ExpectMonth.into(),
        Type::Quantity(u) => CaseMsg::ExpectQuantity.with([TypeWord::unit(*u)]),
        Type::ResidentId => CaseMsg::ExpectResidentId.into(),
        Type::Enum(e) => CaseMsg::ExpectOneOf.with([variant_list(program, *e)]),
        Type::List(t) => CaseMsg::ExpectListOf.with([expected(program, t)]),
        Type::Record(_) => CaseMsg::ExpectMapping.into(),
        Type::Table(_) | Type::Unknown => CaseMsg::ExpectNothing.into(),
    }
}

/// `` `male`（男）、`female`（女）``.
fn variant_list(program: &Program, e: EnumId) -> Text {
    let Some(enum_type) = program.enums.get(e.0 as usize) else {
        return Text::from("");
    };
    list(enum_type.variants().iter().map(|(n, l)| named(n, l)))
}

/// Reads a non-null scalar (or a mis-shaped node) as a value of `ty`. `what` names the
/// field in messages (`` `person.birth_date`（出生日期）``), made only for one.
/// The diagnostic is boxed to keep the `Result` small.
pub fn read_scalar(
    program: &Program,
    ty: &Type,
    node: &YamlNode,
    what: &dyn Fn() -> Text,
) -> Result<Value, Box<Diagnostic>> {
    let wrong = |help: CaseMsg| Box::new(wrong_type(program, ty, node, what(), help));
    let Some((text, style)) = node.as_scalar() else {
        return Err(wrong(CaseMsg::HelpSingleValue));
    };
    let core = resolve(text, style);
    match ty {
        Type::Bool => match core {
            Core::Bool(b) => Ok(Value::Bool(b)),
            // Yes and no as staff write them: as unambiguous as `true` and `false`.
            Core::Str if matches!(text, "是" | "否") => Ok(Value::Bool(text == "是")),
            Core::Str if style == ScalarStyle::Quoted && matches!(text, "true" | "false") => {
                Err(wrong(CaseMsg::HelpUnquoteBool))
            }
            _ => Err(wrong(CaseMsg::HelpBool)),
        },
        Type::Int | Type::Quantity(_) => match core {
            Core::Int(Some(n)) => Ok(match ty {
                Type::Quantity(u) => Value::Quantity(n, *u),
                _ => Value::Int(n),
            }),
            Core::Int(None) => Err(wrong(CaseMsg::HelpTooLarge)),
            Core::Str if style == ScalarStyle::Quoted && is_int(text) => Err(wrong(CaseMsg::HelpUnquoteNumber)),
            _ => Err(wrong(CaseMsg::HelpWholeNumber)),
        },
        Type::Text => match core {
            Core::Str | Core::Int(_) | Core::Float => Ok(Value::Text(text.into())),
            _ => Err(wrong(CaseMsg::HelpQuoteText)),
        },
        Type::Date => match core {
            Core::Str => parse_date(text)
                .map(Value::Date)
                .map_err(|why| Box::new(invalid_date(node, what(), text, why))),
            _ => Err(wrong(CaseMsg::HelpDate)),
        },
        Type::Month => match core {
            Core::Str => parse_month(text)
                .map(Value::Month)
                .map_err(|why| Box::new(invalid_date(node, what(), text, why))),
            _ => Err(wrong(CaseMsg::HelpMonth)),
        },
        Type::ResidentId => match core {
            Core::Str => read_resident_id(text, node, what),
            Core::Int(_) | Core::Float => Err(wrong(CaseMsg::HelpQuoteId)),
            _ => Err(wrong(CaseMsg::HelpIdInQuotes)),
        },
        Type::Enum(e) => read_enum(program, *e, text, node, what),
        Type::List(_) | Type::Record(_) | Type::Table(_) | Type::Unknown => Err(wrong(CaseMsg::HelpNotScalar)),
    }
}

fn wrong_type(program: &Program, ty: &Type, node: &YamlNode, what: Text, help: CaseMsg) -> Diagnostic {
    let expected = expected(program, ty);
    Diagnostic::error(
        Code::WrongType,
        CaseMsg::MustBe.with([what, expected.clone(), describe(node).into()]),
    )
    .at(node.span, CaseMsg::LabelExpected.with([expected]))
    .with_help(help)
}

fn invalid_date(node: &YamlNode, what: Text, text: &str, why: Text) -> Diagnostic {
    let shown: String = text.chars().take(40).collect();
    Diagnostic::error(Code::InvalidDate, CaseMsg::InvalidDate.with([what, shown.into(), why]))
        .at(node.span, CaseMsg::LabelInvalidDate)
        .with_help(CaseMsg::HelpDates)
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
pub fn parse_date(text: &str) -> Result<NaiveDate, Text> {
    // Most dates of a batch are well written: their digits are read in place (a case
    // holds dozens of dates); any other text takes the way that explains it.
    match plain_date(text.as_bytes()) {
        Some(date) => Ok(date),
        None => parse_date_slowly(text),
    }
}

/// [`parse_date`] for text that is not a plain valid date: the error says why.
fn parse_date_slowly(text: &str) -> Result<NaiveDate, Text> {
    if !shaped(text, 10, &[4, 7]) {
        return Err(if shaped(text, 7, &[4]) {
            CaseMsg::DateNeedsDay.into()
        } else {
            CaseMsg::DateShape.into()
        });
    }
    let (year, month) = year_month(text)?;
    let day: u32 = text[8..10].parse().map_err(|_| Text::from(CaseMsg::BadDay))?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let last = YearMonth::new(year, month)
            .last_day()
            .map_or(0, |d| chrono::Datelike::day(&d));
        CaseMsg::MonthDays.with([format!("{year:04}-{month:02}"), last.to_string()])
    })
}

/// Parses `YYYY-MM`; the error says why it is not a month.
pub fn parse_month(text: &str) -> Result<YearMonth, Text> {
    if !shaped(text, 7, &[4]) {
        return Err(if shaped(text, 10, &[4, 7]) {
            CaseMsg::MonthNoDay.into()
        } else {
            CaseMsg::MonthShape.into()
        });
    }
    let (year, month) = year_month(text)?;
    Ok(YearMonth::new(year, month))
}

/// The year and month of text shaped `YYYY-MM...` (ASCII digits checked by the caller).
fn year_month(text: &str) -> Result<(i32, u32), Text> {
    let year: i32 = text[0..4].parse().map_err(|_| Text::from(CaseMsg::BadYear))?;
    let month: u32 = text[5..7].parse().map_err(|_| Text::from(CaseMsg::BadMonth))?;
    if !(1..=12).contains(&month) {
        return Err(CaseMsg::NoSuchMonth.with([month.to_string()]));
    }
    Ok((year, month))
}

fn read_resident_id(text: &str, node: &YamlNode, what: &dyn Fn() -> Text) -> Result<Value, Box<Diagnostic>> {
    match resident_id::validate(text) {
        Ok(_) => Ok(Value::ResidentId(text.into())),
        Err(e @ IdError::Checksum { .. }) => Err(Box::new(
            Diagnostic::error(
                Code::BadIdChecksum,
                CaseMsg::IdChecksumFails.with([what(), resident_id::mask(text).into(), e.describe()]),
            )
            .at(node.span, CaseMsg::LabelWrongCheck)
            .with_help(CaseMsg::HelpCheckId),
        )),
        Err(e) => Err(Box::new(
            Diagnostic::error(Code::BadIdNumber, CaseMsg::IdInvalid.with([what(), e.describe()]))
                .at(node.span, CaseMsg::LabelMalformedId)
                .with_help(CaseMsg::HelpIdFormat),
        )),
    }
}

fn read_enum(
    program: &Program,
    e: EnumId,
    text: &str,
    node: &YamlNode,
    what: &dyn Fn() -> Text,
) -> Result<Value, Box<Diagnostic>> {
    let Some(enum_type) = program.enums.get(e.0 as usize) else {
        return Err(Box::new(
            Diagnostic::error(Code::UnknownEnumValue, CaseMsg::NoValues.with([what()])).at(node.span, Words::Here),
        ));
    };
    if let Some(i) = enum_type.variant_or_label(text) {
        return Ok(Value::Enum(e, i));
    }
    // A value an amendment took away: read for the versions before it (see
    // `run::enum_versions`, which says so when the version in force lacks it).
    if let Some(i) = enum_type.retired_value(text) {
        return Ok(Value::Enum(e, i));
    }
    let allowed = variant_list(program, e);
    let help = match did_you_mean(text, enum_type.variants().iter().map(|(n, _)| n.as_str())) {
        Some(hint) => CaseMsg::HelpGuessValues.with([hint, allowed]),
        None => CaseMsg::HelpValues.with([allowed]),
    };
    let shown: String = text.chars().take(40).collect();
    let of = if enum_type.label.zh.is_empty() {
        Words::Quoted.with([enum_type.name.as_str()])
    } else {
        label(&enum_type.label)
    };
    Err(Box::new(
        Diagnostic::error(Code::UnknownEnumValue, CaseMsg::NotAValue.with([what(), shown.into()]))
            .at(node.span, CaseMsg::LabelNotValueOf.with([of]))
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
            parse_date("2025-03-10").map_err(|e| e.en()),
            Ok(NaiveDate::from_ymd_opt(2025, 3, 10).unwrap())
        );
        assert_eq!(
            parse_date("2025-02-30").map_err(|e| e.en()),
            Err("2025-02 has 28 days".into())
        );
        assert_eq!(
            parse_date("2024-02-29").map_err(|e| e.en()),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert_eq!(
            parse_date("2023-02-29").map_err(|e| e.en()),
            Err("2023-02 has 28 days".into())
        );
        assert_eq!(
            parse_date("2025-00-10").map_err(|e| e.en()),
            Err("there is no month 0".into())
        );
        assert_eq!(
            parse_date("2025-1a-10").map_err(|e| e.en()),
            Err("dates are written YYYY-MM-DD".into())
        );
        assert_eq!(
            parse_date("2025-13-01").map_err(|e| e.en()),
            Err("there is no month 13".into())
        );
        assert_eq!(
            parse_date("2025-3-1").map_err(|e| e.en()),
            Err("dates are written YYYY-MM-DD".into())
        );
        assert_eq!(
            parse_date("2025-03").map_err(|e| e.en()),
            Err("a date needs the day too (YYYY-MM-DD)".into())
        );
        assert_eq!(
            parse_date("年年年年-年年-年年").map_err(|e| e.en()),
            Err("dates are written YYYY-MM-DD".into())
        );
        assert_eq!(parse_month("2025-05").map_err(|e| e.en()), Ok(YearMonth::new(2025, 5)));
        assert_eq!(
            parse_month("2025-05-01").map_err(|e| e.en()),
            Err("a month is written without the day (YYYY-MM)".into())
        );
        assert_eq!(
            parse_month("2025-00").map_err(|e| e.en()),
            Err("there is no month 0".into())
        );
        assert_eq!(
            parse_month("2025-{9-01").map_err(|e| e.en()),
            Err("months are written YYYY-MM".into())
        );
        assert_eq!(
            parse_date("2025-{9-01").map_err(|e| e.en()),
            Err("dates are written YYYY-MM-DD".into())
        );
        let why = |r: Result<NaiveDate, Text>| r.map_err(|e| e.zh()).err();
        assert_eq!(why(parse_date("2025-02-30")).as_deref(), Some("2025-02 只有 28 天"));
        assert_eq!(why(parse_date("2025-13-01")).as_deref(), Some("没有 13 月"));
        assert_eq!(
            why(parse_date("2025-03")).as_deref(),
            Some("日期还要写上日（YYYY-MM-DD）")
        );
    }
}

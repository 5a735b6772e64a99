//! A request's query parameters, read against the ones its route takes: an unknown
//! parameter, one given twice or a value that does not read is an error that says so
//! (a typo must not pass silently), never a default taken in its place.

use crate::explain::Explain;
use crate::messages::ServeMsg;
use chrono::NaiveDate;
use zhengce::lang::{Lang, Text};

/// A parameter a route may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// `lang=zh|en`: the language of the response.
    Lang,
    /// `explain=none|brief|full`.
    Explain,
    /// `as_of=YYYY-MM-DD`: the evaluation date, winning over the case's.
    AsOf,
    /// `pii=show`: ID numbers in full (only with `--allow-pii`).
    Pii,
    /// `old_as_of=` of `/v1/diff`.
    OldAsOf,
    /// `new_as_of=` of `/v1/diff`.
    NewAsOf,
    /// `old_version=` of `/v1/diff`: a document id of the policy's versions.
    OldVersion,
    /// `new_version=` of `/v1/diff`.
    NewVersion,
}

impl Param {
    /// The parameter's name in a query.
    pub fn name(self) -> &'static str {
        match self {
            Param::Lang => "lang",
            Param::Explain => "explain",
            Param::AsOf => "as_of",
            Param::Pii => "pii",
            Param::OldAsOf => "old_as_of",
            Param::NewAsOf => "new_as_of",
            Param::OldVersion => "old_version",
            Param::NewVersion => "new_version",
        }
    }

    /// What a value of it may be, in words (for the error of a value that is not one).
    fn takes(self) -> Text {
        match self {
            Param::Lang => Text::from("`zh`, `en`"),
            Param::Explain => Text::from("`none`, `brief`, `full`"),
            Param::Pii => Text::from("`show`"),
            Param::AsOf | Param::OldAsOf | Param::NewAsOf => ServeMsg::TakesDate.into(),
            Param::OldVersion | Param::NewVersion => Text::from("`…`"),
        }
    }
}

/// The parameters of a request, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// `lang`.
    pub lang: Option<Lang>,
    /// `explain`.
    pub explain: Option<Explain>,
    /// `as_of`.
    pub as_of: Option<NaiveDate>,
    /// `pii=show`.
    pub show_pii: bool,
    /// `old_as_of`.
    pub old_as_of: Option<NaiveDate>,
    /// `new_as_of`.
    pub new_as_of: Option<NaiveDate>,
    /// `old_version`.
    pub old_version: Option<String>,
    /// `new_version`.
    pub new_version: Option<String>,
}

/// A query that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A parameter the route does not take (its name, the route's parameters).
    #[error("unknown query parameter `{0}`")]
    Unknown(String, &'static [Param]),
    /// A parameter given twice.
    #[error("the query parameter `{0}` is given more than once")]
    Repeated(&'static str),
    /// A value the parameter cannot take (the parameter, the value as given).
    #[error("the query parameter `{name}` has the value `{1}`", name = .0.name())]
    BadValue(Param, String),
}

impl QueryError {
    /// The error in words, in both languages.
    pub fn text(&self) -> Text {
        match self {
            QueryError::Unknown(name, []) => ServeMsg::NoParameters.with([name.as_str()]),
            QueryError::Unknown(name, known) => {
                let known: Vec<String> = known.iter().map(|p| format!("`{}`", p.name())).collect();
                ServeMsg::UnknownParameter.with([name.clone(), known.join(", ")])
            }
            QueryError::Repeated(name) => ServeMsg::RepeatedParameter.with([*name]),
            QueryError::BadValue(param, value) => {
                ServeMsg::BadParameter.with([Text::from(param.name()), Text::from(value.as_str()), param.takes()])
            }
        }
    }
}

/// Reads `query` (the part of the URI after `?`, if any) for a route that takes `allowed`.
pub fn parse(query: Option<&str>, allowed: &'static [Param]) -> Result<Query, QueryError> {
    let mut out = Query::default();
    let mut seen: Vec<Param> = Vec::new();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (name, value) = (decode(name), decode(value));
        let Some(param) = allowed.iter().copied().find(|p| p.name() == name) else {
            return Err(QueryError::Unknown(name, allowed));
        };
        if seen.contains(&param) {
            return Err(QueryError::Repeated(param.name()));
        }
        seen.push(param);
        let bad = || QueryError::BadValue(param, value.clone());
        let date = || zhengce::syntax::parse_date_text(&value).ok_or_else(bad);
        match param {
            Param::Lang => {
                out.lang = Some(match value.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    _ => return Err(bad()),
                });
            }
            Param::Explain => out.explain = Some(Explain::parse(&value).ok_or_else(bad)?),
            Param::Pii if value == "show" => out.show_pii = true,
            Param::Pii => return Err(bad()),
            Param::AsOf => out.as_of = Some(date()?),
            Param::OldAsOf => out.old_as_of = Some(date()?),
            Param::NewAsOf => out.new_as_of = Some(date()?),
            Param::OldVersion if !value.is_empty() => out.old_version = Some(value),
            Param::NewVersion if !value.is_empty() => out.new_version = Some(value),
            Param::OldVersion | Param::NewVersion => return Err(bad()),
        }
    }
    Ok(out)
}

/// The query's words with `%XX` and `+` decoded; a `%` not followed by two hex digits,
/// and bytes that are not UTF-8 after decoding, are kept as they were written.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DECISION: &[Param] = &[Param::Lang, Param::Explain, Param::AsOf, Param::Pii];

    #[test]
    fn the_parameters_read_and_their_mistakes_are_named() {
        let q = parse(Some("lang=en&explain=brief&as_of=2025-09-01&pii=show"), DECISION);
        let q = q.unwrap_or_default();
        assert_eq!(q.lang, Some(Lang::En));
        assert_eq!(q.explain, Some(Explain::Brief));
        assert_eq!(q.as_of, NaiveDate::from_ymd_opt(2025, 9, 1));
        assert!(q.show_pii);
        assert_eq!(parse(None, DECISION), Ok(Query::default()));
        let unknown = parse(Some("langg=en"), DECISION);
        assert_eq!(unknown, Err(QueryError::Unknown("langg".into(), DECISION)));
        assert_eq!(
            parse(Some("lang=en&lang=zh"), DECISION),
            Err(QueryError::Repeated("lang"))
        );
        let bad_date = parse(Some("as_of=2025-02-30"), DECISION);
        assert_eq!(bad_date, Err(QueryError::BadValue(Param::AsOf, "2025-02-30".into())));
        assert!(parse(Some("explain=short"), DECISION).is_err());
        assert!(parse(Some("pii=yes"), DECISION).is_err());
        assert!(parse(Some("lang=en"), &[]).is_err());
    }

    #[test]
    fn the_errors_are_told_in_either_language() {
        let e = parse(Some("as_of=tomorrow"), DECISION).err().map(|e| e.text());
        let e = e.unwrap_or_else(|| Text::from(""));
        assert!(e.zh().contains("`as_of`") && e.zh().contains("日期"), "{}", e.zh());
        assert!(e.en().contains("a date YYYY-MM-DD"), "{}", e.en());
    }

    #[test]
    fn percent_escapes_are_decoded_and_broken_ones_kept() {
        assert_eq!(decode("2025%2D09%2D01"), "2025-09-01");
        assert_eq!(decode("a+b"), "a b");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%E4%B8%AD"), "中");
        assert_eq!(decode("%FF"), "%FF");
    }
}

//! Equivalent mutants declared by the corpus author (`--equivalent-mutants FILE`): a
//! TOML file of `[[equivalent]]` entries, each naming a place and why the mutant there
//! cannot change any outcome.
//!
//! ```toml
//! [[equivalent]]
//! place = "policies/x.policy:12:20"       # file:line:col, as the report shows it
//! change = "a <= b → a < b"               # optional with `place`
//! reason = "…"                            # why, in Chinese
//! reason_en = "…"                         # and in English (optional)
//!
//! [[equivalent]]
//! file = "policies/x.policy"              # or: file, line and the change
//! line = 30
//! change = "2 → 3"
//! reason = "…"
//! ```

use super::Mutant;
use super::generate::shown;
use super::messages::MutantsMsg;
use crate::lang::Text;
use crate::policy_set::BUILTIN_PREFIX;
use serde::Deserialize;
use toml::Spanned;

/// A declared equivalent mutant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The policy file.
    pub file: String,
    /// The line of the change.
    pub line: usize,
    /// Its column, when given.
    pub column: Option<usize>,
    /// The change as the report shows it, when given.
    pub change: Option<String>,
    /// Why it cannot change any outcome (in English where the file gives it).
    pub reason: Text,
    /// Where the entry is in the declarations file: line and column.
    pub at: (usize, usize),
}

impl Declared {
    /// Whether this entry names `m` (a built-in file by its path: the same file as
    /// the one of that path in the repository).
    pub fn matches(&self, m: &Mutant) -> bool {
        let file = m.file.strip_prefix(BUILTIN_PREFIX).unwrap_or(&m.file);
        self.file.strip_prefix(BUILTIN_PREFIX).unwrap_or(&self.file) == file
            && self.line == m.line
            && self.column.is_none_or(|c| c == m.column)
            && self.change.as_deref().is_none_or(|c| shown(c) == m.change)
    }

    /// What it names, for messages: `file:line[:col] [change]`.
    pub fn named(&self) -> String {
        let mut out = format!("`{}:{}", self.file, self.line);
        if let Some(c) = self.column {
            out.push_str(&format!(":{c}"));
        }
        if let Some(change) = &self.change {
            out.push_str(&format!(" {change}"));
        }
        out.push('`');
        out
    }
}

/// A problem with the file: its line, column and what is wrong.
#[derive(Debug, Clone)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    #[serde(default)]
    equivalent: Vec<Spanned<EntryForm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryForm {
    place: Option<String>,
    file: Option<String>,
    line: Option<usize>,
    change: Option<String>,
    reason: Option<String>,
    reason_en: Option<String>,
}

/// Reads the declarations in `text`; the first problem, located, when it is malformed.
pub fn parse(text: &str) -> Result<Vec<Declared>, Problem> {
    let at = |offset: usize| line_col(text, offset);
    let form: FileForm = toml::from_str(text).map_err(|e| {
        let (line, column) = at(e.span().map_or(0, |s| s.start));
        let detail = e.message().trim().to_string();
        Problem {
            line,
            column,
            message: MutantsMsg::BadToml.with([detail]),
        }
    })?;
    form.equivalent
        .into_iter()
        .map(|entry| {
            let where_ = at(entry.span().start);
            let problem = |message: Text| Problem {
                line: where_.0,
                column: where_.1,
                message,
            };
            let e = entry.into_inner();
            let reason = e.reason.filter(|r| !r.trim().is_empty());
            let reason = reason.ok_or_else(|| problem(MutantsMsg::NoReason.into()))?;
            let reason = match e.reason_en.filter(|r| !r.trim().is_empty()) {
                Some(en) => Text::both(reason, en),
                None => Text::from(reason),
            };
            let (file, line, column) = match (e.place, e.file, e.line) {
                (Some(place), None, None) => {
                    let parsed = parse_place(&place);
                    parsed.ok_or_else(|| problem(MutantsMsg::BadPlace.with([place])))?
                }
                (None, Some(file), Some(line)) if e.change.is_some() => (file, line, None),
                _ => return Err(problem(MutantsMsg::NoPlace.into())),
            };
            Ok(Declared {
                file,
                line,
                column,
                change: e.change,
                reason,
                at: where_,
            })
        })
        .collect()
}

/// `file:line:col` → its parts.
fn parse_place(place: &str) -> Option<(String, usize, Option<usize>)> {
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    let file = parts.next()?.trim();
    (!file.is_empty()).then(|| (file.to_string(), line, Some(column)))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

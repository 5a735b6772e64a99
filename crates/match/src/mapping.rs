//! The mapping: what a bureau writes to say where its registry extracts are and how
//! their columns become case fields. It is data (TOML with one SQL query), not Rust:
//! another province or another export layout needs only another mapping.

use crate::messages::MatchMsg;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use zhengce::lang::Text;

/// A mapping file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The policy file; the built-in policy when left out.
    pub policy: Option<PathBuf>,
    /// The evaluation date D, unless `--as-of` gives one.
    pub as_of: Option<toml::value::Datetime>,
    /// The query's column that names the person: the case field of the resident ID
    /// number. Masked in every output unless `--show-pii`.
    pub person: String,
    /// The query's column carried to the list as the district (not a case field).
    pub district: Option<String>,
    /// Definitions of the policy that must all hold for a person to be listed.
    pub listed_when: Vec<String>,
    /// Definitions of the policy of which none may hold (already certified).
    #[serde(default)]
    pub unless: Vec<String>,
    /// The registry extracts, each a table of the query.
    #[serde(rename = "registry")]
    pub registries: Vec<Registry>,
    /// The query.
    pub query: Query,
}

/// One registry extract.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// Its table name in the query.
    pub name: String,
    /// The file: `.csv` or `.parquet`, from the mapping's folder.
    pub file: PathBuf,
    /// The encoding of a CSV file.
    #[serde(default)]
    pub encoding: Encoding,
    /// The column of the resident ID number: checked row by row (check character,
    /// the same ID twice).
    pub id_column: String,
    /// Columns that hold dates (`YYYY-MM-DD`): checked row by row.
    #[serde(default)]
    pub date_columns: Vec<String>,
}

/// The encoding of a CSV extract.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark is allowed).
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// GB18030 (GBK and GB2312 are parts of it), as the provincial systems export.
    #[serde(rename = "gb18030")]
    Gb18030,
}

/// The query that makes one row per person, its columns named by case field paths.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// SQL (DataFusion's dialect) over the registries' tables.
    pub sql: String,
}

/// A mapping that could not be read.
#[derive(Debug)]
pub struct MappingError {
    /// What is wrong, in both languages.
    pub message: Text,
    /// The line and column (1-based) in the file, when known.
    pub at: Option<(usize, usize)>,
}

impl Mapping {
    /// Reads the mapping at `path`.
    pub fn read(path: &Path) -> Result<Mapping, MappingError> {
        let text = std::fs::read_to_string(path).map_err(|e| MappingError {
            message: MatchMsg::CannotRead.with([path.display().to_string(), e.to_string()]),
            at: None,
        })?;
        toml::from_str(&text).map_err(|e| {
            let at = e.span().map(|span| line_col(&text, span.start));
            MappingError {
                message: MatchMsg::BadMapping.with([e.message().to_owned()]),
                at,
            }
        })
    }

    /// The evaluation date the mapping gives, if any.
    pub fn as_of(&self) -> Result<Option<NaiveDate>, MappingError> {
        let Some(dt) = &self.as_of else {
            return Ok(None);
        };
        match (dt.date, dt.time) {
            (Some(d), None) => Ok(NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())),
            _ => Err(MappingError {
                message: MatchMsg::AsOfNotDate.with([dt.to_string()]),
                at: None,
            }),
        }
    }
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

//! zhengce for Python (`import zhengce`): the policy evaluator on pyarrow record
//! batches, so that Spark (`mapInArrow`), pandas and polars hand cases over as Arrow
//! columns, with no JSON text in between and no copy of the data.
//!
//! ```python
//! decided = zhengce.evaluate(batch, "2026-06-30", definitions=["eligible"])
//! ```
//!
//! The work is `zhengce_arrow::BatchEvaluator::decisions`, the same that `zhengce match`
//! builds its push list from, so the two give the same list. Everything that can be
//! wrong with the input (the policy, a column, the date, a definition's name) is a
//! `ValueError` in the language asked for; a row that is not a valid case is no
//! exception but the text of its `error` column, and the batch goes on.

mod messages;
mod policies;

use arrow_array::RecordBatch;
use arrow_pyarrow::PyArrowType;
use messages::PyMsg;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::path::{Path, PathBuf};
use zhengce::case::parse_date;
use zhengce::lang::{Lang, Text};
use zhengce::policy_set::LoadedPolicy;
use zhengce::privacy::mask_ids;
use zhengce_arrow::{BatchEvaluator, Wanted, definition_ids};

/// Decides every row of `batch` (a `pyarrow.RecordBatch`) by the policy on `as_of`
/// (a `datetime.date` or `"YYYY-MM-DD"`).
///
/// The batch's columns are named by case field paths (`person.id_number`,
/// `registration.unemployed_since`, ...), except those named in `carried`, which are
/// passed through unread (a district, a row key). `policy` is the path of a policy
/// file (on a cluster, one every worker can read at that path), or `None` for the
/// built-in Hunan policy; each is loaded once per process, and not read again.
///
/// Returns a `pyarrow.RecordBatch`: every column of `batch`, then `error` (why the
/// row is not a valid case, else null), one column per name in `definitions` (a
/// boolean for a yes/no definition, else its value as text), `categories`, `clauses`
/// and `reasons` (the categories that hold, their clauses, and why). Errors and
/// reasons are in `lang`, `"zh"` or `"en"`; ID numbers in them are masked.
///
/// Raises `ValueError` for a policy with errors, a column no case field takes, a bad
/// date, an unknown definition or language.
#[pyfunction]
#[pyo3(
    signature = (batch, as_of, policy=None, carried=Vec::new(), definitions=Vec::new(), lang="zh"),
    text_signature = "(batch, as_of, policy=None, carried=(), definitions=(), lang='zh')"
)]
fn evaluate(
    py: Python<'_>,
    batch: PyArrowType<RecordBatch>,
    as_of: &Bound<'_, PyAny>,
    policy: Option<PathBuf>,
    carried: Vec<String>,
    definitions: Vec<String>,
    lang: &str,
) -> PyResult<PyArrowType<RecordBatch>> {
    let lang = match lang.trim().to_ascii_lowercase().as_str() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        // The language asked for is not known: say so in the default one.
        _ => return Err(value_error(&PyMsg::BadLang.with([lang]).get(Lang::Zh))),
    };
    // `str()` of a `datetime.date` is its ISO form; of a `datetime`, it has a time, and
    // is refused like any text that is not a date.
    let as_of = as_of.str()?.to_cow()?.into_owned();
    let request = Request {
        as_of,
        policy,
        carried,
        definitions,
        lang,
    };
    // Deciding takes no Python object: other Python threads run meanwhile.
    py.detach(|| request.decide(&batch.0))
        .map(PyArrowType)
        .map_err(|said| value_error(&said))
}

/// `id` masked as zhengce writes ID numbers: `430102********1234` (the first 6 and
/// the last 4 characters kept); text of 10 characters or fewer becomes all stars.
#[pyfunction]
fn mask_id(id: &str) -> String {
    zhengce::case::mask_id(id)
}

/// The module: `evaluate`, `mask_id` and `__version__`.
#[pymodule]
#[pyo3(name = "zhengce")]
fn zhengce_python(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(mask_id, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

/// A `ValueError` saying `said`, masked as everything zhengce writes is: an ID number
/// can stand in any text given (a date, a path, a language).
fn value_error(said: &str) -> PyErr {
    PyValueError::new_err(mask_ids(said).into_owned())
}

/// What a call of `evaluate` asks, read from its Python arguments.
struct Request {
    as_of: String,
    policy: Option<PathBuf>,
    carried: Vec<String>,
    definitions: Vec<String>,
    lang: Lang,
}

impl Request {
    /// The decisions on `batch`, or what is wrong, in the language asked for.
    fn decide(&self, batch: &RecordBatch) -> Result<RecordBatch, String> {
        let lang = self.lang;
        let said = |t: Text| t.get(lang).into_owned();
        let as_of = parse_date(self.as_of.trim())
            .map_err(|why| said(PyMsg::BadAsOf.with([Text::from(self.as_of.as_str()), why])))?;
        let loaded = policies::policy(self.policy.as_deref());
        let Some(program) = &loaded.program else {
            return Err(policy_failure(&loaded, self.policy.as_deref(), lang));
        };
        let definitions = definition_ids(program, &self.definitions).map_err(said)?;
        let carried: Vec<&str> = self.carried.iter().map(String::as_str).collect();
        // Each problem names its column: one a line, every one at once.
        let evaluator = BatchEvaluator::new(program, &batch.schema(), &carried, as_of).map_err(|problems| {
            let lines: Vec<String> = problems.into_iter().map(|p| said(p.message)).collect();
            lines.join("\n")
        })?;
        let wanted = Wanted { definitions, lang };
        evaluator
            .decisions(batch, &wanted)
            .map_err(|e| said(PyMsg::NoBatch.with([e.to_string()])))
    }
}

/// A policy that does not load, for an exception's text (read in a traceback or a
/// Spark driver's log, where a drawing of the source would not line up): each error
/// on a line with its place, its help under it, then which policy.
fn policy_failure(loaded: &LoadedPolicy, path: Option<&Path>, lang: Lang) -> String {
    let mut lines = Vec::new();
    for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        let place = d.span.map_or_else(String::new, |span| {
            let at = loaded.sources.line_col(span);
            format!("{}:{}:{}: ", loaded.sources.get(span.file).name, at.line, at.column)
        });
        lines.push(format!("{place}{}", d.message.get(lang)));
        if let Some(help) = &d.help {
            lines.push(format!("  {}", PyMsg::Help.with([help.clone()]).get(lang)));
        }
    }
    let name = match path {
        Some(p) => Text::from(p.display().to_string()),
        None => PyMsg::Builtin.into(),
    };
    lines.push(PyMsg::PolicyBroken.with([name]).get(lang).into_owned());
    lines.join("\n")
}

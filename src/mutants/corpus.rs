//! The case corpus of a mutants run: the case files read once, and run on the original
//! policy and on each mutant as `zhengce test` runs them (a case passes when its
//! decision record matches its `expect:` block; a case without one fails only when it
//! cannot be evaluated).

use crate::expect::check_case;
use crate::input::InputLimits;
use crate::lang::{Lang, Text};
use crate::program::Program;
use crate::report::RenderOptions;
use crate::run::{CaseResult, MissingDate, Runner, Status};
use crate::source::SourceMap;
use chrono::NaiveDate;

/// One case file: its name and its bytes, or why it could not be read.
pub struct CorpusFile {
    /// The name shown in messages.
    pub name: String,
    /// The bytes, or why they could not be read.
    pub bytes: Result<Vec<u8>, Text>,
}

/// The case files and how they are run.
pub struct Corpus {
    /// The files, in the order `zhengce test` runs them.
    pub files: Vec<CorpusFile>,
    /// `--as-of`.
    pub as_of: Option<NaiveDate>,
    /// The size limit of one case.
    pub limits: InputLimits,
    /// The language expectations are compared in (as `zhengce test` does).
    pub lang: Lang,
}

/// How the corpus fared on one policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusRun {
    /// Cases run.
    pub cases: usize,
    /// Cases with an `expect:` block.
    pub expecting: usize,
    /// Cases that failed.
    pub failed: usize,
    /// The id of the first case that failed.
    pub first_failure: Option<String>,
}

impl Corpus {
    /// Runs the corpus on `versions` (whose policy files `policy_sources` holds);
    /// with `stop_at_failure`, stops at the first case that fails.
    pub fn run(&self, versions: &[Program], policy_sources: &SourceMap, stop_at_failure: bool) -> CorpusRun {
        let mut out = CorpusRun::default();
        if versions.is_empty() {
            return out;
        }
        let mut sources = policy_sources.clone();
        let mut runner = Runner::with_versions(versions, self.as_of, MissingDate::Error);
        runner.limits = self.limits;
        let options = RenderOptions {
            lang: self.lang,
            ..RenderOptions::default()
        };
        // Whether to stop after this case.
        let judge = |r: &CaseResult, sources: &SourceMap, out: &mut CorpusRun| {
            out.cases += 1;
            out.expecting += usize::from(r.case.expect.is_some());
            if passes(r, &versions[r.version], sources, &options) {
                return false;
            }
            out.failed += 1;
            out.first_failure
                .get_or_insert_with(|| r.id.clone().unwrap_or_else(|| "?".into()));
            stop_at_failure
        };
        for input in &self.files {
            match &input.bytes {
                Ok(bytes) => {
                    let file = runner.add_file(&mut sources, &input.name, bytes.clone());
                    for r in runner.results(&file) {
                        if judge(&r, &sources, &mut out) {
                            return out;
                        }
                    }
                }
                Err(e) => {
                    let r = runner.unreadable(&mut sources, &input.name, e.clone());
                    if judge(&r, &sources, &mut out) {
                        return out;
                    }
                }
            }
        }
        out
    }
}

/// Whether a case passes, as `zhengce test` decides it.
fn passes(r: &CaseResult, program: &Program, sources: &SourceMap, options: &RenderOptions) -> bool {
    match check_case(r, program, sources, options) {
        Some(checked) => checked.passed(),
        None => r.status != Status::Error,
    }
}

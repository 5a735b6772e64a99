//! `zhengce check`: parse and check policy files, reporting every problem at once.
//! `--strict` (for CI) turns every warning, lints included, into an error.
//!
//! Each policy named is loaded with the files it builds on, so a file that several of
//! them use (or that is named itself as well) is checked with each. Its problems are
//! the same each time, and are shown once: the first time they are found.

use super::{Console, EXIT_OK, EXIT_POLICY};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputLimits;
use crate::lint::lint;
use crate::policy_set::{BUILTIN_PREFIX, DEFAULT_POLICY, PolicySource, checkout_prefix, load_policy_with};
use crate::report::messages::{Msg, msg_args, msg_with};
use crate::report::{Lang, render_diagnostic};
use crate::source::SourceMap;
use std::collections::HashSet;

/// Runs `check`.
pub fn run(policies: &[String], strict: bool, limits: InputLimits, lang: Lang, console: &mut Console) -> u8 {
    // With no file (and no policy repository naming one): the default policy's file in
    // the checkout of zhengce the current folder is in (from its root or any folder
    // below), which is what a policy writer edits; elsewhere the copy built into the
    // binary, named as such.
    let targets: Vec<(String, PolicySource)> = if policies.is_empty() {
        match checkout_prefix() {
            Some(prefix) => vec![(format!("{prefix}{DEFAULT_POLICY}"), PolicySource::Disk)],
            None => vec![(DEFAULT_POLICY.to_string(), PolicySource::Builtin)],
        }
    } else {
        policies.iter().map(|p| (p.clone(), PolicySource::Disk)).collect()
    };
    let mut code = EXIT_OK;
    let mut shown = Shown::default();
    for (path, source) in targets {
        let loaded = load_policy_with(&path, source, limits);
        super::builtin_edited_note(&loaded, lang, console);
        let path = match source {
            PolicySource::Builtin => format!("{BUILTIN_PREFIX}{path}"),
            PolicySource::Disk => path,
        };
        let mut diagnostics: Vec<Diagnostic> = loaded.diagnostics.clone();
        if let Some(program) = &loaded.program {
            diagnostics.extend(lint(program));
        }
        // In the order of the files and of the places in them, as a writer goes
        // through a file, rather than by the stage that found each.
        diagnostics.sort_by_key(|d| d.span.map(|s| (s.file, s.start)));
        if strict {
            for d in &mut diagnostics {
                d.severity = Severity::Error;
            }
        }
        let mut repeated = 0;
        for d in &diagnostics {
            if shown.first_time(d, &loaded.sources) {
                console.err(&render_diagnostic(
                    d,
                    &loaded.sources,
                    super::draw_options(lang, console),
                ));
            } else {
                repeated += 1;
            }
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        let note = shown_above(repeated, lang);
        let (errors, warnings) = (errors.to_string(), warnings.to_string());
        match (&loaded.program, errors.as_str()) {
            (Some(p), "0") => {
                let counts = [p.rules.len(), p.definitions.len(), loaded.files.len()].map(|n| n.to_string());
                let args = [path.as_str(), &counts[0], &counts[1], &counts[2], &warnings, &note];
                console.out(&format!("{}\n", msg_args(Msg::CheckOk, lang, &args)));
            }
            _ => {
                let args = [path.as_str(), &errors, &warnings, &note];
                console.err(&format!("{}\n", msg_args(Msg::CheckFailed, lang, &args)));
                code = EXIT_POLICY;
            }
        }
    }
    code
}

/// What the summary line adds when some of a policy's problems were shown above, with
/// another policy that uses the same file.
fn shown_above(repeated: usize, lang: Lang) -> String {
    match repeated {
        0 => String::new(),
        n => msg_with(Msg::ShownAbove, lang, &n.to_string()),
    }
}

/// A diagnostic as it is shown: file name and place (each policy is loaded into a
/// source map of its own, so the same problem has different file ids), code, message.
type ShownAs = (Option<(String, u32, u32)>, String, String);

/// The diagnostics shown so far.
#[derive(Default)]
struct Shown {
    seen: HashSet<ShownAs>,
}

impl Shown {
    /// Whether `d` is shown for the first time (and remembers it).
    fn first_time(&mut self, d: &Diagnostic, sources: &SourceMap) -> bool {
        let place = d.span.map(|s| (sources.get(s.file).name.clone(), s.start, s.end));
        self.seen.insert((place, d.code.as_str().to_string(), d.message.en()))
    }
}

//! `zhengce check`: parse and check policy files, reporting every problem at once.
//! `--strict` (for CI) turns every warning, lints included, into an error.

use super::{EXIT_OK, EXIT_POLICY, color, print};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::lint;
use crate::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use crate::report::render_diagnostic;
use std::io::Write;

/// Runs `check`.
pub fn run(policies: &[String], strict: bool) -> u8 {
    let targets: Vec<(String, PolicySource)> = if policies.is_empty() {
        vec![(DEFAULT_POLICY.to_string(), PolicySource::Builtin)]
    } else {
        policies.iter().map(|p| (p.clone(), PolicySource::Disk)).collect()
    };
    let mut code = EXIT_OK;
    for (path, source) in targets {
        let loaded = load_policy(&path, source);
        let mut diagnostics: Vec<Diagnostic> = loaded.diagnostics.clone();
        if let Some(program) = &loaded.program {
            diagnostics.extend(lint(program));
        }
        if strict {
            for d in &mut diagnostics {
                d.severity = Severity::Error;
            }
        }
        let mut err = std::io::stderr().lock();
        for d in &diagnostics {
            let _ = err.write_all(render_diagnostic(d, &loaded.sources, color(), false).as_bytes());
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        match (&loaded.program, errors) {
            (Some(p), 0) => print(&format!(
                "{path}: ok ({} rules, {} definitions, {} files; {warnings} warning(s))\n",
                p.rules.len(),
                p.definitions.len(),
                loaded.files.len()
            )),
            _ => {
                let _ = writeln!(err, "{path}: {errors} error(s), {warnings} warning(s)");
                code = EXIT_POLICY;
            }
        }
    }
    code
}

//! `zhengce check`: parse and check policy files, reporting every problem at once.
//! `--strict` (for CI) turns every warning, lints included, into an error.

use super::{Console, EXIT_OK, EXIT_POLICY, color};
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputLimits;
use crate::lint::lint;
use crate::policy_set::{DEFAULT_POLICY, PolicySource, load_policy_with};
use crate::report::render_diagnostic;

/// Runs `check`.
pub fn run(policies: &[String], strict: bool, limits: InputLimits, console: &mut Console) -> u8 {
    let targets: Vec<(String, PolicySource)> = if policies.is_empty() {
        vec![(DEFAULT_POLICY.to_string(), PolicySource::Builtin)]
    } else {
        policies.iter().map(|p| (p.clone(), PolicySource::Disk)).collect()
    };
    let mut code = EXIT_OK;
    for (path, source) in targets {
        let loaded = load_policy_with(&path, source, limits);
        let mut diagnostics: Vec<Diagnostic> = loaded.diagnostics.clone();
        if let Some(program) = &loaded.program {
            diagnostics.extend(lint(program));
        }
        if strict {
            for d in &mut diagnostics {
                d.severity = Severity::Error;
            }
        }
        let color = color(console);
        for d in &diagnostics {
            console.err(&render_diagnostic(d, &loaded.sources, color, false));
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        match (&loaded.program, errors) {
            (Some(p), 0) => console.out(&format!(
                "{path}: ok ({} rules, {} definitions, {} files; {warnings} warning(s))\n",
                p.rules.len(),
                p.definitions.len(),
                loaded.files.len()
            )),
            _ => {
                console.err(&format!("{path}: {errors} error(s), {warnings} warning(s)\n"));
                code = EXIT_POLICY;
            }
        }
    }
    code
}

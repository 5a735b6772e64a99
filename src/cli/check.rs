//! `zhengce check`: parse and check policy files, reporting every problem at once.

use super::{EXIT_OK, EXIT_POLICY, color, print};
use crate::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use crate::report::render_diagnostic;
use std::io::Write;

/// Runs `check`.
pub fn run(policies: &[String]) -> u8 {
    let targets: Vec<(String, PolicySource)> = if policies.is_empty() {
        vec![(DEFAULT_POLICY.to_string(), PolicySource::Builtin)]
    } else {
        policies.iter().map(|p| (p.clone(), PolicySource::Disk)).collect()
    };
    let mut code = EXIT_OK;
    for (path, source) in targets {
        let loaded = load_policy(&path, source);
        let mut err = std::io::stderr().lock();
        for d in &loaded.diagnostics {
            let _ = err.write_all(render_diagnostic(d, &loaded.sources, color()).as_bytes());
        }
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = loaded.diagnostics.len() - errors;
        match &loaded.program {
            Some(p) => print(&format!(
                "{path}: ok ({} rules, {} definitions, {} files; {warnings} warning(s))\n",
                p.rules.len(),
                p.definitions.len(),
                loaded.files.len()
            )),
            None => {
                let _ = writeln!(err, "{path}: {errors} error(s), {warnings} warning(s)");
                code = EXIT_POLICY;
            }
        }
    }
    code
}

//! `zhengce test`: run case files with `expect:` blocks; one line per failing case and
//! a closing `N passed, N failed`.

use super::{CommonArgs, EXIT_FAILED, EXIT_OK, EXIT_POLICY, inputs, load_checked_policy, print, render_options};
use crate::expect::compare;
use crate::report::decision_json;
use crate::run::{MissingDate, Runner};
use chrono::NaiveDate;

/// Runs `test`.
pub fn run(paths: &[String], as_of: Option<NaiveDate>, common: &CommonArgs) -> u8 {
    let Some(mut loaded) = load_checked_policy(common.policy.as_deref()) else {
        return EXIT_POLICY;
    };
    let versions = std::mem::take(&mut loaded.versions);
    let options = render_options(common);
    let mut runner = Runner::with_versions(&versions, as_of, MissingDate::Error);
    let (mut passed, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for input in inputs::collect(paths) {
        let results = match &input.text {
            Ok(text) => runner.run_file(&mut loaded.sources, &input.name, text),
            Err(e) => vec![runner.unreadable(&mut loaded.sources, &input.name, e)],
        };
        for r in results {
            let record = decision_json(&r, &versions[r.version], &loaded.sources, &options);
            let place = r.case.id_span.map_or_else(
                || input.name.clone(),
                |s| format!("{}:{}", input.name, loaded.sources.line_col(s).line),
            );
            let id = r.id.clone().unwrap_or_else(|| "?".into());
            let Some(expect) = &r.case.expect else {
                if r.status == crate::run::Status::Error {
                    failed += 1;
                    let first = r
                        .diagnostics
                        .iter()
                        .find(|d| d.is_error())
                        .map_or(String::new(), |d| d.message.clone());
                    report.push_str(&format!("FAIL {place} {id}: cannot be evaluated: {first}\n"));
                } else {
                    skipped += 1;
                }
                continue;
            };
            let mismatches = compare(expect, &record);
            if mismatches.is_empty() {
                passed += 1;
                continue;
            }
            failed += 1;
            let parts: Vec<String> = mismatches
                .iter()
                .map(|m| format!("{}: expected {}, got {}", m.key, m.expected, m.actual))
                .collect();
            report.push_str(&format!("FAIL {place} {id}: {}\n", parts.join("; ")));
            for d in r.diagnostics.iter().filter(|d| d.is_error()) {
                report.push_str(&format!("    {}: {}\n", d.code.as_str(), d.message));
            }
        }
    }
    let skipped_text = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    report.push_str(&format!("{passed} passed, {failed} failed{skipped_text}\n"));
    print(&report);
    if failed == 0 { EXIT_OK } else { EXIT_FAILED }
}

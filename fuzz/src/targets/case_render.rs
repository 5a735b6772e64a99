//! A case file loaded, evaluated against the built-in policy and rendered as `zhengce
//! eval` renders it, in both languages: the text report (which draws every diagnostic
//! with `render_diagnostic`) and the JSON decision record (every diagnostic as
//! `diagnostic_json`) of every case; English with colour, as on a terminal; and for a
//! case with an `expect:` block the checks of `zhengce test`. Everything is written
//! through the command line's masking console, and the PII oracle is applied to what
//! comes out.
//!
//! Not the real command line in-process (`cli::run_with` with `eval FILE`): that loads
//! the policy again on every call (about 14 ms, some 70 inputs a second) and reads the
//! case from a file. This mimics `cli/eval.rs` instead, with the policy loaded once.

use super::super::{BUILTIN, err, out, run_cases, today, with_console};
use zhengce::report::{DrawOptions, Lang, RenderOptions, decision_json, render_diagnostic, render_text};

/// The target's work on one input: a panic is a finding.
pub fn run(data: &[u8]) {
    // As `eval`: a case without a date is evaluated on "today" (fixed here).
    let (sources, results) = run_cases("fuzz.yaml", data, today());
    let versions = &BUILTIN.versions;
    with_console(data, |console| {
        for r in &results {
            let program = &versions[r.version];
            for (lang, color) in [(Lang::Zh, false), (Lang::En, true)] {
                let options = RenderOptions {
                    lang,
                    show_pii: false,
                    color,
                    ..RenderOptions::default()
                };
                out(console, &render_text(r, program, &sources, &options));
                let record = decision_json(r, program, &sources, &options);
                out(console, &format!("{record}\n"));
                if lang == Lang::Zh
                    && let Some(expect) = &r.case.expect
                {
                    for d in zhengce::expect::validate(versions, expect) {
                        err(console, &render_diagnostic(&d, &sources, DrawOptions::from(&options)));
                    }
                    for m in zhengce::expect::compare(program, expect, &record) {
                        out(
                            console,
                            &format!("{}: expected {}, got {}\n", m.key, m.expected, m.actual),
                        );
                    }
                }
            }
        }
    });
}

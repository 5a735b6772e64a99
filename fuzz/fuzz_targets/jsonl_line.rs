//! One line of JSON Lines (contract §5: the §2 case schema written as JSON) loaded as a
//! case and evaluated against the built-in policy, its JSON decision record written
//! through the masking console. JSON is YAML 1.2 flow syntax, so the YAML case loader
//! reads it; the input is taken up to its first newline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce::report::{RenderOptions, decision_json, diagnostic_json};
use zhengce::run::MissingDate;
use zhengce_fuzz::{BUILTIN, out, run_cases, with_console};

fuzz_target!(|data: &[u8]| {
    let line = data.split(|b| *b == b'\n').next().unwrap_or_default();
    let (sources, results) = run_cases("fuzz.jsonl", line, MissingDate::Error);
    // A batch writes exactly one record per line. The YAML loader reads a bare `\r` as
    // a line break, so a line like `b\r...\r0` is two documents (the first finding,
    // fuzz/regressions/jsonl_line/bare-cr-ends-a-document): a batch reader must count
    // its records per line, not per document. One line read as two cases any other way
    // is a crash.
    assert!(
        results.len() <= 1 || line.contains(&b'\r'),
        "one line read as {} cases",
        results.len()
    );
    with_console(line, |console| {
        for r in &results {
            let program = &BUILTIN.versions[r.version];
            let record = decision_json(r, program, &sources, &RenderOptions::default());
            out(console, &format!("{record}\n"));
            for d in &r.diagnostics {
                out(console, &format!("{}\n", diagnostic_json(d, &sources)));
            }
        }
    });
});

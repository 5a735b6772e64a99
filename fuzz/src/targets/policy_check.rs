//! A policy file given as text: parsed, checked and linted as `zhengce check` does it,
//! every diagnostic drawn and as JSON; when it checks, the example cases are evaluated
//! with it and their decisions rendered. Everything is written through the command
//! line's masking console, and the PII oracle is applied to what comes out.
//!
//! No disk I/O per input: the text is the file `policies/fuzz/input.policy` of
//! `load_policy_text`, and what it `uses`, `amends` or names as a `calendar` is read
//! from the copies built into the binary. The path is two folders deep, so that both
//! `../cn/retirement-2025.policy` (as the Hunan policy writes it) and
//! `../../policies/hunan/…` (as the revision example does) name built-in files; any
//! other path is a "cannot read" diagnostic, never a read of the disk.

use super::super::{check_result, err, out, with_console};
use zhengce::policy_set::{PolicySource, load_policy_text};
use zhengce::report::{
    DrawOptions, Lang, RenderOptions, decision_json, diagnostic_json, render_diagnostic, render_text,
};
use zhengce::run::{MissingDate, Runner};

const PATH: &str = "policies/fuzz/input.policy";

/// Cases evaluated with every policy that checks.
const CASES: [(&str, &str); 2] = [
    ("li-qiang.yaml", include_str!("../../../examples/cases/li-qiang.yaml")),
    (
        "before-and-after.yaml",
        include_str!("../../../examples/revision/cases/before-and-after.yaml"),
    ),
];

/// The target's work on one input: a panic is a finding.
pub fn run(data: &[u8]) {
    // `load_policy_text` takes text: bytes that are not UTF-8 are replaced here (a policy
    // file read from disk that is not UTF-8 is refused with `invalid_utf8` instead).
    let text = String::from_utf8_lossy(data);
    let loaded = load_policy_text(PATH, &text, PolicySource::Builtin);
    let mut diagnostics = loaded.diagnostics.clone();
    match &loaded.program {
        Some(program) => diagnostics.extend(zhengce::lint::lint(program)),
        None => assert!(
            diagnostics.iter().any(|d| d.is_error()),
            "the policy does not check, yet no diagnostic is an error: {diagnostics:#?}"
        ),
    }
    with_console(data, |console| {
        let draw = DrawOptions::from(&RenderOptions::default());
        for d in &diagnostics {
            err(console, &render_diagnostic(d, &loaded.sources, draw));
            out(console, &format!("{}\n", diagnostic_json(d, &loaded.sources, Lang::Zh)));
        }
        if loaded.versions.is_empty() {
            return;
        }
        let mut sources = loaded.sources.clone();
        let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
        let options = RenderOptions {
            lang: Lang::Zh,
            show_pii: false,
            color: false,
            ..RenderOptions::default()
        };
        for (name, case) in CASES {
            for r in runner.run_file(&mut sources, name, case) {
                check_result(&r);
                let program = &loaded.versions[r.version];
                out(console, &render_text(&r, program, &sources, &options));
                out(
                    console,
                    &format!("{}\n", decision_json(&r, program, &sources, &options)),
                );
            }
        }
    });
}

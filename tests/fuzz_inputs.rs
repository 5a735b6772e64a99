//! The fuzz targets (`fuzz/`, run by hand with cargo-fuzz: FUZZING.md) on the inputs
//! they start from and on those that once failed them. Built here, by `cargo test`,
//! the targets' oracles cannot fall behind the core's API unseen (three of five had,
//! before the ninth session), and every past finding is run again in CI.

#[path = "../fuzz/src/lib.rs"]
mod zhengce_fuzz;

use std::path::Path;
use zhengce_fuzz::targets;

/// The files under `dirs` (relative to the repository), recursively, in a fixed order.
fn inputs(dirs: &[&str]) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut pending: Vec<_> = dirs.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                files.push((path.display().to_string(), bytes));
            }
        }
    }
    files.sort();
    files
}

/// Runs `target` on every input of `dirs`, saying which one failed.
fn each(target: fn(&[u8]), dirs: &[&str], at_least: usize) {
    let files = inputs(dirs);
    assert!(files.len() >= at_least, "{} inputs under {dirs:?}", files.len());
    for (name, bytes) in files {
        let outcome = std::panic::catch_unwind(|| target(&bytes));
        assert!(outcome.is_ok(), "the target failed on {name}");
    }
}

#[test]
fn case_eval_on_the_cases() {
    each(
        targets::case_eval::run,
        &["tests/cases", "examples/cases", "examples/revision/cases"],
        200,
    );
}

#[test]
fn case_render_on_the_cases_and_its_findings() {
    let dirs = [
        "tests/cases",
        "examples/cases",
        "examples/revision/cases",
        "fuzz/regressions/case_render",
    ];
    each(targets::case_render::run, &dirs, 200);
}

#[test]
fn jsonl_line_on_its_seeds_and_findings() {
    each(
        targets::jsonl_line::run,
        &["fuzz/seeds/jsonl_line", "fuzz/regressions/jsonl_line"],
        9,
    );
}

#[test]
fn policy_check_on_the_policies() {
    each(
        targets::policy_check::run,
        &["policies/hunan", "policies/cn", "examples/revision"],
        5,
    );
}

#[test]
fn repl_session_on_its_seeds_and_findings() {
    each(
        targets::repl_session::run,
        &["fuzz/seeds/repl_session", "fuzz/regressions/repl_session"],
        2,
    );
    // A finding of the tenth session's run: `(` then `:s FILE` wrote FILE in the
    // current folder (the package's, here), the target having joined the two lines
    // where the front end does not. Its input saves to this name.
    let written = Path::new(env!("CARGO_MANIFEST_DIR")).join("zhengce-fuzz-wrote-this.yaml");
    let found = written.exists();
    let _ = std::fs::remove_file(&written);
    assert!(!found, "the REPL target wrote {}", written.display());
}

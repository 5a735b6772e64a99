//! Times the hostile inputs of `tests/common/hostile.rs` (among them the year-1000 case
//! of the reliability issue, which stops at the step budget): how long each takes to be
//! loaded, checked, linted, evaluated and rendered, as `tests/robustness.rs` runs it.
//! The tests bound this work by counts and never time it; speed is watched here:
//!
//! ```text
//! cargo bench --bench hostile [FILTER]
//! ```
//!
//! Each input runs [`RUNS`] times and the fastest run is printed (the slower ones only
//! waited on the machine); slowest input first, then the total.

use std::path::Path;
use std::time::{Duration, Instant};

use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{Lang, RenderOptions, decision_json, render_text};
use zhengce::run::{MissingDate, Runner};

#[path = "../tests/common/hostile.rs"]
#[allow(dead_code)] // What each input must come to is the tests' business.
mod hostile;

/// Runs of each input.
const RUNS: usize = 3;

fn main() {
    // `cargo bench` passes `--bench`; anything else is a filter on the inputs' names.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let wanted = |what: &str| filter.as_deref().is_none_or(|f| what.contains(f));
    let dir = std::env::temp_dir().join(format!("zhengce-bench-hostile-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot make {}: {e}", dir.display());
        return;
    }
    let mut timings: Vec<(Duration, String)> = Vec::new();
    for (n, (what, text, _)) in hostile::hostile_policies().into_iter().enumerate() {
        if !wanted(what) {
            continue;
        }
        let path = dir.join(format!("{n}.policy"));
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("cannot write {}: {e}", path.display());
            continue;
        }
        let best = fastest(|| {
            let mut loaded = load_policy(&path.to_string_lossy(), PolicySource::Disk);
            evaluate(&mut loaded, hostile::CASE);
        });
        timings.push((best, format!("policy: {what}")));
    }
    let mut builtin = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    for (what, text, _) in hostile::hostile_cases() {
        if wanted(what) {
            let best = fastest(|| evaluate(&mut builtin, &text));
            timings.push((best, format!("case: {what}")));
        }
    }
    let _ = std::fs::remove_dir_all(Path::new(&dir));
    timings.sort_by_key(|(took, _)| std::cmp::Reverse(*took));
    for (took, what) in &timings {
        println!("{took:>12.3?}  {what}");
    }
    let total: Duration = timings.iter().map(|(took, _)| *took).sum();
    println!(
        "{total:>12.3?}  all {} inputs (fastest of {RUNS} runs each)",
        timings.len()
    );
}

/// The fastest of [`RUNS`] runs of `run`.
fn fastest(mut run: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Lints a loaded policy, and evaluates and renders (text and JSON, both languages) the
/// cases of one case file under it.
fn evaluate(loaded: &mut LoadedPolicy, case: &str) {
    let Some(program) = loaded.program.clone() else {
        return;
    };
    let _ = zhengce::lint::lint(&program);
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    for result in runner.run_file(&mut loaded.sources, "hostile.yaml", case) {
        let program = &loaded.versions[result.version];
        for lang in [Lang::Zh, Lang::En] {
            let options = RenderOptions {
                lang,
                ..RenderOptions::default()
            };
            let _ = render_text(&result, program, &loaded.sources, &options);
            let _ = decision_json(&result, program, &loaded.sources, &options);
        }
    }
}

//! The decision record written as bytes (`write_decision_json`, what `batch` and
//! `eval --format json` write) is the record `decision_json` makes, serialized: on every
//! case under `tests/cases` and `examples/cases`, with and without the trace and IDs.

use std::path::Path;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::report::{RenderOptions, Trace, decision_json, write_decision_json};
use zhengce::run::{MissingDate, Runner};

fn case_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            case_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "jsonl") {
            out.push(path);
        }
    }
}

#[test]
fn written_records_are_the_serialized_records() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let program = loaded.program.take().expect("the built-in policy checks");
    let mut files = Vec::new();
    case_files(Path::new("tests/cases"), &mut files);
    case_files(Path::new("examples/cases"), &mut files);
    files.sort();
    assert!(files.len() > 20, "found {} case files", files.len());
    let mut records = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a case file is text");
        let mut runner = Runner::new(&program, None, MissingDate::Error);
        let results = runner.run_file(&mut loaded.sources, &file.to_string_lossy(), &text);
        for r in &results {
            for (trace, show_pii) in [
                (Trace::Included, false),
                (Trace::Omitted, false),
                (Trace::Omitted, true),
            ] {
                let options = RenderOptions {
                    trace,
                    show_pii,
                    ..RenderOptions::default()
                };
                let mut written = Vec::new();
                write_decision_json(&mut written, r, &program, &loaded.sources, &options);
                let serialized = serde_json::to_string(&decision_json(r, &program, &loaded.sources, &options))
                    .expect("a JSON value serializes");
                assert_eq!(
                    String::from_utf8_lossy(&written),
                    format!("{serialized}\n"),
                    "{}",
                    file.display()
                );
                records += 1;
            }
        }
    }
    assert!(records > 100, "{records} records");
}

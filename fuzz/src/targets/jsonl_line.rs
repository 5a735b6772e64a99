//! JSON Lines through `zhengce batch`'s own pipeline (contract §5): the input is a
//! JSON Lines file, read, evaluated and written by `batch::run` with the built-in
//! policy, through the masking console. The oracle: exactly one record per line that
//! is not blank, each a JSON object with a `status`, and no ID number shown; and for
//! each line, the fast path reads what the located loader reads (`check_fast_path`).

use super::super::{BUILTIN, assert_no_id, check_fast_path};
use std::io::BufRead;
use zhengce::batch::{self, BatchInput, BatchOptions, InputFormat};
use zhengce::cli::Console;
use zhengce::input::InputLimits;
use zhengce::privacy::Pii;
use zhengce::report::{RenderOptions, Trace};
use zhengce::run::Stage;

/// The target's work on one input: a panic is a finding.
pub fn run(data: &[u8]) {
    let builtin = &*BUILTIN;
    // The trace for inputs with an odd first byte, so that explanations are fuzzed too.
    let trace = if data.first().is_some_and(|b| b % 2 == 1) {
        Trace::Included
    } else {
        Trace::Omitted
    };
    let options = BatchOptions {
        jobs: 1,
        as_of: None,
        stage: Stage::Evaluate,
        render: RenderOptions {
            trace,
            ..RenderOptions::default()
        },
        limits: InputLimits::default(),
    };
    let bytes = data.to_vec();
    let input = BatchInput {
        name: "fuzz.jsonl".into(),
        format: InputFormat::JsonLines,
        open: Box::new(move || Ok(Box::new(std::io::Cursor::new(bytes)) as Box<dyn BufRead + Send>)),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    {
        let mut console = Console::captured(&mut out, &mut err, Pii::Mask);
        let writer = console.out_lines();
        let written = batch::run(
            vec![input],
            &builtin.versions,
            &builtin.sources,
            &options,
            writer,
            &mut |_| {},
        );
        assert!(written.is_ok(), "writing into memory failed: {written:?}");
        let _ = writer.flush();
    }
    assert_no_id("the records", &out, data);
    // A case is a line that is not blank; a lone `\r` inside a line does not cut it.
    let lines = data
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    let mut records = 0;
    for line in out.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let record: serde_json::Value = serde_json::from_slice(line).expect("each record is JSON");
        assert!(record["status"].is_string(), "a record without a status: {record}");
        records += 1;
    }
    assert_eq!(records, lines, "one record per line that is not blank");
    if let Some(latest) = builtin.versions.last() {
        let paths = zhengce::case::schema_paths(latest);
        for line in data.split(|b| *b == b'\n') {
            if let Ok(text) = std::str::from_utf8(line) {
                check_fast_path(latest, &paths, text);
            }
        }
    }
}

//! A case file (YAML, any number of documents) loaded and evaluated against the built-in
//! policy, as `zhengce test` runs it (no evaluation date: an error). Nothing rendered:
//! this target is the fast one, for the loader and the evaluator.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce::run::MissingDate;

fuzz_target!(|data: &[u8]| {
    // `Runner::run_file` takes `&str` for now. Once it takes bytes (`impl AsRef<[u8]>`),
    // pass `data` itself, so that input that is not UTF-8 reaches the loader as it is.
    let text = String::from_utf8_lossy(data);
    let _ = zhengce_fuzz::run_cases("fuzz.yaml", &text, MissingDate::Error);
});

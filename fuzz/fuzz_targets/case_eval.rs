//! A case file (YAML, any number of documents) loaded and evaluated against the built-in
//! policy, as `zhengce test` runs it (no evaluation date: an error). Nothing rendered:
//! this target is the fast one, for the loader and the evaluator.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhengce::run::MissingDate;

fuzz_target!(|data: &[u8]| {
    // The bytes as they are: input that is not UTF-8 reaches the loader as from a file.
    let _ = zhengce_fuzz::run_cases("fuzz.yaml", data, MissingDate::Error);
});

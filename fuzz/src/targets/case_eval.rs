//! A case file (YAML, any number of documents) loaded and evaluated against the built-in
//! policy, as `zhengce test` runs it (no evaluation date: an error). Nothing rendered:
//! this target is the fast one, for the loader and the evaluator.

use zhengce::run::MissingDate;

/// The target's work on one input: a panic is a finding.
pub fn run(data: &[u8]) {
    // The bytes as they are: input that is not UTF-8 reaches the loader as from a file.
    let _ = super::super::run_cases("fuzz.yaml", data, MissingDate::Error);
}

//! The `case_eval` target: see `zhengce_fuzz::targets::case_eval` (fuzz/src/targets/case_eval.rs), which
//! `tests/fuzz_inputs.rs` also runs on the target's seeds and past findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhengce_fuzz::targets::case_eval::run(data));

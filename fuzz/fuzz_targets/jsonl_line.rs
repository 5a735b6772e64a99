//! The `jsonl_line` target: see `zhengce_fuzz::targets::jsonl_line` (fuzz/src/targets/jsonl_line.rs), which
//! `tests/fuzz_inputs.rs` also runs on the target's seeds and past findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhengce_fuzz::targets::jsonl_line::run(data));

//! The `case_render` target: see `zhengce_fuzz::targets::case_render` (fuzz/src/targets/case_render.rs), which
//! `tests/fuzz_inputs.rs` also runs on the target's seeds and past findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhengce_fuzz::targets::case_render::run(data));

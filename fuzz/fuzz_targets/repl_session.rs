//! The `repl_session` target: see `zhengce_fuzz::targets::repl_session` (fuzz/src/targets/repl_session.rs), which
//! `tests/fuzz_inputs.rs` also runs on the target's seeds and past findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhengce_fuzz::targets::repl_session::run(data));

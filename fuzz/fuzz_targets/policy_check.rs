//! The `policy_check` target: see `zhengce_fuzz::targets::policy_check` (fuzz/src/targets/policy_check.rs), which
//! `tests/fuzz_inputs.rs` also runs on the target's seeds and past findings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhengce_fuzz::targets::policy_check::run(data));

//! Each fuzz target's work on one input, apart from libFuzzer: the target binaries in
//! `fuzz/fuzz_targets/` call these, and the main crate's `tests/fuzz_inputs.rs` runs
//! them on the seeds and past findings, so that they are built against the core's API
//! by `cargo test`.

pub mod case_eval;
pub mod case_render;
pub mod jsonl_line;
pub mod policy_check;
pub mod repl_session;

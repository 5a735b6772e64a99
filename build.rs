//! The core's build script: embeds the policy files and their parse trees
//! (`build-core/embed.rs`), and compiles the built-in policy ahead of time. For that it
//! loads and checks the built-in policy with the core itself, built as a dependency
//! of this script (`build-core/`), and writes the Rust source its typed evaluator's
//! code generator gives (`src/eval/typed/native`), which rustc then compiles with the
//! core.

#[path = "build-core/embed.rs"]
mod embed;

use std::path::Path;
use zhengce_build_core::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let out_dir = embed::out_dir();
    embed::run(Path::new(&root), &out_dir);
    // The built-in policy as the core checks it; one with errors gets no native code
    // (the closures then report and decide as always).
    let loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let source = match &loaded.program {
        Some(program) => zhengce_build_core::eval::native_source(program),
        None => embed::NO_NATIVE_CODE.to_string(),
    };
    embed::write(&out_dir.join("native_policy.rs"), source.as_bytes());
}

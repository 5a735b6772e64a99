//! The build script of the core built for the core's own build script (see
//! `Cargo.toml` here): the policy files embedded as for the core, and no native code.

mod embed;

use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest).parent().unwrap_or(Path::new(".."));
    let out_dir = embed::out_dir();
    embed::run(root, &out_dir);
    embed::write(&out_dir.join("native_policy.rs"), embed::NO_NATIVE_CODE.as_bytes());
}

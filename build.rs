//! Embeds every file under `policies/` into the binary, so that the built-in policy,
//! the national files it builds on and the working-day calendars need no Rust change
//! when a file is added (a 2027 calendar is one new YAML file).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let mut files = Vec::new();
    collect(Path::new("policies"), &mut files);
    files.sort();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("builtin_policies.rs");
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut text =
        String::from("/// Every file under `policies/`, by its path.\npub const BUILTIN: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.to_string_lossy().replace('\\', "/");
        println!("cargo:rerun-if-changed={rel}");
        text.push_str(&format!(
            "    ({rel:?}, include_str!(concat!({root:?}, \"/\", {rel:?}))),\n"
        ));
    }
    text.push_str("];\n");
    let written = fs::File::create(&out).and_then(|mut file| file.write_all(text.as_bytes()));
    if let Err(e) = written {
        panic!("cannot write {}: {e}", out.display());
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
            println!("cargo:rerun-if-changed={}", path.display());
        } else if path.extension().is_some_and(|e| e == "policy" || e == "yaml") {
            out.push(path);
        }
    }
}

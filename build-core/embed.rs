//! What both build scripts do (the core's, `build.rs`, and `build-core/build.rs`, for
//! the core compiled as the core's own build script's dependency): embed every file
//! under `policies/` into the binary, so that the built-in policy, the national files
//! it builds on, the working-day calendars and the notices' texts (`source_text`, for
//! `zhengce doc`) need no Rust change when a file is added (a 2027 calendar is one new
//! YAML file).
//!
//! It also parses the built-in policy files with the grammar, piece by piece as
//! `src/syntax` does, and embeds the parse trees (format: `src/syntax/prebuilt.rs`):
//! `zhengce` then rebuilds them instead of parsing the same text again at every start.

use pest::Parser;
use pest::iterators::Pair;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The same parser as `src/syntax`'s: the grammar is its only input. (The path is
/// the package's, `build-core/..` or the root's `src/..`: both are the repository's.)
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/policy.pest"]
struct PolicyParser;

#[path = "../src/syntax/keywords.rs"]
#[allow(dead_code)]
mod keywords;
#[path = "../src/syntax/split.rs"]
mod split;

/// Writes `builtin_policies.rs` and the parse trees into `out_dir`, for the repository
/// at `root`.
pub fn run(root: &Path, out_dir: &Path) {
    for watched in [
        "policies",
        "grammar/policy.pest",
        "src/syntax/split.rs",
        "src/syntax/keywords.rs",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    let mut files = Vec::new();
    collect(&root.join("policies"), &mut files);
    files.sort();
    let root_text = root.to_string_lossy().replace('\\', "/");
    let mut text =
        String::from("/// Every file under `policies/`, by its path.\npub const BUILTIN: &[(&str, &str)] = &[\n");
    let mut trees = String::from(
        "/// The parse trees of the built-in policy files (`src/syntax/prebuilt.rs`), by path.\n\
         pub const BUILTIN_TREES: &[(&str, &[u8])] = &[\n",
    );
    for (n, f) in files.iter().enumerate() {
        let rel = f.strip_prefix(root).unwrap_or(f).to_string_lossy().replace('\\', "/");
        println!("cargo:rerun-if-changed={}", f.display());
        text.push_str(&format!(
            "    ({rel:?}, include_str!(concat!({root_text:?}, \"/\", {rel:?}))),\n"
        ));
        if rel.ends_with(".policy") {
            let source = fs::read_to_string(f).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"));
            let name = format!("tree-{n}.bin");
            write(&out_dir.join(&name), &encode(&source));
            trees.push_str(&format!(
                "    ({rel:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),\n"
            ));
        }
    }
    text.push_str("];\n");
    trees.push_str("];\n");
    text.push_str(&trees);
    write(&out_dir.join("builtin_policies.rs"), text.as_bytes());
}

/// The native code of a core without any (`src/eval/typed/native`): empty tables.
pub const NO_NATIVE_CODE: &str = "pub(super) static DEFS: &[Option<Native>] = &[];\n\
    pub(super) static RULES: &[Option<Native>] = &[];\n\
    pub(super) static YIELDS: &[&[Option<Native>]] = &[];\n\
    pub(super) static OUTPUTS: &[Option<Native>] = &[];\n\
    pub(super) fn all_rules(_: &mut Cx) {}\n";

/// The directory cargo gives a build script for what it writes.
pub fn out_dir() -> PathBuf {
    PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
}

pub fn write(path: &Path, bytes: &[u8]) {
    let written = fs::File::create(path).and_then(|mut file| file.write_all(bytes));
    if let Err(e) = written {
        panic!("cannot write {}: {e}", path.display());
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
            println!("cargo:rerun-if-changed={}", path.display());
        } else if path
            .extension()
            .is_some_and(|e| e == "policy" || e == "yaml" || e == "txt")
        {
            out.push(path);
        }
    }
}

/// The parse trees of a policy file's pieces, as `src/syntax/prebuilt.rs` reads them.
fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for (index, (start, end)) in split::split_items(text).into_iter().enumerate() {
        number(&mut out, start);
        number(&mut out, end);
        let rule = if index == 0 { Rule::header_file } else { Rule::items };
        // A piece that does not parse gets no tree: it is parsed at run time, for its
        // errors.
        let pairs: Vec<Pair<Rule>> = PolicyParser::parse(rule, &text[start..end])
            .map(|pairs| pairs.flatten().collect())
            .unwrap_or_default();
        number(&mut out, pairs.len());
        for pair in pairs {
            let rule = match pair.as_rule() {
                Rule::EOI => Some(0),
                rule => Rule::all_rules().iter().position(|r| *r == rule).map(|i| i + 1),
            };
            number(&mut out, rule.unwrap_or(usize::MAX));
            number(&mut out, pair.as_span().start());
            number(&mut out, pair.as_span().end());
            number(&mut out, pair.into_inner().flatten().count());
        }
    }
    out
}

/// A LEB128 varint.
fn number(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

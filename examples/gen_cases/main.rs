//! Writes generated Hunan 2025 cases (see `generator.rs`) to standard output, as JSON
//! Lines (default) or multi-document YAML:
//!
//! ```text
//! cargo run --release --example gen_cases -- --count 1000000 --seed 7 > cases.jsonl
//! cargo run --release --example gen_cases -- --count 10000 --format yaml > cases.yaml
//! ```
//!
//! The same `--count`, `--seed` and `--format` always give the same bytes.

mod generator;

use std::io::Write;

fn main() {
    let mut count: u64 = 1000;
    let mut seed: u64 = 1;
    let mut yaml = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value.as_deref()) {
            ("--count", Some(v)) if v.parse::<u64>().is_ok() => count = v.parse().unwrap_or(count),
            ("--seed", Some(v)) if v.parse::<u64>().is_ok() => seed = v.parse().unwrap_or(seed),
            ("--format", Some("jsonl")) => yaml = false,
            ("--format", Some("yaml")) => yaml = true,
            _ => {
                eprintln!("usage: gen_cases [--count N] [--seed S] [--format jsonl|yaml]");
                std::process::exit(2);
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut cases = generator::Generator::new(seed);
    for _ in 0..count {
        let case = cases.case();
        let written = if yaml {
            write!(out, "---\n{}", block_yaml(&case, 0))
        } else {
            writeln!(out, "{case}")
        };
        if written.is_err() {
            // A closed pipe (`| head`): stop quietly.
            return;
        }
    }
    let _ = out.flush();
}

/// A case as staff write it: block mappings, one `key: value` a line, and list items
/// as `- { ... }` flow mappings (contract §2's own layout). Text is double-quoted with
/// JSON's escapes, which YAML reads the same.
fn block_yaml(value: &serde_json::Value, indent: usize) -> String {
    use serde_json::Value;
    let pad = " ".repeat(indent);
    let mut out = String::new();
    if let Value::Object(map) = value {
        for (key, v) in map {
            match v {
                Value::Object(inner) if !inner.is_empty() => {
                    out.push_str(&format!("{pad}{key}:\n{}", block_yaml(v, indent + 2)));
                }
                Value::Array(items) if !items.is_empty() => {
                    out.push_str(&format!("{pad}{key}:\n"));
                    for item in items {
                        out.push_str(&format!("{pad}  - {item}\n"));
                    }
                }
                _ => out.push_str(&format!("{pad}{key}: {v}\n")),
            }
        }
    }
    out
}

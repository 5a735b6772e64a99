//! No resident ID number leaves zhengce unmasked, whatever road it takes (issue 9, D4):
//! generated valid IDs are put in every place one can hide in a case file — the case
//! id, the file name, an unknown key, a key given twice, a bad date, an unknown enum
//! value, a free-text field quoted in the trace, glued to letters, written with YAML
//! escapes — and every kind of output is searched for them: `eval` as text and JSON,
//! `test` as text and JSON with its JUnit file, `diff` as text and JSON, and the REPL.
//! With `--show-pii` the same search finds them, so the oracle can fail.

mod scratch;

use clap::Parser;
use proptest::prelude::*;
use scratch::Scratch;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use zhengce::cli::{Cli, Console, run_with};
use zhengce::privacy::Pii;

/// A checksum-valid 18-character resident ID (GB 11643).
fn resident_id(region: &str, birth: (u32, u32, u32), seq: u32) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let first17 = format!("{region}{:04}{:02}{:02}{seq:03}", birth.0, birth.1, birth.2);
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

/// `text` as a YAML double-quoted scalar with every character escaped, so the file
/// holds no run of digits.
fn escaped(text: &str) -> String {
    let body: String = text.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    format!("\"{body}\"")
}

/// How the ID is written in the case file.
#[derive(Debug, Clone)]
struct Hiding {
    id: String,
    /// Letters glued before and after it, where it is text.
    prefix: String,
    suffix: String,
    /// Written with YAML escapes where it is a quoted scalar.
    escape: bool,
}

impl Hiding {
    fn glued(&self) -> String {
        format!("{}{}{}", self.prefix, self.id, self.suffix)
    }

    /// The ID as a quoted YAML scalar.
    fn quoted(&self) -> String {
        if self.escape {
            escaped(&self.glued())
        } else {
            format!("\"{}\"", self.glued())
        }
    }
}

/// Whether `text` shows any 11 consecutive characters of `id` (a masked ID shows 6
/// and 4 at most).
fn shows(text: &str, id: &str) -> bool {
    (0..=id.len() - 11).any(|i| text.contains(&id[i..i + 11]))
}

/// Two case files in a fresh folder: one named after the ID, with the ID in every
/// place that makes an error; one that evaluates, with the ID as its case id and in a
/// free-text field that the trace quotes.
fn case_files(h: &Hiding, n: usize) -> (Scratch, PathBuf, PathBuf) {
    let dir = Scratch::new(&format!("privacy-{n}"));
    let q = h.quoted();
    let bad = format!(
        "id: {q}\nas_of: 2025-09-01\n\
         person: {{ gender: male, birth_date: {q}, {key}: 1 }}\n\
         {key}: 1\n{key}: 2\n\
         registration: {{ unemployed_since: 2025-01-10 }}\n\
         employment: {{ status: {q} }}\n\
         household: {{ members: [ {{ relation: spouse, status: {q} }} ] }}\n",
        key = q,
    );
    let good = format!(
        "id: {q2}\nas_of: 2025-09-01\n\
         expect: {{ eligible: false }}\n\
         person: {{ gender: male, birth_date: 1975-03-10, provincial_designation: {q} }}\n\
         registration: {{ unemployed_since: 2025-01-10 }}\n\
         employment: {{ status: unemployed }}\n",
        // Another id: a case id given twice would not be evaluated.
        q2 = Hiding {
            suffix: format!("{}-2", h.suffix),
            ..h.clone()
        }
        .quoted(),
    );
    let bad_path = dir.join(format!("{}.yaml", h.glued()));
    let good_path = dir.join("good.yaml");
    std::fs::write(&bad_path, bad).expect("written");
    std::fs::write(&good_path, good).expect("written");
    (dir, bad_path, good_path)
}

/// Runs `zhengce ARGS…` in-process; returns standard output and error together.
fn zhengce(args: &[&str], pii: Pii) -> String {
    let cli = Cli::try_parse_from(std::iter::once("zhengce").chain(args.iter().copied())).expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    {
        let mut console = Console::captured(&mut out, &mut err, pii);
        run_with(cli, &mut console);
    }
    format!("{}\n{}", String::from_utf8_lossy(&out), String::from_utf8_lossy(&err))
}

/// The REPL through the binary, as a script drives it.
fn repl(case: &Path, id: &str, show: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    cmd.env("ZHENGCE_LANG", "zh").arg("repl").arg("--no-history");
    if show {
        cmd.arg("--show-pii");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let script = format!(
        ":load {}\nset person.provincial_designation = \"x{id}\"\neval\n:case\nwhy 一（七）\nset person.nickname = \"{id}\"\nset person.birth_date = \"{id}\"\n:load {id}.yaml\n",
        case.display()
    );
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes()).expect("the script is written");
    }
    let out = child.wait_with_output().expect("the REPL ends");
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every kind of output for the two files: what each command printed, and the JUnit
/// file.
fn outputs(bad: &Path, good: &Path, dir: &Path, id: &str, pii: Pii) -> Vec<(String, String)> {
    let (bad, good) = (bad.to_str().expect("a path"), good.to_str().expect("a path"));
    let junit = dir.join("junit.xml");
    let junit_arg = junit.to_str().expect("a path");
    let show: &[&str] = if pii == Pii::Show { &["--show-pii"] } else { &[] };
    let runs: Vec<Vec<&str>> = vec![
        vec!["eval", bad, good],
        vec!["eval", "--format", "json", "--lang", "en", bad, good],
        vec!["test", bad, good],
        vec!["test", "--format", "json", "--junit", junit_arg, bad, good],
        vec!["diff", "builtin@2025-09-01", "builtin@2035-09-01", bad, good],
        vec![
            "diff",
            "--format",
            "json",
            "builtin@2025-09-01",
            "builtin@2035-09-01",
            bad,
            good,
        ],
    ];
    let mut all: Vec<(String, String)> = runs
        .into_iter()
        .map(|mut args| {
            args.extend(show);
            (args.join(" "), zhengce(&args, pii))
        })
        .collect();
    all.push(("junit file".into(), std::fs::read_to_string(&junit).unwrap_or_default()));
    all.push(("repl".into(), repl(Path::new(good), id, pii == Pii::Show)));
    all
}

fn hiding() -> impl Strategy<Value = Hiding> {
    (
        prop::sample::select(vec!["430102", "110105", "440305", "510104"]),
        (1950u32..2008, 1u32..13, 1u32..29),
        0u32..1000,
        prop::sample::select(vec!["", "ID", "1", "身份证"]),
        prop::sample::select(vec!["", "a", "X", "9", "号"]),
        any::<bool>(),
    )
        .prop_map(|(region, birth, seq, prefix, suffix, escape)| Hiding {
            id: resident_id(region, birth, seq),
            prefix: prefix.into(),
            suffix: suffix.into(),
            escape,
        })
}

proptest! {
    // Each case puts the ID in every hiding place at once and runs eight commands, so
    // a few cases cover the places many times; glue and encoding vary between them.
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_output_shows_an_id_number(h in hiding()) {
        let (dir, bad, good) = case_files(&h, 0);
        for (what, text) in outputs(&bad, &good, &dir, &h.id, Pii::Mask) {
            prop_assert!(!shows(&text, &h.id), "`{}` shows {}:\n{}", what, h.id, text);
        }
    }
}

#[test]
fn with_show_pii_every_output_shows_the_id() {
    let h = Hiding {
        id: resident_id("430102", (1975, 3, 10), 123),
        prefix: "ID".into(),
        suffix: String::new(),
        escape: false,
    };
    let (dir, bad, good) = case_files(&h, 1);
    for (what, text) in outputs(&bad, &good, &dir, &h.id, Pii::Show) {
        assert!(shows(&text, &h.id), "`{what}` does not show {}:\n{text}", h.id);
    }
}

#[test]
fn a_usage_error_that_repeats_an_id_masks_it() {
    let id = resident_id("430102", (1975, 3, 10), 123);
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args(["eval", "--as-of", &id, "case.yaml"])
        .output()
        .expect("the binary runs");
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--as-of") && !shows(&stderr, &id), "{stderr}");
}

//! `zhengce completions` and `zhengce man` (issue 13), tried with the real programs: the
//! bash script sourced in bash and asked to complete, the pages rendered by groff. A
//! missing program fails the test under `CI=true` (`.ci/run` installs them) and skips
//! it elsewhere, saying so.

use std::path::Path;
use std::process::{Command, Stdio};

mod scratch;
mod support;
use scratch::Scratch;
use support::zhengce_binary_en as zhengce;

/// Whether `program` runs here; under CI it must.
fn available(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    assert!(
        found || std::env::var("CI").is_err(),
        "{program} is needed under CI (.ci/run installs it)"
    );
    if !found {
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// What bash's completion offers for the words typed (the last being completed).
fn bash_completes(script: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; _zhengce zhengce '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len().saturating_sub(2)],
    );
    let out = Command::new("bash").args(["-c", &line]).output().expect("bash runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(String::from).collect()
}

#[test]
fn bash_completes_subcommands_options_and_values() {
    if !available("bash") {
        return;
    }
    let (code, script, _) = zhengce(&["completions", "bash"]);
    assert_eq!(code, 0);
    let dir = Scratch::new("completion");
    let path = dir.join("completion.bash");
    std::fs::write(&path, script).unwrap();
    assert_eq!(bash_completes(&path, &["zhengce", "ch"]), ["check"]);
    let mut options = bash_completes(&path, &["zhengce", "test", "--cov"]);
    options.sort();
    assert_eq!(options, ["--coverage", "--coverage-min"]);
    let formats = bash_completes(&path, &["zhengce", "eval", "--format", ""]);
    assert_eq!(formats, ["text", "json"]);
    // Every shell clap knows gets a script.
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let (code, script, _) = zhengce(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(script.contains("zhengce") && script.contains("coverage-min"), "{shell}");
        // In Chinese, no English description of a value (its type's doc comment).
        let (_, zh, _) = zhengce(&["completions", shell, "--lang", "zh"]);
        for english in ["For people", "the default", "What a case worker needs"] {
            assert!(!zh.contains(english), "{shell}: {english}");
        }
    }
}

/// A page rendered by groff as `man` would: its text, with the overstriking removed.
fn rendered(roff: &str) -> String {
    let mut child = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-P", "-cbou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("groff runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(roff.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warnings.trim().is_empty(), "{warnings}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn man_pages_render_in_either_language() {
    if !available("groff") {
        return;
    }
    let (code, en, _) = zhengce(&["man", "--lang", "en"]);
    assert_eq!(code, 0);
    let en = rendered(&en);
    assert!(en.contains("SYNOPSIS") && en.contains("zhengce-check(1)"), "{en}");
    assert!(en.contains("Parse and check policy files"), "{en}");
    let (_, zh, _) = zhengce(&["man", "--lang", "zh"]);
    let zh = rendered(&zh);
    assert!(zh.contains("概要") && zh.contains("解析并检查政策文件"), "{zh}");
    for english in ["SYNOPSIS", "OPTIONS", "subcommands", "Possible values", "EXIT STATUS"] {
        assert!(!zh.contains(english), "{english} in the Chinese page: {zh}");
    }
    // What the exit codes mean, the variables, the settings file, examples; Chinese
    // left-aligned, with no gaps opened between words to justify it.
    for section in ["退出状态", "环境变量", "ZHENGCE_LANG", "zhengce.toml", "示例"] {
        assert!(zh.contains(section), "{section}: {zh}");
    }
    assert!(zh.contains("没有 ZHENGCE_LANG 时"), "{zh}");
    assert!(
        en.contains("EXIT STATUS") && en.contains("ENVIRONMENT") && en.contains("EXAMPLES"),
        "{en}"
    );
    // One page per subcommand, into a folder.
    let scratch = Scratch::new("man");
    let dir = scratch.join("man");
    let (code, _, err) = zhengce(&["man", "--lang", "en", "--out", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    for sub in [
        "",
        "-check",
        "-eval",
        "-batch",
        "-diff",
        "-repl",
        "-test",
        "-completions",
        "-man",
        "-fmt",
        "-doc",
        "-schema",
        "-new",
    ] {
        let page = std::fs::read_to_string(dir.join(format!("zhengce{sub}.1"))).unwrap();
        rendered(&page);
    }
    let check = rendered(&std::fs::read_to_string(dir.join("zhengce-check.1")).unwrap());
    assert!(check.contains("--strict"), "{check}");
    // A subcommand's synopsis is what is typed.
    assert!(check.contains("zhengce check [--strict]"), "{check}");
}

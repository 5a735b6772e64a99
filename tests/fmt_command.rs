//! `zhengce fmt` (issue 13): every shipped policy is in the canonical layout, the
//! layout is idempotent and undoes any disturbance of indentation and spacing, and the
//! Hunan policy's Chinese-keyword twin is `fmt --keywords zh` of it and checks to the
//! same program.

use std::path::{Path, PathBuf};
use zhengce::format::format_policy;
use zhengce::input::InputLimits;
use zhengce::policy_set::{PolicySource, load_policy_with};
use zhengce::program::shape_of;
use zhengce::syntax::keywords::KeywordSet;

const HUNAN: &str = "policies/hunan/2025-employment-assistance.policy";
const HUNAN_ZH: &str = "policies/hunan/2025-employment-assistance.zh.policy";

mod scratch;
mod support;
use scratch::Scratch;
use support::zhengce_en as zhengce;

/// Every `.policy` file the project ships (`policies/`, `examples/`, `tests/`).
fn shipped_policies() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "policy") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for dir in ["policies", "examples", "tests"] {
        walk(Path::new(dir), &mut out);
    }
    out.sort();
    assert!(out.len() >= 7, "{out:?}");
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `text` with every line's indentation changed (none, more, a tab), trailing spaces
/// and tabs added, spaces doubled between pieces and blank lines added at both ends,
/// in a pattern that differs from line to line (blank lines between lines are the
/// writer's, and kept). Strings and comments are left alone: their spaces
/// are text.
fn disturbed(text: &str) -> String {
    let mut out = String::from("\n\n");
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let indent = ["", "      ", "\t", " ", "   \t "][n % 5];
        let quoted_or_commented = body.contains('"') || body.starts_with("//");
        let body = if quoted_or_commented {
            body.to_string()
        } else {
            body.replace(' ', ["  ", " \t", " "][n % 3])
        };
        let trailing = ["", "  ", "\t", " \t "][n % 4];
        out.push_str(&format!("{indent}{body}{trailing}\n"));
    }
    out.push_str("\n\n");
    out
}

#[test]
fn every_shipped_policy_is_in_the_canonical_layout() {
    let policies: Vec<String> = shipped_policies()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut args: Vec<&str> = vec!["fmt", "--check"];
    args.extend(policies.iter().map(String::as_str));
    let (code, _, err) = zhengce(&args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
}

#[test]
fn the_layout_is_idempotent_and_undoes_any_disturbance_of_indentation_and_spacing() {
    for path in shipped_policies() {
        let text = read(&path);
        let formatted = format_policy(&text, None).expect("formats");
        assert_eq!(formatted, text, "{} is formatted", path.display());
        let messy = disturbed(&text);
        assert_ne!(messy, text);
        let restored = format_policy(&messy, None).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert_eq!(restored, text, "{}: fmt of a disturbed copy", path.display());
        assert_eq!(format_policy(&restored, None).as_ref(), Ok(&restored));
    }
}

#[test]
fn check_names_the_file_and_line_and_fmt_fixes_it_in_place() {
    let dir = Scratch::new("fmt");
    let file = dir.join("p.policy");
    let tidy = "policy \"p\" {\n  title \"t\"\n}\n\ndefine a \"a\" = 1 + 2\n";
    std::fs::write(&file, tidy.replace("1 + 2", "1+2")).expect("written");
    let name = file.to_string_lossy().into_owned();
    let (code, _, err) = zhengce(&["fmt", "--check", &name]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{name}: not in the canonical layout (from line 5;")),
        "{err}"
    );
    assert!(
        err.contains("  - define a \"a\" = 1+2\n  + define a \"a\" = 1 + 2\n"),
        "{err}"
    );
    assert!(
        err.contains("1 file(s) need formatting: run `zhengce fmt` on them"),
        "{err}"
    );
    let (code, _, err) = zhengce(&["fmt", &name]);
    assert_eq!((code, err), (0, format!("formatted {name}\n")));
    assert_eq!(read(&file), tidy);
    // Once formatted, nothing to say.
    let (code, _, err) = zhengce(&["fmt", &name]);
    assert_eq!((code, err.as_str()), (0, ""));
    // A syntax error is shown located, and the file is left alone.
    std::fs::write(&file, "policy \"p\" {\n  title \"t\"\n}\ndefine a \"a\" = 1 +\n").expect("written");
    let (code, _, err) = zhengce(&["fmt", &name]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("p.policy:") && err.contains("has syntax errors; not formatted"),
        "{err}"
    );
    assert!(read(&file).ends_with("= 1 +\n"));
}

#[test]
fn the_chinese_keyword_twin_is_fmt_of_the_english_policy_and_the_same_program() {
    let english = read(Path::new(HUNAN));
    let chinese = read(Path::new(HUNAN_ZH));
    assert_eq!(
        format_policy(&english, Some(KeywordSet::Chinese)).as_ref(),
        Ok(&chinese)
    );
    assert_eq!(
        format_policy(&chinese, Some(KeywordSet::English)).as_ref(),
        Ok(&english)
    );
    // No English keyword is left in the twin's code (comments and labels aside).
    for line in chinese.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let code: String = line.split('"').step_by(2).collect();
        for word in [
            "define ",
            "when ",
            " and ",
            " or ",
            "category ",
            " cites ",
            " is ",
            " years",
        ] {
            assert!(!code.contains(word), "`{word}` in: {line}");
        }
    }
    let load = |path: &str| {
        let loaded = load_policy_with(path, PolicySource::Disk, InputLimits::default());
        assert!(loaded.diagnostics.is_empty(), "{path}: {:?}", loaded.diagnostics);
        shape_of(&loaded.versions)
    };
    assert_eq!(load(HUNAN_ZH), load(HUNAN));
}

#[test]
fn a_folder_stands_for_its_policy_files_and_a_link_is_written_through() {
    let dir = Scratch::new("fmt-dir");
    std::fs::create_dir_all(dir.join("sub")).expect("a scratch folder");
    let messy = "policy \"p\" {\n      title \"t\"\n}\n";
    let tidy = "policy \"p\" {\n  title \"t\"\n}\n";
    std::fs::write(dir.join("sub/a.policy"), messy).expect("written");
    std::fs::write(dir.join("notes.txt"), messy).expect("written");
    let (code, _, err) = zhengce(&["fmt", &dir.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&dir.join("sub/a.policy")), tidy);
    assert_eq!(read(&dir.join("notes.txt")), messy, "only policy files");
    #[cfg(unix)]
    {
        std::fs::write(dir.join("real.policy"), messy).expect("written");
        std::os::unix::fs::symlink(dir.join("real.policy"), dir.join("link.policy")).expect("a link");
        let (code, _, err) = zhengce(&["fmt", &dir.join("link.policy").to_string_lossy()]);
        assert_eq!(code, 0, "{err}");
        assert!(
            std::fs::symlink_metadata(dir.join("link.policy"))
                .expect("there")
                .file_type()
                .is_symlink()
        );
        assert_eq!(read(&dir.join("real.policy")), tidy);
    }
}

/// `fmt -`, as an editor runs it: the text comes back byte for byte where it was in
/// the layout, ID-shaped numbers included (a policy holds no case to mask).
#[test]
fn standard_input_comes_back_unmasked() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let text = "// 430102199001011234\npolicy \"p\" {\n  note \"430102199001011234\"\n}\ndefine big \"big\" = 1234567890123456\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zhengce runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("finished");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
}

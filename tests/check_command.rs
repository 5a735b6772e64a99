//! `zhengce check` as policy staff use it (issue 11): every error at once, even after a
//! syntax error; the word meant offered; each problem shown once. The command line runs
//! in-process, on captured output.

use std::path::{Path, PathBuf};

mod scratch;
mod support;
use scratch::Scratch;
use support::zhengce_en as zhengce;

/// A scratch folder for one test.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("check-{name}"))
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn strict_shows_each_warning_once_when_policies_share_a_file() {
    let dir = scratch("strict");
    let lib = "policy \"lib\" {}\ndefine lib_unused \"没用\" = 1\ndefine shared \"共用\" = 2\n\
               check never cites \"一\" \"t\" { when shared > 5 severity warning message \"m\" }\n";
    let main = "policy \"main\" { uses \"lib.policy\" }\n\
                define main_unused \"没用\" = 3\n\
                category 1 cites \"一\" \"t\" { when shared > 1 }\n";
    std::fs::write(dir.join("lib.policy"), lib).unwrap();
    std::fs::write(dir.join("main.policy"), main).unwrap();
    let (main, lib) = (path(&dir.join("main.policy")), path(&dir.join("lib.policy")));
    let (code, _, err) = zhengce(&["check", "--strict", &main, &lib]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.matches("`main_unused` is not used").count(), 1, "{err}");
    // What a used file declares is for all its users: not unused in main, nor in the
    // library checked on its own (no decision, no rule but checks).
    assert_eq!(err.matches("`lib_unused` is not used").count(), 0, "{err}");
    assert_eq!(err.matches("`shared` is not used").count(), 0, "{err}");
    // The library's check that can never hold: found with each policy, shown once.
    assert_eq!(err.matches("check never can never hold").count(), 1, "{err}");
    assert!(
        err.contains("lib.policy: 1 error(s), 0 warning(s); 1 of them shown above"),
        "{err}"
    );
}

/// The built-in Hunan policy with its files, copied into a scratch folder, with the
/// main file changed by `edit`: the folder, and the path of the main file in it.
fn broken_hunan_copy(name: &str, edit: &[(&str, &str)]) -> (Scratch, PathBuf) {
    let dir = scratch(name);
    let policies = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    for sub in ["hunan", "cn", "calendars"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(policies.join(sub)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).unwrap();
        }
    }
    let main = dir.join("hunan/2025-employment-assistance.policy");
    let mut text = std::fs::read_to_string(&main).unwrap();
    for (from, to) in edit {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&main, text).unwrap();
    (dir, main)
}

#[test]
fn a_broken_copy_of_the_hunan_policy_reports_every_error() {
    let (_copy, main) = broken_hunan_copy(
        "hunan",
        &[
            ("= 16 years\n", "= 16 yaers\n"),
            ("and unemployed_6_months\n}", "and unemployed_6_month\n}"),
            ("eligible or certified\n", "eligible or certifed\n"),
            ("street_start + street_review_time", "street_start + street_reveiw_time"),
        ],
    );
    let (code, _, err) = zhengce(&["check", &path(&main)]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("2025-employment-assistance.policy: 4 error(s), 0 warning(s)"),
        "{err}"
    );
    for help in ["years", "unemployed_6_months", "certified", "street_review_time"] {
        assert!(err.contains(&format!("did you mean `{help}`?")), "{help}: {err}");
    }
    // The parameter that failed to parse is used elsewhere: not reported again.
    assert!(!err.contains("`working_age_from` is not defined"), "{err}");
    // In the order of the file.
    let at = |text: &str| err.find(text).unwrap_or(usize::MAX);
    let places = [
        "`yaers`\n",
        "`unemployed_6_month` is",
        "`street_reveiw_time` is",
        "`certifed` is",
    ]
    .map(at);
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}: {err}");
}

#[test]
fn a_broken_enum_case_block_and_rule_cause_no_other_errors() {
    let (_copy, main) = broken_hunan_copy(
        "hunan-items",
        &[
            // A comma left out between enum values.
            (
                "employed \"单位吸纳就业\" en \"employed by an employer\",",
                "employed \"单位吸纳就业\" en \"employed by an employer\"",
            ),
            // A colon left out in the case schema, which every rule reads.
            ("    veteran: bool", "    veteran bool"),
            // A quote left out in a rule's citation.
            ("category 1 cites \"一（一）\" \"男", "category 1 cites \"一（一）\" 男"),
            // And one misspelled name.
            (
                "registered_unemployed and as_of >= registration.unemployed_since + 12 months",
                "registered_unemploye and as_of >= registration.unemployed_since + 12 months",
            ),
        ],
    );
    let (code, _, err) = zhengce(&["check", &path(&main)]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("2025-employment-assistance.policy: 4 error(s), 0 warning(s)"),
        "{err}"
    );
    for expected in [
        "expected `,` or `}`",
        "expected `:`",
        "expected `{` or a text in double quotes",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    assert!(err.contains("did you mean `registered_unemployed`?"), "{err}");
}

#[test]
fn the_summary_line_speaks_the_language_asked_for() {
    let (code, out, _) = support::zhengce(&["check", "--lang", "zh"]);
    assert_eq!(code, 0);
    assert!(out.contains("：通过（规则 ") && out.contains("警告 0 个"), "{out}");
    let (_, out, _) = zhengce(&["check"]);
    assert!(out.contains(": ok (") && out.contains("0 warning(s)"), "{out}");
}

/// Every policy file the project ships (the built-in policies, the national rules they
/// use, the examples) checks with `--strict` (issue 12).
#[test]
fn every_shipped_policy_checks_strictly() {
    fn policies_under(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                policies_under(&path, out);
            } else if path.extension().is_some_and(|e| e == "policy") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    policies_under(&root.join("policies"), &mut files);
    policies_under(&root.join("examples"), &mut files);
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let (code, out, err) = zhengce(&["check", "--strict", &path(&file)]);
        assert_eq!(code, 0, "{}: {out}{err}", file.display());
    }
}

/// A policy that uses the national retirement rules and reads only `age` passes
/// `--strict`: the rest of the national file is there for other policies.
#[test]
fn a_used_library_s_unread_definitions_are_not_the_user_s_fault() {
    let dir = scratch("library-user");
    let national = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/cn/retirement-2025.policy");
    let text = format!(
        "policy \"p\" {{ uses \"{}\" }}\ncategory 1 cites \"一\" \"t\" {{ when age >= 40 years }}\n",
        national.display()
    );
    std::fs::write(dir.join("p.policy"), text).unwrap();
    let (code, out, err) = zhengce(&["check", "--strict", &path(&dir.join("p.policy"))]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_policy_file_that_is_not_there_is_told_as_a_path_to_check() {
    let dir = scratch("missing");
    let missing = path(&dir.join("no-such.policy"));
    let (code, _, err) = zhengce(&["check", &missing]);
    assert_eq!(code, 3, "{err}");
    // Named on the command line: the path to check, in the catalogue's words, not the
    // system's `(os error 2)` nor the rule for paths inside a policy file. The report
    // wraps its lines where the path's length puts them: the words are read unwrapped.
    let words = unwrapped(&err);
    assert!(
        words.contains("no such file or directory") && words.contains("check the path"),
        "{err}"
    );
    assert!(
        !words.contains("os error") && !words.contains("relative to the policy"),
        "{err}"
    );
    // Named by `uses` in a policy: the rule for those paths.
    std::fs::write(dir.join("main.policy"), "policy \"main\" { uses \"lib.policy\" }\n").unwrap();
    let (code, _, err) = zhengce(&["check", &path(&dir.join("main.policy"))]);
    assert_eq!(code, 3, "{err}");
    let words = unwrapped(&err);
    assert!(
        words.contains("relative to the policy") && !words.contains("check the path"),
        "{err}"
    );
    let (_, _, err) = support::zhengce(&["check", &missing, "--lang", "zh"]);
    let words: String = unwrapped(&err).split(' ').collect();
    assert!(
        words.contains("无法读取政策文件") && words.contains("请检查路径"),
        "{err}"
    );
}

/// A report's words with its line wrapping undone (the margin's `│` and the breaks
/// between words made single spaces): where it wraps depends on the length of the
/// path it names, which the test's folder decides.
fn unwrapped(report: &str) -> String {
    report
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

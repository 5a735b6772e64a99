//! What the command line tells a user when there is nothing to do or a word is wrong,
//! and in which language: nothing passes silently, and the language comes from
//! `--lang`, `ZHENGCE_LANG` or the locale.

mod scratch;

use scratch::Scratch;
use std::process::Command;

/// Runs zhengce with the given environment (the test's own `LANG` and `ZHENGCE_LANG`
/// removed first); returns stdout, stderr and the exit code.
fn zhengce(args: &[&str], env: Env) -> (String, String, Option<i32>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhengce"));
    cmd.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ZHENGCE_LANG")
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the binary runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr), out.status.code())
}

fn temp_dir(name: &str) -> Scratch {
    Scratch::new(&format!("cli-{name}"))
}

/// Environment variables set for a run.
type Env<'a> = &'a [(&'a str, &'a str)];

const EN: Env = &[("ZHENGCE_LANG", "en")];

#[test]
fn test_with_no_cases_fails() {
    let dir = temp_dir("empty");
    let (_, err, code) = zhengce(&["test", dir.to_str().unwrap()], EN);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no cases found under"), "{err}");
    let (_, err, code) = zhengce(&["test", dir.to_str().unwrap()], &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("没有找到案件"), "{err}");
}

#[test]
fn eval_warns_of_a_file_without_a_case_and_fails_when_nothing_was_evaluated() {
    let dir = temp_dir("eval-empty");
    let empty = dir.join("empty.yaml");
    std::fs::write(&empty, "# nothing yet\n").unwrap();
    let (out, err, code) = zhengce(&["eval", empty.to_str().unwrap()], EN);
    assert_eq!((out.as_str(), code), ("", Some(1)), "{err}");
    assert!(err.contains("no cases found under"), "{err}");
    let (out, err, code) = zhengce(&["eval", empty.to_str().unwrap(), "examples/cases/li-qiang.yaml"], EN);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("EX-2025-0002"), "{out}");
    assert!(err.contains("warning: no case in"), "{err}");
}

#[test]
fn an_unknown_expect_key_is_an_error_with_a_suggestion() {
    let dir = temp_dir("expect");
    let case = dir.join("typo.yaml");
    let text = std::fs::read_to_string("examples/cases/li-qiang.yaml").unwrap();
    std::fs::write(&case, format!("{text}\nexpect: {{eligable: true}}\n")).unwrap();
    let (out, err, code) = zhengce(&["eval", case.to_str().unwrap()], EN);
    assert_eq!(code, Some(1), "{out}{err}");
    // The drawn diagnostic wraps at 80 columns: read as one line.
    let flat = out.replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("`expect.eligable` is not a key of the decision record"),
        "{out}"
    );
    assert!(flat.contains("did you mean `eligible`?"), "{out}");
    let (out, _, code) = zhengce(&["test", case.to_str().unwrap()], EN);
    assert_eq!(code, Some(1));
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("did you mean `eligible`?"), "{out}");
    // A right key passes.
    std::fs::write(&case, format!("{text}\nexpect: {{eligible: true}}\n")).unwrap();
    let (out, _, code) = zhengce(&["test", case.to_str().unwrap()], EN);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn the_language_comes_from_the_flag_then_zhengce_lang_then_the_locale() {
    const ZH: &str = "就业困难人员：是";
    const EN_LINE: &str = "person with employment difficulty: yes";
    let runs: [(&[&str], Env, &str); 10] = [
        (&[], &[], ZH),
        (&[], &[("LANG", "zh_CN.UTF-8")], ZH),
        (&[], &[("LANG", "en_US.UTF-8")], EN_LINE),
        (&[], &[("LANG", "C.UTF-8")], ZH),
        // The locale of messages as POSIX orders it: LC_ALL, LC_MESSAGES, then LANG.
        (&[], &[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")], EN_LINE),
        (&[], &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], ZH),
        (&[], &[("LC_ALL", ""), ("LANG", "en_US.UTF-8")], EN_LINE),
        (&[], &[("LANG", "zh_CN.UTF-8"), ("ZHENGCE_LANG", "en")], EN_LINE),
        (&["--lang", "zh"], &[("ZHENGCE_LANG", "en")], ZH),
        (&["--lang", "en"], &[("LANG", "zh_CN.UTF-8")], EN_LINE),
    ];
    for (flags, env, wanted) in runs {
        let mut args = vec!["eval", "examples/cases/li-qiang.yaml"];
        args.extend_from_slice(flags);
        let (out, err, code) = zhengce(&args, env);
        assert_eq!(code, Some(0), "{err}");
        assert!(out.contains(wanted), "{flags:?} {env:?}:\n{out}");
        let other = if wanted == ZH { EN_LINE } else { ZH };
        assert!(!out.contains(other), "{flags:?} {env:?}:\n{out}");
    }
    // `--lang` before the subcommand too; after it, it wins.
    let (out, _, code) = zhengce(&["--lang", "en", "eval", "examples/cases/li-qiang.yaml"], &[]);
    assert_eq!(code, Some(0));
    assert!(out.contains(EN_LINE), "{out}");
    let (out, _, _) = zhengce(
        &["--lang", "en", "eval", "--lang", "zh", "examples/cases/li-qiang.yaml"],
        &[],
    );
    assert!(out.contains(ZH), "{out}");
}

/// The display width of a line (a Chinese character takes two columns).
fn columns(line: &str) -> usize {
    textwrap::core::display_width(line)
}

#[test]
fn diff_tells_changes_with_the_policys_labels_within_80_columns() {
    let args = [
        "diff",
        "builtin",
        "examples/revision/hunan-2027-revision.policy",
        "examples/revision/cases",
    ];
    let (zh, _, code) = zhengce(&args, &[("ZHENGCE_LANG", "zh")]);
    assert_eq!(code, Some(0), "{zh}");
    assert!(
        zh.contains("rev-man-47-after：就业困难人员 否 → 是；认定类别 +一（一）"),
        "{zh}"
    );
    // Lines are wrapped between Chinese characters: read them joined up.
    let joined: String = zh.lines().map(str::trim).collect();
    assert!(joined.contains("investigate：状态 按时完成 → 逾期完成"), "{zh}");
    assert!(zh.contains("案件状态（2 个案件）"), "{zh}");
    let (en, _, _) = zhengce(&args, EN);
    let flat = en.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("rev-man-47-after: person with employment difficulty no → yes; categories +一 （一）"),
        "{en}"
    );
    assert!(flat.contains("investigate: status on time → late"), "{en}");
    assert!(en.contains("case status (2 case(s))"), "{en}");
    for out in [&zh, &en] {
        assert!(out.lines().all(|l| columns(l) <= 80), "{out}");
        // No record key or JSON value is shown as such.
        assert!(!out.contains("eligible") && !out.contains("[]"), "{out}");
    }
}

#[test]
fn command_line_mistakes_are_told_in_the_language_asked_for() {
    let (_, zh, code) = zhengce(&["eval", "--formt", "json", "x.yaml"], &[]);
    assert_eq!(code, Some(2));
    assert!(
        zh.contains("不认识的参数 `--formt`") && zh.contains("是否应为 `--format`"),
        "{zh}"
    );
    let (_, en, code) = zhengce(&["eval", "--formt", "json", "x.yaml"], EN);
    assert_eq!(code, Some(2));
    assert!(en.contains("unexpected argument '--formt'"), "{en}");
}

#[test]
fn batch_diff_and_test_fail_when_nothing_was_checked() {
    let dir = temp_dir("nothing");
    let dir_s = dir.to_str().unwrap();
    let (_, err, code) = zhengce(&["batch", dir_s], EN);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no cases found under"), "{err}");
    let (_, err, code) = zhengce(&["diff", "builtin", "builtin", dir_s], EN);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no cases found under"), "{err}");
    // Cases without `expect:`: nothing tested.
    let (_, err, code) = zhengce(&["test", "examples/cases"], &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("没有一个案件带 `expect:`"), "{err}");
    // Cases neither policy can evaluate are counted, and fail the run.
    let (out, _, code) = zhengce(&["diff", "builtin", "builtin", "tests/cases/input-errors"], EN);
    assert_eq!(code, Some(1), "{out}");
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("22 case(s) could not be evaluated under either policy"),
        "{out}"
    );
    let (out, _, code) = zhengce(&["diff", "builtin", "builtin", "examples/cases"], EN);
    assert_eq!(code, Some(0), "{out}");
    // The cases given where the new policy goes: told so, with what to write.
    for cases in ["examples/cases", "examples/cases/li-qiang.yaml"] {
        let (_, err, code) = zhengce(&["diff", "builtin", cases], EN);
        assert_eq!(code, Some(2), "{err}");
        let flat = err.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("was read as the new policy (NEW), but it looks like cases")
                && flat.contains(&format!("zhengce diff builtin builtin {cases}")),
            "{err}"
        );
    }
    // `--policy` is not how diff names its policies.
    let (_, err, code) = zhengce(&["diff", "--policy", "x", "builtin", "builtin", "examples/cases"], EN);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("OLD and NEW"), "{err}");
}

#[test]
fn a_diagnostics_hint_is_headed_in_the_users_language() {
    let dir = temp_dir("hint");
    let policy = dir.join("bad.policy");
    std::fs::write(&policy, "policy \"p\" {}\ndefine a \"a\" = 16 yaers\n").unwrap();
    let (_, zh, code) = zhengce(&["check", policy.to_str().unwrap()], &[]);
    assert_eq!(code, Some(3), "{zh}");
    assert!(
        zh.contains("  提示：是否应为 `years`？") && !zh.contains("help:"),
        "{zh}"
    );
    let (_, en, _) = zhengce(&["check", policy.to_str().unwrap()], EN);
    assert!(en.contains("  help: did you mean `years`?"), "{en}");
    // A REPL whose policy does not check cannot start: it says so, not that it kept one.
    let (out, err, code) = zhengce(&["repl", "--policy", policy.to_str().unwrap()], &[]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("无法开始会话") || out.contains("无法开始会话"),
        "{out}{err}"
    );
}

#[test]
fn help_fits_80_columns_in_either_language() {
    for lang in ["zh", "en"] {
        for sub in [
            "",
            "eval",
            "test",
            "batch",
            "diff",
            "check",
            "repl",
            "completions",
            "man",
        ] {
            let args: Vec<&str> = [sub, "--help", "--lang", lang]
                .into_iter()
                .filter(|a| !a.is_empty())
                .collect();
            let (out, err, code) = zhengce(&args, &[]);
            assert_eq!(code, Some(0), "{args:?}: {err}");
            assert!(out.lines().all(|l| columns(l) <= 80), "{args:?}:\n{out}");
            if lang == "zh" {
                assert!(!out.contains("[default:") && !out.contains("Print"), "{args:?}:\n{out}");
            }
        }
    }
    let (out, _, _) = zhengce(&["eval", "--help"], &[]);
    let flat: String = out.split_whitespace().collect();
    assert!(flat.contains("（默认：text）"), "{out}");
}

#[test]
fn the_batch_summary_names_rules_as_the_rest_of_zhengce_does() {
    let dir = temp_dir("summary");
    let out = dir.join("o.jsonl");
    let args = [
        "batch",
        "--as-of",
        "2025-09-01",
        "examples/cases",
        "--out",
        out.to_str().unwrap(),
    ];
    let (_, zh, code) = zhengce(&args, &[]);
    assert_eq!(code, Some(0), "{zh}");
    assert!(zh.contains("案件 4：已评估 4；出错 0"), "{zh}");
    assert!(
        zh.contains("  认定类别：一（一） 3 件；一（二） 1 件；一（三） 1 件"),
        "{zh}"
    );
    let (_, en, _) = zhengce(&args, EN);
    assert!(
        en.contains("  categories: 一（一）: 3; 一（二）: 1; 一（三）: 1"),
        "{en}"
    );
}

#[test]
fn every_shipped_example_reads_within_80_columns_in_both_languages() {
    let revision = ["--policy", "examples/revision/hunan-2027-revision.policy"];
    let runs: Vec<Vec<&str>> = vec![
        vec!["eval", "examples/cases"],
        vec!["eval", "--explain", "full", "examples/cases"],
        [&["eval"][..], &revision, &["examples/revision/cases"]].concat(),
        [&["test"][..], &revision, &["--coverage", "examples/revision/cases"]].concat(),
        vec![
            "diff",
            "builtin",
            "examples/revision/hunan-2027-revision.policy",
            "examples/revision/cases",
        ],
    ];
    for lang in ["zh", "en"] {
        for args in &runs {
            let (out, err, _) = zhengce(args, &[("ZHENGCE_LANG", lang)]);
            for line in out.lines().chain(err.lines()) {
                // A line of a file quoted under a diagnostic is shown as written.
                let quoted = line
                    .trim_start()
                    .split_once(" │ ")
                    .is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok());
                assert!(quoted || columns(line) <= 80, "{lang} {args:?}: {line:?}");
            }
        }
    }
    // The default explanation of a case is short: about 40 lines besides its diagnostics.
    let (out, _, _) = zhengce(&["eval", "examples/cases/li-qiang.yaml"], &[]);
    let listing = out.split("\n诊断信息\n").next().unwrap_or("");
    assert!(listing.lines().count() <= 42, "{out}");
}

#[test]
fn a_coverage_minimum_is_a_percentage() {
    let (_, err, code) = zhengce(&["test", "--coverage-min", "190", "tests/cases"], &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("`190` 不是 0 到 100 之间的百分数"), "{err}");
}

#[test]
fn a_check_without_a_hint_of_its_own_says_what_clause_it_rests_on() {
    // The assessment_missing check of li-qiang's case has no `help`: the hint line
    // names its clause in words, not a bare bracketed `（四）`.
    let (out, _, code) = zhengce(&["eval", "examples/cases/li-qiang.yaml"], &[("ZHENGCE_LANG", "zh")]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("提示：依据条款“四”") && !out.contains("提示：（四）"),
        "{out}"
    );
    let (out, _, _) = zhengce(&["eval", "examples/cases/li-qiang.yaml"], EN);
    assert!(out.contains("help: per clause 四"), "{out}");
}

#[test]
fn the_trace_writes_its_colons_in_the_language_it_is_in() {
    let (out, _, _) = zhengce(
        &["eval", "examples/cases/li-qiang.yaml", "--format", "json"],
        &[("ZHENGCE_LANG", "zh")],
    );
    let record: serde_json::Value = serde_json::from_str(&out).expect("a record");
    let eligible = record["trace"][0].as_str().expect("the first trace line");
    assert!(eligible.starts_with("一 eligible 成立：在法定劳动年龄内"), "{eligible}");
    let (out, _, _) = zhengce(&["eval", "examples/cases/li-qiang.yaml", "--format", "json"], EN);
    let record: serde_json::Value = serde_json::from_str(&out).expect("a record");
    let eligible = record["trace"][0].as_str().expect("the first trace line");
    assert!(eligible.starts_with("一 eligible holds: of working age"), "{eligible}");
}

#[test]
fn a_report_into_a_folder_that_does_not_exist_names_the_folder() {
    // In a folder of the test's own, removed with whatever a failing run made in it.
    let dir = temp_dir("no-such-folder");
    let missing = dir.join("no-such-folder");
    let out = missing.join("x.jsonl");
    let out = out.to_str().unwrap();
    let folder = missing.to_str().unwrap();
    let (_, err, code) = zhengce(&["batch", "examples/cases", "--out", out], EN);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("the folder `{folder}` does not exist")), "{err}");
    let (_, err, _) = zhengce(&["batch", "examples/cases", "--out", out], &[("ZHENGCE_LANG", "zh")]);
    assert!(err.contains(&format!("文件夹 `{folder}` 不存在")), "{err}");
    assert!(!missing.exists(), "no folder is made");
}

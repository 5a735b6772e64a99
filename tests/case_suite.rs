//! Runs every case file under tests/cases/ through `zhengce test`, as a user would.

mod scratch;

use scratch::Scratch;
use std::process::Command;

#[test]
fn every_case_under_tests_cases_passes() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "en")
        .args(["test", "tests/cases"])
        .output()
        .expect("the zhengce binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default().to_string();
    assert!(
        out.status.success(),
        "zhengce test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let passed: usize = last.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(last.contains(" 0 failed"), "{last}");
    assert!(passed >= 100, "only {passed} cases ran: {last}");
}

#[test]
fn a_failing_expectation_fails_the_run_and_names_the_difference() {
    let dir = Scratch::new("suite");
    let case = dir.join("wrong.yaml");
    std::fs::write(
        &case,
        "id: wrong\nas_of: 2025-09-01\nexpect: { categories: [6] }\nperson: { gender: male, birth_date: 1975-03-10 }\n\
         registration: { unemployed_since: 2025-01-10 }\nemployment: { status: unemployed }\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .arg("test")
        .arg(&case)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    let flat: String = stdout.split_whitespace().collect();
    assert!(flat.contains("认定类别（`categories`）：应为[6]，实为[1]"), "{stdout}");
    assert!(stdout.trim_end().ends_with("通过 0，未通过 1"), "{stdout}");
    assert!(stdout.starts_with("未通过 "), "{stdout}");
}

#[test]
fn eval_json_gives_the_decision_record_and_masks_ids() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args(["eval", "--format", "json", "examples/cases/wang-fang.yaml"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let record: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(record["case"], "EX-2025-0001");
    assert_eq!(record["age"], 45);
    assert_eq!(record["retirement_date"], "2032-11-10");
    assert_eq!(record["eligible"], true);
    assert_eq!(record["categories"], serde_json::json!([1, 3]));
    assert!(!stdout.contains("19800310"), "the ID number leaked: {stdout}");
}

/// `eval`'s text for the example case, in a language and explanation mode.
fn eval_text(lang: &str, explain: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", lang)
        .args(["eval", "--explain", explain, "examples/cases/li-qiang.yaml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text without its whitespace: a wrapped line reads the same as an unwrapped one.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn eval_text_explains_each_category_with_its_clause() {
    let short = unwrapped(&eval_text("zh", "short"));
    for wanted in [
        "✓ 一（一） 男满五十周岁、女满四十周岁且连续失业六个月以上的人员",
        "年龄（周岁） 50年 ≥ 50年 ✓",
        // A rule that fails is told by its first failed condition; rules failing for
        // the same reason share a line.
        "✗ 一（三）：享受城市居民最低生活保障：否",
        "✗ 全部：已认定为就业困难人员：否",
        "家庭成员均处于失业状态：是",
    ] {
        assert!(short.contains(&unwrapped(wanted)), "{wanted}\n{short}");
    }
    // Short leaves out the reasons of definitions; full keeps them.
    let full = unwrapped(&eval_text("zh", "full"));
    for wanted in [
        "✓ 一（一） 成立：男满五十周岁",
        "登记失业日期 2025-01-10 + 6个月 = 2025-07-10 ✓",
    ] {
        assert!(full.contains(&unwrapped(wanted)), "{wanted}\n{full}");
    }
    assert!(
        !short.contains(&unwrapped("登记失业日期 2025-01-10 + 6个月")),
        "{short}"
    );
    let en = unwrapped(&eval_text("en", "full"));
    assert!(en.contains(&unwrapped("一（一） holds")), "{en}");
    assert!(
        en.contains(&unwrapped("age (full years) 50 years ≥ 50 years ✓")),
        "{en}"
    );
}

#[test]
fn eval_text_is_short_fits_80_columns_and_shows_no_expression_syntax() {
    for lang in ["zh", "en"] {
        for explain in ["short", "full"] {
            let text = eval_text(lang, explain);
            let decision = text
                .split("\n诊断信息\n")
                .next()
                .unwrap()
                .split("\ndiagnostics\n")
                .next()
                .unwrap();
            for line in decision.lines() {
                let columns: usize = line.chars().map(|c| if c > '\u{2e7f}' { 2 } else { 1 }).sum();
                assert!(columns <= 80, "{lang} {explain}: {columns} columns: {line}");
            }
            for syntax in ["all(", "any(", "count(", "??", "trim(", "not m."] {
                assert!(!text.contains(syntax), "{lang} {explain}: {syntax}\n{text}");
            }
            if explain == "short" {
                let lines = decision.lines().count();
                assert!(lines <= 45, "{lang}: {lines} lines\n{decision}");
            }
        }
    }
}

#[test]
fn the_example_revision_changes_decisions_from_its_effective_date_only() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args([
            "test",
            "--policy",
            "examples/revision/hunan-2027-revision.policy",
            "examples/revision/cases",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.trim_end().ends_with("通过 8，未通过 0"), "{stdout}");
    // Without the revision, the "after" cases keep the 2025 decisions and fail.
    let base = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args(["test", "examples/revision/cases"])
        .output()
        .unwrap();
    let base = String::from_utf8_lossy(&base.stdout);
    assert!(base.contains("rev-man-47-after"), "{base}");
    assert!(!base.contains("rev-man-47-before"), "{base}");
}

#[test]
fn diff_lists_the_changed_cases_by_rule() {
    let p = "examples/revision/hunan-2027-revision.policy";
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args([
            "diff",
            "--format",
            "json",
            &format!("{p}@2026-12-31"),
            &format!("{p}@2027-01-01"),
        ])
        .arg("examples/revision/cases")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["summary"]["evaluated"], 8);
    assert_eq!(report["summary"]["changed"], 8);
    let by_rule = &report["summary"]["by_rule"];
    assert_eq!(by_rule["一（一） [hunan-2027-revision-example]"], 6);
    assert_eq!(by_rule["一（七） [hunan-2027-revision-example]"], 2);
    assert_eq!(by_rule["二 investigate [hunan-2027-revision-example]"], 2);
    // The same policy on the same date changes nothing.
    let same = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args([
            "diff",
            &format!("{p}@2027-01-01"),
            &format!("{p}@2027-01-01"),
            "examples/revision/cases",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&same.stdout).trim(), "评估 8 个案件，变化 0 个");
}

#[test]
fn the_shipped_policies_pass_the_strict_check() {
    for args in [
        vec!["check", "--strict"],
        vec!["check", "--strict", "examples/revision/hunan-2027-revision.policy"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .env("ZHENGCE_LANG", "zh")
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("警告 0 个"));
    }
}

#[test]
fn a_policy_check_points_at_the_case_field_it_reads() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args([
            "eval",
            "--format",
            "json",
            "tests/cases/input-errors/keys/06-err-missing-employment-since.yaml",
        ])
        .output()
        .unwrap();
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["status"], "error");
    let d = &record["diagnostics"][0];
    assert_eq!(d["code"], "employment_since_missing");
    // The check asks `employment.since is absent`: it points at `employment:` (line 15),
    // where `since` goes, rather than at the status it also reads.
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(15), Some(1)));
}

#[test]
fn id_numbers_are_masked_everywhere_unless_asked() {
    let id = |s: &str| s.as_bytes().windows(18).any(|w| w[..17].iter().all(u8::is_ascii_digit));
    for format in ["text", "json"] {
        let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .env("ZHENGCE_LANG", "zh")
            .args(["eval", "--format", format, "tests/cases/input-errors", "examples/cases"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("********"), "{format}: nothing masked");
        assert!(!id(&text), "{format}: an ID number is shown:\n{text}");
    }
    let shown = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args(["eval", "--show-pii", "tests/cases/input-errors"])
        .output()
        .unwrap();
    assert!(id(&String::from_utf8_lossy(&shown.stdout)));
}

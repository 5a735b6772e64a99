//! `zhengce doc` on the command line: the summary it writes on standard error, `--check`
//! for CI, a notice with no numbering, an amendment that has no notice of its own, an
//! output folder that is a file; and, on the shipped Hunan policy in both keyword sets,
//! a rule's kind as its file writes it and the case's fields, which the rules link to.

mod scratch;

use scratch::Scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch folder with these files.
fn scratch(name: &str, files: &[(&str, &str)]) -> Scratch {
    let dir = Scratch::new(&format!("doc-command-{name}"));
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(path, text).expect("a file");
    }
    dir
}

/// `zhengce` with `args` in `dir`: its exit code and standard error.
fn zhengce(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let Output { status, stderr, .. } = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("zhengce runs");
    (status.code(), String::from_utf8_lossy(&stderr).into_owned())
}

const NOTICE: &str = "关于某事的通知
一、适用范围
（一）甲类人员；
（二）乙类人员。
二、本通知自印发之日起施行。
";

fn policy(citations: &str) -> String {
    format!(
        "policy \"p\" {{\n  title \"t\"\n  source_text \"notice.txt\"\n}}\ncase {{ kind: bool \"类型\" en \"kind\" }}\n{citations}"
    )
}

#[test]
fn the_summary_is_told_and_check_fails_only_on_a_wrong_citation() {
    let good = policy("category 1 cites \"一(一)\" \"甲类人员\" { when kind }\n");
    let dir = scratch("summary", &[("p.policy", &good), ("notice.txt", NOTICE)]);
    let (code, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "site", "--check", "--lang", "zh"]);
    // 一（二） and 二 are not encoded: told, and no failure.
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已写入 site/index.html\n"), "{stderr}");
    assert!(stderr.contains("通知共 3 个条款，其中 1 个有规则引用"), "{stderr}");
    assert!(stderr.contains("无规则引用的条款：一（二）、二\n"), "{stderr}");

    let bad =
        policy("category 1 cites \"一（一）\" \"丙类人员\" { when kind }\ncategory 2 cites \"三\" { when kind }\n");
    std::fs::write(dir.join("p.policy"), bad).expect("a policy");
    let (code, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "site", "--lang", "en"]);
    assert_eq!(code, Some(0), "without --check: {stderr}");
    assert!(
        stderr.contains("items citing a clause the notice lacks (1):\n  p.policy:7 category 2 (cites 三)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("quotes not found in their clause (1 items):\n  p.policy:6 category 1 (cites 一（一）)\n"),
        "{stderr}"
    );
    let (code, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "site", "--lang", "en", "--check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("check failed (--check)"), "{stderr}");
    assert!(dir.join("site/index.html").is_file());
}

#[test]
fn a_notice_without_numbering_is_warned_of_by_name() {
    let text = policy("category 1 cites \"一\" { when kind }\n");
    let dir = scratch("unnumbered", &[("p.policy", &text), ("notice.txt", "只有一段话。\n")]);
    let (code, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "site", "--lang", "zh"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("警告：") && stderr.contains("notice.txt 中没有找到条款编号"),
        "{stderr}"
    );
    assert!(!stderr.contains("每个条款都有规则引用"), "{stderr}");
    let (_, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "site", "--lang", "en"]);
    assert!(stderr.contains("warning: no clause numbering"), "{stderr}");
}

#[test]
fn an_output_folder_that_is_a_file_is_told_so() {
    let text = policy("category 1 cites \"一\" { when kind }\n");
    let dir = scratch("out-file", &[("p.policy", &text), ("notice.txt", NOTICE)]);
    let (code, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "p.policy", "--lang", "zh"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("p.policy 是文件，不是文件夹"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    let (code, stderr) = zhengce(&dir, &["doc", "p.policy", "-o", "p.policy", "--lang", "en"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("p.policy is a file, not a folder"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("p.policy")).expect("still there"),
        text
    );
}

#[test]
fn an_amendment_without_a_notice_of_its_own_has_the_amended_policy_s() {
    let base = "policy \"base\" {\n  title \"t\"\n  effective 2025-01-01\n  source_text \"notice.txt\"\n}\ncase { kind: bool \"类型\" en \"kind\" }\ncategory 1 cites \"一（一）\" \"甲类人员\" { when kind }\n";
    let amendment = "policy \"amendment\" {\n  title \"t2\"\n  effective 2026-01-01\n  amends \"base/base.policy\"\n}\nreplace category 1 cites \"一(二)\" \"乙类人员\" { when not kind }\n";
    let dir = scratch(
        "amendment",
        &[
            ("base/base.policy", base),
            ("base/notice.txt", NOTICE),
            ("amendment.policy", amendment),
        ],
    );
    let (code, stderr) = zhengce(
        &dir,
        &["doc", "amendment.policy", "-o", "site", "--check", "--lang", "en"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let html = std::fs::read_to_string(dir.join("site/index.html")).expect("the page");
    assert!(html.contains("base/notice.txt"), "the notice's file is shown");
    assert!(html.contains("<mark>乙类人员</mark>"), "{html}");

    // With no notice anywhere: the located diagnostic, at the amendment's header.
    let base = base.replace("  source_text \"notice.txt\"\n", "");
    std::fs::write(dir.join("base/base.policy"), base).expect("a policy");
    let (code, stderr) = zhengce(&dir, &["doc", "amendment.policy", "-o", "site2", "--lang", "en"]);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(stderr.contains("[amendment.policy:1:8]"), "{stderr}");
    assert!(stderr.contains("source_text"), "{stderr}");
    assert!(!dir.join("site2").exists());
}

/// The page of the shipped Hunan policy file at `path` (from the project's folder), as
/// `zhengce doc` writes it, in `lang`.
fn hunan_page(path: &str, lang: &str) -> String {
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // A folder of each call's own: tests run at once, and two may ask for one page.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("doc-page-{call}"));
    let out = dir.join("page");
    let (code, stderr) = zhengce(&project, &["doc", path, "-o", &out.to_string_lossy(), "--lang", lang]);
    assert_eq!(code, Some(0), "{stderr}");
    std::fs::read_to_string(out.join("index.html")).expect("the page")
}

/// The ids of `html`.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn a_rule_s_kind_is_shown_as_its_file_writes_it() {
    let zh = hunan_page("policies/hunan/2025-employment-assistance.zh.policy", "zh");
    let en = hunan_page("policies/hunan/2025-employment-assistance.policy", "zh");
    assert!(zh.contains("<code>类别 1</code>"), "{zh}");
    assert!(!zh.contains("<code>category 1</code>"));
    assert!(en.contains("<code>category 1</code>"));
    // The anchors are the same whatever the keywords.
    assert!(ids(&zh).contains(&"category-1") && ids(&en).contains(&"category-1"));
}

#[test]
fn case_fields_have_a_section_and_the_rules_link_to_them() {
    for path in [
        "policies/hunan/2025-employment-assistance.policy",
        "policies/hunan/2025-employment-assistance.zh.policy",
    ] {
        let html = hunan_page(path, "zh");
        let ids = ids(&html);
        assert!(ids.contains(&"case"), "{path}");
        for field in [
            "field-person",
            "field-person.disability_certified",
            "field-household.members",
            "field-household.members.employed",
        ] {
            assert!(ids.contains(&field), "{path}: {field}");
        }
        assert!(html.contains("<td>持证残疾人</td>"), "{path}");
        // A path as written, and a field of an item of a list.
        assert!(
            html.contains(
                r##"<a class="ref" href="#field-person.disability_certified">person.disability_certified</a>"##
            ),
            "{path}"
        );
        assert!(
            html.contains(r##"m.<a class="ref" href="#field-household.members.employed">employed</a>"##),
            "{path}"
        );
        // Every link leads somewhere on the page.
        for href in html.split("href=\"#").skip(1).filter_map(|r| r.split('"').next()) {
            assert!(ids.contains(&href), "{path}: {href}");
        }
    }
    let en = hunan_page("policies/hunan/2025-employment-assistance.policy", "en");
    assert!(en.contains("<td>certified disability</td>") && en.contains("Case fields"));
    assert!(!en.contains("案卷字段"));
}

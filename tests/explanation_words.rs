//! Explanations read as words, never as the policy's expressions: each condition the
//! reviewer found told in code (an emptiness test, a count against 0, `not` around a
//! yes/no field, a negated `is`, a range of days, an `all` over a list, a list of
//! records, absent values, the program's own punctuation), in Chinese and English.

mod scratch;

use scratch::Scratch;
use std::io::Write;
use std::process::{Command, Stdio};

/// A certified man of 50 whose designation is blank, with one household member at work,
/// whose application was investigated across the 2025 National Day holiday and never
/// published.
const CASE: &str = "id: W-1
as_of: 2025-10-24
person:
  gender: male
  birth_date: 1975-03-01
  provincial_designation: \"  \"
registration:
  unemployed_since: 2025-01-10
employment:
  status: unemployed
household:
  urban: true
  members:
    - { relation: 配偶, employed: false }
    - { relation: 子女, employed: true, employed_since: 2025-05-01 }
certification:
  certified_on: 2025-06-01
application:
  applied_on: 2025-09-26
  accepted_on: 2025-09-26
  investigated_on: 2025-10-09
";

/// A folder of the test's own with the case file `text` in it: the folder, and the path
/// of the case.
fn temp_case(name: &str, text: &str) -> (Scratch, std::path::PathBuf) {
    let dir = Scratch::new(&format!("words-{name}"));
    let path = dir.join("case.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `eval --explain full` of a case file, without its white space (a wrapped line reads
/// as an unwrapped one).
fn explained(lang: &str, path: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", lang)
        .args(["eval", "--explain", "full"])
        .arg(path)
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect()
}

fn assert_told(text: &str, wanted: &[&str], unwanted: &[&str]) {
    for w in wanted {
        let w: String = w.split_whitespace().collect();
        assert!(text.contains(&w), "wanted {w}\n{text}");
    }
    for u in unwanted {
        let u: String = u.split_whitespace().collect();
        assert!(!text.contains(&u), "unwanted {u}\n{text}");
    }
}

#[test]
fn conditions_on_one_field_are_told_by_its_value_in_chinese() {
    let (_dir, case) = temp_case("zh", CASE);
    let text = explained("zh", &case);
    assert_told(
        &text,
        &[
            // 1: a blank text compared with "" is the field not given.
            "有省人民政府规定的其他就业困难人员类别：否（省人民政府规定的其他就业困难人员类别 未填写 ✗）",
            // 2: a count of a list compared with 0 is the list, none.
            "五（一） 不成立：担任企业法定代表人、董事、监事等管理人员的 企业任职 无 ✗",
            // 4: a negated `is` has its own word.
            "当前就业状态 失业 不是 失业 ✗",
            // 5: a range of days in words.
            "国庆节、中秋节 10-01 至 10-08 不计",
            // 6: an `all` told by the item that failed, by its fields' values.
            "家庭成员均处于失业状态：否（其他劳动年龄内有劳动能力的家庭成员第2项不符合条件（已就业：是 ✗；就业日期 2025-05-01 > 评估日 2025-10-24 ✗））",
            // 8: a failed presence test is the fact; a computed value that does not exist
            // is none, under a label of its own.
            "公示开始日期 未填写 ✗",
            "街道（乡镇）复审起算日期 无 ≤ 评估日",
        ],
        &[
            "算得",
            "“” ≠ “”",
            "0 > 0",
            "并非 为",
            "10-01..10-08",
            "关于",
            "已填写 ✗",
        ],
    );
}

#[test]
fn conditions_on_one_field_are_told_by_its_value_in_english() {
    let (_dir, case) = temp_case("en", CASE);
    let text = explained("en", &case);
    assert_told(
        &text,
        &[
            "provincially designated: no (provincial designation not given ✗)",
            "enterprise roles none ✗",
            "current employment status unemployed is not unemployed ✗",
            "10-01 to 10-08 skipped",
            "every household member is unemployed: no (other household members: item 2 does not meet the condition (employed: yes ✗; employed since 2025-05-01 > evaluation date 2025-10-24 ✗))",
            "publicity from not given ✗",
            "street review start none ≤ evaluation date",
        ],
        &[
            "computed from",
            "“” ≠ “”",
            "0 > 0",
            "not is",
            "..",
            "the condition on",
            "is given ✗",
        ],
    );
}

#[test]
fn a_given_value_and_a_list_with_items_are_shown_for_what_they_are() {
    let case = CASE.replace("\"  \"", "\"湘政发示例\"").replace(
        "  gender: male\n",
        "  gender: male\n  enterprise_roles: [legal_representative, director]\n",
    );
    let (_dir, path) = temp_case("given", &case);
    assert_told(
        &explained("zh", &path),
        &[
            "省人民政府规定的其他就业困难人员类别 “湘政发示例” ✓",
            "企业任职 法定代表人、董事 ✓",
            "任职 法定代表人、董事",
        ],
        &["[法定代表人"],
    );
    assert_told(
        &explained("en", &path),
        &["enterprise roles legal representative, director ✓"],
        &["[legal representative"],
    );
}

#[test]
fn not_around_a_yes_no_field_is_the_fields_answer() {
    let path = std::path::Path::new("examples/cases/chen-jing-workflow.yaml");
    // 3: `not application.objection` is the objection's own answer, no 并非.
    assert_told(&explained("zh", path), &["公示期间有异议：否 ✓"], &["并非"]);
    assert_told(
        &explained("en", path),
        &["objection during publicity: no ✓"],
        &["not (objection"],
    );
}

fn repl(lang: &str, input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", lang)
        .args(["repl", "examples/cases/wang-fang.yaml"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const SERVICES: &str = "push services {date: 2025-08-02, kind: job_posting, refused: true}
push services {date: 2025-08-12, kind: training}
services
why 一（一）
";

#[test]
fn the_repl_shows_records_by_their_labels_and_its_own_punctuation_in_the_language() {
    // 7: each item with its fields' labels, no brackets; the kind in good English.
    let zh = repl("zh", SERVICES);
    assert!(
        zh.contains(
            "服务日期 2025-08-02、服务类型 岗位信息推送、拒绝接受 是；服务日期 2025-08-12、服务类型 职业技能培训、拒绝接受 否（记录的列表）"
        ),
        "{zh}"
    );
    assert!(zh.contains("  一（一）：男满五十周岁"), "{zh}");
    let en = repl("en", SERVICES);
    assert!(
        en.contains(
            "date 2025-08-02, kind job posting, refused yes; date 2025-08-12, kind training, refused no  (a list of records)"
        ),
        "{en}"
    );
    // 9: the program's colon follows the language; the clause is the policy's own.
    assert!(en.contains("  一（一）: 男满五十周岁"), "{en}");
    assert!(!en.contains('{') && !en.contains("（一）："), "{en}");
}

/// `holds(category 1)` is told as that rule and whether it held, not as "the categories
/// that hold: none" (the same words for every rule asked about).
#[test]
fn a_rule_asked_about_by_name_is_told_by_its_clause() {
    let dir = Scratch::new("words-holds");
    let policy = dir.join("p.policy");
    std::fs::write(
        &policy,
        "政策 \"p\" {}\n案卷 {\n  个人 \"个人\" {\n    年龄: int \"年龄\"\n    残疾: bool = false \"残疾\"\n  }\n}\n\
         类别 1 引用 \"一（一）\" \"年满五十\" {\n  当 个人.年龄 >= 50\n}\n类别 2 引用 \"一（二）\" \"残疾\" {\n  当 个人.残疾\n}\n\
         决定 {\n  认定 = 成立(类别 1) 或 成立(类别 2)\n  未认定 = 非 成立(类别 2)\n}\n",
    )
    .unwrap();
    // The case beside the policy, in the same folder.
    let case = dir.join("case.yaml");
    std::fs::write(&case, "id: c1\nas_of: 2025-01-01\n个人: { 年龄: 30 }\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args(["eval", "--policy"])
        .arg(&policy)
        .arg(&case)
        .output()
        .expect("the binary runs");
    let text: String = String::from_utf8_lossy(&out.stdout).split_whitespace().collect();
    assert_told(
        &text,
        &[
            "认定：否",
            "一（一）：不成立 ✗；一（二）：不成立 ✗",
            "未认定：是",
            "一（二）：不成立 ✓",
        ],
        &["成立的认定类别"],
    );
}

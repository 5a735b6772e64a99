//! Every diagnostic about a case file, and every run-time diagnostic of a case, is told
//! in the language asked for: bad case files of every kind (the suite's, the
//! reliability fixtures, and mutations of the example cases) go through `eval` and
//! `batch` in Chinese and in English, and no message or hint of one language carries
//! words of the other (names from the files aside, which stay as written, in
//! backticks).

mod scratch;

use scratch::Scratch;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs zhengce with `stdin`; returns stdout and stderr.
fn zhengce(args: &[&str], stdin: &[u8]) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env_remove("LANG")
        .env_remove("ZHENGCE_LANG")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zhengce runs");
    if let Some(mut input) = child.stdin.take() {
        std::io::Write::write_all(&mut input, stdin).expect("stdin written");
    }
    let out = child.wait_with_output().expect("zhengce ends");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr))
}

fn records(stdout: &str) -> Vec<Json> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("case-messages-{name}"))
}

/// `text` without its backticked parts (names as written in the files).
fn outside_backticks(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Words of English in Chinese text, outside backticks: runs of two or more ASCII
/// letters that are not an all-caps acronym (ID, YAML, JSON, UTF, BOM, GB, KB).
fn english_words(text: &str) -> Vec<String> {
    let text = outside_backticks(text).replace("JSON Lines", "JSON");
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// Chinese characters in English text, outside backticks and double quotes.
fn chinese_chars(text: &str) -> Vec<char> {
    let text = outside_backticks(text);
    let unquoted: String = text.split('"').step_by(2).collect();
    let cjk = |c: &char| matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    unquoted.chars().filter(cjk).collect()
}

/// Checks every diagnostic of the records told in `lang`; returns the codes seen.
fn check_records(records: &[Json], lang: &str) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for record in records {
        for d in record["diagnostics"].as_array().into_iter().flatten() {
            let code = d["code"].as_str().unwrap_or_default().to_string();
            codes.insert(code.clone());
            // A policy's own check speaks the policy's words (its English, where it
            // gives one), and cites its clause as the policy numbers it.
            let policy = d.get("cite").is_some();
            let mut texts = vec![d["message"].as_str().unwrap_or_default()];
            if !policy {
                texts.extend(d["help"].as_str());
            }
            for text in texts {
                match lang {
                    "zh" if !policy => {
                        let words = english_words(text);
                        assert!(words.is_empty(), "{code}: English {words:?} in {text:?}");
                    }
                    "en" => {
                        let chars = chinese_chars(text);
                        assert!(chars.is_empty(), "{code}: Chinese {chars:?} in {text:?}");
                    }
                    _ => {}
                }
            }
        }
    }
    codes
}

/// Mutations of the example cases, one kind of problem each: `name|from|to`, with
/// `\n` and `\t` for a line break and a tab; `wf-` mutations are of the workflow case.
const EDITS: &str = r#"
unknown-top|household:|foo_bar_baz: 1\nhousehold:
unknown-nested|birth_date:|birth_dat:
duplicate-key|  gender: male\n|  gender: male\n  gender: female\n
full-width|  gender: male|  gender：male
feb-30|1975-03-10|1975-02-30
date-shape|1975-03-10|1975-3-10
date-number|2025-01-10|20250110
bool-yes|urban: true|urban: yes
bool-quoted|urban: true|urban: "true"
record-as-list|household:\n  urban: true\n  members: []|household: [1, 2]
list-as-map|members: []|members: {a: 1}
empty-item|members: []|members:\n    -\n
item-not-map|members: []|members: [1]
key-a-list|household:|[a, b]: 1\nhousehold:
enum-man|gender: male|gender: man
enum-retired|status: unemployed|status: retired
no-status|  status: unemployed\n|  since: 2025-01-01\n
no-employment|employment:\n  status: unemployed\n|
null-status|status: unemployed|status:
no-id|id: EX-2025-0002\n|
empty-id|id: EX-2025-0002|id: ''
id-bool|id: EX-2025-0002|id: true
id-list|id: EX-2025-0002|id: [1]
id-checksum|person:\n|person:\n  id_number: "430102197503101235"\n
id-short|person:\n|person:\n  id_number: "43010219750310123"\n
id-lower-x|person:\n|person:\n  id_number: "11010519491231002x"\n
id-unquoted|person:\n|person:\n  id_number: 430102197503101234\n
id-disagrees|person:\n  gender: male\n  birth_date: 1975-03-10|person:\n  id_number: "430102197503101234"\n  gender: female\n  birth_date: 1975-03-11
as-of-invalid|as_of: 2025-09-01|as_of: 2025-02-29
as-of-list|as_of: 2025-09-01|as_of: [1]
as-of-none|as_of: 2025-09-01\n|
expect-scalar|household:|expect: 1\nhousehold:
expect-typo|household:|expect: { eligble: true, zzz: 1 }\nhousehold:
yaml-indent|  gender: male\n|  gender: male\n bad: x\n
yaml-bracket|members: []|members: [unclosed
yaml-quote|id: EX-2025-0002|id: "EX-2025-0002
yaml-colon|gender: male|gender: male: female
yaml-tab|  gender: male|\tgender: male
yaml-alias|gender: male|gender: *x
yaml-anchor|gender: male|gender: &a male
yaml-tag|gender: male|gender: !!str male
wf-out-of-order|applied_on: 2025-09-26|applied_on: 2025-09-30
wf-no-calendar|2025-|2031-
"#;

/// The example case, and one file per mutation of it (and a YAML nested too deep, and
/// bytes that are not UTF-8); their paths.
fn mutations(dir: &Path) -> Vec<String> {
    let read = |name: &str| std::fs::read_to_string(format!("examples/cases/{name}.yaml")).expect("an example");
    let (base, workflow) = (read("li-qiang"), read("chen-jing-workflow"));
    let unescape = |s: &str| s.replace("\\n", "\n").replace("\\t", "\t");
    let deep = format!("x: {}1{}\nhousehold:", "[".repeat(70), "]".repeat(70));
    let edits = EDITS.lines().filter(|l| !l.is_empty()).map(|l| {
        let mut parts = l.splitn(3, '|');
        let mut next = || unescape(parts.next().unwrap_or_default());
        (next(), next(), next())
    });
    let mut names = Vec::new();
    let mut write = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, bytes).expect("written");
        names.push(path.display().to_string());
    };
    for (name, from, to) in edits.chain([("yaml-deep".into(), "household:".into(), deep)]) {
        let text = if name.starts_with("wf-") { &workflow } else { &base };
        assert!(text.contains(&from), "{name}: `{from}` is not in the case");
        write(&name, text.replace(&from, &to).into_bytes());
    }
    write("not-utf8", [base.as_bytes(), b"# \xff\xfe\n"].concat());
    names
}

/// A policy of its own, for what the Hunan policy never says of a case: a period in
/// force, and values that cannot be computed.
const MINI_POLICY: &str = "policy \"mini\" {\n  title \"t\"\n  effective 2025-01-01\n  valid_for 1 years\n}\n\n\
case {\n  d: date? \"日期\" en \"date\"\n  n: int? \"人数\" en \"number\"\n}\n\n\
define far \"远期\" en \"far\" = d + 999999999999 years\n\
define big \"大数\" en \"big\" = n * 9999999999 * 9999999999\n\n\
check c cites \"一\" \"x\" {\n  when far > d or big > 0\n  severity warning\n  message \"远\" en \"far\"\n}\n";

#[test]
fn every_case_diagnostic_is_told_in_the_language_asked_for() {
    let dir = scratch("eval");
    let mut paths = mutations(&dir);
    paths.extend([
        "tests/cases/input-errors".into(),
        "tests/reliability".into(),
        "/dev/zero".into(),
    ]);
    let policy = dir.join("mini.policy");
    std::fs::write(&policy, MINI_POLICY).expect("written");
    let mini_cases = dir.join("mini");
    std::fs::create_dir_all(&mini_cases).expect("a folder");
    for (name, as_of) in [("early", "2024-06-01"), ("late", "2027-06-01")] {
        let text = format!("id: {name}\nas_of: {as_of}\nd: 2025-01-01\nn: 5\n");
        std::fs::write(mini_cases.join(format!("{name}.yaml")), text).expect("written");
    }
    let mini = mini_cases.display().to_string();
    let policy = policy.display().to_string();
    let mut seen = BTreeSet::new();
    for lang in ["zh", "en"] {
        let mut args = vec!["eval", "--format", "json", "--lang", lang];
        args.extend(paths.iter().map(String::as_str));
        let (out, err) = zhengce(&args, b"");
        let all = records(&out);
        assert!(all.len() > 60, "{} records: {err}", all.len());
        seen.extend(check_records(&all, lang));
        let too_large = [
            "eval",
            "--format",
            "json",
            "--lang",
            lang,
            "--max-case-bytes",
            "100",
            &paths[0],
        ];
        seen.extend(check_records(&records(&zhengce(&too_large, b"").0), lang));
        let mini_args = ["eval", "--format", "json", "--lang", lang, "--policy", &policy, &mini];
        let (out, err) = zhengce(&mini_args, b"");
        let mini_records = records(&out);
        assert_eq!(mini_records.len(), 2, "{err}");
        seen.extend(check_records(&mini_records, lang));
    }
    let wanted = [
        "as_of_today",
        "bad_id_checksum",
        "bad_id_number",
        "calendar_missing",
        "case_too_large",
        "dates_out_of_order",
        "duplicate_key",
        "evaluation_failed",
        "field_disagrees",
        "full_width_punctuation",
        "invalid_date",
        "invalid_utf8",
        "io",
        "missing_field",
        "policy_not_in_force",
        "unknown_enum_value",
        "unknown_key",
        "wrong_type",
        "yaml_syntax",
    ];
    let missing: Vec<&str> = wanted.iter().copied().filter(|c| !seen.contains(*c)).collect();
    assert!(missing.is_empty(), "not reached: {missing:?} (seen {seen:?})");
}

/// A batch of JSON Lines: a good case, a cut line, garbage, a trailing comma, an id
/// used twice, a case without a date, a byte that is not UTF-8.
const BATCH: &[u8] = b"{\"id\": \"a\", \"as_of\": \"2025-09-01\", \"person\": {\"gender\": \"male\", \"birth_date\": \"1975-03-10\"}, \"registration\": {\"unemployed_since\": \"2025-01-10\"}, \"employment\": {\"status\": \"unemployed\"}}\n\
{\"id\": \"b\", \"as_of\": \"2025-09-01\", \"person\": {\"gender\": \"male\"\n\
not json at all\n\
{\"id\": \"c\", \"as_of\": \"2025-09-01\",}\n\
{\"id\": \"a\", \"as_of\": \"2025-09-01\", \"person\": {\"gender\": \"male\", \"birth_date\": \"1975-03-10\"}, \"registration\": {\"unemployed_since\": \"2025-01-10\"}, \"employment\": {\"status\": \"unemployed\"}}\n\
{\"id\": \"d\", \"person\": {\"gender\": \"male\", \"birth_date\": \"1975-03-10\"}, \"employment\": {\"status\": \"unemployed\"}}\n\
{\"id\": \"e\", \"note\": \"\xff\"}\n";

#[test]
fn a_batch_tells_its_error_records_in_the_language_asked_for() {
    let dir = scratch("batch");
    let input = dir.join("register.jsonl");
    std::fs::write(&input, BATCH).expect("written");
    let input = input.display().to_string();
    let mut seen = BTreeSet::new();
    let mut told = Vec::new();
    for lang in ["zh", "en"] {
        let (out, err) = zhengce(&["batch", "-q", "--lang", lang, &input], b"");
        let all = records(&out);
        assert_eq!(all.len(), 7, "{err}");
        seen.extend(check_records(&all, lang));
        told.push(all);
    }
    for code in ["json_syntax", "duplicate_case_id", "no_evaluation_date", "invalid_utf8"] {
        assert!(seen.contains(code), "{code} not reached: {seen:?}");
    }
    let first = |records: &[Json], i: usize| records[i]["diagnostics"][0].clone();
    // The cut line, in each language.
    let (zh, en) = (first(&told[0], 1), first(&told[1], 1));
    assert_eq!(zh["message"], "不是有效的 JSON：对象还没有结束，行就结束了");
    assert_eq!(en["message"], "not valid JSON: EOF while parsing an object");
    assert_eq!(
        zh["help"],
        "此行在案件结束前就结束了：是否被截断？每行必须是一个完整的 JSON 对象"
    );
    // The id used twice names the line of the first.
    let (zh, en) = (first(&told[0], 4), first(&told[1], 4));
    assert_eq!(zh["message"], "案件编号 `a` 已被前面的案件使用");
    assert_eq!(
        zh["help"],
        format!("同一批次中案件编号不能重复；第一个使用此编号的案件在 `{input}` 第 1 行").as_str()
    );
    assert_eq!(en["message"], "case id `a` is used by an earlier case");
    assert_eq!(
        en["help"],
        format!("case ids are unique across a batch; the first case with this id is at {input} line 1").as_str()
    );
}

/// The words of the most common mistakes, in Chinese and in English.
#[test]
fn the_most_common_mistakes_read_well_in_both_languages() {
    let dir = scratch("common");
    let paths = mutations(&dir);
    let find = |name: &str| {
        paths
            .iter()
            .find(|p| p.ends_with(&format!("/{name}.yaml")))
            .cloned()
            .unwrap_or_default()
    };
    let first = |name: &str, lang: &str| -> Json {
        let (out, err) = zhengce(&["eval", "--format", "json", "--lang", lang, &find(name)], b"");
        records(&out)
            .first()
            .map(|r| r["diagnostics"][0].clone())
            .unwrap_or_else(|| panic!("{name}: {err}"))
    };
    let cases = [
        (
            "unknown-nested",
            (
                "未知的键 `birth_dat`（在 `person` 中）",
                Some("是否应为 `birth_date`？"),
            ),
            (
                "unknown key `birth_dat` in `person`",
                Some("did you mean `birth_date`?"),
            ),
        ),
        (
            "bool-yes",
            (
                "`household.urban`（城市居民家庭）应为`true` 或 `false`，而不是文本",
                None,
            ),
            (
                "`household.urban` (urban household) must be `true` or `false`, not text",
                None,
            ),
        ),
        (
            "feb-30",
            (
                "`person.birth_date`（出生日期）：`1975-02-30` 不是有效的日期：1975-02 只有 28 天",
                None,
            ),
            (
                "`person.birth_date` (birth date): `1975-02-30` is not a valid date: 1975-02 has 28 days",
                None,
            ),
        ),
        (
            "id-checksum",
            (
                "`person.id_number`（公民身份号码） 430102********1235 未通过 GB 11643 校验：校验码是 `5`，但按前 17 位应为 `4`",
                Some("请对照身份证核对号码：任何一位数字输错都会使校验不通过"),
            ),
            (
                "`person.id_number` (ID number) 430102********1235 fails the GB 11643 checksum: the check character is `5` but the first 17 digits call for `4`",
                Some("check the number against the ID card: one mistyped digit breaks the checksum"),
            ),
        ),
    ];
    for (name, zh, en) in cases {
        for (lang, (message, help)) in [("zh", zh), ("en", en)] {
            let d = first(name, lang);
            assert_eq!(d["message"], message, "{name} {lang}");
            if let Some(help) = help {
                assert_eq!(d["help"], help, "{name} {lang}");
            }
        }
    }
}

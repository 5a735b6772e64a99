//! `zhengce schema` (issue 13): the case format as a JSON Schema, checked with a real
//! validator (Python's `jsonschema`, as `.ci/run` installs it): the schema itself is
//! valid 2020-12, every well-formed case the project ships passes it, and cases with an
//! unknown key, a value not in an enum or a badly written date fail it. Under
//! `CI=true` a missing validator fails the test; elsewhere it is skipped, saying so.

mod scratch;

use scratch::Scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

fn zhengce(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .output()
        .expect("zhengce runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Whether Python with `jsonschema` and `yaml` is here; under CI it must be.
fn validator_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema, yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var("CI").is_err(),
        "python3 with jsonschema and pyyaml is needed under CI"
    );
    if !ok {
        eprintln!("skipped: python3 with jsonschema and pyyaml is not installed");
    }
    ok
}

/// Runs the validator; its closing count of cases and invalid ones, and what it said.
fn validate(schema: &str, cases: &[PathBuf]) -> (usize, usize, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Tests run side by side: each schema in a file of its own.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("schema-{n}"));
    let file = dir.join("schema.json");
    std::fs::write(&file, schema).unwrap();
    let out = Command::new("python3")
        .arg(root.join("tests/support/validate_cases.py"))
        .arg(&file)
        .args(cases)
        .output()
        .expect("python3 runs");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    let last = said.lines().last().unwrap_or_default().to_string();
    let numbers: Vec<usize> = last.split(' ').filter_map(|w| w.parse().ok()).collect();
    (numbers[0], numbers[1], said)
}

fn yaml_files(dir: &Path, skip: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains(skip) {
            continue;
        }
        if path.is_dir() {
            yaml_files(&path, skip, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn every_well_formed_shipped_case_passes_the_schema() {
    if !validator_available() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema = zhengce(&["schema"]);
    assert_eq!(schema, zhengce(&["schema"]), "the same schema every time");
    let mut cases = Vec::new();
    yaml_files(&root.join("tests/cases"), "input-errors", &mut cases);
    yaml_files(&root.join("examples/cases"), "input-errors", &mut cases);
    let (n, invalid, said) = validate(&schema, &cases);
    assert!(n >= 240, "{said}");
    assert_eq!(invalid, 0, "{said}");
    // An amendment's new field is in its own schema.
    let revision = zhengce(&["schema", "--policy", "examples/revision/hunan-2027-revision.policy"]);
    let (n, invalid, said) = validate(&revision, &[root.join("examples/revision/cases/before-and-after.yaml")]);
    assert!(n >= 8 && invalid == 0, "{said}");
}

#[test]
fn a_case_with_a_mistake_fails_the_schema() {
    if !validator_available() {
        return;
    }
    let dir = Scratch::new("schema-bad");
    let good = "id: ok\nas_of: 2025-09-15\nperson: { gender: 男, birth_date: 1975-03-10, dibao: 是 }\nemployment: { status: unemployed }\n";
    let bad = [
        (
            "unknown-key",
            "id: a\nperson: { gender: male, birth_date: 1975-03-10, dibo: true }\nemployment: { status: unemployed }\n",
        ),
        (
            "enum",
            "id: b\nperson: { gender: man, birth_date: 1975-03-10 }\nemployment: { status: unemployed }\n",
        ),
        (
            "date",
            "id: c\nperson: { gender: male, birth_date: 1975/03/10 }\nemployment: { status: unemployed }\n",
        ),
        (
            "missing",
            "id: d\nperson: { gender: male, birth_date: 1975-03-10 }\nemployment: {}\n",
        ),
    ];
    std::fs::write(dir.join("good.yaml"), good).unwrap();
    let schema = zhengce(&["schema"]);
    let (_, invalid, said) = validate(&schema, &[dir.join("good.yaml")]);
    assert_eq!(
        invalid, 0,
        "labels and 是 are accepted, as the loader accepts them: {said}"
    );
    for (name, text) in bad {
        let path = dir.join(format!("{name}.yaml"));
        std::fs::write(&path, text).unwrap();
        let (_, invalid, said) = validate(&schema, &[path]);
        assert_eq!(invalid, 1, "{name}: {said}");
    }
}

/// `zhengce new case` (issue 13): a case file to fill in, every key with its label; as
/// written it reads without an error (the keys that must be given have sample values)
/// and passes the schema.
#[test]
fn a_new_case_reads_as_it_is_and_passes_the_schema() {
    let template = zhengce(&["new", "case", "--lang", "zh"]);
    assert!(
        template.contains("employment:") && template.contains("# 就业状态："),
        "{template}"
    );
    assert!(template.contains("必填"), "{template}");
    let dir = Scratch::new("new-case");
    let path = dir.join("new.yaml");
    std::fs::write(&path, &template).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["eval", "--format", "json", &path.to_string_lossy()])
        .output()
        .unwrap();
    let record = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && record.contains("\"status\":\"ok\""), "{record}");
    let english = zhengce(&["new", "case", "--lang", "en"]);
    assert!(
        english.contains("# employment status: one of unemployed (unemployed), employed"),
        "{english}"
    );
    assert!(!english.contains("：") && !english.contains("（"), "{english}");
    if validator_available() {
        let (n, invalid, said) = validate(&zhengce(&["schema"]), &[path]);
        assert_eq!((n, invalid), (1, 0), "{said}");
    }
}

/// docs/case-format.md shows the Hunan case file as `zhengce new case` writes it.
#[test]
fn the_case_format_document_shows_the_template_as_made() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/case-format.md")).unwrap();
    let start = doc
        .find("<!-- zhengce new case: begin -->\n```yaml\n")
        .expect("the begin marker");
    let end = doc.find("```\n<!-- zhengce new case: end -->").expect("the end marker");
    let shown = &doc[start + "<!-- zhengce new case: begin -->\n```yaml\n".len()..end];
    let made = zhengce(&["new", "case", "--lang", "zh"]);
    assert_eq!(
        shown, made,
        "docs/case-format.md is out of date: paste the output of `zhengce new case`"
    );
}

/// A value named by its own label (`男 "男"`, as a policy with Chinese names writes
/// it) is one value of the schema, not two; and the template's comments line up on
/// screen with Chinese keys.
#[test]
fn a_value_named_by_its_label_is_listed_once_and_chinese_keys_line_up() {
    let dir = Scratch::new("schema-zh");
    let policy = dir.join("p.policy");
    std::fs::write(
        &policy,
        "政策 \"p\" {}\n枚举 性别 \"性别\" { 男 \"男\", 女 \"女\" }\n案卷 {\n  个人 \"个人\" {\n    性别: 性别 \"性别\"\n    出生日期: date \"出生日期\"\n  }\n}\n决定 {\n  x = 个人.性别\n}\n",
    )
    .unwrap();
    let policy = policy.to_string_lossy().into_owned();
    let schema: serde_json::Value = serde_json::from_str(&zhengce(&["schema", "--policy", &policy])).unwrap();
    let text = schema.to_string();
    assert!(text.contains(r#""enum":["男","女"]"#), "{text}");
    let template = zhengce(&["new", "case", "--policy", &policy, "--lang", "zh"]);
    let columns: Vec<usize> = template
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" # "))
        .map(|l| textwrap::core::display_width(&l[..l.find(" # ").unwrap()]))
        .collect();
    assert!(
        columns.len() >= 2 && columns.windows(2).all(|w| w[0] == w[1]),
        "{template}"
    );
}

/// The template evaluates, but never silently: until its mark is deleted, each case of
/// it is told to be the template still.
#[test]
fn an_unfilled_template_is_told_to_be_one() {
    let dir = Scratch::new("template");
    let template = dir.join("new.yaml");
    std::fs::write(&template, zhengce(&["new", "case", "--lang", "en"])).unwrap();
    let run = |path: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .args(["eval", "--format", "json", "--lang", "en"])
            .arg(path)
            .output()
            .expect("zhengce runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let told = run(&template);
    assert!(told.contains("\"template_unfilled\""), "{told}");
    let filled = dir.join("filled.yaml");
    let text = std::fs::read_to_string(&template).unwrap();
    let without_mark: String = text
        .lines()
        .filter(|l| !l.starts_with("# zhengce:unfilled"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&filled, without_mark).unwrap();
    assert!(!run(&filled).contains("template_unfilled"));
}

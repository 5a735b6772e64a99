//! `zhengce test --mutants` (issue 12): the mutants of a policy, the survivors a corpus
//! leaves, the score and its minimum, declared equivalents; and the Hunan corpus's
//! score. The command line runs in-process, on captured output.

use std::path::Path;
use zhengce::mutants::{Corpus, CorpusFile, MutationKind, generate, run::Origin, run_mutants};
use zhengce::policy_set::{PolicySource, load_policy};

/// A policy of its own (nothing of the Hunan notice), its columns counted in the test.
const POLICY: &str = r#"policy "small" {}
case {
  age: int "年龄"
  registered: bool = false "登记"
}
param bound "上限" = 2
define old "年长" = age >= 50 and registered
decision {
  older = old
  over = age > bound
}
"#;

mod scratch;
mod support;
use scratch::Scratch;
use support::zhengce;

/// A scratch folder for one test, with the small policy in it.
fn scratch(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("mutants-{name}"));
    std::fs::create_dir_all(dir.join("cases")).expect("a scratch folder");
    std::fs::write(dir.join("small.policy"), POLICY).expect("the policy written");
    dir
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A case file of the small policy.
fn case(dir: &Path, id: &str, age: u32, registered: bool, older: bool, over: bool) {
    let text = format!(
        "id: {id}\nas_of: 2025-09-01\nexpect: {{ older: {older}, over: {over} }}\nage: {age}\nregistered: {registered}\n"
    );
    std::fs::write(dir.join("cases").join(format!("{id}.yaml")), text).expect("a case written");
}

#[test]
fn the_mutants_of_a_small_policy() {
    let dir = scratch("generate");
    let loaded = load_policy(&path(&dir.join("small.policy")), PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    let got: Vec<(usize, usize, MutationKind, String, String)> = generate(&loaded)
        .into_iter()
        .map(|m| (m.line, m.column, m.kind, m.change, m.replacement))
        .collect();
    use MutationKind::*;
    let want = [
        (6, 20, Number, "bound = 2 → bound = 1", "1"),
        (6, 20, Number, "bound = 2 → bound = 3", "3"),
        (7, 19, Dropped, "age >= 50", ""),
        (7, 23, Boundary, "age >= 50 → age > 50", ">"),
        (7, 26, Number, "50 → 49", "49"),
        (7, 26, Number, "50 → 51", "51"),
        (7, 29, Connective, "and → or", "or"),
        (7, 33, Dropped, "registered", ""),
        (10, 14, Boundary, "age > bound → age >= bound", ">="),
    ]
    .map(|(l, c, k, change, r)| (l, c, k, change.to_string(), r.to_string()));
    assert_eq!(got, want);
    // Each mutant is the text with one change, and checks.
    let text = std::fs::read_to_string(dir.join("small.policy")).unwrap();
    let dropped = generate(&loaded)[2].apply(&text).unwrap();
    assert!(dropped.contains("define old \"年长\" = registered\n"), "{dropped}");
    let dropped = generate(&loaded)[7].apply(&text).unwrap();
    assert!(dropped.contains("define old \"年长\" = age >= 50\n"), "{dropped}");
}

#[test]
fn brackets_and_comments_stay_balanced_when_a_condition_is_dropped() {
    let dir = scratch("brackets");
    let policy = "policy \"b\" {}\ncase { a: int \"甲\"  b: int \"乙\" }\n\
                  define x \"x\" = (a > 1 or b > 1) // 注释\n  and (b < 5)\ndecision { x = x }\n";
    std::fs::write(dir.join("small.policy"), policy).unwrap();
    let loaded = load_policy(&path(&dir.join("small.policy")), PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    let texts: Vec<String> = generate(&loaded)
        .into_iter()
        .filter(|m| m.kind == MutationKind::Dropped)
        .map(|m| m.apply(policy).unwrap())
        .collect();
    let lines: Vec<&str> = texts.iter().map(|t| t.lines().nth(2).unwrap()).collect();
    assert_eq!(
        lines,
        [
            "define x \"x\" = (b < 5)",
            "define x \"x\" = (b > 1) // 注释",
            "define x \"x\" = (a > 1) // 注释",
            "define x \"x\" = (a > 1 or b > 1)",
        ]
    );
}

#[test]
fn a_corpus_without_the_boundary_case_leaves_that_mutant_alive() {
    let dir = scratch("survivor");
    let (policy, cases) = (path(&dir.join("small.policy")), path(&dir.join("cases")));
    case(&dir, "old", 60, true, true, true);
    case(&dir, "young", 30, true, false, true);
    case(&dir, "unregistered", 60, false, false, true);
    case(&dir, "one", 1, true, false, false);
    case(&dir, "two", 2, true, false, false);
    case(&dir, "three", 3, true, false, true);
    let (code, out, err) = zhengce(&["test", "--mutants", "--lang", "en", "--policy", &policy, &cases]);
    assert_eq!(code, 0, "{err}");
    let place = format!("{policy}:7:23  boundary  age >= 50 → age > 50");
    assert!(out.contains(&place), "{out}");
    assert!(out.contains("age >= 50 → age > 50"), "{out}");
    assert!(out.ends_with("mutants: 9 generated, 9 check (0 more do not, not counted), 6 killed, 3 survived, 0 equivalent; score 66.7% (killed / (checked − equivalent))\n"), "{out}");
    // A case on the 50th birthday kills it (and 50 → 51; 50 → 49 would need age 49).
    case(&dir, "fifty", 50, true, true, true);
    let (_, out, _) = zhengce(&["test", "--mutants", "--lang", "en", "--policy", &policy, &cases]);
    assert!(!out.contains("age >= 50 → age > 50"), "{out}");
    assert!(out.contains("8 killed, 1 survived"), "{out}");
    // In Chinese, the same in Chinese words.
    let (_, out, _) = zhengce(&["test", "--mutants", "--lang", "zh", "--policy", &policy, &cases]);
    assert!(out.starts_with("存活的变异体"), "{out}");
    assert!(out.contains("被杀死 8，存活 1"), "{out}");
    assert!(!out.contains("killed"), "{out}");
}

#[test]
fn the_minimum_score_sets_the_exit_code() {
    let dir = scratch("minimum");
    let (policy, cases) = (path(&dir.join("small.policy")), path(&dir.join("cases")));
    case(&dir, "old", 60, true, true, true);
    case(&dir, "young", 30, true, false, true);
    let run = |min: &str| {
        zhengce(&[
            "test",
            "--mutants",
            "--mutants-min",
            min,
            "--lang",
            "en",
            "--policy",
            &policy,
            &cases,
        ])
    };
    let (code, out, err) = run("0");
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = run("99.5");
    assert_eq!(code, 1);
    assert!(
        err.contains("mutation score") && err.contains("is below the minimum 99.5%"),
        "{err}"
    );
    // A case that fails on the policy itself makes every score meaningless.
    case(&dir, "wrong", 60, true, false, true);
    let (code, _, err) = run("0");
    assert_eq!(code, 1);
    assert!(
        err.contains("1 cases fail on the policy itself (the first: `wrong`)"),
        "{err}"
    );
}

#[test]
fn declared_equivalents_matched_stale_and_malformed() {
    let dir = scratch("equivalents");
    let (policy, cases) = (path(&dir.join("small.policy")), path(&dir.join("cases")));
    case(&dir, "old", 60, true, true, true);
    case(&dir, "young", 30, true, false, true);
    case(&dir, "unregistered", 60, false, false, true);
    let toml = dir.join("equivalent.toml");
    let run = |text: &str| {
        std::fs::write(&toml, text).unwrap();
        zhengce(&[
            "test",
            "--mutants",
            "--lang",
            "en",
            "--policy",
            &policy,
            "--equivalent-mutants",
            &path(&toml),
            "--format",
            "json",
            &cases,
        ])
    };
    // Matched: by place and change, and by file, line and change; stale: a warning.
    let text = format!(
        "[[equivalent]]\nplace = \"{policy}:10:14\"\nchange = \"age > bound → age >= bound\"\nreason = \"in words\"\n\n\
         [[equivalent]]\nfile = \"{policy}\"\nline = 6\nchange = \"bound = 2 → bound = 1\"\nreason = \"why\"\n\n\
         [[equivalent]]\nplace = \"{policy}:99:1\"\nreason = \"gone\"\n"
    );
    let (code, out, err) = run(&text);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let mutants = report["mutants"].as_array().unwrap();
    let equivalent: Vec<(&str, &str)> = mutants
        .iter()
        .filter(|m| m["status"] == "equivalent")
        .map(|m| (m["change"].as_str().unwrap(), m["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        equivalent,
        [
            ("bound = 2 → bound = 1", "why"),
            ("age > bound → age >= bound", "in words")
        ]
    );
    assert_eq!(report["summary"]["equivalent"], 2);
    assert_eq!(report["summary"]["generated"], 9);
    let toml_name = path(&toml);
    assert!(
        err.contains(&format!(
            "{toml_name}:12:1: warning: the declared equivalent mutant `{policy}:99:1` matches no mutant"
        )),
        "{err}"
    );
    // Malformed: TOML that does not read, a wrong type, no reason, a bad place.
    for (text, line, what) in [
        ("[[equivalent]\nreason = 1\n", 1, "not valid TOML"),
        ("\n[[equivalent]]\nplace = 3\nreason = \"r\"\n", 3, "not valid TOML"),
        (
            "[[equivalent]]\nplace = \"a.policy:1:2\"\n",
            1,
            "each entry gives a `reason`",
        ),
        (
            "\n\n[[equivalent]]\nplace = \"a.policy\"\nreason = \"r\"\n",
            3,
            "is not `file:line:col`",
        ),
        (
            "[[equivalent]]\nfile = \"a.policy\"\nline = 3\nreason = \"r\"\n",
            1,
            "each entry names its place",
        ),
        ("[[equivalents]]\n", 1, "not valid TOML"),
    ] {
        let (code, out, err) = run(text);
        assert_eq!(code, 1, "{text}: {err}");
        assert!(out.is_empty(), "{out}");
        let located = format!("{toml_name}:{line}:");
        assert!(
            err.starts_with(&located) && err.contains("the equivalent-mutants file is malformed") && err.contains(what),
            "{text}: {err}"
        );
    }
    let (code, _, err) = zhengce(&[
        "test",
        "--mutants",
        "--lang",
        "en",
        "--policy",
        &policy,
        "--equivalent-mutants",
        &path(&dir.join("none.toml")),
        &cases,
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the equivalent-mutants file"), "{err}");
}

#[test]
fn verdicts_do_not_depend_on_the_number_of_threads() {
    let dir = scratch("threads");
    case(&dir, "old", 60, true, true, true);
    case(&dir, "young", 30, true, false, true);
    let policy = path(&dir.join("small.policy"));
    let loaded = load_policy(&policy, PolicySource::Disk);
    let mutants = generate(&loaded);
    let name = path(&dir.join("cases").join("old.yaml"));
    let corpus = Corpus {
        files: vec![CorpusFile {
            bytes: Ok(std::fs::read(&name).unwrap()),
            name,
        }],
        as_of: None,
        limits: Default::default(),
        lang: zhengce::lang::Lang::En,
    };
    let origin = Origin {
        path: &policy,
        source: PolicySource::Disk,
        limits: Default::default(),
    };
    let verdicts = |threads| {
        run_mutants(&mutants, &loaded, &origin, &corpus, threads)
            .into_iter()
            .map(|o| o.verdict)
            .collect::<Vec<_>>()
    };
    assert_eq!(verdicts(1), verdicts(4));
}

/// The Hunan policy with the project's corpus and its declared equivalents: at least
/// 95% of the mutants that check are killed, and every mutant checks.
#[test]
fn the_hunan_corpus_kills_at_least_95_percent() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = path(&root.join("tests/cases"));
    let equivalents = path(&root.join("tests/cases/equivalent-mutants.toml"));
    let args = [
        "test",
        "--mutants",
        "--mutants-min",
        "95",
        "--equivalent-mutants",
        &equivalents,
    ];
    let (code, out, err) = zhengce(&[&args[..], &["--format", "json", "--lang", "en", &cases]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "no stale or contradicted declaration: {err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let s = &report["summary"];
    assert_eq!(s["generated"], s["checked"], "{s}");
    assert!(s["score"].as_f64().unwrap() >= 95.0, "{s}");
    assert_eq!(s["equivalent"], 11, "{s}");
}

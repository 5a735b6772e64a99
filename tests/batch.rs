//! `zhengce batch` (contract §5), run as a user runs it: the same decisions as `eval`
//! on every suite case (as YAML and as JSON Lines), one record per input line whatever
//! is wrong with the line, the same bytes for any number of workers, the summary, and
//! the exit codes.

#[path = "../examples/gen_cases/generator.rs"]
mod generator;
mod scratch;

use scratch::Scratch;
use serde_json::Value as Json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use zhengce::case::{Core, resolve};
use zhengce::source::FileId;
use zhengce::yaml::{ScalarStyle, YamlKind, YamlNode, parse_documents};

/// Runs zhengce with `args` (and `stdin`); the exit code, standard output and error.
fn zhengce(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zhengce runs");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.unwrap_or_default().to_vec();
    let feeder = std::thread::spawn(move || input.write_all(&bytes));
    let out = child.wait_with_output().expect("zhengce ends");
    let _ = feeder.join();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("batch-{name}"))
}

fn records(out: &str) -> Vec<Json> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// `n` generated cases, one JSON object a line.
fn generated(n: usize, seed: u64) -> Vec<String> {
    let mut cases = generator::Generator::new(seed);
    (0..n).map(|_| cases.case().to_string()).collect()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

// ───────────────────────── The suite's cases, as eval decides them ─────────────────────────

/// A YAML node as JSON text, as a JSON Lines writer would put it: plain scalars typed
/// by the core schema, everything else text.
fn to_json(node: &YamlNode) -> Json {
    match &node.kind {
        YamlKind::Scalar { text, style } => match (style, resolve(text, *style)) {
            (ScalarStyle::Plain, Core::Null) => Json::Null,
            (ScalarStyle::Plain, Core::Bool(b)) => Json::Bool(b),
            (ScalarStyle::Plain, Core::Int(_)) => serde_json::from_str(text).unwrap_or(Json::String(text.clone())),
            _ => Json::String(text.clone()),
        },
        YamlKind::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        YamlKind::Map(pairs) => Json::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.as_scalar().map_or(String::new(), |(t, _)| t.to_string()), to_json(v)))
                .collect(),
        ),
    }
}

fn suite_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "yaml") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("tests/cases"), &mut files);
    files.sort();
    files
}

/// What a record decides: everything but the trace and where its diagnostics point
/// (a JSON line and a YAML document put a value in different places).
fn decided(record: &Json) -> Json {
    let mut r = record.clone();
    if let Some(obj) = r.as_object_mut() {
        obj.remove("trace");
        if let Some(Json::Array(ds)) = obj.get_mut("diagnostics") {
            let mut codes: Vec<Json> = ds.iter().map(|d| d["code"].clone()).collect();
            codes.sort_by_key(Json::to_string);
            *ds = codes;
        }
    }
    r
}

#[test]
fn batch_decides_every_suite_case_as_eval_does_from_yaml_and_from_json_lines() {
    let files = suite_files();
    assert!(files.len() > 200, "the suite has its cases");
    let names: Vec<&str> = files.iter().map(|f| path(f)).collect();
    let mut eval_args = vec!["eval", "--format", "json"];
    eval_args.extend(&names);
    let (_, eval_out, _) = zhengce(&eval_args, None);
    let from_eval = records(&eval_out);

    // YAML: the very records of eval, trace aside, diagnostics at the same lines.
    let mut batch_args = vec!["batch", "--quiet", "--jobs", "2"];
    batch_args.extend(&names);
    let (code, batch_out, _) = zhengce(&batch_args, None);
    assert_eq!(code, 1, "the suite holds cases with input errors");
    let from_batch = records(&batch_out);
    assert_eq!(from_batch.len(), from_eval.len(), "one record per case");
    for (e, b) in from_eval.iter().zip(&from_batch) {
        if e["diagnostics"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|d| d["code"] == "as_of_today"))
        {
            // Only `eval` falls back on today's date; a batch must be the same every day.
            assert_eq!(b["diagnostics"][0]["code"], "no_evaluation_date", "{b}");
            continue;
        }
        let mut e = e.clone();
        if let Some(obj) = e.as_object_mut() {
            obj.remove("trace");
        }
        assert_eq!(&e, b);
    }

    // JSON Lines: every document that is YAML without a syntax error, written as JSON.
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    let mut eval_records = from_eval.iter();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a suite file");
        for doc in parse_documents(FileId(0), &text) {
            let empty = matches!(&doc.root.kind, YamlKind::Scalar { text, .. } if text.is_empty());
            if doc.complete && doc.diagnostics.is_empty() && empty {
                continue;
            }
            let record = eval_records.next().expect("a record per document");
            let dated = record["diagnostics"]
                .as_array()
                .is_some_and(|ds| ds.iter().all(|d| d["code"] != "as_of_today"));
            if doc.complete && doc.diagnostics.is_empty() && dated {
                lines.push(to_json(&doc.root).to_string());
                expected.push(decided(record));
            }
        }
    }
    assert!(lines.len() > 200, "{} cases as JSON", lines.len());
    let dir = scratch("suite");
    let jsonl = dir.join("suite.jsonl");
    std::fs::write(&jsonl, lines.join("\n") + "\n").expect("written");
    let (_, out, _) = zhengce(&["batch", "-q", path(&jsonl)], None);
    let got = records(&out);
    assert_eq!(got.len(), lines.len());
    for ((g, e), line) in got.iter().zip(&expected).zip(&lines) {
        assert_eq!(&decided(g), e, "{line}");
    }
}

// ───────────────────────── Corrupt lines ─────────────────────────

/// The five kinds of damage, and the code of the error record each must give.
const DAMAGE: [(&str, &str); 5] = [
    ("cut", "json_syntax"),
    ("bad date", "invalid_date"),
    ("garbage", "invalid_utf8"),
    ("unknown key", "unknown_key"),
    ("duplicate id", "duplicate_case_id"),
];

fn damage(line: &str, kind: usize, earlier_id: &str) -> Vec<u8> {
    match kind {
        0 => line.as_bytes()[..line.len() / 2].to_vec(),
        1 => {
            let at = line.find("\"as_of\":\"").expect("an as_of") + 9;
            format!("{}2025-02-30{}", &line[..at], &line[at + 10..]).into_bytes()
        }
        2 => vec![0xff, 0xfe, b'{', 0x00, 0x9f, b'"', 0xc3, 0x28, b'}', 0x80],
        3 => line.replacen("\"person\":", "\"persom\":", 1).into_bytes(),
        _ => {
            let at = line.find("\"id\":\"").expect("an id") + 6;
            let end = at + line[at..].find('"').expect("the id ends");
            format!("{}{earlier_id}{}", &line[..at], &line[end..]).into_bytes()
        }
    }
}

#[test]
fn one_percent_corrupt_lines_give_one_error_record_each_and_leave_the_rest_unchanged() {
    let clean = generated(2000, 11);
    let dir = scratch("corrupt");
    let clean_path = dir.join("clean.jsonl");
    std::fs::write(&clean_path, clean.join("\n") + "\n").expect("written");
    let mut damaged: Vec<Vec<u8>> = clean.iter().map(|l| l.as_bytes().to_vec()).collect();
    // 20 lines (1%), four of each kind, spread over the file.
    let mut broken = Vec::new();
    for k in 0..20 {
        let line = 50 + k * 97;
        let kind = k % DAMAGE.len();
        let earlier: Json = serde_json::from_str(&clean[line - 7]).expect("JSON");
        let earlier_id = earlier["id"].as_str().expect("an id").to_string();
        damaged[line] = damage(&clean[line], kind, &earlier_id);
        broken.push((line, kind));
    }
    let damaged_path = dir.join("damaged.jsonl");
    let mut bytes = damaged.join(&b'\n');
    bytes.push(b'\n');
    std::fs::write(&damaged_path, bytes).expect("written");

    let (code, clean_out, _) = zhengce(&["batch", "-q", path(&clean_path)], None);
    assert_eq!(code, 0, "every generated case is valid");
    let (code, damaged_out, _) = zhengce(&["batch", "-q", path(&damaged_path)], None);
    assert_eq!(code, 1, "some record is an error");
    // The records name their file: the damaged run's are compared under the clean name.
    let damaged_out = damaged_out.replace(path(&damaged_path), path(&clean_path));
    let clean_lines: Vec<&str> = clean_out.lines().collect();
    let damaged_lines: Vec<&str> = damaged_out.lines().collect();
    assert_eq!(damaged_lines.len(), 2000, "exactly one record per input line");
    for (i, (c, d)) in clean_lines.iter().zip(&damaged_lines).enumerate() {
        match broken.iter().find(|(line, _)| *line == i) {
            None => assert_eq!(c, d, "line {} changed", i + 1),
            Some((_, kind)) => {
                let record: Json = serde_json::from_str(d).expect("JSON");
                assert_eq!(record["status"], "error", "{d}");
                let (what, code) = DAMAGE[*kind];
                let diagnostic = record["diagnostics"]
                    .as_array()
                    .and_then(|ds| ds.iter().find(|x| x["code"] == code))
                    .unwrap_or_else(|| panic!("{what}: no {code} in {d}"));
                assert_eq!(diagnostic["line"], i + 1, "{what}: {d}");
                assert_eq!(diagnostic["file"], path(&clean_path), "{what}");
                if *kind == 4 {
                    let first = format!("第 {} 行", i + 1 - 7);
                    assert!(diagnostic["help"].as_str().is_some_and(|h| h.contains(&first)), "{d}");
                }
            }
        }
    }
}

// ───────────────────────── Workers, inputs, summary, exit codes ─────────────────────────

#[test]
fn any_number_of_workers_writes_the_same_bytes() {
    let mut lines = generated(3000, 5);
    lines[10] = "{\"id\": \"cut".into();
    lines[2000] = lines[5].clone();
    let dir = scratch("jobs");
    let jsonl = dir.join("cases.jsonl");
    std::fs::write(&jsonl, lines.join("\n") + "\n").expect("written");
    let yaml = dir.join("cases.yaml");
    let docs: Vec<String> = lines[..300].iter().map(|l| format!("---\n{l}\n")).collect();
    std::fs::write(&yaml, docs.concat()).expect("written");
    let run = |jobs: &str| zhengce(&["batch", "-q", "--jobs", jobs, path(&jsonl), path(&yaml)], None);
    let (code, one, _) = run("1");
    assert_eq!(code, 1);
    assert_eq!(one.lines().count(), 3300);
    for jobs in ["2", "3", "8"] {
        let (_, many, _) = run(jobs);
        assert!(one == many, "--jobs {jobs} wrote other bytes than --jobs 1");
    }
}

/// Several inputs in one chunk (an empty one among them): each record names its own
/// input, and a duplicate id names the input and line of its first use.
#[test]
fn records_name_their_own_input_and_a_duplicate_the_first_ones() {
    let lines = generated(4, 8);
    let dir = scratch("inputs");
    let first = dir.join("first.jsonl");
    std::fs::write(&first, format!("{}\n{}\n", lines[0], lines[1])).expect("written");
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").expect("written");
    // A missing `employment.since` gives an error naming the file and line.
    let mut broken: Json = serde_json::from_str(&lines[2]).expect("JSON");
    broken["employment"] = serde_json::json!({"status": "employed"});
    let second = dir.join("second.jsonl");
    std::fs::write(&second, format!("{}\n{}\n{broken}\n", lines[3], lines[1])).expect("written");
    let (_, out, _) = zhengce(
        &["batch", "-q", "--jobs", "2", path(&first), path(&empty), path(&second)],
        None,
    );
    let got = records(&out);
    assert_eq!(got.len(), 5, "{out}");
    let file_of = |r: &Json| {
        r["diagnostics"]
            .as_array()
            .and_then(|d| d.first())
            .map(|d| d["file"].clone())
    };
    let duplicate = &got[3]["diagnostics"][0];
    assert_eq!(duplicate["code"], "duplicate_case_id", "{out}");
    assert_eq!(duplicate["file"], path(&second), "{out}");
    assert_eq!(duplicate["line"], 2, "{out}");
    let help = duplicate["help"].as_str().expect("a help");
    assert!(help.contains(&format!("`{}` 第 2 行", path(&first))), "{help}");
    assert_eq!(file_of(&got[4]), Some(Json::from(path(&second))), "{out}");
    assert_eq!(got[4]["diagnostics"][0]["line"], 3, "{out}");
}

#[test]
fn standard_input_is_json_lines_or_yaml_and_blank_lines_are_no_cases() {
    let lines = generated(3, 2);
    let jsonl = format!("\n{}\n\n   \n{}\n{}\n", lines[0], lines[1], lines[2]);
    let (code, out, _) = zhengce(&["batch", "-q", "-"], Some(jsonl.as_bytes()));
    assert_eq!(code, 0);
    let got = records(&out);
    assert_eq!(got.len(), 3, "blank lines give no record");
    assert_eq!(got[1]["case"], "GEN-2-0000002");
    let yaml = "---\nid: Y-1\nas_of: 2025-09-01\nperson: { gender: male, birth_date: 1975-03-10 }\n\
                employment: { status: unemployed }\n---\nid: Y-2\nas_of: 2025-09-01\n\
                person: { gender: male, birth_date: 1975-03-10 }\nemployment: { status: unemployed }\n";
    let (code, out, _) = zhengce(&["batch", "-q", "-"], Some(yaml.as_bytes()));
    assert_eq!(code, 0, "{out}");
    let got = records(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["case"], "Y-2");
    assert!(got[1].get("eligible").is_some(), "evaluated: {}", got[1]);
    // A YAML file that starts with a comment, piped in: JSON Lines by §5, and the user
    // is told why and what to write (a README reader met only the per-line errors).
    let commented = format!("# a case\n{}", yaml.trim_start_matches("---\n"));
    let (code, out, err) = zhengce(&["batch", "-", "--lang", "en"], Some(commented.as_bytes()));
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("read as JSON Lines") && err.contains("start YAML cases with `---`"),
        "{err}"
    );
    let (_, _, err) = zhengce(&["batch", "-"], Some(commented.as_bytes()));
    assert!(err.contains("YAML 案件请以 `---` 开头"), "{err}");
    let (_, _, err) = zhengce(
        &["batch", "-", "--lang", "en"],
        Some(format!("---\n{commented}").as_bytes()),
    );
    assert!(!err.contains("read as JSON Lines"), "{err}");
    let (_, _, err) = zhengce(&["batch", "-", "--lang", "en"], Some(jsonl.as_bytes()));
    assert!(!err.contains("read as JSON Lines"), "{err}");
}

#[test]
fn the_summary_counts_what_the_records_say() {
    // Six chunks on one worker: the writer gives written chunks back to be filled
    // again, and what a reused chunk held must not count twice.
    let mut lines = generated(3000, 9);
    lines[7] = "not json".into();
    let dir = scratch("summary");
    let jsonl = dir.join("cases.jsonl");
    std::fs::write(&jsonl, lines.join("\n")).expect("written");
    let summary_path = dir.join("summary.json");
    let (code, out, err) = zhengce(
        &["batch", "--jobs", "1", path(&jsonl), "--summary", path(&summary_path)],
        None,
    );
    assert_eq!(code, 1);
    let got = records(&out);
    let summary: Json =
        serde_json::from_str(&std::fs::read_to_string(&summary_path).expect("a summary")).expect("JSON");
    let errors = got.iter().filter(|r| r["status"] == "error").count();
    let eligible = got.iter().filter(|r| r["eligible"] == true).count();
    assert_eq!(got.len(), 3000);
    assert_eq!(summary["cases"], 3000);
    assert_eq!(summary["errors"], errors);
    assert_eq!(summary["evaluated"], 2999);
    assert_eq!(summary["eligible"], eligible);
    let in_category_1 = got
        .iter()
        .filter(|r| r["categories"].as_array().is_some_and(|c| c.contains(&Json::from(1))))
        .count();
    assert_eq!(summary["categories"]["1"], in_category_1);
    let tier_2 = got.iter().filter(|r| r["tier"] == 2).count();
    assert_eq!(summary["tier"]["2"], tier_2);
    assert!(
        err.contains("案件 3000") && err.contains("每秒案件数"),
        "in Chinese by default: {err}"
    );
}

#[test]
fn validate_only_and_trace_and_out() {
    let lines = generated(20, 4);
    let dir = scratch("modes");
    let jsonl = dir.join("cases.jsonl");
    std::fs::write(&jsonl, lines.join("\n")).expect("written");
    let (code, out, _) = zhengce(&["batch", "-q", "--validate-only", path(&jsonl)], None);
    assert_eq!(code, 0);
    let got = records(&out);
    assert_eq!(got.len(), 20);
    assert!(got.iter().all(|r| r["status"] == "ok" && r.get("eligible").is_none()));
    let (_, out, _) = zhengce(&["batch", "-q", path(&jsonl)], None);
    assert!(
        records(&out).iter().all(|r| r.get("trace").is_none()),
        "no trace unless asked"
    );
    let (_, out, _) = zhengce(&["batch", "-q", "--trace", path(&jsonl)], None);
    assert!(
        records(&out)
            .iter()
            .all(|r| r["trace"].as_array().is_some_and(|t| !t.is_empty()))
    );
    let written = dir.join("out.jsonl");
    let (code, out, _) = zhengce(&["batch", "-q", "--out", path(&written), path(&jsonl)], None);
    assert_eq!((code, out.as_str()), (0, ""), "nothing else on standard output");
    let file = std::fs::read_to_string(&written).expect("the records");
    assert_eq!(file.lines().count(), 20);
}

/// `--validate-only` checks a case against the case schema and evaluates nothing: a
/// case that only the policy's own `check` rules find wrong (an employed person with no
/// `employment.since`, a `check` of severity error) passes it, and is an error record in
/// the batch itself, as the README says.
#[test]
fn validate_only_does_not_run_the_policys_checks() {
    let mut case: Json = serde_json::from_str(&generated(1, 4)[0]).expect("a case");
    case["employment"] = serde_json::json!({ "status": "employed" });
    let line = case.to_string();
    let (code, out, _) = zhengce(&["batch", "-q", "--validate-only", "-"], Some(line.as_bytes()));
    assert_eq!(code, 0);
    assert_eq!(records(&out)[0]["status"], "ok");
    let (code, out, _) = zhengce(&["batch", "-q", "-"], Some(line.as_bytes()));
    assert_eq!(code, 1, "an error record");
    let record = &records(&out)[0];
    assert_eq!(record["status"], "error");
    assert!(
        record["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["code"]
                .as_str()
                .is_some_and(|c| c.contains("employment_since_missing")))),
        "{record}"
    );
}

#[test]
fn exit_codes_say_what_happened() {
    let lines = generated(5, 3);
    let dir = scratch("exit");
    let good = dir.join("good.jsonl");
    std::fs::write(&good, lines.join("\n")).expect("written");
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, format!("{}\n{{\"id\": \"x\"}}\n", lines[0])).expect("written");
    let policy = dir.join("broken.policy");
    std::fs::write(&policy, "policy \"p\" { this is not a policy").expect("written");
    assert_eq!(
        zhengce(&["batch", "-q", path(&good)], None).0,
        0,
        "every case evaluated"
    );
    assert_eq!(zhengce(&["batch", "-q", path(&bad)], None).0, 1, "an error record");
    assert_eq!(
        zhengce(&["batch", "-q", "--jobs", "many", path(&good)], None).0,
        2,
        "usage"
    );
    assert_eq!(zhengce(&["batch"], None).0, 2, "usage: no input");
    let (code, _, err) = zhengce(&["batch", "-q", "--policy", path(&policy), path(&good)], None);
    assert_eq!(code, 3, "policy errors: {err}");
    let missing = dir.join("missing.jsonl");
    let (code, out, _) = zhengce(&["batch", "-q", path(&missing), path(&good)], None);
    assert_eq!(code, 1, "an unreadable input is an error record, the others are read");
    let got = records(&out);
    assert_eq!(got.len(), 6);
    assert_eq!(got[0]["diagnostics"][0]["file"], path(&missing), "located: {}", got[0]);
    assert_eq!(got[0]["diagnostics"][0]["line"], 1);
    // `--out` naming an input would erase the cases before they are read.
    let (code, _, err) = zhengce(&["batch", "-q", path(&good), "--out", path(&good)], None);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(&good).map(|t| t.lines().count()).ok(),
        Some(5),
        "the input is kept"
    );
}

#[test]
fn id_numbers_are_masked_unless_asked() {
    let line = generated(1, 8).remove(0);
    // A case whose id is an ID number: it is in every record of the case.
    let id = "430102197503101234";
    let leaky = line.replacen("\"id\":\"GEN-8-0000001\"", &format!("\"id\":\"{id}\""), 1);
    assert_ne!(leaky, line);
    let dir = scratch("pii");
    let jsonl = dir.join("cases.jsonl");
    std::fs::write(&jsonl, format!("{leaky}\n{leaky}\n")).expect("written");
    let (_, out, _) = zhengce(&["batch", "-q", path(&jsonl)], None);
    assert!(!out.contains(id), "an ID number in the output: {out}");
    assert!(out.contains("430102********1234"), "{out}");
    let (_, shown, _) = zhengce(&["batch", "-q", "--show-pii", path(&jsonl)], None);
    assert!(shown.contains(id), "--show-pii shows it");
}

#[test]
fn id_numbers_are_masked_after_a_duplicate_in_a_trace_and_in_an_out_file() {
    let lines = generated(2, 9);
    let id = "430102197503101234";
    // The third case: its id an ID number, and one in a text its trace shows.
    let third = lines[1]
        .replacen("\"id\":\"GEN-9-0000002\"", &format!("\"id\":\"{id}\""), 1)
        .replacen(
            "\"person\":{",
            &format!("\"person\":{{\"provincial_designation\":\"证号{id}\","),
            1,
        );
    assert_eq!(third.matches(id).count(), 2, "{third}");
    let dir = scratch("pii-trace");
    let jsonl = dir.join("cases.jsonl");
    // The first case twice: the records after a duplicate's are masked too.
    std::fs::write(&jsonl, format!("{}\n{}\n{third}\n", lines[0], lines[0])).expect("written");
    let out = dir.join("records.jsonl");
    let (code, _, err) = zhengce(&["batch", "-q", "--trace", path(&jsonl), "--out", path(&out)], None);
    assert_eq!(code, 1, "the duplicate is an error record: {err}");
    let text = std::fs::read_to_string(&out).expect("the records");
    assert!(!text.contains(id), "an ID number in the output: {text}");
    let all = records(&text);
    assert_eq!(all.len(), 3);
    assert_eq!(all[1]["diagnostics"][0]["code"], "duplicate_case_id");
    assert_eq!(all[2]["case"], "430102********1234");
    let trace = all[2]["trace"]
        .as_array()
        .map(|t| t.iter().filter_map(Json::as_str).collect::<Vec<_>>());
    let trace = trace.unwrap_or_default().join("\n");
    assert!(trace.contains("证号430102********1234"), "{trace}");
    let (_, _, err) = zhengce(
        &[
            "batch",
            "-q",
            "--trace",
            "--show-pii",
            path(&jsonl),
            "--out",
            path(&out),
        ],
        None,
    );
    let shown = std::fs::read_to_string(&out).expect("the records");
    assert_eq!(shown.matches(id).count(), 2, "--show-pii shows both: {err}");
}

#[test]
fn as_of_wins_over_each_cases_own_date() {
    let lines = generated(10, 12);
    let dir = scratch("as-of");
    let jsonl = dir.join("cases.jsonl");
    std::fs::write(&jsonl, lines.join("\n")).expect("written");
    let (code, out, _) = zhengce(&["batch", "-q", "--as-of", "2026-01-15", path(&jsonl)], None);
    assert_eq!(code, 0);
    let got = records(&out);
    assert_eq!(got.len(), 10);
    assert!(got.iter().all(|r| r["as_of"] == "2026-01-15"), "{out}");
    let (_, own, _) = zhengce(&["batch", "-q", path(&jsonl)], None);
    assert!(
        records(&own).iter().any(|r| r["as_of"] != "2026-01-15"),
        "the cases' own dates differ"
    );
}

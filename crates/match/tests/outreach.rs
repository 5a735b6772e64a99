//! `zhengce match` on the shipped example (examples/outreach): the synthetic registries
//! are what the generator makes; the push list is the expected one and agrees, person
//! by person, with the scenarios the generator made the people from (an account of
//! the outcome that does not come from the policy); each bad-row kind is reported in
//! the error table, and a CSV row the engine cannot read (another width than its header,
//! bytes not UTF-8) is one more row there while the run goes on; IDs are masked unless asked; a bad mapping is told with its place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> PathBuf {
    root().join("examples/outreach")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-match-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn zhengce_match(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhengce-match"))
        .args(args)
        .env("ZHENGCE_LANG", "zh")
        .output()
        .expect("zhengce-match runs")
}

fn run_example(out: &Path, extra: &[&str]) -> Output {
    let mapping = example().join("hunan-2025.mapping.toml");
    let mut args = vec!["--mapping", mapping.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    zhengce_match(&args)
}

/// The run ended with the example's data problems (exit 1) and wrote its expected list.
fn assert_the_expected_list(output: &Output, out: &Path) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(read(out), read(&example().join("expected-push-list.csv")));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_generator_makes_the_shipped_registries() {
    let dir = scratch("gen");
    // The example as `cargo test` built it, beside this test's own executable (a `cargo
    // run` here would resolve the crate's features alone and rebuild its dependencies).
    let exe = std::env::current_exe().expect("the test's path");
    let generator = exe
        .parent()
        .and_then(Path::parent)
        .map(|target| {
            target
                .join("examples")
                .join(format!("gen_registries{}", std::env::consts::EXE_SUFFIX))
        })
        .expect("the target folder");
    let status = Command::new(&generator)
        .arg(&dir)
        .args(["200", "7"])
        .status()
        .unwrap_or_else(|e| panic!("{}: {e}", generator.display()));
    assert!(status.success());
    for file in [
        "unemployment",
        "dibao",
        "disability",
        "land",
        "veterans",
        "employment",
        "certified",
    ] {
        let name = format!("registries/{file}.csv");
        let made = std::fs::read(dir.join(&name)).expect("made");
        assert_eq!(made, std::fs::read(example().join(&name)).expect("shipped"), "{name}");
    }
    assert_eq!(read(&dir.join("scenarios.csv")), read(&example().join("scenarios.csv")));
    let unemployment = std::fs::read(dir.join("registries/unemployment.csv")).unwrap();
    assert!(
        std::str::from_utf8(&unemployment).is_err(),
        "the unemployment extract is GB18030, not UTF-8"
    );
}

#[test]
fn the_push_list_is_the_expected_one_and_agrees_with_the_scenarios() {
    let dir = scratch("list");
    let out = dir.join("push.csv");
    let summary = dir.join("summary.json");
    let output = run_example(&out, &["--summary", summary.to_str().unwrap(), "--show-pii"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "data problems: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    // Every person the scenarios list, once, with their categories; nobody else.
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    for line in read(&example().join("scenarios.csv")).lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        if !cols[3].is_empty() {
            expected.insert(cols[0].to_owned(), cols[3].replace(';', "、"));
        }
    }
    let list = read(&out);
    let mut listed: BTreeMap<String, String> = BTreeMap::new();
    for line in list.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        assert!(
            listed.insert(cols[0].to_owned(), cols[3].to_owned()).is_none(),
            "listed once: {line}"
        );
    }
    assert_eq!(listed, expected);
    assert!(
        expected.values().any(|c| c == "一（三）、一（四）"),
        "a person in two rosters, both categories"
    );

    let summary = read(&summary);
    assert!(summary.contains("\"listed\": 100"), "{summary}");
    assert!(
        summary.contains("\"天心区\""),
        "districts read from the GB18030 extract: {summary}"
    );
}

#[test]
fn the_masked_list_and_error_table_are_the_shipped_ones_in_either_language() {
    let dir = scratch("masked");
    let out = dir.join("push.csv");
    let output = run_example(&out, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(read(&out), read(&example().join("expected-push-list.csv")));
    assert_eq!(
        read(&dir.join("push.errors.csv")),
        read(&example().join("expected-errors.csv"))
    );
    assert!(dir.join("push.parquet").is_file());
    assert!(!read(&out).contains("430103199"), "IDs are masked");

    let en = run_example(&out, &["--lang", "en"]);
    assert_eq!(en.status.code(), Some(1));
    assert!(read(&out).starts_with("ID number,district,categories,clauses,reasons\n"));
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(stderr.contains("100 on the push list, 6 data problems"), "{stderr}");
}

#[test]
fn each_bad_row_kind_is_in_the_error_table() {
    let errors = read(&example().join("expected-errors.csv"));
    for (source, problem) in [
        ("dibao,101,身份证号码", "校验码"),
        ("disability,42,身份证号码", "与第 41 行的身份证号码相同"),
        ("unemployment,161,登记失业日期,2026-02-30", "只有 28 天"),
        ("查询结果,,person.id_number,430104********9027", "出现多次"),
    ] {
        assert!(
            errors.lines().any(|l| l.starts_with(source) && l.contains(problem)),
            "{source} … {problem} in:\n{errors}"
        );
    }
}

#[test]
fn a_bad_mapping_is_told_with_its_place_and_exit_status_2() {
    let dir = scratch("bad");
    let shipped = read(&example().join("hunan-2025.mapping.toml"));
    for (name, text, said) in [
        (
            "typo.toml",
            shipped.replace("listed_when = [\"eligible\"]", "listed_when = [\"eligble\"]"),
            "`eligible`",
        ),
        (
            "toml.toml",
            shipped.replace("as_of = 2026-06-30", "as_of = 2026-06-30x"),
            "第 9 行第 9 列",
        ),
        (
            "encoding.toml",
            shipped.replace("encoding = \"gb18030\"", ""),
            "表头不是 UTF-8：若是 GB18030，请在映射中为它写 `encoding = \"gb18030\"`",
        ),
        (
            "unknown.toml",
            shipped.replace("person = ", "persons = "),
            "映射文件有误",
        ),
        (
            "column.toml",
            shipped.replace("AS \"person.dibao\"", "AS \"person.dibau\""),
            "是否应为 `dibao`",
        ),
    ] {
        let mapping = dir.join(name);
        std::fs::write(
            &mapping,
            text.replace("registries/", &format!("{}/registries/", example().display())),
        )
        .unwrap();
        let out = dir.join("push.csv");
        let output = zhengce_match(&["--mapping", mapping.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(said), "{name}: {stderr}");
    }
}

#[test]
fn a_row_the_engine_cannot_read_is_in_the_error_table_and_the_run_goes_on() {
    let dir = scratch("ragged");
    let registries = dir.join("registries");
    std::fs::create_dir_all(&registries).unwrap();
    for entry in std::fs::read_dir(example().join("registries")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, registries.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        example().join("hunan-2025.mapping.toml"),
        dir.join("hunan-2025.mapping.toml"),
    )
    .unwrap();
    // dibao (UTF-8, its lines ended with CR LF as Windows writes them): a short row
    // before data row 51, a long one and one that is not UTF-8 at the end; the
    // unemployment extract (GB18030; these bytes are ASCII) a short row first.
    let dibao = registries.join("dibao.csv");
    let mut lines: Vec<String> = read(&dibao).lines().map(str::to_owned).collect();
    lines.insert(51, "430102199001010008,开福区".to_owned());
    lines.push("430102199001010016,\"芙蓉区,x\",2024-10-05,extra".to_owned());
    let mut bytes = (lines.join("\r\n") + "\r\n").into_bytes();
    bytes.extend_from_slice(b"430102199001010024,\xbf\xaa\xb8\xa3,2024-10-05\r\n");
    std::fs::write(&dibao, bytes).unwrap();
    let unemployment = registries.join("unemployment.csv");
    let bytes = std::fs::read(&unemployment).unwrap();
    let header_end = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
    let mut changed = bytes[..header_end].to_vec();
    changed.extend_from_slice(b"x\n");
    changed.extend_from_slice(&bytes[header_end..]);
    std::fs::write(&unemployment, changed).unwrap();

    let out = dir.join("push.csv");
    let mapping = dir.join("hunan-2025.mapping.toml");
    let output = zhengce_match(&["--mapping", mapping.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_the_expected_list(&output, &out);
    let errors = read(&dir.join("push.errors.csv"));
    let dibao_rows = read(&example().join("registries/dibao.csv")).lines().count();
    let long_row = format!("dibao,{},,,这一行有 4 个字段，而表头有 3 个", dibao_rows + 1);
    let not_utf8 = format!("dibao,{},,,这一行有不是 UTF-8 的字节", dibao_rows + 2);
    for line in [
        "unemployment,1,,,这一行有 1 个字段",
        "unemployment,162,登记失业日期,2026-02-30,",
        "dibao,51,,,这一行有 2 个字段，而表头有 3 个",
        "dibao,102,身份证号码,430102********1230,",
        long_row.as_str(),
        not_utf8.as_str(),
    ] {
        assert!(errors.lines().any(|l| l.starts_with(line)), "{line} in:\n{errors}");
    }
    // Each of the first rows of the error table stays where it was, shifted by the rows
    // added before it.
    assert_eq!(
        errors.lines().count(),
        read(&example().join("expected-errors.csv")).lines().count() + 4
    );
}

#[test]
fn the_smallest_memory_allowed_gives_the_same_list_and_less_is_refused() {
    let dir = scratch("memory");
    let out = dir.join("push.csv");
    // Every sort of the query's joins gets its share of 64 MB (with a greedy pool, one
    // sort could take it all and the next fail the run).
    let output = run_example(&out, &["--memory-mb", "64"]);
    assert_the_expected_list(&output, &out);
    let refused = run_example(&dir.join("small.csv"), &["--memory-mb", "8"]);
    assert_eq!(refused.status.code(), Some(2));
    let told = String::from_utf8_lossy(&refused.stderr);
    assert!(
        told.contains("`--memory-mb` 须为至少 64 的整数（兆字节），而不是 8"),
        "{told}"
    );
    // Other mistakes on the command line are told in the user's language too.
    let mistyped = run_example(&dir.join("typo.csv"), &["--memroy-mb", "64"]);
    assert_eq!(mistyped.status.code(), Some(2));
    let told = String::from_utf8_lossy(&mistyped.stderr);
    assert!(
        told.contains("不认识的参数 `--memroy-mb`") && told.contains("`--memory-mb`"),
        "{told}"
    );
}

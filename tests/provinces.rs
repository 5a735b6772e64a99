//! Every province under `examples/provinces/` is a policy repository of its own (issue
//! 12): its policy checks with `--strict` and its cases pass with full rule coverage,
//! run from its folder as the repository's `zhengce.toml` sets them up.

use std::path::Path;
use std::process::Command;

fn zhengce_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .current_dir(dir)
        .env("ZHENGCE_LANG", "en")
        .output()
        .expect("zhengce runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn every_province_checks_strictly_and_passes_its_cases() {
    let provinces = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/provinces");
    let mut seen = 0;
    for entry in std::fs::read_dir(&provinces).expect("examples/provinces") {
        let dir = entry.expect("an entry").path();
        if !dir.join("zhengce.toml").is_file() {
            continue;
        }
        seen += 1;
        let (code, said) = zhengce_in(&dir, &["check", "--strict"]);
        assert_eq!(code, 0, "{}: {said}", dir.display());
        let (code, said) = zhengce_in(&dir, &["test", "--coverage"]);
        assert_eq!(code, 0, "{}: {said}", dir.display());
        let passed: usize = said
            .lines()
            .find_map(|l| l.strip_suffix(" passed, 0 failed"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0);
        assert!(passed >= 15, "{}: {passed} cases: {said}", dir.display());
        assert!(said.contains("rules 100.0%"), "{said}");
        // The corpus catches a wrong edit of the province's own file: no mutant of it
        // survives (those of the national files it uses are the national corpus's).
        let (code, said) = zhengce_in(&dir, &["test", "--mutants", "--format", "json"]);
        assert_eq!(code, 0, "{}: {said}", dir.display());
        let json = &said[said.find('{').unwrap_or(0)..];
        let report: serde_json::Value = serde_json::from_str(json).expect("a JSON report");
        let own_survivors: Vec<&serde_json::Value> = report["mutants"]
            .as_array()
            .expect("mutants")
            .iter()
            .filter(|m| m["status"] == "survived" && !m["file"].as_str().unwrap_or("").starts_with("../"))
            .collect();
        assert!(own_survivors.is_empty(), "{}: {own_survivors:#?}", dir.display());
    }
    assert!(seen >= 1, "no province under examples/provinces");
}

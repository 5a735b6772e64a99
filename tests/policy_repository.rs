//! A policy repository (issue 12): `zhengce.toml`, found from the current folder or a
//! folder above, names the policy, the case folders and the coverage minimum; `check`,
//! `test`, `diff`, `eval` and `repl` with no file argument use them. Without one, what
//! uses the built-in policy says so. Run as a user would: the binary, in a folder.

mod scratch;
mod support;

use scratch::Scratch;
use std::path::Path;
use std::process::Command;

const POLICY: &str = "policies/hunan/2025-employment-assistance.policy";

/// Runs `zhengce ARGS…` in `dir` with the language pinned; exit code, stdout, stderr.
fn zhengce_in(dir: &Path, lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .current_dir(dir)
        .env("ZHENGCE_LANG", lang)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("zhengce runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8 output");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn zhengce(dir: &Path, args: &[&str]) -> (i32, String, String) {
    zhengce_in(dir, "en", args)
}

/// A policy repository in a scratch folder: the shipped policies, a few of the
/// project's cases, and `settings` as its zhengce.toml.
fn repository(name: &str, settings: &str) -> Scratch {
    let root = Scratch::new(&format!("repo-{name}"));
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    support::copy_dir(&project.join("policies"), &root.join("policies"));
    support::copy_dir(&project.join("tests/cases/exits"), &root.join("cases/exits"));
    std::fs::create_dir_all(root.join("cases/notes")).unwrap();
    std::fs::write(root.join("zhengce.toml"), settings).unwrap();
    root
}

const SETTINGS: &str = "policy = \"policies/hunan/2025-employment-assistance.policy\"\ncases = [\"cases\"]\n";

#[test]
fn check_with_no_file_checks_the_repository_s_policy_on_disk() {
    let root = repository("check", SETTINGS);
    let (code, out, err) = zhengce(&root, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&format!("{POLICY}: ok")), "{out}");
    // A type error in the file on disk is reported in that file, not hidden behind the
    // built-in copy.
    let path = root.join(POLICY);
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replace("= 16 years", "= \"sixteen\"");
    assert_ne!(broken, text);
    std::fs::write(&path, broken).unwrap();
    let (code, _, err) = zhengce(&root, &["check"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains(&format!("{POLICY}:")), "{err}");
    // From a folder below, the same file, named from there.
    let (code, _, err) = zhengce(&root.join("cases/notes"), &["check"]);
    assert_eq!(code, 3);
    assert!(err.contains(&format!("../../{POLICY}")), "{err}");
}

#[test]
fn outside_a_repository_the_built_in_policy_says_so() {
    let dir = Scratch::new("norepo");
    let (code, out, _) = zhengce(&dir, &["check"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(&format!("builtin:{POLICY}: ok")), "{out}");
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cases/li-qiang.yaml");
    let (_, out, _) = zhengce(&dir, &["eval", &case.to_string_lossy()]);
    assert!(out.contains("built-in policy"), "{out}");
    let (_, _, err) = zhengce(&dir, &["eval", "--format", "json", &case.to_string_lossy()]);
    assert!(err.contains("using the built-in policy"), "{err}");
    let (_, out, _) = zhengce_in(&dir, "zh", &["eval", &case.to_string_lossy()]);
    assert!(out.contains("· 内置政策"), "{out}");
    // `test` and `batch`, whose outputs do not name the policy, say so on stderr.
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/exits");
    let (code, _, err) = zhengce(&dir, &["test", &cases.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("using the built-in policy hunan-2025-employment-assistance"),
        "{err}"
    );
    // Nothing to test and nowhere to find it: a usage error, not a silent pass.
    let (code, _, err) = zhengce(&dir, &["test"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no case files or folders given, and no zhengce.toml"),
        "{err}"
    );
}

#[test]
fn test_runs_the_repository_s_cases_and_coverage_minimum() {
    let root = repository("test", &format!("{SETTINGS}coverage_min = 100\n"));
    let (code, out, err) = zhengce(&root, &["test"]);
    // The exit cases alone leave most rules untried: below the minimum.
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("0 failed"), "{out}");
    assert!(out.contains("below"), "{out}");
    // The command line wins over the settings.
    let (code, out, err) = zhengce(&root, &["test", "--coverage-min", "0"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = zhengce(&root, &["test", "cases/exits/exit1-enterprise-roles"]);
    assert!(out.contains("passed"), "{out}");
    assert_eq!(code, 1, "the minimum still holds for the cases named: {out}");
}

#[test]
fn eval_and_diff_use_the_repository_s_policy() {
    let root = repository("diff", SETTINGS);
    // The repository's edit: refusals to exit raised from 3 to 4.
    let path = root.join(POLICY);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "refusals_to_exit \"连续拒绝次数\" en \"consecutive refusals\" = 3",
            "refusals_to_exit \"连续拒绝次数\" en \"consecutive refusals\" = 4",
        ),
    )
    .unwrap();
    // NEW and the cases come from zhengce.toml.
    let (code, out, err) = zhengce(&root, &["diff", "builtin"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("五（四）"), "{out}");
    assert!(!out.contains(" 0 changed"), "{out}");
    // OLD may be another checkout: the policy its zhengce.toml names.
    let base = repository("diff-base", SETTINGS);
    let (code, with_folder, err) = zhengce(&root, &["diff", &base.to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        with_folder,
        out.replace("builtin:", &format!("{}/", base.to_string_lossy()))
    );
    // A folder without zhengce.toml as NEW: no policy there.
    let (code, _, _) = zhengce(&root, &["diff", "builtin", "cases"]);
    assert_ne!(code, 0);
}

#[test]
fn a_broken_zhengce_toml_is_located_in_either_language() {
    let root = repository("broken", "polcy = \"x.policy\"\ncoverage_min = \"all\"\n");
    let (code, _, err) = zhengce(&root, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("zhengce.toml has no setting `polcy`"), "{err}");
    assert!(err.contains("zhengce.toml:1:1"), "{err}");
    assert!(err.contains("`coverage_min` must be a number from 0 to 100"), "{err}");
    assert!(err.contains("zhengce.toml:2:16"), "{err}");
    let (code, _, err) = zhengce_in(&root, "zh", &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("zhengce.toml 没有设置项 `polcy`"), "{err}");
    assert!(err.contains("提示："), "{err}");
}

/// The example CI workflow needs nothing in the repository but zhengce.toml: its
/// zhengce commands, run as written in a repository made of the example settings, the
/// shipped policy and the project's cases, pass; the impact step compares with a
/// checkout of the base beside it.
#[test]
fn the_example_workflow_s_commands_run_with_only_zhengce_toml() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let settings = std::fs::read_to_string(project.join("examples/ci/zhengce.toml")).unwrap();
    let root = repository("workflow", &settings);
    support::copy_dir(&project.join("tests/cases"), &root.join("cases"));
    let base = Scratch::new("repo-workflow-base");
    support::copy_dir(&root, &base);
    let workflow = std::fs::read_to_string(project.join("examples/ci/github-actions.yml")).unwrap();
    let commands: Vec<String> = workflow
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("run: "))
        .filter(|c| c.contains("zhengce ") && !c.contains("cargo install") && !c.contains("git "))
        .map(String::from)
        .chain(
            workflow
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("zhengce diff"))
                .map(|l| l.replace("../base", &base.to_string_lossy())),
        )
        .collect();
    assert_eq!(commands.len(), 5, "{commands:?}");
    let bin = Path::new(env!("CARGO_BIN_EXE_zhengce")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    std::fs::create_dir_all(root.join("reports")).unwrap();
    for command in &commands {
        let out = Command::new("bash")
            .args(["-c", command])
            .current_dir(&root)
            .env("PATH", &path)
            .env("ZHENGCE_LANG", "en")
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // The impact step is a report (`continue-on-error`): diff says with exit 1 that
        // the input-error cases were not evaluated; every other step must pass.
        let allowed = if command.starts_with("zhengce diff") { 1 } else { 0 };
        assert!(out.status.code().is_some_and(|c| c <= allowed), "{command}: {said}");
    }
    assert!(
        std::fs::read_to_string(root.join("reports/junit.xml"))
            .unwrap()
            .contains("<testsuite")
    );
    let impact = std::fs::read_to_string(root.join("reports/impact.txt")).unwrap();
    assert!(impact.contains("0 changed"), "{impact}");
    let impact = std::fs::read_to_string(root.join("reports/impact.json")).unwrap();
    assert!(impact.contains("\"changed\":0"), "{impact}");
}

/// Outside a repository, `check` with no file checks the default policy's file where it
/// is (a checkout of zhengce); a command that uses the built-in policy says so when the
/// file of the same path on disk has been edited: that file is not what was used.
#[test]
fn an_edited_copy_of_a_built_in_file_on_disk_is_pointed_out() {
    let dir = Scratch::new("edited");
    support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        &dir.join("policies"),
    );
    let (_, _, err) = zhengce(&dir, &["check"]);
    assert!(
        !err.contains("differs from the built-in copy"),
        "an unedited copy: {err}"
    );
    let path = dir.join(POLICY);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("= 16 years", "= \"sixteen\"")).unwrap();
    // `check` with no file checks the file staff edit, where it is.
    let (code, _, err) = zhengce(&dir, &["check"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains(&format!("{POLICY}:")), "{err}");
    assert!(!err.contains("builtin:"), "{err}");
    // From the policy's own folder, the same file, as staff edit it there.
    let (code, _, err) = zhengce(&dir.join("policies/hunan"), &["check"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("../../policies/hunan/2025-employment-assistance.policy:"),
        "{err}"
    );
    let (_, _, err) = zhengce(&dir.join("policies/hunan"), &["test", "nothing-here"]);
    assert!(
        err.contains("../../policies/hunan/2025-employment-assistance.policy on disk differs"),
        "{err}"
    );
    // The other commands use the built-in policy, and say that the file differs.
    let (_, _, err) = zhengce(&dir, &["test", "nothing-here"]);
    assert!(
        err.contains(&format!("{POLICY} on disk differs from the built-in copy")),
        "{err}"
    );
    assert!(err.contains(&format!("`--policy {POLICY}`")), "{err}");
    let (_, _, err) = zhengce_in(&dir, "zh", &["test", "nothing-here"]);
    assert!(err.contains("与内置副本不同"), "{err}");
}

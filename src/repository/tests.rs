use super::*;
use crate::lang::Lang;

fn read(text: &str, prefix: &str) -> Result<PolicyRepository, Vec<Diagnostic>> {
    let mut sources = SourceMap::new();
    let file = sources.add(SETTINGS_FILE, text);
    let kind = |p: &str| match p {
        _ if p.contains("missing") => None,
        "cases" | "more" | "./more" | "folder" => Some(PathKind::Folder),
        _ => Some(PathKind::File),
    };
    settings(file, text, prefix, kind)
}

fn messages(text: &str) -> Vec<(String, String, usize)> {
    let problems = read(text, "").unwrap_err();
    problems
        .iter()
        .map(|d| {
            let start = d.span.map_or(usize::MAX, |s| s.start as usize);
            (
                d.message.get(Lang::En).to_string(),
                d.help.as_ref().map_or(String::new(), |h| h.get(Lang::Zh).to_string()),
                start,
            )
        })
        .collect()
}

#[test]
fn reads_every_setting() {
    let text = "policy = \"policies/p.policy\"\ncases = [\"cases\", \"./more\"]\ncoverage_min = 95\nmutants_min = 90.5\nequivalent_mutants = \"cases/eq.toml\"\n";
    let repository = read(text, "").unwrap();
    assert_eq!(repository.policy.as_deref(), Some("policies/p.policy"));
    assert_eq!(repository.cases, ["cases", "./more"]);
    assert_eq!(repository.coverage_min, Some(95.0));
    assert_eq!(repository.mutants_min, Some(90.5));
    assert_eq!(repository.equivalent_mutants.as_deref(), Some("cases/eq.toml"));
}

#[test]
fn paths_are_seen_from_the_current_folder() {
    let repository = read("policy = \"./policies/p.policy\"\ncases = \"cases\"\n", "../../").unwrap();
    assert_eq!(repository.policy.as_deref(), Some("../../policies/p.policy"));
    assert_eq!(repository.cases, ["../../cases"]);
    let absolute = read("policy = \"/srv/p.policy\"\n", "../").unwrap();
    assert_eq!(absolute.policy.as_deref(), Some("/srv/p.policy"));
}

#[test]
fn an_empty_file_is_a_repository_with_no_settings() {
    assert_eq!(read("", "").unwrap(), PolicyRepository::default());
}

#[test]
fn every_problem_is_located_with_a_hint() {
    let text = "polcy = \"p.policy\"\ncases = 3\ncoverage_min = 120\npolicy = \"missing.policy\"\n";
    let found = messages(text);
    assert_eq!(found.len(), 4, "{found:?}");
    let unknown = found.iter().find(|(m, _, _)| m.contains("no setting `polcy`")).unwrap();
    assert_eq!(unknown.2, 0);
    assert!(unknown.1.contains("policy"), "{unknown:?}");
    let cases = found.iter().find(|(m, _, _)| m.contains("`cases` must be")).unwrap();
    assert_eq!(cases.2, text.find('3').unwrap());
    assert!(cases.1.contains("cases = [\"cases\"]"));
    assert!(
        found
            .iter()
            .any(|(m, _, _)| m.contains("`coverage_min` must be a number from 0 to 100"))
    );
    let missing = found.iter().find(|(m, _, _)| m.contains("does not exist")).unwrap();
    assert_eq!(missing.2, text.find("\"missing").unwrap());
    assert!(missing.1.contains("相对于 zhengce.toml 所在的文件夹"));
}

#[test]
fn text_that_is_not_toml_is_located() {
    let found = messages("policy = \"p.policy\"\ncases = [\"a\"\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].0.starts_with("zhengce.toml is not valid TOML"), "{found:?}");
    assert!(found[0].2 >= "policy = \"p.policy\"\n".len(), "{found:?}");
}

#[test]
fn found_by_walking_up_and_read_from_disk() {
    let root = std::env::temp_dir().join(format!("zhengce-repository-{}", std::process::id()));
    let deep = root.join("cases/a");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(root.join("p.policy"), "").unwrap();
    std::fs::write(root.join(SETTINGS_FILE), "policy = \"p.policy\"\ncases = [\"cases\"]\n").unwrap();
    let found = PolicyRepository::find_from(&deep).unwrap().unwrap();
    assert_eq!(found.settings, "../../zhengce.toml");
    assert_eq!(found.policy.as_deref(), Some("../../p.policy"));
    std::fs::write(root.join(SETTINGS_FILE), "policy = \"nothing-here.policy\"\n").unwrap();
    let problem = PolicyRepository::find_from(&root).unwrap_err();
    assert_eq!(problem.sources.get(FileId(0)).name, "zhengce.toml");
    assert_eq!(problem.diagnostics[0].code, Code::BadSettings);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_policy_must_be_a_file_and_cases_a_list_that_names_something() {
    let found = messages("policy = \"folder\"\ncases = []\nequivalent_mutants = \"\"\n");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found
            .iter()
            .any(|(m, _, _)| m.contains("`policy` names `folder`, a folder")),
        "{found:?}"
    );
    let cases = found.iter().find(|(m, _, _)| m.contains("`cases` must be")).unwrap();
    assert!(cases.1.contains("cases = [\"cases\"]"), "{cases:?}");
    assert!(
        found
            .iter()
            .any(|(m, _, _)| m.contains("`equivalent_mutants` names ``")),
        "{found:?}"
    );
    let wrong = messages("cases = [1]\n");
    assert!(wrong[0].1.contains("cases = [\"cases\"]"), "{wrong:?}");
}

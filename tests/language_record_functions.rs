//! Functions over records (issue 12): a parameter typed by a record shape takes any
//! record with those fields and types, so the national retirement rule, a function of
//! a person-shaped record, gives a household member's working age too. A record that
//! lacks a field of the shape, or has it with another type, is a located error.

mod scratch;

use scratch::Scratch;
use zhengce::diagnostic::{Code, Diagnostic};
use zhengce::lang::Lang;
use zhengce::lint::lint;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{Explain, RenderOptions, decision_json, render_text};
use zhengce::run::{MissingDate, Runner};

const NATIONAL: &str = include_str!("../policies/cn/retirement-2025.policy");

const POLICY: &str = r#"policy "household-ages" { uses "cn/retirement-2025.policy" }
case {
  household "家庭" en "household" {
    members: list of {
      birth_date: date "出生日期" en "birth date"
      gender: Gender "性别" en "gender"
      original_retirement_age: OriginalRetirementAge? "原法定退休年龄" en "original retirement age"
    } "家庭成员" en "household members"
  }
}
param working_age_from "法定劳动年龄下限" en "minimum working age" = 16 years
define of_working_age(m: {
    birth_date: date "出生日期" en "birth date",
    gender: Gender "性别" en "gender",
    original_retirement_age: OriginalRetirementAge "原法定退休年龄" en "original retirement age",
  }) "处于法定劳动年龄" en "of working age" =
  full_years(m.birth_date, as_of) >= working_age_from and as_of < retirement_date_of(m)
category 1 cites "一" "家庭成员均处于法定劳动年龄" {
  when all(m in household.members: of_working_age(m))
}
decision {
  own = retirement_date
  first_member = min(m in household.members: retirement_date_of(m))
}
"#;

fn load(policy: &str) -> LoadedPolicy {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("record-fns-{n}"));
    std::fs::create_dir_all(dir.join("cn")).unwrap();
    std::fs::write(dir.join("cn/retirement-2025.policy"), NATIONAL).unwrap();
    std::fs::write(dir.join("p.policy"), policy).unwrap();
    load_policy(&dir.join("p.policy").to_string_lossy(), PolicySource::Disk)
}

fn run(as_of: &str, members: &str, lang: Lang) -> (serde_json::Value, String) {
    let mut loaded = load(POLICY);
    let program = loaded
        .program
        .take()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let case = format!(
        "id: c\nas_of: {as_of}\nperson: {{ gender: male, birth_date: 1965-01-15 }}\nhousehold: {{ members: {members} }}\n"
    );
    let results = runner.run_file(&mut loaded.sources, "c.yaml", &case);
    let options = RenderOptions {
        lang,
        explain: Explain::Full,
        width: 400,
        ..RenderOptions::default()
    };
    (
        decision_json(&results[0], &program, &loaded.sources, &options),
        render_text(&results[0], &program, &loaded.sources, &options),
    )
}

/// A man born 1965-01-15: the first month affected, one month's delay, so 60 years and
/// one month: 2025-02-15.
const MAN_1965: &str = "{ birth_date: 1965-01-15, gender: male }";
/// A woman cadre (55) born 1970-03-10: the third month affected, still one month's
/// delay: 2025-04-10.
const WOMAN_1970: &str = "{ birth_date: 1970-03-10, gender: female, original_retirement_age: 55 }";

#[test]
fn a_members_retirement_date_is_the_national_rules_for_that_member() {
    let (json, _) = run("2025-01-01", &format!("[{MAN_1965}, {WOMAN_1970}]"), Lang::Zh);
    assert_eq!(json["own"], "2025-02-15");
    assert_eq!(json["first_member"], "2025-02-15");
    let (json, _) = run("2025-01-01", &format!("[{WOMAN_1970}]"), Lang::Zh);
    assert_eq!(json["first_member"], "2025-04-10");
}

#[test]
fn a_member_is_of_working_age_until_the_day_before_the_retirement_date() {
    let members = format!("[{WOMAN_1970}]");
    assert_eq!(
        run("2025-04-09", &members, Lang::Zh).0["categories"],
        serde_json::json!([1])
    );
    assert_eq!(
        run("2025-04-10", &members, Lang::Zh).0["categories"],
        serde_json::json!([])
    );
    assert_eq!(
        run("2025-04-11", &members, Lang::Zh).0["categories"],
        serde_json::json!([])
    );
    let both = format!("[{WOMAN_1970}, {MAN_1965}]");
    assert_eq!(
        run("2025-02-14", &both, Lang::Zh).0["categories"],
        serde_json::json!([1])
    );
    assert_eq!(
        run("2025-02-15", &both, Lang::Zh).0["categories"],
        serde_json::json!([])
    );
    // And from the 16th birthday.
    let young = "[{ birth_date: 2009-06-01, gender: female }]";
    assert_eq!(
        run("2025-05-31", young, Lang::Zh).0["categories"],
        serde_json::json!([])
    );
    assert_eq!(
        run("2025-06-01", young, Lang::Zh).0["categories"],
        serde_json::json!([1])
    );
}

#[test]
fn the_explanation_tells_the_member_and_the_function_by_their_labels() {
    let (_, zh) = run("2025-02-15", &format!("[{WOMAN_1970}, {MAN_1965}]"), Lang::Zh);
    assert!(zh.contains("处于法定劳动年龄：否"), "{zh}");
    assert!(
        zh.contains("家庭成员第2项不符合条件（处于法定劳动年龄：否（评估日 2025-02-15 < 法定退休日期 2025-02-15 ✗））"),
        "{zh}"
    );
    assert!(
        !zh.contains("retirement_date_of") && !zh.contains("m.birth_date"),
        "{zh}"
    );
    let (_, en) = run("2025-02-15", &format!("[{MAN_1965}]"), Lang::En);
    assert!(en.contains("of working age: no"), "{en}");
}

#[test]
fn the_fields_read_through_a_function_count_as_read() {
    let loaded = load(POLICY);
    let program = loaded
        .program
        .as_ref()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let unused: Vec<String> = lint(program).iter().map(|d| d.message.en()).collect();
    assert!(unused.iter().all(|m| !m.starts_with("case field")), "{unused:#?}");
}

fn errors_of(policy: &str) -> (LoadedPolicy, Vec<Diagnostic>) {
    let loaded = load(policy);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    (loaded, errors)
}

fn underlined(loaded: &LoadedPolicy, d: &Diagnostic) -> String {
    let span = d.span.unwrap_or_else(|| panic!("no place: {d:?}"));
    loaded.sources.get(span.file).text[span.start as usize..span.end as usize].to_string()
}

#[test]
fn a_record_without_a_field_of_the_shape_is_a_located_error_naming_it() {
    let policy = POLICY.replace(
        "      original_retirement_age: OriginalRetirementAge? \"原法定退休年龄\" en \"original retirement age\"\n",
        "",
    );
    let (loaded, errors) = errors_of(&policy);
    let missing: Vec<&Diagnostic> = errors.iter().filter(|d| d.code == Code::UnknownField).collect();
    assert_eq!(missing.len(), 2, "{errors:#?}");
    for d in &missing {
        assert_eq!(underlined(&loaded, d), "m");
        assert!(
            d.message.en().contains("needs a field `original_retirement_age`"),
            "{d:#?}"
        );
        assert!(d.message.zh().contains("需要字段 `original_retirement_age`"), "{d:#?}");
        assert!(d.help.is_some());
    }
}

#[test]
fn a_field_of_another_type_is_a_located_error_naming_it() {
    let policy = POLICY.replace(
        "gender: Gender \"性别\" en \"gender\"\n",
        "gender: text \"性别\" en \"gender\"\n",
    );
    let (loaded, errors) = errors_of(&policy);
    let d = errors
        .iter()
        .find(|d| d.code == Code::TypeMismatch)
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(underlined(&loaded, d), "m");
    assert!(
        d.message.en().contains("field `gender`") && d.message.en().contains("text"),
        "{d:#?}"
    );
    // Not a record at all: the usual type error.
    let (_, errors) = errors_of(&POLICY.replace("retirement_date_of(m))", "retirement_date_of(1))"));
    assert!(errors.iter().any(|d| d.code == Code::TypeMismatch), "{errors:#?}");
}

#[test]
fn a_function_reads_only_the_fields_of_its_shape_and_a_shape_is_for_parameters_only() {
    let policy = POLICY.replace("full_years(m.birth_date, as_of)", "full_years(m.birth_dat, as_of)");
    let (loaded, errors) = errors_of(&policy);
    let d = errors
        .iter()
        .find(|d| d.code == Code::UnknownField)
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(underlined(&loaded, d), "birth_dat");
    let (loaded, errors) = errors_of("policy \"t\" {}\ncase { a: { b: int } \"a\" }\n");
    let d = errors
        .iter()
        .find(|d| d.code == Code::InvalidConstruct)
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(underlined(&loaded, d), "{ b: int }");
}

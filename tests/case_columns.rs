//! Cases from columns (`zhengce::case::CaseColumns`), the reading behind `zhengce match`:
//! a row read straight into the schema's slots gives the facts the located loader
//! gives for the same values written as a JSON line; a row that is not plain is left
//! to the located loader, which says why; columns that are not scalar case fields are
//! refused with the field meant.

use std::sync::Arc;
use zhengce::case::{CaseColumns, Cell, load_document, read_json_line};
use zhengce::lang::Lang;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::yaml::parse_json_document;

const COLUMNS: [&str; 8] = [
    "person.id_number",
    "person.dibao",
    "person.original_retirement_age",
    "registration.unemployed_since",
    "employment.status",
    "household.urban",
    "certification.certified_on",
    "person.land_lost_on",
];

fn row<'a>(id: &'a str, since: Cell<'a>, status: &'a str) -> [Cell<'a>; 8] {
    [
        Cell::Text(id),
        Cell::Bool(true),
        Cell::Null,
        since,
        Cell::Text(status),
        Cell::Null,
        Cell::Null,
        Cell::Text("2024-03-01"),
    ]
}

#[test]
fn a_plain_row_gives_the_facts_of_the_same_json_line() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let program = loaded.program.take().expect("the built-in policy checks");
    let columns = CaseColumns::new(&program, &COLUMNS).expect("every column is a case field");
    let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
    for cells in [
        row("430102198001011233", Cell::Date(date), "unemployed"),
        row("430102198001011233", Cell::Text("2025-01-10"), "unemployed"),
        row("430102198502030029", Cell::Null, "unemployed"),
    ] {
        let facts = columns.facts(&program, &cells).expect("a plain row is read");
        let line: Arc<str> = columns.json_line("c1", None, &cells).into();
        let file = loaded.sources.add("row.jsonl", line.clone());
        let case = read_json_line(&program, file, &line).expect("the same line is plain");
        assert_eq!(case.facts, Some(facts), "{line}");
    }
}

#[test]
fn a_row_that_is_not_plain_is_told_by_the_located_loader() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let program = loaded.program.take().expect("the built-in policy checks");
    let columns = CaseColumns::new(&program, &COLUMNS).expect("every column is a case field");
    for (cells, code) in [
        (
            row("430102198001011233", Cell::Text("2025-02-30"), "unemployed"),
            "invalid_date",
        ),
        (
            row("430102198001011233", Cell::Date(chrono::NaiveDate::MIN), "retired"),
            "unknown_enum_value",
        ),
        (row("430102198001011234", Cell::Null, "unemployed"), "bad_id_checksum"),
    ] {
        assert_eq!(columns.facts(&program, &cells), None, "{cells:?}");
        let line = columns.json_line("c1", None, &cells);
        let file = loaded.sources.add("row.jsonl", line.as_str());
        let case = load_document(&program, file, parse_json_document(file, &line));
        let codes: Vec<&str> = case.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(case.facts.is_none() && codes.contains(&code), "{line}: {codes:?}");
    }
}

#[test]
fn columns_that_are_not_scalar_case_fields_are_refused_each_with_its_reason() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let program = loaded.program.take().expect("the built-in policy checks");
    let problems = CaseColumns::new(
        &program,
        &[
            "person.birth_dat",
            "services.date",
            "person",
            "person.dibao",
            "person.dibao",
            "x",
        ],
    )
    .expect_err("five columns are wrong");
    let said: Vec<(String, String)> = problems
        .iter()
        .map(|p| (p.column.clone(), p.message.get(Lang::En).into_owned()))
        .collect();
    assert_eq!(said.len(), 5, "{said:?}");
    assert!(said[0].1.contains("birth_date"), "a guess: {said:?}");
    assert!(said[1].1.contains("`services` is a list"), "{said:?}");
    assert!(said[2].1.contains("group of fields"), "{said:?}");
    assert_eq!(said[3].0, "person.dibao", "the second of two: {said:?}");
    assert!(said[3].1.contains("already"), "{said:?}");
    assert!(said[4].1.contains("`x` is not the path"), "{said:?}");
    let zh = problems[0].message.get(Lang::Zh);
    assert!(zh.contains("不是案件字段的路径"), "{zh}");
}

//! Loading cases against the schema: values, defaults, derived fields and every kind of
//! bad input.

use super::*;
use crate::value::{EnumId, Value, YearMonth};
use chrono::NaiveDate;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn enum_value(program: &Program, name: &str, variant: &str) -> Value {
    let e = program.enums.iter().position(|e| e.name == name).unwrap();
    Value::Enum(EnumId(e as u16), program.enums[e].variant(variant).unwrap())
}

fn fields(v: &Value) -> &[Value] {
    match v {
        Value::Record(f) | Value::List(f) => f,
        other => panic!("not a record or list: {other:?}"),
    }
}

#[test]
fn a_good_case_loads_with_defaults_and_derived_fields() {
    let program = program();
    let (case, sources) = load_one(GOOD);
    assert!(case.diagnostics.is_empty(), "{:#?}", case.diagnostics);
    assert_eq!(case.id.as_deref(), Some("HN-2025-000123"));
    assert_eq!(sources.snippet(case.id_span.unwrap()), "HN-2025-000123");
    assert_eq!(case.as_of, Some(date("2025-09-01")));
    assert!(case.expect.as_ref().unwrap().get("eligible").is_some());

    let facts = case.facts.as_ref().unwrap();
    let root = fields(facts);
    assert_eq!(root.len(), 4);
    let person = fields(&root[0]);
    assert_eq!(person[0], Value::ResidentId("11010519491231002X".into()));
    assert_eq!(
        person[1],
        enum_value(&program, "Gender", "female"),
        "derived from digit 17"
    );
    assert_eq!(person[2], Value::Date(date("1949-12-31")), "derived from digits 7–14");
    assert_eq!(
        person[3],
        enum_value(&program, "RetirementAge", "50"),
        "a plain 50 names the value `50`"
    );
    assert_eq!(person[4], Value::Bool(true), "default");
    assert_eq!(person[5], Value::Bool(false), "default");
    assert_eq!(person[6], Value::Date(date("2020-05-06")));
    assert_eq!(person[7], Value::Text("x".into()));
    assert_eq!(person[8], Value::Int(2));
    let employment = fields(&root[1]);
    assert_eq!(employment[0], enum_value(&program, "Status", "unemployed"));
    assert_eq!(employment[1], Value::Absent);
    let services = fields(&root[2]);
    assert_eq!(services.len(), 2);
    assert_eq!(fields(&services[0])[2], Value::Bool(false));
    assert_eq!(fields(&services[1])[1], enum_value(&program, "Kind", "training"));
    assert_eq!(fields(&services[1])[2], Value::Bool(true));
    let months = fields(&root[3]);
    assert_eq!(
        months,
        [
            Value::Month(YearMonth::new(2025, 5)),
            Value::Month(YearMonth::new(2025, 6))
        ]
    );

    // Spans: by field path, list items by index.
    let spans = &case.spans;
    assert_eq!(sources.snippet(spans.value_span([0, 6]).unwrap()), "2020-05-06");
    assert_eq!(sources.snippet(spans.key_span([0, 6]).unwrap()), "land_lost_on");
    assert_eq!(
        sources.snippet(spans.value_span([0, 7]).unwrap()),
        "'x'",
        "the comment is not part of it"
    );
    assert_eq!(sources.snippet(spans.value_span([2, 1, 0]).unwrap()), "2025-05-02");
    assert_eq!(sources.snippet(spans.value_span([3, 1]).unwrap()), "\"2025-06\"");
    assert_eq!(
        sources.snippet(spans.value_span([0, 2]).unwrap()),
        "\"11010519491231002X\"",
        "a derived value points at the ID it comes from"
    );
    assert_eq!(spans.value_span([1, 1]), None, "left out");
    assert_eq!(sources.snippet(spans.nearest_span([1, 1]).unwrap()), "employment");
    assert_eq!(path_name(&program, [2, 1, 0]), "services[1].date");
    assert_eq!(path_name(&program, [0, 2]), "person.birth_date");
}

#[test]
fn an_unknown_key_is_named_with_a_suggestion_and_its_position() {
    let text = GOOD.replace("  land_lost_on:", "  land_lost_onn:");
    let (case, sources) = load_one(&text);
    let d = only_error(&case);
    assert_eq!(d.code, Code::UnknownKey);
    assert_eq!(d.message.en(), "unknown key `land_lost_onn` in `person`");
    assert_eq!(
        d.help.as_ref().map(|h| h.en()).as_deref(),
        Some("did you mean `land_lost_on`?")
    );
    assert_eq!(position(&sources, d), LineCol { line: 7, column: 3 });
    assert_eq!(underlined(&sources, d), "land_lost_onn");
}

#[test]
fn an_unknown_top_level_key_suggests_among_fields_and_envelope_keys() {
    let (case, sources) = load_one(&GOOD.replace("as_of:", "as_off:"));
    let d = only_error(&case);
    assert_eq!(d.code, Code::UnknownKey);
    assert!(d.message.en().contains("at the top level"), "{}", d.message.en());
    assert_eq!(
        d.help.as_ref().map(|h| h.en()).as_deref(),
        Some("did you mean `as_of`?")
    );
    assert_eq!(position(&sources, d), LineCol { line: 2, column: 1 });
    assert_eq!(case.as_of, None);
}

#[test]
fn a_duplicate_key_points_at_its_second_occurrence() {
    let text = GOOD.replace("  children: 2\n", "  children: 2\n  veteran: true\n  children: 3\n");
    let (case, sources) = load_one(&text);
    let d = only_error(&case);
    assert_eq!(d.code, Code::DuplicateKey);
    assert!(d.message.en().contains("`children`"), "{}", d.message.en());
    assert_eq!(position(&sources, d), LineCol { line: 11, column: 3 });
    assert_eq!(sources.line_col(d.related[0].0).line, 9, "the first occurrence");
}

#[test]
fn yes_is_not_a_boolean() {
    let (case, sources) = load_one(&GOOD.replace("  children: 2\n", "  children: 2\n  veteran: yes\n"));
    let d = only_error(&case);
    assert_eq!(d.code, Code::WrongType);
    assert_eq!(
        d.message.en(),
        "`person.veteran` (退役军人) must be `true` or `false`, not text"
    );
    assert!(
        d.help
            .as_ref()
            .map(|h| h.en())
            .as_deref()
            .unwrap()
            .contains("`true` or `false`")
    );
    assert_eq!(underlined(&sources, d), "yes");
    assert_eq!(position(&sources, d), LineCol { line: 10, column: 12 });
}

#[test]
fn february_30_is_an_invalid_date() {
    let (case, sources) = load_one(&GOOD.replace("2020-05-06", "2025-02-30"));
    let d = only_error(&case);
    assert_eq!(d.code, Code::InvalidDate);
    assert_eq!(
        d.message.en(),
        "`person.land_lost_on` (承包土地被征收日期): `2025-02-30` is not a valid date: 2025-02 has 28 days"
    );
    assert_eq!(position(&sources, d), LineCol { line: 7, column: 17 });
}

#[test]
fn badly_written_dates_and_months_are_invalid_dates() {
    let text = GOOD
        .replace("2020-05-06", "2020-5-6")
        .replace("[2025-05,", "[2025-13,")
        .replace("as_of: 2025-09-01", "as_of: 2025-02-29");
    let (case, _) = load_one(&text);
    assert_eq!(codes(&case), [Code::InvalidDate, Code::InvalidDate, Code::InvalidDate]);
    assert!(case.diagnostics[0].message.en().starts_with("`as_of`"));
    assert!(
        case.diagnostics[2].message.en().contains("`subsidy_months[0]`"),
        "{}",
        case.diagnostics[2].message.en()
    );
}

#[test]
fn an_unquoted_id_number_is_a_number_and_a_wrong_type() {
    let text = "id: a\nperson:\n  id_number: 430102197503101234\nemployment: { status: unemployed }\n";
    let (case, sources) = load_one(text);
    let d = only_error(&case);
    assert_eq!(d.code, Code::WrongType);
    assert!(d.message.en().contains("not a number"), "{}", d.message.en());
    assert!(d.help.as_ref().map(|h| h.en()).as_deref().unwrap().contains("quotes"));
    assert_eq!(position(&sources, d), LineCol { line: 3, column: 14 });
}

#[test]
fn a_bad_checksum_is_reported_with_the_id_masked() {
    let text = "id: a\nperson:\n  id_number: \"430102197503101235\"\n  gender: male\n  birth_date: 1975-03-10\nemployment: { status: unemployed }\n";
    let (case, sources) = load_one(text);
    let d = only_error(&case);
    assert_eq!(d.code, Code::BadIdChecksum);
    assert!(d.message.en().contains("430102********1235"), "{}", d.message.en());
    assert!(!d.message.en().contains("430102197503101235"));
    assert_eq!(underlined(&sources, d), "\"430102197503101235\"");
}

#[test]
fn a_malformed_id_is_a_bad_id_number() {
    for id in [
        "\"43010219750310123\"",
        "\"11010519491231002x\"",
        "'43010219750310123A'",
    ] {
        let text = format!(
            "id: a\nperson:\n  id_number: {id}\n  gender: male\n  birth_date: 1975-03-10\nemployment: {{ status: unemployed }}\n"
        );
        let (case, _) = load_one(&text);
        assert_eq!(only_error(&case).code, Code::BadIdNumber, "{id}");
    }
}

#[test]
fn an_id_that_disagrees_with_birth_date_and_gender() {
    let text = "id: a\nperson:\n  id_number: \"430102197503101234\"\n  gender: female\n  birth_date: 1975-03-11\nemployment: { status: unemployed }\n";
    let (case, sources) = load_one(text);
    assert_eq!(codes(&case), [Code::FieldDisagrees, Code::FieldDisagrees]);
    let gender = &case.diagnostics[0];
    assert_eq!(
        gender.message.en(),
        "`person.gender` (性别) is `female` (女), but `person.id_number` 430102********1234 gives `male` (男)"
    );
    assert_eq!(underlined(&sources, gender), "female");
    let birth = &case.diagnostics[1];
    assert_eq!(
        birth.message.en(),
        "`person.birth_date` (出生日期) is 1975-03-11, but `person.id_number` 430102********1234 gives 1975-03-10"
    );
    assert_eq!(position(&sources, birth), LineCol { line: 5, column: 15 });
    assert_eq!(sources.line_col(birth.related[0].0).line, 3, "points at the ID too");
    assert!(case.facts.is_none());
}

#[test]
fn agreeing_fields_and_an_id_load() {
    let text = "id: a\nperson:\n  id_number: \"430102197503101234\"\n  gender: male\n  birth_date: 1975-03-10\nemployment: { status: unemployed }\n";
    let (case, _) = load_one(text);
    assert!(case.diagnostics.is_empty(), "{:#?}", case.diagnostics);
}

#[test]
fn missing_required_fields_point_at_their_parent() {
    // No ID, so gender and birth_date must be given; employment.status is required.
    let text = "id: a\nperson:\n  veteran: false\nemployment:\n  since: 2025-01-01\n";
    let (case, sources) = load_one(text);
    assert_eq!(
        codes(&case),
        [Code::MissingField, Code::MissingField, Code::MissingField]
    );
    let status = &case.diagnostics[0];
    assert_eq!(
        status.message.en(),
        "`employment.status` (就业状态) is required but not given"
    );
    assert_eq!(underlined(&sources, status), "employment");
    assert_eq!(
        status.help.as_ref().map(|h| h.en()).as_deref(),
        Some("add `status:` to `employment`")
    );
    let gender = &case.diagnostics[1];
    assert!(
        gender.message.en().starts_with("`person.gender`"),
        "{}",
        gender.message.en()
    );
    assert_eq!(
        gender.help.as_ref().map(|h| h.en()).as_deref(),
        Some("give `person.gender`, or `person.id_number` from which it is derived")
    );
    assert_eq!(underlined(&sources, gender), "person");
    assert!(case.diagnostics[2].message.en().starts_with("`person.birth_date`"));
}

#[test]
fn a_missing_record_and_a_missing_id() {
    let text = "person: { id_number: \"11010519491231002X\" }\nservices:\n  - kind: training\n";
    let (case, sources) = load_one(text);
    assert_eq!(
        codes(&case),
        [Code::MissingField, Code::MissingField, Code::MissingField]
    );
    assert_eq!(case.diagnostics[0].message.en(), "the case has no `id`");
    let status = &case.diagnostics[1];
    assert_eq!(
        status.help.as_ref().map(|h| h.en()).as_deref(),
        Some("add `employment:` with `status:` under it")
    );
    assert_eq!(position(&sources, status), LineCol { line: 1, column: 1 });
    let date = &case.diagnostics[2];
    assert!(
        date.message.en().starts_with("`services[0].date`"),
        "{}",
        date.message.en()
    );
    assert_eq!(position(&sources, date), LineCol { line: 3, column: 5 });
}

#[test]
fn an_unknown_enum_value_lists_the_values_and_suggests_one() {
    let (case, sources) = load_one(&GOOD.replace("status: unemployed", "status: unemploy"));
    let d = only_error(&case);
    assert_eq!(d.code, Code::UnknownEnumValue);
    assert_eq!(
        d.message.en(),
        "`employment.status` (就业状态): `unemploy` is not one of its values"
    );
    let help = d.help.as_ref().map(|h| h.en()).unwrap();
    assert!(help.starts_with("did you mean `unemployed`?"), "{help}");
    assert!(help.contains("`self_employed` (自主创业)"), "{help}");
    assert_eq!(position(&sources, d), LineCol { line: 11, column: 11 });
    // A numeric value that is not one of the enum's.
    let (case, _) = load_one(&GOOD.replace("original_retirement_age: 50", "original_retirement_age: 60"));
    assert_eq!(only_error(&case).code, Code::UnknownEnumValue);
}

#[test]
fn several_documents_load_independently() {
    let text = format!(
        "{GOOD}---\nid: bad\nperson: {{ gender: male, birth_date: 2025-02-30 }}\nemployment: {{ status: unemployed }}\n---\n{}",
        GOOD.replace("HN-2025-000123", "second")
    );
    let (cases, sources) = load(&text);
    assert_eq!(cases.len(), 3);
    assert!(cases[0].facts.is_some() && cases[2].facts.is_some());
    assert_eq!(cases[2].id.as_deref(), Some("second"));
    assert_eq!(cases[1].id.as_deref(), Some("bad"));
    let d = only_error(&cases[1]);
    assert_eq!(d.code, Code::InvalidDate);
    assert_eq!(position(&sources, d).line, 20);
    assert_eq!(cases[0].file, cases[2].file);
}

#[test]
fn a_syntax_error_ends_only_its_own_document() {
    let text = format!("id: broken\nperson:\n  remark: \"unclosed\n  veteran: true\n---\n{GOOD}");
    let (cases, sources) = load(&text);
    assert_eq!(cases.len(), 2, "{cases:#?}");
    let d = only_error(&cases[0]);
    assert_eq!(d.code, Code::YamlSyntax);
    assert_eq!(position(&sources, d).line, 3);
    assert_eq!(
        cases[0].id.as_deref(),
        Some("broken"),
        "the id read before the error is kept"
    );
    assert!(cases[1].diagnostics.is_empty(), "{:#?}", cases[1].diagnostics);
    assert_eq!(sources.line_col(cases[1].id_span.unwrap()).line, 6);
}

#[test]
fn wrong_shapes_are_wrong_types() {
    let text =
        "id: a\nperson: [1]\nemployment: unemployed\nservices: { date: 2025-01-01 }\nsubsidy_months: [[2025-01]]\n";
    let (case, _) = load_one(text);
    assert_eq!(codes(&case), [const { Code::WrongType }; 4]);
    assert!(
        case.diagnostics[1]
            .message
            .en()
            .starts_with("`employment` (就业状况) must be a mapping"),
        "{}",
        case.diagnostics[1].message.en()
    );
    assert!(
        case.diagnostics[2]
            .message
            .en()
            .starts_with("`services` (公共就业服务记录) must be a list")
    );
}

#[test]
fn scalars_follow_the_core_schema() {
    let text = GOOD
        .replace("  children: 2\n", "  children: \"2\"\n  veteran: \"true\"\n")
        .replace("  remark: 'x'", "  remark: 12.5");
    let (case, _) = load_one(&text);
    // "2" and "true" are quoted text; 12.5 is fine as text.
    assert_eq!(codes(&case), [Code::WrongType, Code::WrongType]);
    assert!(
        case.diagnostics[0]
            .help
            .as_ref()
            .unwrap()
            .en()
            .contains("remove the quotes")
    );
}

#[test]
fn null_and_empty_values_count_as_left_out() {
    let text = "id: 42\nperson:\n  gender: male\n  birth_date: 1975-03-10\n  veteran: ~\n  land_lost_on: null\n  remark:\nemployment: { status: employed }\nservices: null\n";
    let (case, _) = load_one(text);
    assert!(case.diagnostics.is_empty(), "{:#?}", case.diagnostics);
    assert_eq!(case.id.as_deref(), Some("42"), "a number is read as text");
    let facts = case.facts.unwrap();
    let person = fields(&fields(&facts)[0]);
    assert_eq!(
        (&person[5], &person[6], &person[7]),
        (&Value::Bool(false), &Value::Absent, &Value::Absent)
    );
    assert_eq!(fields(&fields(&facts)[2]).len(), 0);
}

#[test]
fn envelope_problems_are_reported() {
    let text = "id: [1]\nas_of: 20250901\nexpect: true\nperson: { gender: male, birth_date: 1975-03-10 }\nemployment: { status: employed }\n";
    let (case, _) = load_one(text);
    assert_eq!(codes(&case), [const { Code::WrongType }; 3]);
    let (case, _) =
        load_one("id: ''\nperson: { gender: male, birth_date: 1975-03-10 }\nemployment: { status: employed }\n");
    assert_eq!(only_error(&case).code, Code::MissingField);
    let (case, _) = load_one("- 1\n- 2\n");
    assert_eq!(only_error(&case).code, Code::WrongType);
}

#[test]
fn every_error_of_a_case_is_reported() {
    let text = "id: a\nperson:\n  gender: mal\n  birth_date: 2025-02-30\n  veteran: yes\n  age: 3\nemployment: {}\n";
    let (case, _) = load_one(text);
    assert_eq!(
        codes(&case),
        [
            Code::UnknownKey,
            Code::UnknownEnumValue,
            Code::InvalidDate,
            Code::WrongType,
            Code::MissingField
        ]
    );
}

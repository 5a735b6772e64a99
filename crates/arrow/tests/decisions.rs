//! The evaluator on Arrow record batches: a batch in, the same rows with their
//! decisions out — an error for a row that is not a valid case, the named definitions
//! (booleans for yes/no ones), the categories that hold with clauses and reasons — and
//! a batch whose columns are not case fields refused, every column at once.

use arrow_array::{Array, ArrayRef, BooleanArray, Date32Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use std::sync::Arc;
use zhengce::lang::Lang;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce_arrow::{BatchEvaluator, Wanted, definition_ids};

fn batch() -> RecordBatch {
    let since = |y, m, d| {
        (NaiveDate::from_ymd_opt(y, m, d).unwrap() - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
    };
    let schema = Schema::new(vec![
        Field::new("person.id_number", DataType::Utf8, true),
        Field::new("district", DataType::Utf8, true),
        Field::new("person.dibao", DataType::Boolean, true),
        Field::new("registration.unemployed_since", DataType::Date32, true),
        Field::new("certification.certified_on", DataType::Utf8, true),
        Field::new("employment.status", DataType::Utf8, true),
    ]);
    let columns: Vec<ArrayRef> = vec![
        // A dibao recipient registered eight months before D; the same, certified; a
        // bad ID check character.
        Arc::new(StringArray::from(vec![
            "430102199001011238",
            "430102199001011238",
            "430102199001011234",
        ])),
        Arc::new(StringArray::from(vec![Some("芙蓉区"), None, Some("天心区")])),
        Arc::new(BooleanArray::from(vec![true, true, true])),
        Arc::new(Date32Array::from(vec![
            Some(since(2025, 10, 5)),
            Some(since(2025, 10, 5)),
            None,
        ])),
        Arc::new(StringArray::from(vec![None, Some("2026-01-05"), None])),
        Arc::new(StringArray::from(vec!["unemployed"; 3])),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).unwrap()
}

#[test]
fn each_row_gets_its_decision_beside_its_columns() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let program = loaded.program.take().expect("the built-in policy checks");
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let input = batch();
    let evaluator = BatchEvaluator::new(&program, &input.schema(), &["district"], as_of).expect("case fields");
    let definitions = definition_ids(&program, &["eligible", "certified", "retirement_date"]).expect("defined");
    let wanted = Wanted {
        definitions,
        lang: Lang::En,
    };
    let out = evaluator.decisions(&input, &wanted).expect("decided");
    assert_eq!(out.num_rows(), 3);
    let schema = out.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names[..5],
        [
            "person.id_number",
            "district",
            "person.dibao",
            "registration.unemployed_since",
            "certification.certified_on"
        ]
    );
    assert_eq!(
        names[6..],
        [
            "error",
            "eligible",
            "certified",
            "retirement_date",
            "categories",
            "clauses",
            "reasons"
        ]
    );
    let text = |name: &str| {
        out.column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
            .clone()
    };
    let flag = |name: &str| {
        out.column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<BooleanArray>()
            .unwrap()
            .clone()
    };

    let error = text("error");
    assert!(
        error.is_null(0) && error.is_null(1),
        "{:?} {:?}",
        error.value(0),
        error.value(1)
    );
    assert!(error.value(2).contains("check character"), "{}", error.value(2));
    assert_eq!((flag("eligible").value(0), flag("certified").value(0)), (true, false));
    assert!(flag("certified").value(1));
    assert!(flag("eligible").is_null(2), "no decision for a row in error");
    assert_eq!(text("retirement_date").value(0), "2053-01-01");
    assert_eq!(text("clauses").value(0), "一（三）");
    assert_eq!(text("categories").value(0), "3");
    assert!(
        text("reasons").value(0).starts_with("一（三）: "),
        "{}",
        text("reasons").value(0)
    );
}

#[test]
fn columns_that_are_not_case_fields_are_refused_together() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let program = loaded.program.take().expect("the built-in policy checks");
    let schema = Schema::new(vec![
        Field::new("district", DataType::Utf8, true),
        Field::new("person.dibao", DataType::Float64, true),
        Field::new("person.dibau", DataType::Boolean, true),
    ]);
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let problems = match BatchEvaluator::new(&program, &schema, &[], as_of) {
        Ok(_) => panic!("three columns are wrong"),
        Err(problems) => problems,
    };
    let columns: Vec<&str> = problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(columns, ["person.dibao", "district", "person.dibau"]);
    assert!(problems[0].message.get(Lang::En).contains("Float64"));
}

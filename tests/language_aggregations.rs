//! The language's list aggregations, on a small policy of their own (nothing of the
//! Hunan notice): every aggregation and its empty-list value.

mod scratch;

use scratch::Scratch;
use zhengce::report::{RenderOptions, decision_json};
use zhengce::run::{MissingDate, Runner};

const POLICY: &str = r#"policy "aggregations" {}
case {
  items: list of {
    date: date "日期"
    refused: bool = false "拒绝"
    amount: int = 0 "金额"
    from: month? "起"
    to: month? "止"
  } "记录"
}
decision {
  count_refused = count(s in items where s.refused)
  any_refused = any(s in items: s.refused)
  all_refused = all(s in items: s.refused)
  total = sum(s in items: s.amount)
  smallest = min(s in items: s.amount)
  largest = max(s in items: s.amount)
  latest_date = latest(s in items: s.date)
  earliest_refused = earliest(s in items where s.refused: s.date)
  longest_refusal_run = longest_run(s in items where s.refused)
  covered = months_covered(s in items where s.from is present: s.from .. s.to)
  refused_dates = filter(s in items where s.refused: s.date)
  by_date = filter(s in sorted(x in items: x.date): s.amount)
  months_between = months_from_to(2024-11, 2025-02)
  no_months = months_from_to(2025-02, 2024-11)
  months_before_2025_03 = count(m in months_covered(s in items where s.from is present: s.from .. s.to) where m < 2025-03)
}
"#;

fn decide(items: &str) -> serde_json::Value {
    let mut loaded = Scratch::new(&format!("agg-{}", items.len())).policy(POLICY);
    let Some(program) = loaded.program.take() else {
        panic!("the policy loads")
    };
    let case = format!("id: c\nas_of: 2025-09-01\nitems: {items}\n");
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", &case);
    decision_json(&results[0], &program, &loaded.sources, &RenderOptions::default())
}

#[test]
fn aggregations_over_a_list() {
    let r = decide(
        "[{date: 2025-01-05, refused: true, amount: 3, from: 2025-01, to: 2025-03},
          {date: 2025-02-01, refused: true, amount: 1, from: 2025-02, to: 2025-04},
          {date: 2025-03-09, refused: false, amount: 7},
          {date: 2025-01-20, refused: true, amount: 2}]",
    );
    assert_eq!(r["status"], "ok", "{r}");
    assert_eq!(r["count_refused"], 3);
    assert_eq!(r["any_refused"], true);
    assert_eq!(r["all_refused"], false);
    assert_eq!(r["total"], 13);
    assert_eq!(r["smallest"], 1);
    assert_eq!(r["largest"], 7);
    assert_eq!(r["latest_date"], "2025-03-09");
    assert_eq!(r["earliest_refused"], "2025-01-05");
    // Refused, refused, accepted, refused: the longest run is two.
    assert_eq!(r["longest_refusal_run"], 2);
    // Overlapping months count once.
    assert_eq!(
        r["covered"],
        serde_json::json!(["2025-01", "2025-02", "2025-03", "2025-04"])
    );
    assert_eq!(r["months_before_2025_03"], 2);
    assert_eq!(
        r["refused_dates"],
        serde_json::json!(["2025-01-05", "2025-02-01", "2025-01-20"])
    );
    // Sorted by date: 01-05 (3), 01-20 (2), 02-01 (1), 03-09 (7).
    assert_eq!(r["by_date"], serde_json::json!([3, 2, 1, 7]));
    assert_eq!(
        r["months_between"],
        serde_json::json!(["2024-11", "2024-12", "2025-01", "2025-02"])
    );
    assert_eq!(r["no_months"], serde_json::json!([]));
}

#[test]
fn aggregations_over_an_empty_list() {
    let r = decide("[]");
    assert_eq!(r["count_refused"], 0);
    assert_eq!(r["any_refused"], false);
    assert_eq!(r["all_refused"], true);
    assert_eq!(r["total"], serde_json::Value::Null);
    assert_eq!(r["latest_date"], serde_json::Value::Null);
    assert_eq!(r["longest_refusal_run"], 0);
    assert_eq!(r["covered"], serde_json::json!([]));
}

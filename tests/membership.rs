//! Membership tests (`any(x in L where F: key == m)` inside another aggregation) are
//! answered from a key set built once per case (`program::membership`): the same
//! answers as going through the list for every `m`, on a small policy of their own.

mod scratch;

use proptest::prelude::*;
use scratch::Scratch;
use zhengce::policy_set::LoadedPolicy;
use zhengce::program::{CExpr, CKind};
use zhengce::report::{RenderOptions, decision_json};
use zhengce::run::{MissingDate, Runner};

const POLICY: &str = r#"policy "membership" {}
case {
  items: list of {
    date: date "日期"
    kept: bool = true "保留"
    amount: int? "金额"
  } "记录"
  owed: list of month "月份"
}
decision {
  // Indexed: the list, filter and key use nothing but the item.
  seen = filter(m in owed where any(i in items where i.kept: month_of(i.date) == m))
  seen_flipped = filter(m in owed where any(i in items where i.kept: m == month_of(i.date)))
  amounts = filter(m in owed where any(i in items: i.amount == 3))
  // Not indexed: `m == m or ...` is no plain `==`; the filter uses `m`.
  seen_plain = filter(m in owed where any(i in items where i.kept: month_of(i.date) == m or false))
  seen_filtered = filter(m in owed where any(i in items where i.kept and m >= 2000-01: month_of(i.date) == m))
}
"#;

fn load() -> LoadedPolicy {
    // A folder per call: the tests run at once, and one must not read the file while
    // another writes it.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Scratch::new(&format!("membership-{call}")).policy(POLICY)
}

/// Whether the membership test inside a decision field was given a key set.
fn indexed(e: &CExpr) -> bool {
    match &e.kind {
        CKind::Aggregate { membership, filter, .. } => membership.is_some() || filter.as_deref().is_some_and(indexed),
        _ => zhengce::lint::children(e).into_iter().any(indexed),
    }
}

#[test]
fn only_tests_independent_of_the_outer_item_get_a_key_set() {
    let loaded = load();
    let program = loaded.program.as_ref().unwrap();
    let marked: Vec<(&str, bool)> = program.decision.iter().map(|d| (&*d.name, indexed(&d.expr))).collect();
    assert_eq!(
        marked,
        [
            ("seen", true),
            ("seen_flipped", true),
            ("amounts", true),
            ("seen_plain", false),
            ("seen_filtered", false)
        ]
    );
}

fn decide(loaded: &mut LoadedPolicy, case: &str) -> serde_json::Value {
    let program = loaded.program.clone().unwrap();
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", case);
    decision_json(&results[0], &program, &loaded.sources, &RenderOptions::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the items and months, the key set answers as going through the list.
    #[test]
    fn key_sets_answer_as_going_through_the_list(
        items in proptest::collection::vec((1u32..=12, any::<bool>(), proptest::option::of(0i64..5)), 0..12),
        months in proptest::collection::vec(1u32..=12, 0..12),
    ) {
        let mut loaded = load();
        let items: Vec<String> = items
            .iter()
            .map(|(m, kept, amount)| {
                let amount = amount.map_or(String::new(), |a| format!(", amount: {a}"));
                format!("{{date: 2025-{m:02}-15, kept: {kept}{amount}}}")
            })
            .collect();
        let months: Vec<String> = months.iter().map(|m| format!("2025-{m:02}")).collect();
        let case = format!(
            "id: c\nas_of: 2025-12-31\nitems: [{}]\nowed: [{}]\n",
            items.join(", "),
            months.join(", ")
        );
        let r = decide(&mut loaded, &case);
        prop_assert_eq!(&r["status"], "ok", "{}", r);
        prop_assert_eq!(&r["seen"], &r["seen_plain"]);
        prop_assert_eq!(&r["seen"], &r["seen_filtered"]);
        prop_assert_eq!(&r["seen"], &r["seen_flipped"]);
        let threes = r["amounts"].as_array().map_or(0, Vec::len);
        let has_three = items.iter().any(|i| i.contains("amount: 3"));
        prop_assert_eq!(threes, if has_three { months.len() } else { 0 });
    }
}

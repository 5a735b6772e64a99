//! The evaluator's costs grow with the policy, not with its square (issue 9, D2).

use super::decide;
use crate::program::Program;
use crate::source::SourceMap;
use crate::syntax::parse_policy;
use crate::value::Value;
use std::cell::Cell;

thread_local! {
    /// Rules that `holds(kind)` went through on this thread, for a test to count.
    pub(super) static RULES_ASKED: Cell<usize> = const { Cell::new(0) };
}

fn program(text: &str) -> Program {
    let mut map = SourceMap::new();
    let file = map.add("t.policy", text);
    let (parsed, errors) = parse_policy(file, text);
    assert!(errors.is_empty(), "{errors:?}");
    let Some(parsed) = parsed else { panic!("no policy") };
    let (program, diagnostics) = crate::check::check(&[parsed]);
    program.unwrap_or_else(|| panic!("{diagnostics:?}"))
}

/// 2,000 rules asking `holds(tier)` of 2,000 tiers, none of which holds: the tiers are
/// asked once per case, not once per rule that asks (4·10⁶ here).
#[test]
fn holds_of_a_kind_asks_its_rules_once_per_case() {
    let n = 2_000;
    let mut text = String::from("policy \"p\" {}\ncase { b: bool? \"b\" }\n");
    for i in 0..n {
        text.push_str(&format!("tier {i} cites \"x\" \"x\" {{ when b }}\n"));
        text.push_str(&format!("check c{i} cites \"x\" \"x\" {{ when not holds(tier) }}\n"));
    }
    let program = program(&text);
    let facts = Value::Record(vec![Value::Bool(false)].into());
    let Some(date) = chrono::NaiveDate::from_ymd_opt(2025, 9, 1) else {
        panic!("a date")
    };
    RULES_ASKED.with(|n| n.set(0));
    let decision = decide(&program, &facts, date);
    assert_eq!(RULES_ASKED.with(Cell::get), n);
    assert_eq!(
        decision.outcomes.iter().filter(|o| o.holds).count(),
        n,
        "every check holds"
    );
    assert_eq!(decision.raised_by.len(), n);
    assert!(
        decision
            .raised_by
            .iter()
            .zip(decision.outcomes.iter().filter(|o| o.holds))
            .all(|(r, o)| *r == o.rule)
    );
}

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

/// A checked program of a policy written in a test.
pub(super) fn program(text: &str) -> Program {
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

/// A definition (or rule) computed for the first time while a list is gone through has
/// its own item variables: its aggregation, numbered from the same slot, must not take
/// the place of the item being gone through (it did: `y` came out 1).
#[test]
fn a_definition_first_computed_inside_an_aggregation_keeps_the_callers_item() {
    let program = program(
        "policy \"p\" {}\ncase { b: bool? \"b\" }\n\
         define total \"t\" = count(x in [1, 2, 3]: x > 0)\n\
         check c cites \"x\" \"x\" { when count(a in [10, 20] where a > 0 and holds(tier 1) and a > 5) == 2 }\n\
         tier 1 cites \"x\" \"x\" { when count(z in [7]: z > 0) > 0 }\n\
         decision {\n\
           y = count(a in [10, 20] where a > 0 and total > 0 and a > 5)\n\
         }\n",
    );
    let facts = Value::Record(vec![Value::Bool(false)].into());
    let Some(date) = chrono::NaiveDate::from_ymd_opt(2025, 9, 1) else {
        panic!("a date")
    };
    let decision = decide(&program, &facts, date);
    let out: Vec<(&str, &Value)> = decision.named_outputs(&program).collect();
    assert_eq!(out, vec![("y", &Value::Int(2))]);
    let holds: Vec<bool> = decision.outcomes.iter().map(|o| o.holds).collect();
    assert_eq!(holds, vec![true, true], "check c sees both items");
}

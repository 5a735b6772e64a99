//! Coverage in `test`'s reports: the lines of the text report, the object of the JSON one.

use crate::coverage::Coverage;
use serde_json::json;

/// Coverage as text: the totals, then each rule and condition not seen both ways.
pub(super) fn coverage_text(c: &Coverage) -> String {
    let (rs, rt) = c.rule_outcomes();
    let (cs, ct) = c.condition_outcomes();
    let mut out = format!(
        "coverage: rules {:.1}% ({rs}/{rt} outcomes), conditions {:.1}% ({cs}/{ct} outcomes)\n",
        c.rule_percent(),
        c.condition_percent()
    );
    for rule in &c.rules {
        match (rule.seen.true_, rule.seen.false_) {
            (false, false) => out.push_str(&format!("  not exercised: {}\n", rule.name)),
            (false, true) => out.push_str(&format!("  never holds: {}\n", rule.name)),
            (true, false) => out.push_str(&format!("  always holds: {}\n", rule.name)),
            (true, true) => {}
        }
        for cond in &rule.conditions {
            match (cond.seen.true_, cond.seen.false_) {
                (true, true) => {}
                (t, _) => {
                    let never = if t { "never false" } else { "never true" };
                    out.push_str(&format!("  {}: condition `{}` {never}\n", rule.name, cond.text));
                }
            }
        }
    }
    out
}

/// Coverage as the `coverage` object of the JSON report.
pub(super) fn coverage_json(c: &Coverage) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = c
        .rules
        .iter()
        .map(|r| {
            json!({
                "rule": r.name,
                "held": r.seen.true_,
                "failed": r.seen.false_,
                "conditions": r.conditions.iter().map(|k| json!({"condition": k.text, "true": k.seen.true_, "false": k.seen.false_})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"rules_percent": c.rule_percent(), "conditions_percent": c.condition_percent(), "rules": rules})
}

//! Coverage in `test`'s reports: the lines of the text report, the object of the JSON one.

use crate::coverage::Coverage;
use crate::report::Lang;
use crate::report::messages::{Msg, msg_args, msg_with};
use serde_json::json;

/// Coverage as text in `lang`: the totals, then each rule and condition not seen both
/// ways.
pub(super) fn coverage_text(c: &Coverage, lang: Lang) -> String {
    let (rs, rt) = c.rule_outcomes();
    let (cs, ct) = c.condition_outcomes();
    let numbers = [
        format!("{:.1}", c.rule_percent()),
        rs.to_string(),
        rt.to_string(),
        format!("{:.1}", c.condition_percent()),
        cs.to_string(),
        ct.to_string(),
    ];
    let args: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let mut out = format!("{}\n", msg_args(Msg::CoverageTotals, lang, &args));
    for rule in &c.rules {
        let line = match (rule.seen.true_, rule.seen.false_) {
            (false, false) => Some(Msg::NotExercised),
            (false, true) => Some(Msg::NeverHolds),
            (true, false) => Some(Msg::AlwaysHolds),
            (true, true) => None,
        };
        if let Some(m) = line {
            out.push_str(&format!("  {}\n", msg_with(m, lang, &rule.name)));
        }
        for cond in &rule.conditions {
            let never = match (cond.seen.true_, cond.seen.false_) {
                (true, true) => continue,
                (true, false) => Msg::ConditionNeverFalse,
                (false, _) => Msg::ConditionNeverTrue,
            };
            out.push_str(&format!("  {}\n", msg_args(never, lang, &[&rule.name, &cond.text])));
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

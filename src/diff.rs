//! Impact analysis: one case evaluated under two policies (or one policy on two
//! dates), and what changed — the decision record's fields, and the rules whose outcome
//! or yielded values differ, each with both explanations.

use crate::eval::{Decision, Explainer};
use crate::program::{Program, RuleIdx};
use crate::report::{RenderOptions, ValueStyle, decision_json, rule_name, rule_trace, value_json};
use crate::run::CaseResult;
use crate::source::SourceMap;
use serde_json::Value as Json;

/// Keys of the decision record that are inputs or bookkeeping, not decisions.
const NOT_COMPARED: [&str; 5] = ["case", "as_of", "policy", "documents", "trace"];

/// One side of a comparison: a case's result and the policy version that produced it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The policy version the case was evaluated with.
    pub program: &'a Program,
    /// The files of that run.
    pub sources: &'a SourceMap,
    /// The result.
    pub result: &'a CaseResult,
}

/// A field of the decision record that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The record key.
    pub key: String,
    /// Its old value.
    pub old: Json,
    /// Its new value.
    pub new: Json,
}

/// How a rule's part in a decision changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleChangeKind {
    /// The rule is in both policies; its outcome or yielded values differ.
    Changed,
    /// Only the new policy has the rule, and it holds.
    Added,
    /// Only the old policy has the rule (repealed), and it held.
    Repealed,
}

/// A rule whose outcome or yielded values differ, with both explanations.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleChange {
    /// Whether the rule changed, or exists on one side only.
    pub kind: RuleChangeKind,
    /// The rule as named to people (`一（一）`, `二 investigate`), in the new policy when
    /// it has it.
    pub rule: String,
    /// The old trace line; `None` when the old policy has no such rule.
    pub old: Option<String>,
    /// The new trace line; `None` when the new policy repealed it.
    pub new: Option<String>,
}

/// What changed for one case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDiff {
    /// The case id.
    pub case: String,
    /// Fields of the decision record that differ.
    pub changes: Vec<FieldChange>,
    /// The rules that caused them.
    pub rules: Vec<RuleChange>,
}

/// Compares one case under two policies; `None` when nothing decided differs.
pub fn diff_case(old: Side, new: Side, options: &RenderOptions) -> Option<CaseDiff> {
    let old_record = comparable(&decision_json(old.result, old.program, old.sources, options));
    let new_record = comparable(&decision_json(new.result, new.program, new.sources, options));
    let new_only = new_record.keys().filter(|k| !old_record.contains_key(*k));
    let mut changes = Vec::new();
    for key in old_record.keys().chain(new_only) {
        let (o, n) = (
            old_record.get(key).cloned().unwrap_or(Json::Null),
            new_record.get(key).cloned().unwrap_or(Json::Null),
        );
        if o != n {
            changes.push(FieldChange {
                key: key.clone(),
                old: o,
                new: n,
            });
        }
    }
    if changes.is_empty() {
        return None;
    }
    let case = old
        .result
        .id
        .clone()
        .or_else(|| new.result.id.clone())
        .unwrap_or_else(|| "?".into());
    Some(CaseDiff {
        case,
        changes,
        rules: rule_changes(old, new, options),
    })
}

/// The record without what is not compared, and diagnostics reduced to their codes.
fn comparable(record: &Json) -> serde_json::Map<String, Json> {
    let mut out = serde_json::Map::new();
    if let Json::Object(map) = record {
        for (k, v) in map {
            if NOT_COMPARED.contains(&k.as_str()) {
                continue;
            }
            let v = if k == "diagnostics" {
                v.as_array().map_or(Json::Null, |a| {
                    a.iter().filter_map(|d| d.get("code").cloned()).collect()
                })
            } else {
                v.clone()
            };
            out.insert(k.clone(), v);
        }
    }
    out
}

/// The rules, matched by kind and id, whose outcome or yielded values differ, each in
/// its own policy's terms: yielded values compared as the records write them (enum
/// values by name), so that a renumbered enum changes nothing. A rule on one side only
/// counts as not holding on the other: it is listed (added or repealed) only where it
/// holds.
fn rule_changes(old: Side, new: Side, options: &RenderOptions) -> Vec<RuleChange> {
    let (Some(od), Some(of), Some(nd), Some(nf)) = (
        &old.result.decision,
        old.result.facts(),
        &new.result.decision,
        new.result.facts(),
    ) else {
        return Vec::new();
    };
    let style = |program| ValueStyle {
        program,
        lang: options.lang,
        show_pii: options.show_pii,
    };
    let (old_style, new_style) = (style(old.program), style(new.program));
    let mut old_explainer = Explainer::new(old.program, of, od.as_of);
    let mut new_explainer = Explainer::new(new.program, nf, nd.as_of);
    let mut out = Vec::new();
    let find = |program: &Program, kind, id: &crate::ast::RuleId| program.rule_lookup.get(kind, id);
    for (i, rule) in new.program.rules.iter().enumerate() {
        let new_idx = RuleIdx(i as u32);
        let new_outcome = &nd.outcomes[i];
        let old_idx = find(old.program, rule.kind, &rule.id);
        let same = match old_idx {
            Some(o) => {
                let old_outcome = &od.outcomes[o.0 as usize];
                let yielded = |decision: &Decision, rule, program| {
                    let values = decision.yields_of(rule).unwrap_or_default().iter();
                    values.map(|v| value_json(v, program, true)).collect::<Vec<_>>()
                };
                old_outcome.holds == new_outcome.holds
                    && yielded(od, o, old.program) == yielded(nd, new_idx, new.program)
            }
            None => !new_outcome.holds,
        };
        if same || rule.kind == crate::ast::RuleKind::Check {
            continue;
        }
        out.push(RuleChange {
            kind: if old_idx.is_some() {
                RuleChangeKind::Changed
            } else {
                RuleChangeKind::Added
            },
            rule: rule_name(rule, new.program),
            old: old_idx.map(|o| rule_trace(old.program, od, o, &mut old_explainer, &old_style)),
            new: Some(rule_trace(new.program, nd, new_idx, &mut new_explainer, &new_style)),
        });
    }
    for (i, rule) in old.program.rules.iter().enumerate() {
        let held = od.outcomes[i].holds;
        if held && find(new.program, rule.kind, &rule.id).is_none() && rule.kind != crate::ast::RuleKind::Check {
            let idx = RuleIdx(i as u32);
            out.push(RuleChange {
                kind: RuleChangeKind::Repealed,
                rule: rule_name(rule, old.program),
                old: Some(rule_trace(old.program, od, idx, &mut old_explainer, &old_style)),
                new: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_decisions_are_compared() {
        let record = json!({"case": "a", "as_of": "2025-01-01", "trace": ["x"], "eligible": true,
                            "diagnostics": [{"code": "w", "message": "m"}]});
        let c = comparable(&record);
        assert_eq!(c.keys().collect::<Vec<_>>(), ["eligible", "diagnostics"]);
        assert_eq!(c["diagnostics"], json!(["w"]));
    }
}

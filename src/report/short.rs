//! The short text listing (the default of `eval`): for each kind of rule, what holds
//! with its reasons one level deep, and the rules that fail told by the first
//! condition that failed, rules failing for the same reason on one line. `--explain
//! full` gives every rule with every reason instead (`text.rs`).

use super::because::because_list;
use super::messages::{Msg, kind_heading, msg};
use super::text::{rule_name, yields_line};
use super::values::ValueStyle;
use crate::ast::RuleKind;
use crate::eval::{Because, Decision, Explainer, Reasons};
use crate::program::Program;
use crate::program::RuleIdx;
use std::fmt::Write;

/// Writes the rules of every kind, short.
pub(super) fn write_rules(
    out: &mut String,
    program: &Program,
    decision: &Decision,
    explainer: &mut Explainer,
    style: &ValueStyle,
) {
    let lang = style.lang;
    for kind in RuleKind::ALL.into_iter().filter(|k| *k != RuleKind::Check) {
        let rules: Vec<_> = program.rules_of(kind).collect();
        if rules.is_empty() {
            continue;
        }
        let held: Vec<String> = rules
            .iter()
            .filter(|(i, _)| decision.outcomes[i.0 as usize].holds)
            .map(|(_, r)| rule_name(r, program))
            .collect();
        let _ = write!(out, "{}{}", kind_heading(kind, lang), msg(Msg::Colon, lang));
        out.push_str(&if held.is_empty() {
            msg(Msg::None, lang).to_string()
        } else {
            held.join(list_separator(style))
        });
        out.push('\n');
        // Failing rules, grouped by the first condition that failed, in rule order.
        let mut failing: Vec<(String, Vec<String>)> = Vec::new();
        for (idx, rule) in rules {
            let outcome = &decision.outcomes[idx.0 as usize];
            let reasons = explainer.rule(idx);
            if outcome.holds {
                let title = rule.cite.text.as_deref().unwrap_or("");
                let _ = writeln!(out, "  ✓ {} {title}", rule_name(rule, program));
                if let Some(line) = yields_line(rule, decision.yields_of(idx), style, explainer) {
                    let _ = writeln!(out, "      {line}");
                }
                let reasons = shallow(reasons);
                if !reasons.is_empty() {
                    let _ = writeln!(out, "      {}", because_list(&reasons, style));
                }
                continue;
            }
            let first = match reasons.iter().find(|b| holds(b) == Some(false)) {
                Some(b) => shallow(vec![b.clone()]),
                None => shallow(reasons),
            };
            let why = because_list(&first, style);
            let name = rule_name(rule, program);
            match failing.iter_mut().find(|(w, _)| *w == why) {
                Some((_, names)) => names.push(name),
                None => failing.push((why, vec![name])),
            }
        }
        let all = program.rules_of(kind).count();
        for (why, names) in failing {
            // Every rule of the kind failing for one reason: "all", not seven clauses.
            let names = if names.len() == all && all > 1 {
                msg(Msg::AllOfThem, lang).to_string()
            } else {
                names.join(list_separator(style))
            };
            let _ = writeln!(out, "  ✗ {names}{}{why}", msg(Msg::Colon, lang));
        }
    }
}

fn list_separator(style: &ValueStyle) -> &'static str {
    match style.lang {
        super::Lang::Zh => "、",
        super::Lang::En => ", ",
    }
}

/// Whether a condition held, when it says.
fn holds(b: &Because) -> Option<bool> {
    match b {
        Because::Compare { holds, .. }
        | Because::Is { holds, .. }
        | Because::Flag { holds, .. }
        | Because::ValueOf { holds, .. }
        | Because::Item { holds, .. }
        | Because::EveryItem { holds, .. }
        | Because::Other { holds, .. } => Some(*holds),
        Because::Not(inner) => holds(inner).map(|h| !h),
        Because::Rules { .. } => None,
    }
}

/// Conditions without the reasons of the definitions in them: one level deep.
pub(super) fn shallow(reasons: Vec<Because>) -> Vec<Because> {
    reasons
        .into_iter()
        .map(|b| match b {
            Because::Flag { label, holds, .. } => Because::Flag {
                label,
                holds,
                reasons: Reasons::none(),
            },
            Because::Not(inner) => Because::Not(Box::new(shallow(vec![*inner]).remove(0))),
            other => other,
        })
        .collect()
}

/// Why a rule that holds holds, one level deep, in one line (as the short listing
/// gives it under the rule): the push list of `zhengce match` gives it per person.
pub fn reasons_line(rule: RuleIdx, explainer: &mut Explainer, style: &ValueStyle) -> String {
    because_list(&shallow(explainer.rule(rule)), style)
}

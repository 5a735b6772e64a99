//! The trace: one line per rule (and per yes/no field of the decision record) saying
//! whether it held and why, with the values used — the `trace` of the JSON record, and
//! what `zhengce diff` shows side by side.

use super::messages::{Msg, msg};
use super::text::{because_list, rule_name, yields_line};
use super::values::ValueStyle;
use crate::ast::RuleKind;
use crate::eval::{Decision, Explainer};
use crate::program::{CKind, Program, RuleIdx, Type};
use crate::source::SourceMap;

/// Every trace line of a decision: the yes/no decision fields, then every rule but the
/// checks (their diagnostics say it).
pub fn trace_lines(
    program: &Program,
    decision: &Decision,
    explainer: &mut Explainer,
    style: &ValueStyle,
    sources: &SourceMap,
) -> Vec<String> {
    let mut lines = Vec::new();
    // The decision's outputs are in the order of the policy's decision fields: each is
    // paired with its own, not found by a search of all of them (fields²).
    let outputs = program.decision.iter().zip(&decision.outputs);
    for (output, (name, value)) in outputs.filter(|(o, _)| o.expr.ty == Type::Bool) {
        let reasons = explainer.expr(&output.expr);
        let clause = match output.expr.kind {
            CKind::Def(id) => program.definitions[id.0 as usize]
                .cite
                .as_ref()
                .map(|c| c.clause.node.clone()),
            _ => None,
        };
        let holds = *name == output.name && value.truthy();
        let verdict = msg(if holds { Msg::Holds } else { Msg::Fails }, style.lang);
        let head = clause.map_or_else(|| output.name.to_string(), |c| format!("{c} {}", output.name));
        lines.push(format!("{head} {verdict}: {}", because_list(&reasons, style, sources)));
    }
    for (i, _) in program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind != RuleKind::Check)
    {
        lines.push(rule_trace(
            program,
            decision,
            RuleIdx(i as u32),
            explainer,
            style,
            sources,
        ));
    }
    lines
}

/// One rule's trace line: `一（一） 成立: …conditions… → …what it yields…`.
pub fn rule_trace(
    program: &Program,
    decision: &Decision,
    idx: RuleIdx,
    explainer: &mut Explainer,
    style: &ValueStyle,
    sources: &SourceMap,
) -> String {
    let rule = &program.rules[idx.0 as usize];
    let outcome = &decision.outcomes[idx.0 as usize];
    let verdict = msg(if outcome.holds { Msg::Holds } else { Msg::Fails }, style.lang);
    let reasons = explainer.rule(idx);
    let yielded = yields_line(rule, outcome, style, explainer).map_or_else(String::new, |line| format!(" → {line}"));
    format!(
        "{} {verdict}: {}{yielded}",
        rule_name(rule, program),
        because_list(&reasons, style, sources)
    )
}

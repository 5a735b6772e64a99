//! The trace: one line per rule (and per yes/no field of the decision record) saying
//! whether it held and why, with the values used — the `trace` of the JSON record, and
//! what `zhengce diff` shows side by side.

use super::messages::{Msg, msg};
use super::text::{write_because_list, write_rule_name, write_yields};
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
    let _: Result<(), ()> = each_trace_line(program, decision, explainer, style, sources, |line| {
        lines.push(line.to_string());
        Ok(())
    });
    lines
}

/// Each line of [`trace_lines`], handed to `f` in turn; one buffer is written over for
/// all of them, so a record can be written without a `String` per line. Stops at the
/// first error of `f`.
pub(super) fn each_trace_line<E>(
    program: &Program,
    decision: &Decision,
    explainer: &mut Explainer,
    style: &ValueStyle,
    sources: &SourceMap,
    mut f: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut line = String::new();
    // The decision's outputs are in the order of the policy's decision fields: each is
    // paired with its own, not found by a search of all of them (fields²).
    let outputs = program.decision.iter().zip(&decision.outputs);
    for (output, (name, value)) in outputs.filter(|(o, _)| o.expr.ty == Type::Bool) {
        line.clear();
        let reasons = explainer.expr(&output.expr);
        if let CKind::Def(id) = output.expr.kind
            && let Some(cite) = &program.definitions[id.0 as usize].cite
        {
            line.push_str(&cite.clause.node);
            line.push(' ');
        }
        line.push_str(&output.name);
        let holds = *name == output.name && value.truthy();
        line.push(' ');
        line.push_str(msg(if holds { Msg::Holds } else { Msg::Fails }, style.lang));
        line.push_str(": ");
        write_because_list(&mut line, &reasons, style, sources);
        f(&line)?;
    }
    for (i, _) in program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind != RuleKind::Check)
    {
        line.clear();
        write_rule_trace(
            &mut line,
            program,
            decision,
            RuleIdx(i as u32),
            explainer,
            style,
            sources,
        );
        f(&line)?;
    }
    Ok(())
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
    let mut line = String::new();
    write_rule_trace(&mut line, program, decision, idx, explainer, style, sources);
    line
}

/// Writes [`rule_trace`] into `out`.
fn write_rule_trace(
    out: &mut String,
    program: &Program,
    decision: &Decision,
    idx: RuleIdx,
    explainer: &mut Explainer,
    style: &ValueStyle,
    sources: &SourceMap,
) {
    let rule = &program.rules[idx.0 as usize];
    let outcome = &decision.outcomes[idx.0 as usize];
    write_rule_name(out, rule, program);
    out.push(' ');
    out.push_str(msg(if outcome.holds { Msg::Holds } else { Msg::Fails }, style.lang));
    out.push_str(": ");
    // The reasons are found before the values yielded, as they always were: both use
    // the one explainer, whose memo fills in the order it is asked.
    let reasons = explainer.rule(idx);
    write_because_list(out, &reasons, style, sources);
    let mark = out.len();
    out.push_str(" → ");
    if !write_yields(out, rule, outcome, style, explainer) {
        out.truncate(mark);
    }
}

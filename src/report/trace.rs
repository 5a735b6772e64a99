//! The trace: one line per rule (and per yes/no field of the decision record) saying
//! whether it held and why, with the values used — the `trace` of the JSON record, and
//! what `zhengce diff` shows side by side.

use super::because::{WrittenReasons, write_because_list_in};
use super::messages::{Msg, msg};
use super::short_text::push_short;
use super::text::{write_rule_name, write_yields};
use super::values::ValueStyle;
use crate::ast::RuleKind;
use crate::eval::{Because, Decision, Explainer, Memo};
use crate::program::{CKind, Program, RuleIdx, Type};
use crate::value::Value;

/// Every trace line of a decision: the yes/no decision fields, then every rule but the
/// checks (their diagnostics say it).
pub fn trace_lines<'p>(
    program: &'p Program,
    decision: &Decision,
    explainer: &mut Explainer<'p>,
    style: &ValueStyle,
) -> Vec<String> {
    let mut trace = TraceText::default();
    trace.write(program, decision, explainer, style);
    trace.lines().map(str::to_string).collect()
}

/// The lines of [`trace_lines`] in one buffer (no `String` per line), as a decision
/// record writes them.
#[derive(Default)]
pub(super) struct TraceText {
    text: String,
    /// Where each line ends in `text`.
    ends: Vec<usize>,
}

impl TraceText {
    /// The trace of a decision made with `program` and `facts`, explained from what its
    /// evaluation computed; explained afresh in the rare case that may differ (the
    /// explanation ran out of steps: see [`Explainer::exact`]).
    /// `memo` is the decision's memo when it is given rather than left in the decision
    /// (see [`Explainer::of_memo`]).
    pub(super) fn of_decision(
        program: &Program,
        decision: &Decision,
        memo: Option<Memo>,
        facts: &Value,
        style: &ValueStyle,
    ) -> TraceText {
        let mut trace = TraceText::for_program(program);
        let mut explainer = match memo {
            Some(memo) => Explainer::of_memo(program, facts, decision.as_of, memo),
            None => Explainer::of_decision(program, facts, decision),
        };
        trace.write(program, decision, &mut explainer, style);
        if !explainer.exact() {
            trace = TraceText::default();
            let mut fresh = Explainer::new(program, facts, decision.as_of);
            trace.write(program, decision, &mut fresh, style);
        }
        trace
    }

    /// An empty trace with room for a usual one of `program`'s: a line per rule of about
    /// 200 bytes, so that it does not grow a few times over for each case.
    fn for_program(program: &Program) -> TraceText {
        let lines = program.rules.len() + program.decision.len();
        TraceText {
            text: String::with_capacity(lines * 200),
            ends: Vec::with_capacity(lines),
        }
    }

    /// The whole text, the lines one after another.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The lines, in order.
    pub(super) fn lines(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(start, end)| &self.text[start..*end])
    }

    /// Appends the lines of a decision's trace, explained by `explainer`.
    fn write<'p>(
        &mut self,
        program: &'p Program,
        decision: &Decision,
        explainer: &mut Explainer<'p>,
        style: &ValueStyle,
    ) {
        let text = &mut self.text;
        // The text only grows while it is written, so the reasons of a definition told
        // under many rules can be copied from where they were first written.
        let mut written = WrittenReasons::default();
        // The decision's outputs are in the order of the policy's decision fields: each
        // is paired with its own, not found by a search of all of them (fields²).
        let outputs = program.decision.iter().zip(&decision.outputs);
        for (output, value) in outputs.filter(|(o, _)| o.expr.ty == Type::Bool) {
            let reasons = explainer.expr(&output.expr);
            if let CKind::Def(id) = output.expr.kind
                && let Some(cite) = &program.definitions[id.0 as usize].cite
            {
                push_short(text, &cite.clause.node);
                text.push(' ');
            }
            push_short(text, &output.name);
            let holds = value.truthy();
            text.push(' ');
            push_short(text, msg(if holds { Msg::Holds } else { Msg::Fails }, style.lang));
            push_short(text, msg(Msg::Colon, style.lang));
            write_because_list_in(text, &reasons, style, &mut written);
            self.ends.push(text.len());
        }
        let mut reasons = Vec::new();
        for (i, _) in program
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind != RuleKind::Check)
        {
            let idx = RuleIdx(i as u32);
            let buffers = (&mut reasons, &mut written);
            write_rule_trace(text, program, decision, idx, explainer, buffers, style);
            self.ends.push(text.len());
        }
    }
}

/// One rule's trace line: `一（一） 成立：…conditions… → …what it yields…`.
pub fn rule_trace<'p>(
    program: &'p Program,
    decision: &Decision,
    idx: RuleIdx,
    explainer: &mut Explainer<'p>,
    style: &ValueStyle,
) -> String {
    let mut line = String::new();
    let buffers = (&mut Vec::new(), &mut WrittenReasons::default());
    write_rule_trace(&mut line, program, decision, idx, explainer, buffers, style);
    line
}

/// Writes [`rule_trace`] into `out`, which only grows; `reasons` is the list the
/// rule's reasons are found in (one for all the rules of a trace), and `written` the
/// definitions' reasons written into `out` so far.
fn write_rule_trace<'p>(
    out: &mut String,
    program: &'p Program,
    decision: &Decision,
    idx: RuleIdx,
    explainer: &mut Explainer<'p>,
    (reasons, written): (&mut Vec<Because<'p>>, &mut WrittenReasons<'p>),
    style: &ValueStyle,
) {
    let rule = &program.rules[idx.0 as usize];
    let outcome = &decision.outcomes[idx.0 as usize];
    write_rule_name(out, rule, program);
    out.push(' ');
    push_short(
        out,
        msg(if outcome.holds { Msg::Holds } else { Msg::Fails }, style.lang),
    );
    push_short(out, msg(Msg::Colon, style.lang));
    // The reasons are found before the values yielded, as they always were: both use
    // the one explainer, whose memo fills in the order it is asked.
    explainer.rule_into(idx, reasons);
    write_because_list_in(out, reasons, style, written);
    let mark = out.len();
    push_short(out, " → ");
    if !write_yields(out, rule, decision.yields_of(idx), style, explainer) {
        out.truncate(mark);
    }
}

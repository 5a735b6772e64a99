//! The text format: a case summary for a case worker, outcome first, then every rule
//! with its clause, the values used and why it held or failed.

use super::because::because_list;
use super::layout::wrap_lines;
use super::messages::Lang;
use super::messages::{Msg, kind_heading, label, msg};
use super::short;
use super::short_text::push_short;
use super::values::{ValueStyle, write_typed_value};
use super::{Explain, RenderOptions, render_diagnostic};
use crate::ast::{RuleId, RuleKind};
use crate::calendar::CalendarNote;
use crate::eval::{Decision, Explainer};
use crate::program::CompiledRule;
use crate::program::{CExpr, CKind, Program, Type};
use crate::run::{CaseResult, Status};
use crate::source::SourceMap;
use crate::value::Value;
use std::fmt::Write;

/// One case as text.
pub fn render_text(r: &CaseResult, program: &Program, sources: &SourceMap, options: &RenderOptions) -> String {
    let lang = options.lang;
    let style = ValueStyle {
        program,
        lang,
        show_pii: options.show_pii,
    };
    let mut out = String::new();
    let id = r.id.as_deref().unwrap_or(msg(Msg::NoCaseId, lang));
    let _ = write!(out, "{} {id}", msg(Msg::Case, lang));
    if let Some(d) = r.as_of {
        let _ = write!(out, " · {} {d}", msg(Msg::EvaluationDate, lang));
        if r.as_of_from_clock {
            out.push_str(msg(Msg::FromClock, lang));
        }
    }
    // The built-in policy says so, in the word for "policy" (a mark after the long id
    // would be wrapped onto a line of its own).
    let policy = if program.info.builtin {
        Msg::BuiltinPolicy
    } else {
        Msg::Policy
    };
    let _ = writeln!(out, " · {} {}", msg(policy, lang), program.info.documents.join(" + "));
    match (&r.decision, r.facts()) {
        (Some(decision), Some(facts)) if r.status == Status::Ok || !decision.outputs.is_empty() => {
            let mut explainer = Explainer::new(program, facts, decision.as_of);
            for (output, value) in program.decision.iter().zip(&decision.outputs) {
                let shown = output.expr.label.as_ref().map_or(&*output.name, |l| label(l, lang));
                out.push_str(shown);
                out.push_str(msg(Msg::Colon, lang));
                push_computed(&mut out, value, &output.expr, &style);
                out.push('\n');
                if output.expr.ty == Type::Bool {
                    let reasons = explainer.expr(&output.expr);
                    if let CKind::Def(id) = output.expr.kind
                        && let Some(cite) = &program.definitions[id.0 as usize].cite
                    {
                        let _ = write!(out, "    {} ", cite.clause.node);
                    } else {
                        out.push_str("    ");
                    }
                    let reasons = match options.explain {
                        Explain::Short => short::shallow(reasons),
                        Explain::Full => reasons,
                    };
                    let _ = writeln!(out, "{}", because_list(&reasons, &style));
                }
            }
            match options.explain {
                Explain::Short => short::write_rules(&mut out, program, decision, &mut explainer, &style),
                Explain::Full => write_full_rules(&mut out, program, decision, &mut explainer, &style),
            }
        }
        _ => {
            let _ = writeln!(out, "{}", msg(Msg::CaseError, lang));
        }
    }
    // Diagnostics are drawn by miette, which fits them to the terminal itself.
    let mut out = wrap_lines(&out, options.width);
    if !r.diagnostics.is_empty() {
        let _ = writeln!(out, "\n{}", msg(Msg::Diagnostics, lang));
        for d in &r.diagnostics {
            out.push_str(&render_diagnostic(d, sources, options.into()));
        }
    }
    out
}

/// Every rule with every condition (`--explain full`): the summary of what holds, then
/// each kind's rules with their clause text and reasons.
fn write_full_rules(
    out: &mut String,
    program: &Program,
    decision: &Decision,
    explainer: &mut Explainer,
    style: &ValueStyle,
) {
    let lang = style.lang;
    out.push_str(&summary(program, decision, style, explainer));
    for kind in RuleKind::ALL.into_iter().filter(|k| *k != RuleKind::Check) {
        let rules: Vec<_> = program.rules_of(kind).collect();
        if rules.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", kind_heading(kind, lang));
        for (idx, rule) in rules {
            let holds = decision.outcomes[idx.0 as usize].holds;
            let mark = if holds { "✓" } else { "✗" };
            let verdict = msg(if holds { Msg::Holds } else { Msg::Fails }, lang);
            let text = rule.cite.text.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "  {mark} {} {verdict}{}{text}",
                rule_name(rule, program),
                msg(Msg::Colon, lang)
            );
            if let Some(line) = yields_line(rule, decision.yields_of(idx), style, explainer) {
                let _ = writeln!(out, "      {line}");
            }
            let reasons = explainer.rule(idx);
            if !reasons.is_empty() {
                let _ = writeln!(out, "      {}", because_list(&reasons, style));
            }
        }
    }
}

/// A definition explained on its own (`why eligible` in the REPL): its label and value,
/// and for a yes/no value the conditions that decided it.
pub fn definition_text<'p>(
    program: &'p Program,
    id: crate::program::DefId,
    explainer: &mut Explainer<'p>,
    style: &ValueStyle,
) -> String {
    let def = &program.definitions[id.0 as usize];
    let value = explainer.definition(id);
    let mut out = format!("{}{}", label(&def.label, style.lang), msg(Msg::Colon, style.lang));
    push_computed(&mut out, &value, &def.expr, style);
    out.push('\n');
    if def.expr.ty == Type::Bool {
        let reasons = explainer.expr(&def.expr);
        if !reasons.is_empty() {
            let clause = def.cite.as_ref().map_or("", |c| c.clause.node.as_str());
            let _ = writeln!(out, "    {clause} {}", because_list(&reasons, style));
        }
    }
    out
}

/// The case at a glance: for each kind of rule after the categories, the rules that
/// hold with what they yield (the tier, the services owed and missing, the subsidies
/// to apply for, the exits to process), each with its clause.
fn summary(program: &Program, decision: &Decision, style: &ValueStyle, explainer: &mut Explainer) -> String {
    let lang = style.lang;
    let mut out = String::new();
    for kind in RuleKind::ALL
        .into_iter()
        .filter(|k| !matches!(k, RuleKind::Check | RuleKind::Category))
    {
        if program.rules_of(kind).next().is_none() {
            continue;
        }
        let held: Vec<String> = program
            .rules_of(kind)
            .filter(|(i, _)| decision.outcomes[i.0 as usize].holds)
            .map(
                |(i, rule)| match yields_line(rule, decision.yields_of(i), style, explainer) {
                    Some(line) => format!("\n    {}{}{line}", rule_name(rule, program), msg(Msg::Colon, lang)),
                    None => format!("\n    {}", rule_name(rule, program)),
                },
            )
            .collect();
        let _ = write!(out, "{}{}", kind_heading(kind, lang), msg(Msg::Colon, lang));
        if held.is_empty() {
            out.push_str(msg(Msg::None, lang));
        }
        for line in held {
            out.push_str(&line);
        }
        out.push('\n');
    }
    out
}

/// A rule as named to people: its clause, its id when that is a name (the clause
/// number alone does not tell `二 investigate` from `二 publicity`), and the amending
/// document it comes from when that is not the base policy.
pub fn rule_name(rule: &CompiledRule, program: &Program) -> String {
    let mut name = String::new();
    write_rule_name(&mut name, rule, program);
    name
}

/// Writes [`rule_name`] into `out`.
pub(super) fn write_rule_name(out: &mut String, rule: &CompiledRule, program: &Program) {
    push_short(out, &rule.cite.clause.node);
    if let RuleId::Name(id) = &rule.id {
        out.push(' ');
        push_short(out, id);
    }
    if program.info.documents.first().is_some_and(|base| *base != rule.source) {
        let _ = write!(out, " [{}]", rule.source);
    }
}

/// The values a rule that holds yields, labelled, on one line; a date reached by
/// counting working days names the holidays and make-up days it counted over.
pub fn yields_line(
    rule: &CompiledRule,
    values: Option<&[Value]>,
    style: &ValueStyle,
    explainer: &mut Explainer,
) -> Option<String> {
    let mut line = String::new();
    write_yields(&mut line, rule, values, style, explainer).then_some(line)
}

/// Writes [`yields_line`] into `out`, if the rule yields values: `false` if not.
pub(super) fn write_yields(
    out: &mut String,
    rule: &CompiledRule,
    values: Option<&[Value]>,
    style: &ValueStyle,
    explainer: &mut Explainer,
) -> bool {
    let (Some(fields), Some(values)) = (&rule.yields, values) else {
        return false;
    };
    for (k, (field, value)) in fields.iter().zip(values).enumerate() {
        if k > 0 {
            push_short(out, " · ");
        }
        push_short(out, label(&field.label, style.lang));
        out.push(' ');
        push_computed(out, value, &field.expr, style);
        if let Some((from, to)) = explainer.working_day_span(&field.expr) {
            let notes = style.program.calendar.notes(from, to);
            // Each note is some text, so there is a bracket only when there are notes.
            if !notes.is_empty() {
                parenthesised(out, style.lang, |out| calendar_notes(out, &notes, style.lang));
            }
        }
    }
    true
}

/// `国庆节、中秋节 10-01 至 10-08 不计；09-28 调休上班`: days off first, then make-up days.
fn calendar_notes(out: &mut String, notes: &[CalendarNote], lang: Lang) {
    let ordered = notes
        .iter()
        .filter(|n| !n.workday)
        .chain(notes.iter().filter(|n| n.workday));
    for (k, n) in ordered.enumerate() {
        if k > 0 {
            out.push_str(msg(Msg::Separator, lang));
        }
        let from = n.from.format("%m-%d");
        let _ = if n.workday {
            write!(out, "{from} {}", msg(Msg::MakeUpWorkday, lang))
        } else if n.from == n.to {
            write!(out, "{} {from} {}", n.name, msg(Msg::NotCounted, lang))
        } else {
            write!(
                out,
                "{} {from} {} {} {}",
                n.name,
                msg(Msg::RangeTo, lang),
                n.to.format("%m-%d"),
                msg(Msg::NotCounted, lang)
            )
        };
    }
}

/// Writes what `inner` writes in brackets, full-width in Chinese.
pub(super) fn parenthesised(out: &mut String, lang: Lang, inner: impl FnOnce(&mut String)) {
    let (open, close) = match lang {
        Lang::Zh => ("（", "）"),
        Lang::En => (" (", ")"),
    };
    push_short(out, open);
    inner(out);
    push_short(out, close);
}

/// Appends the value of `expr` with its type's words: absent is "not given" for a case
/// field that was not, and "none" for a computed value that does not exist.
fn push_computed(out: &mut String, value: &Value, expr: &CExpr, style: &ValueStyle) {
    match value {
        Value::Absent if !matches!(expr.kind, CKind::CaseField(_)) => push_short(out, msg(Msg::None, style.lang)),
        value => {
            // Writing into a String makes no error.
            let _ = write_typed_value(out, value, &expr.ty, style);
        }
    }
}

//! The text format: a case summary for a case worker, outcome first, then every rule
//! with its clause, the values used and why it held or failed.

use super::messages::Lang;
use super::messages::{Msg, kind_heading, label, msg, operator};
use super::values::{ValueStyle, format_value};
use super::{RenderOptions, render_diagnostic};
use crate::ast::{RuleId, RuleKind};
use crate::calendar::CalendarNote;
use crate::eval::{Because, Decision, Explainer, RuleOutcome, Shown};
use crate::program::CompiledRule;
use crate::program::{CKind, Program, Type};
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
    let id = r.id.as_deref().unwrap_or("?");
    let _ = write!(out, "{} {id}", msg(Msg::Case, lang));
    if let Some(d) = r.as_of {
        let _ = write!(out, " · {} {d}", msg(Msg::EvaluationDate, lang));
        if r.as_of_from_clock {
            out.push_str(msg(Msg::FromClock, lang));
        }
    }
    let _ = writeln!(
        out,
        " · {} {}",
        msg(Msg::Policy, lang),
        program.info.documents.join(" + ")
    );
    match (&r.decision, r.facts()) {
        (Some(decision), Some(facts)) if r.status == Status::Ok || !decision.outputs.is_empty() => {
            let mut explainer = Explainer::new(program, facts, decision.as_of);
            for (output, (name, value)) in program.decision.iter().zip(&decision.outputs) {
                let shown = output.expr.label.as_ref().map_or(&**name, |l| label(l, lang));
                let _ = writeln!(out, "{shown}{}{}", msg(Msg::Colon, lang), format_value(value, &style));
                if output.expr.ty == Type::Bool {
                    let reasons = explainer.expr(&output.expr);
                    if let CKind::Def(id) = output.expr.kind
                        && let Some(cite) = &program.definitions[id.0 as usize].cite
                    {
                        let _ = write!(out, "    {} ", cite.clause.node);
                    } else {
                        out.push_str("    ");
                    }
                    let _ = writeln!(out, "{}", because_list(&reasons, &style, sources));
                }
            }
            out.push_str(&summary(program, decision, &style, &mut explainer));
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
                    let outcome = &decision.outcomes[idx.0 as usize];
                    if let Some(line) = yields_line(rule, outcome, &style, &mut explainer) {
                        let _ = writeln!(out, "      {line}");
                    }
                    let reasons = explainer.rule(idx);
                    if !reasons.is_empty() {
                        let _ = writeln!(out, "      {}", because_list(&reasons, &style, sources));
                    }
                }
            }
        }
        _ => {
            let _ = writeln!(out, "{}", msg(Msg::CaseError, lang));
        }
    }
    if !r.diagnostics.is_empty() {
        let _ = writeln!(out, "\n{}", msg(Msg::Diagnostics, lang));
        for d in &r.diagnostics {
            out.push_str(&render_diagnostic(d, sources, options.color, options.show_pii));
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
            .map(|(i, rule)| {
                let outcome = &decision.outcomes[i.0 as usize];
                match yields_line(rule, outcome, style, explainer) {
                    Some(line) => format!("\n    {}{}{line}", rule_name(rule, program), msg(Msg::Colon, lang)),
                    None => format!("\n    {}", rule_name(rule, program)),
                }
            })
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
    let mut name = match &rule.id {
        RuleId::Number(_) => rule.cite.clause.node.clone(),
        RuleId::Name(id) => format!("{} {id}", rule.cite.clause.node),
    };
    if program.info.documents.first().is_some_and(|base| *base != rule.source) {
        name.push_str(&format!(" [{}]", rule.source));
    }
    name
}

/// The values a rule that holds yields, labelled, on one line; a date reached by
/// counting working days names the holidays and make-up days it counted over.
pub fn yields_line(
    rule: &CompiledRule,
    outcome: &RuleOutcome,
    style: &ValueStyle,
    explainer: &mut Explainer,
) -> Option<String> {
    let (Some(fields), Some(values)) = (&rule.yields, &outcome.yields) else {
        return None;
    };
    let parts: Vec<String> = fields
        .iter()
        .zip(values)
        .map(|(field, value)| {
            let mut part = format!("{} {}", label(&field.label, style.lang), format_value(value, style));
            if let Some((from, to)) = explainer.working_day_span(&field.expr) {
                let notes = calendar_notes(&style.program.calendar.notes(from, to), style.lang);
                if !notes.is_empty() {
                    part.push_str(&parenthesised(&notes, style.lang));
                }
            }
            part
        })
        .collect();
    Some(parts.join(" · "))
}

/// `国庆节、中秋节 10-01..10-08 不计；09-28 调休上班`: days off first, then make-up days.
fn calendar_notes(notes: &[CalendarNote], lang: Lang) -> String {
    let ordered = notes
        .iter()
        .filter(|n| !n.workday)
        .chain(notes.iter().filter(|n| n.workday));
    let parts: Vec<String> = ordered
        .map(|n| {
            let from = n.from.format("%m-%d");
            if n.workday {
                format!("{from} {}", msg(Msg::MakeUpWorkday, lang))
            } else if n.from == n.to {
                format!("{} {from} {}", n.name, msg(Msg::NotCounted, lang))
            } else {
                format!(
                    "{} {from}..{} {}",
                    n.name,
                    n.to.format("%m-%d"),
                    msg(Msg::NotCounted, lang)
                )
            }
        })
        .collect();
    parts.join(msg(Msg::Separator, lang))
}

/// Text in brackets, full-width in Chinese.
fn parenthesised(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// Conditions joined into one line.
pub fn because_list(reasons: &[Because], style: &ValueStyle, sources: &SourceMap) -> String {
    let parts: Vec<String> = reasons.iter().map(|b| because(b, style, sources)).collect();
    parts.join(msg(Msg::Separator, style.lang))
}

fn mark(holds: bool) -> &'static str {
    if holds { " ✓" } else { " ✗" }
}

fn because(b: &Because, style: &ValueStyle, sources: &SourceMap) -> String {
    let lang = style.lang;
    match b {
        Because::Compare { left, op, right, holds } => {
            format!(
                "{} {} {}{}",
                shown(left, style, sources),
                operator(*op),
                shown(right, style, sources),
                mark(*holds)
            )
        }
        Because::Is {
            subject,
            variant,
            absent,
            negated,
            holds,
        } => {
            // "公示开始日期 已填写 ✗" reads better without the absent value.
            let subject = match subject {
                Shown::Named {
                    label: l,
                    value: Value::Absent,
                } => label(l, lang).to_string(),
                other => shown(other, style, sources),
            };
            let test = match variant {
                Some(v) => {
                    let not = if *negated {
                        format!("{} ", msg(Msg::Not, lang))
                    } else {
                        String::new()
                    };
                    format!("{not}{} {}", msg(Msg::Is, lang), label(v, lang))
                }
                None => msg(if *absent { Msg::IsAbsent } else { Msg::IsPresent }, lang).to_string(),
            };
            format!("{subject} {test}{}", mark(*holds))
        }
        Because::Flag {
            label: l,
            holds,
            reasons,
        } => {
            let value = msg(if *holds { Msg::Yes } else { Msg::No }, lang);
            let mut s = format!("{}{}{value}", label(l, lang), msg(Msg::Colon, lang));
            if !reasons.is_empty() {
                s.push_str(&parenthesised(&because_list(reasons, style, sources), lang));
            }
            s
        }
        Because::Not(inner) => format!(
            "{}{}",
            msg(Msg::Not, lang),
            parenthesised(&because(inner, style, sources), lang)
        ),
        Because::Rules { kind, held } => {
            let list = if held.is_empty() {
                msg(Msg::None, lang).to_string()
            } else {
                held.join(", ")
            };
            format!(
                "{}{} {}{}{list}",
                msg(Msg::ThatHold, lang),
                kind_heading(*kind, lang),
                msg(Msg::Rules, lang),
                msg(Msg::Colon, lang)
            )
        }
        Because::Other { span, holds } => format!(
            "{}{}",
            sources.snippet(*span).split_whitespace().collect::<Vec<_>>().join(" "),
            mark(*holds)
        ),
    }
}

fn shown(s: &Shown, style: &ValueStyle, sources: &SourceMap) -> String {
    match s {
        Shown::Named { label: l, value } => format!("{} {}", label(l, style.lang), format_value(value, style)),
        Shown::Constant(v) => format_value(v, style),
        Shown::EvaluationDate(v) => format!("{} {}", msg(Msg::EvaluationDate, style.lang), format_value(v, style)),
        Shown::Arithmetic { op, left, right, value } => format!(
            "{} {} {} = {}",
            shown(left, style, sources),
            op.symbol(),
            shown(right, style, sources),
            format_value(value, style)
        ),
        Shown::Computed { span, value } => {
            let text: Vec<&str> = sources.snippet(*span).split_whitespace().collect();
            format!("{} = {}", text.join(" "), format_value(value, style))
        }
    }
}

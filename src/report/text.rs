//! The text format: a case summary for a case worker, outcome first, then every rule
//! with its clause, the values used and why it held or failed.

use super::messages::{Msg, kind_heading, label, msg, operator};
use super::values::{ValueStyle, format_value};
use super::{RenderOptions, render_diagnostic};
use crate::ast::RuleKind;
use crate::eval::{Because, Shown, explain_expr, explain_rule};
use crate::program::{CKind, Program, Type};
use crate::run::{CaseResult, Status};
use crate::source::SourceMap;
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
    let _ = writeln!(out, " · {} {}", msg(Msg::Policy, lang), program.info.id);
    match (&r.decision, r.facts()) {
        (Some(decision), Some(facts)) if r.status == Status::Ok || !decision.outputs.is_empty() => {
            for (output, (name, value)) in program.decision.iter().zip(&decision.outputs) {
                let shown = output.expr.label.as_ref().map_or(name.as_str(), |l| label(l, lang));
                let _ = writeln!(out, "{shown}{}{}", msg(Msg::Colon, lang), format_value(value, &style));
                if output.expr.ty == Type::Bool {
                    let reasons = explain_expr(program, facts, decision.as_of, &output.expr);
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
                        rule.cite.clause.node,
                        msg(Msg::Colon, lang)
                    );
                    let reasons = explain_rule(program, facts, decision.as_of, idx);
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
            out.push_str(&render_diagnostic(d, sources, options.color));
        }
    }
    out
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
            let subject = shown(subject, style, sources);
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
                let _ = write!(s, "（{}）", because_list(reasons, style, sources));
            }
            s
        }
        Because::Not(inner) => format!("{}（{}）", msg(Msg::Not, lang), because(inner, style, sources)),
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

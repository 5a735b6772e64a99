//! Conditions in words: why a rule held or failed, each condition with the values it
//! used, on one line (`年龄（周岁） 50年 ≥ 50年 ✓；连续失业六个月以上：是`). Shared by the
//! text format, the trace and the REPL.

use super::messages::{Lang, Msg, kind_heading, label, msg, operator, write_msg_with};
use super::text::parenthesised;
use super::values::{ValueStyle, write_value};
use crate::ast::Label;
use crate::eval::{Because, Shown};
use crate::source::SourceMap;
use crate::value::Value;
use std::fmt::Write;

/// Conditions joined into one line.
pub fn because_list(reasons: &[Because], style: &ValueStyle, sources: &SourceMap) -> String {
    let mut out = String::new();
    write_because_list(&mut out, reasons, style, sources);
    out
}

/// Writes [`because_list`] into `out`: one buffer for a whole line, rather than a
/// `String` for each condition and operand joined at the end.
pub(super) fn write_because_list(out: &mut String, reasons: &[Because], style: &ValueStyle, sources: &SourceMap) {
    for (k, b) in reasons.iter().enumerate() {
        if k > 0 {
            out.push_str(msg(Msg::Separator, style.lang));
        }
        because(out, b, style, sources);
    }
}

fn mark(holds: bool) -> &'static str {
    if holds { " ✓" } else { " ✗" }
}

fn because(out: &mut String, b: &Because, style: &ValueStyle, sources: &SourceMap) {
    let lang = style.lang;
    match b {
        Because::Compare { left, op, right, holds } => {
            shown(out, left, style);
            out.push(' ');
            out.push_str(operator(*op));
            out.push(' ');
            shown(out, right, style);
            out.push_str(mark(*holds));
        }
        Because::Is {
            subject,
            variant,
            absent,
            negated,
            holds,
        } => {
            match subject {
                // "公示开始日期 已填写 ✗" reads better without the absent value.
                Shown::Named {
                    label: l,
                    value: Value::Absent,
                    ..
                } => out.push_str(label(l, lang)),
                other => shown(out, other, style),
            }
            out.push(' ');
            match variant {
                Some(v) => {
                    if *negated {
                        out.push_str(msg(Msg::Not, lang));
                        out.push(' ');
                    }
                    out.push_str(msg(Msg::Is, lang));
                    out.push(' ');
                    out.push_str(label(v, lang));
                }
                None => out.push_str(msg(if *absent { Msg::IsAbsent } else { Msg::IsPresent }, lang)),
            }
            out.push_str(mark(*holds));
        }
        Because::Flag {
            label: l,
            holds,
            reasons,
        } => {
            out.push_str(label(l, lang));
            out.push_str(msg(Msg::Colon, lang));
            out.push_str(msg(if *holds { Msg::Yes } else { Msg::No }, lang));
            if !reasons.is_empty() {
                parenthesised(out, lang, |out| write_because_list(out, reasons, style, sources));
            }
        }
        Because::Not(inner) => {
            out.push_str(msg(Msg::Not, lang));
            parenthesised(out, lang, |out| because(out, inner, style, sources));
        }
        Because::Rules { kind, held } => {
            write_msg_with(out, Msg::KindsThatHold, lang, |out| {
                out.push_str(kind_heading(*kind, lang))
            });
            out.push_str(msg(Msg::Colon, lang));
            if held.is_empty() {
                out.push_str(msg(Msg::None, lang));
            }
            for (k, id) in held.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{id}");
            }
        }
        Because::Other { reads, holds, .. } => {
            told_by(out, reads, Msg::ConditionOn, Msg::ACondition, lang);
            out.push_str(mark(*holds));
        }
    }
}

fn shown(out: &mut String, s: &Shown, style: &ValueStyle) {
    match s {
        Shown::Named {
            label: l,
            value,
            computed,
        } => {
            out.push_str(label(l, style.lang));
            out.push(' ');
            if *computed {
                push_computed(out, value, style);
            } else {
                push_value(out, value, style);
            }
        }
        Shown::Constant(v) => push_value(out, v, style),
        Shown::EvaluationDate(v) => {
            out.push_str(msg(Msg::EvaluationDate, style.lang));
            out.push(' ');
            push_value(out, v, style);
        }
        Shown::Arithmetic { op, left, right, value } => {
            shown(out, left, style);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            shown(out, right, style);
            out.push_str(" = ");
            push_computed(out, value, style);
        }
        Shown::Computed { reads, value, .. } => {
            told_by(out, reads, Msg::ComputedFrom, Msg::AComputedValue, style.lang);
            out.push(' ');
            push_computed(out, value, style);
        }
    }
}

/// A condition or value without a label of its own, told by the labels of what it
/// reads (`关于家庭成员、就业日期的条件`), or in general words when it reads nothing
/// labelled: never in the policy's expression syntax.
fn told_by(out: &mut String, reads: &[&Label], with: Msg, without: Msg, lang: Lang) {
    if reads.is_empty() {
        out.push_str(msg(without, lang));
        return;
    }
    let separator = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    write_msg_with(out, with, lang, |out| {
        for (k, l) in reads.iter().enumerate() {
            if k > 0 {
                out.push_str(separator);
            }
            out.push_str(label(l, lang));
        }
    });
}

/// Appends a computed value: one that is absent was not given by anyone, so it is
/// "none", not "not given".
fn push_computed(out: &mut String, v: &Value, style: &ValueStyle) {
    match v {
        Value::Absent => out.push_str(msg(Msg::None, style.lang)),
        v => push_value(out, v, style),
    }
}

/// Appends a value as [`format_value`](super::format_value) shows it.
pub(super) fn push_value(out: &mut String, v: &Value, style: &ValueStyle) {
    // Writing into a String makes no error.
    let _ = write_value(out, v, style);
}

//! Conditions in words: why a rule held or failed, each condition with the values it
//! used, on one line (`年龄（周岁） 50年 ≥ 50年 ✓；连续失业六个月以上：是`). Shared by the
//! text format, the trace and the REPL.

use super::messages::{Lang, Msg, kind_heading, label, msg, operator, write_msg_with};
use super::short_text::push_short;
use super::text::parenthesised;
use super::values::{ValueStyle, write_value};
use crate::ast::{BinOp, Label, RuleId, RuleKind};
use crate::eval::{Because, Reasons, Shown};
use crate::value::Value;
use std::fmt::Write;
use std::ops::Range;
use std::rc::Rc;

/// Conditions joined into one line.
pub fn because_list(reasons: &[Because], style: &ValueStyle) -> String {
    let mut out = String::new();
    write_because_list(&mut out, reasons, style);
    out
}

/// Writes [`because_list`] into `out`: one buffer for a whole line, rather than a
/// `String` for each condition and operand joined at the end.
pub(super) fn write_because_list(out: &mut String, reasons: &[Because], style: &ValueStyle) {
    write_because_list_in(out, reasons, style, &mut WrittenReasons::default());
}

/// The reasons of definitions already written into a text, and where. A case's trace
/// tells a definition such as eligibility under many rules, each time in the same
/// words: they are copied from where they were first written. Each list is kept alive
/// here, so that its address, by which it is found, is no other list's while the text
/// is written; the text must only grow meanwhile.
#[derive(Default)]
pub(super) struct WrittenReasons<'p> {
    lists: Vec<(Rc<Vec<Because<'p>>>, Range<usize>)>,
}

/// [`write_because_list`] into a text whose definitions' reasons written so far are
/// `written`.
pub(super) fn write_because_list_in<'p>(
    out: &mut String,
    reasons: &[Because<'p>],
    style: &ValueStyle,
    written: &mut WrittenReasons<'p>,
) {
    for (k, b) in reasons.iter().enumerate() {
        if k > 0 {
            push_short(out, msg(Msg::Separator, style.lang));
        }
        because(out, b, false, style, written);
    }
}

/// A definition's reasons: copied when written before into `out`, else written.
fn definition_reasons<'p>(
    out: &mut String,
    reasons: &Reasons<'p>,
    style: &ValueStyle,
    written: &mut WrittenReasons<'p>,
) {
    let Some(list) = reasons.shared() else {
        return;
    };
    if let Some((_, at)) = written.lists.iter().find(|(l, _)| Rc::ptr_eq(l, list))
        && out.get(at.clone()).is_some()
    {
        out.extend_from_within(at.clone());
        return;
    }
    let start = out.len();
    write_because_list_in(out, list, style, written);
    written.lists.push((list.clone(), start..out.len()));
}

fn mark(holds: bool) -> &'static str {
    if holds { " ✓" } else { " ✗" }
}

/// Writes a condition in words; `negated`: the condition under a `not`, told in its own
/// negated wording (`不是`, `≥` for `<`, a yes/no field with the mark of the `not`)
/// wherever it has one, else as `并非（…）`.
fn because<'p>(out: &mut String, b: &Because<'p>, negated: bool, style: &ValueStyle, written: &mut WrittenReasons<'p>) {
    let lang = style.lang;
    match b {
        Because::Compare { left, op, right, holds } => {
            let op = match (negated, opposite(*op, left, right)) {
                (false, _) => *op,
                (true, Some(op)) => op,
                (true, None) => return not_wrapped(out, b, style, written),
            };
            shown(out, left, style);
            out.push(' ');
            push_short(out, operator(op));
            out.push(' ');
            shown(out, right, style);
            push_short(out, mark(*holds != negated));
        }
        Because::Is {
            subject,
            variant,
            negated: is_not,
            holds,
            ..
        } => {
            shown(out, subject, style);
            // `x is v` with its value; a test of presence is told as the fact, `公示开始日期
            // 未填写`, not as the test (`已填写 ✗`).
            if let Some(v) = variant {
                out.push(' ');
                push_short(out, msg(if *is_not != negated { Msg::IsNot } else { Msg::Is }, lang));
                out.push(' ');
                push_short(out, label(v, lang));
            }
            push_short(out, mark(*holds != negated));
        }
        Because::ValueOf { subject, holds } => {
            shown(out, subject, style);
            push_short(out, mark(*holds != negated));
        }
        Because::Flag {
            label: l,
            holds,
            reasons,
        } => {
            push_short(out, label(l, lang));
            push_short(out, msg(Msg::Colon, lang));
            push_short(out, msg(if *holds { Msg::Yes } else { Msg::No }, lang));
            if !reasons.is_empty() {
                parenthesised(out, lang, |out| definition_reasons(out, reasons, style, written));
            }
            // `not 有异议` is `有异议：否 ✓`: the field's own answer, and whether the
            // `not` held.
            if negated {
                push_short(out, mark(!*holds));
            }
        }
        Because::Not(inner) => because(out, inner, !negated, style, written),
        Because::Item {
            list,
            number,
            reasons,
            holds,
        } => {
            let mut number_text = itoa::Buffer::new();
            let words = if *holds { Msg::ItemMeets } else { Msg::ItemFails };
            write_msg_args(out, words, lang, &[label(list, lang), number_text.format(*number)]);
            if !reasons.is_empty() {
                parenthesised(out, lang, |out| write_because_list_in(out, reasons, style, written));
            }
            if negated {
                push_short(out, mark(!*holds));
            }
        }
        Because::EveryItem { list, every, holds } => {
            match list {
                // An empty list: the list's own value, `无`.
                Shown::Named {
                    label: l,
                    value: Value::List(items),
                    ..
                } if !items.is_empty() => {
                    let words = if *every { Msg::EveryItemMeets } else { Msg::NoItemMeets };
                    write_msg_args(out, words, lang, &[label(l, lang)]);
                }
                other => shown(out, other, style),
            }
            push_short(out, mark(*holds != negated));
        }
        Because::Rules {
            kind,
            held,
            asked: Some(id),
        } => {
            // `holds(category 1)`: that rule, by its name, and whether it held.
            write_rule(out, *kind, id, style);
            push_short(out, msg(Msg::Colon, lang));
            let holds = !held.is_empty();
            push_short(out, msg(if holds { Msg::Holds } else { Msg::Fails }, lang));
            push_short(out, mark(holds != negated));
        }
        Because::Rules { kind, held, .. } => {
            if negated {
                return not_wrapped(out, b, style, written);
            }
            write_msg_with(out, Msg::KindsThatHold, lang, |out| {
                push_short(out, kind_heading(*kind, lang))
            });
            push_short(out, msg(Msg::Colon, lang));
            if held.is_empty() {
                push_short(out, msg(Msg::None, lang));
            }
            for (k, id) in held.iter().enumerate() {
                if k > 0 {
                    push_short(out, msg(Msg::ListSeparator, lang));
                }
                write_rule(out, *kind, id, style);
            }
        }
        Because::Other { reads, holds, .. } => {
            told_by(out, reads, Msg::ConditionOn, Msg::ACondition, lang);
            push_short(out, mark(*holds != negated));
        }
    }
}

/// A rule as named everywhere else (一（一）), by its id if not found.
fn write_rule(out: &mut String, kind: RuleKind, id: &RuleId, style: &ValueStyle) {
    match style.program.rule_lookup.get(kind, id) {
        Some(idx) => super::text::write_rule_name(out, &style.program.rules[idx.0 as usize], style.program),
        None => {
            let _ = write!(out, "{id}");
        }
    }
}

/// `并非（…）`: a negated condition that has no negated wording of its own.
fn not_wrapped<'p>(out: &mut String, b: &Because<'p>, style: &ValueStyle, written: &mut WrittenReasons<'p>) {
    push_short(out, msg(Msg::Not, style.lang));
    parenthesised(out, style.lang, |out| because(out, b, false, style, written));
}

/// The comparison that holds exactly when `left op right` does not: only when both
/// sides have a value (a comparison with an absent value fails either way round).
fn opposite(op: BinOp, left: &Shown, right: &Shown) -> Option<BinOp> {
    if value_of(left).is_absent() || value_of(right).is_absent() {
        return None;
    }
    Some(match op {
        BinOp::Eq => BinOp::Ne,
        BinOp::Ne => BinOp::Eq,
        BinOp::Lt => BinOp::Ge,
        BinOp::Ge => BinOp::Lt,
        BinOp::Le => BinOp::Gt,
        BinOp::Gt => BinOp::Le,
        _ => return None,
    })
}

fn value_of<'a>(s: &'a Shown) -> &'a Value {
    match s {
        Shown::Named { value, .. }
        | Shown::Constant(value)
        | Shown::EvaluationDate(value)
        | Shown::Arithmetic { value, .. }
        | Shown::Computed { value, .. } => value,
        Shown::FromRow { shown, .. } => value_of(shown),
    }
}

/// Writes a message with its `{}`s filled in by `args`, in order (no `String` made).
fn write_msg_args(out: &mut String, m: Msg, lang: Lang, args: &[&str]) {
    let mut parts = msg(m, lang).split("{}");
    push_short(out, parts.next().unwrap_or(""));
    for (k, part) in parts.enumerate() {
        push_short(out, args.get(k).copied().unwrap_or(""));
        push_short(out, part);
    }
}

fn shown(out: &mut String, s: &Shown, style: &ValueStyle) {
    match s {
        Shown::Named {
            label: l,
            value,
            computed,
        } => {
            push_short(out, label(l, style.lang));
            out.push(' ');
            match value {
                _ if *computed => push_computed(out, value, style),
                // A blank text was not filled in, as the policy reads it.
                Value::Text(t) if t.trim().is_empty() => push_short(out, msg(Msg::Absent, style.lang)),
                value => push_value(out, value, style),
            }
        }
        Shown::Constant(v) => push_computed(out, v, style),
        Shown::EvaluationDate(v) => {
            push_short(out, msg(Msg::EvaluationDate, style.lang));
            out.push(' ');
            push_value(out, v, style);
        }
        Shown::Arithmetic { op, left, right, value } => {
            shown(out, left, style);
            out.push(' ');
            push_short(out, op.symbol());
            out.push(' ');
            shown(out, right, style);
            push_short(out, " = ");
            push_computed(out, value, style);
        }
        Shown::Computed { reads, value, .. } => {
            told_by(out, reads, Msg::ComputedFrom, Msg::AComputedValue, style.lang);
            out.push(' ');
            push_computed(out, value, style);
        }
        Shown::FromRow {
            shown: inner,
            table,
            from,
        } => {
            shown(out, inner, style);
            let mut day = String::new();
            push_value(&mut day, &Value::Date(*from), style);
            write_msg_args(out, Msg::RowFrom, style.lang, &[label(table, style.lang), &day]);
        }
    }
}

/// A condition or value without a label of its own, told by the labels of what it
/// reads (`关于家庭成员、就业日期的条件`), or in general words when it reads nothing
/// labelled: never in the policy's expression syntax.
fn told_by(out: &mut String, reads: &[&Label], with: Msg, without: Msg, lang: Lang) {
    if reads.is_empty() {
        push_short(out, msg(without, lang));
        return;
    }
    let separator = msg(Msg::ListSeparator, lang);
    write_msg_with(out, with, lang, |out| {
        for (k, l) in reads.iter().enumerate() {
            if k > 0 {
                push_short(out, separator);
            }
            push_short(out, label(l, lang));
        }
    });
}

/// Appends a computed value: one that is absent was not given by anyone, so it is
/// "none", not "not given".
fn push_computed(out: &mut String, v: &Value, style: &ValueStyle) {
    match v {
        Value::Absent => push_short(out, msg(Msg::None, style.lang)),
        v => push_value(out, v, style),
    }
}

/// Appends a value as [`format_value`](super::format_value) shows it.
pub(super) fn push_value(out: &mut String, v: &Value, style: &ValueStyle) {
    // Writing into a String makes no error.
    let _ = write_value(out, v, style);
}

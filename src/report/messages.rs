//! The user-interface message catalogue: the words zhengce itself says, in Chinese and
//! English. The law's own words (labels, clause texts) come from the policy file.

use super::short_text::push_short;
use crate::ast::{BinOp, Label};

pub use crate::lang::Lang;

pub use super::catalogue::Msg;

/// The text of a message.
pub fn msg(m: Msg, lang: Lang) -> &'static str {
    m.text(lang)
}

/// A message with its `{}` filled in by `arg`.
pub fn msg_with(m: Msg, lang: Lang, arg: &str) -> String {
    msg_args(m, lang, &[arg])
}

/// Writes a message into `out` with its `{}` filled in by what `arg` writes: no
/// `String` for the argument or the message (a trace writes thousands).
pub fn write_msg_with(out: &mut String, m: Msg, lang: Lang, arg: impl FnOnce(&mut String)) {
    let text = msg(m, lang);
    match text.split_once("{}") {
        Some((before, after)) => {
            push_short(out, before);
            arg(out);
            // As in `msg_args`, a `{}` without an argument is left empty.
            after.split("{}").for_each(|part| push_short(out, part));
        }
        None => push_short(out, text),
    }
}

/// A message with its `{}`s filled in by `args`, in order.
pub fn msg_args(m: Msg, lang: Lang, args: &[&str]) -> String {
    let mut parts = msg(m, lang).split("{}");
    let mut out = parts.next().unwrap_or("").to_string();
    for (k, part) in parts.enumerate() {
        out.push_str(args.get(k).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

/// A label in the chosen language (English falls back to Chinese).
pub fn label(l: &Label, lang: Lang) -> &str {
    match (lang, &l.en) {
        (Lang::En, Some(en)) => en,
        _ => &l.zh,
    }
}

/// A comparison operator as shown in explanations.
pub fn operator(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "=",
        BinOp::Ne => "≠",
        BinOp::Lt => "<",
        BinOp::Le => "≤",
        BinOp::Gt => ">",
        BinOp::Ge => "≥",
        other => other.symbol(),
    }
}

/// A heading for the rules of a kind.
pub fn kind_heading(kind: crate::ast::RuleKind, lang: Lang) -> &'static str {
    use crate::ast::RuleKind::*;
    match (lang, kind) {
        (Lang::Zh, Category) => "认定类别",
        (Lang::Zh, Exit) => "退出情形",
        (Lang::Zh, Tier) => "帮扶分类",
        (Lang::Zh, Deadline) => "认定流程时限",
        (Lang::Zh, Obligation) => "服务义务",
        (Lang::Zh, Entitlement) => "补贴政策",
        (Lang::Zh, Referral) => "部门协作",
        (Lang::Zh, Limit) => "限制",
        (Lang::Zh, Check) => "核查",
        (Lang::En, k) => k.record_key(),
    }
}

//! A new case file to fill in (`zhengce new case`): every key of the policy's case
//! format, each with its label and what it takes in a comment, in the language asked
//! for. Fields that must be given get a sample value of their type; the others are left
//! empty, and lists empty with their items' keys in the comment, so the template reads
//! without an error as it is.

use super::Lang;
use super::messages::{Msg, msg, msg_with};
use crate::program::{Program, RecordId, SchemaField, SchemaShape, Type};

/// The column comments start at, where the key and value leave room.
const COMMENT_COLUMN: usize = 28;

/// The template of a case file for `program`, in `lang`.
pub fn case_template(program: &Program, lang: Lang) -> String {
    let mut out = format!("# {}\n", msg_with(Msg::TemplateHeading, lang, &program.info.id));
    // Until it is filled in, a case that still has this line is told so.
    out.push_str(&format!(
        "{} {}\n",
        crate::case::TEMPLATE_MARK,
        msg(Msg::TemplateMarkLine, lang)
    ));
    line(&mut out, 0, "id: CASE-0001", msg(Msg::TemplateId, lang));
    line(&mut out, 0, "as_of: 2025-01-01", msg(Msg::TemplateAsOf, lang));
    record(&mut out, program, Program::ROOT, 0, lang);
    out
}

fn record(out: &mut String, program: &Program, id: RecordId, indent: usize, lang: Lang) {
    let fields: &[SchemaField] = program
        .schemas
        .get(id.0 as usize)
        .and_then(Option::as_deref)
        .unwrap_or_default();
    for f in fields.iter().filter(|f| f.removed.is_none()) {
        let label = label(&f.label.zh, f.label.en.as_deref(), lang);
        match &f.shape {
            SchemaShape::Record(r) => {
                line(out, indent, &format!("{}:", f.name), &label);
                record(out, program, *r, indent + 2, lang);
            }
            SchemaShape::ListOf(t) => {
                let what = msg_with(Msg::TemplateListOf, lang, &kind(program, t, lang));
                line(out, indent, &format!("{}: []", f.name), &described(&label, &what, lang));
            }
            SchemaShape::ListOfRecords(r) => {
                let keys = program
                    .schemas
                    .get(r.0 as usize)
                    .and_then(Option::as_deref)
                    .unwrap_or_default();
                let keys: Vec<String> = keys
                    .iter()
                    .map(|k| format!("{}{}", k.name, msg_with(Msg::InBrackets, lang, &label_of(k, lang))))
                    .collect();
                let what = msg_with(
                    Msg::TemplateListOfRecords,
                    lang,
                    &keys.join(msg(Msg::ListSeparator, lang)),
                );
                line(out, indent, &format!("{}: []", f.name), &described(&label, &what, lang));
            }
            SchemaShape::Scalar(t) => {
                let must = (!f.optional && f.default.is_none()) || f.derive.is_some();
                let value = if must { sample(program, t) } else { String::new() };
                let note = match (must, &f.derive) {
                    (true, Some(_)) => msg(Msg::TemplateRequiredUnlessDerived, lang),
                    (true, None) => msg(Msg::TemplateRequired, lang),
                    (false, _) => msg(Msg::TemplateOptional, lang),
                };
                let key = format!("{}: {value}", f.name);
                let what = format!("{}{}{note}", kind(program, t, lang), msg(Msg::Separator, lang));
                line(out, indent, key.trim_end(), &described(&label, &what, lang));
            }
        }
    }
}

/// One line, `text` then its comment at [`COMMENT_COLUMN`] (or after a space).
fn line(out: &mut String, indent: usize, text: &str, comment: &str) {
    let start = out.len();
    out.push_str(&" ".repeat(indent));
    out.push_str(text);
    // Columns on screen, not bytes: a Chinese key is two columns a character.
    let width = textwrap::core::display_width(&out[start..]);
    out.push_str(&" ".repeat(COMMENT_COLUMN.saturating_sub(width).max(1)));
    out.push_str("# ");
    out.push_str(comment);
    out.push('\n');
}

/// A field's label and what it takes: `标签：…` / `label: …`.
fn described(label: &str, what: &str, lang: Lang) -> String {
    format!("{label}{}{what}", msg(Msg::Colon, lang))
}

fn label(zh: &str, en: Option<&str>, lang: Lang) -> String {
    match (lang, en) {
        (Lang::En, Some(en)) => en.to_string(),
        _ => zh.to_string(),
    }
}

fn label_of(f: &SchemaField, lang: Lang) -> String {
    label(&f.label.zh, f.label.en.as_deref(), lang)
}

/// What a value of `t` is written as, in words.
fn kind(program: &Program, t: &Type, lang: Lang) -> String {
    match t {
        Type::Bool => msg(Msg::TemplateBool, lang).to_string(),
        Type::Int | Type::Quantity(_) => msg(Msg::TemplateInt, lang).to_string(),
        Type::Date => msg(Msg::TemplateDate, lang).to_string(),
        Type::Month => msg(Msg::TemplateMonth, lang).to_string(),
        Type::ResidentId => msg(Msg::TemplateResidentId, lang).to_string(),
        Type::Enum(e) => match program.enums.get(e.0 as usize) {
            Some(e) => {
                let values: Vec<String> = e
                    .variants()
                    .iter()
                    .map(|(name, l)| {
                        format!(
                            "{name}{}",
                            msg_with(Msg::InBrackets, lang, &label(&l.zh, l.en.as_deref(), lang))
                        )
                    })
                    .collect();
                msg_with(Msg::TemplateOneOf, lang, &values.join(msg(Msg::ListSeparator, lang)))
            }
            None => msg(Msg::TemplateText, lang).to_string(),
        },
        _ => msg(Msg::TemplateText, lang).to_string(),
    }
}

/// A value of `t` that reads without an error, for a field that must be given.
fn sample(program: &Program, t: &Type) -> String {
    match t {
        Type::Bool => "false".into(),
        Type::Int | Type::Quantity(_) => "0".into(),
        Type::Date => "2025-01-01".into(),
        Type::Month => "2025-01".into(),
        Type::Enum(e) => program
            .enums
            .get(e.0 as usize)
            .and_then(|e| e.variants().first())
            .map_or_else(String::new, |(name, _)| name.clone()),
        _ => "\"\"".into(),
    }
}

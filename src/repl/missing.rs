//! `:missing`: the case fields the decision reads that the case leaves out, and, for
//! each, whether some plausible value would change the decision (tried, not guessed).

use super::edit;
use crate::program::{CExpr, CKind, Program, Type};
use crate::report::Lang;
use crate::report::changes::{Words, short_diff};
use crate::report::messages::{Msg, label, msg, msg_with};
use crate::run::CaseResult;
use crate::yaml::{ScalarStyle, YamlKind, YamlNode};
use serde_json::Value as Json;

/// The report of `:missing`.
pub fn report(
    program: &Program,
    result: &CaseResult,
    case: &YamlNode,
    baseline: &Json,
    probe: &mut dyn FnMut(&YamlNode) -> Option<Json>,
    lang: Lang,
) -> String {
    let Some(facts) = result.facts() else {
        return format!("{}\n", msg(Msg::CaseError, lang));
    };
    let Some(as_of) = result.as_of else {
        return format!("{}\n", msg(Msg::NoEvaluationDateShort, lang));
    };
    let mut paths: Vec<Box<[u16]>> = Vec::new();
    let mut seen_defs = Vec::new();
    for rule in &program.rules {
        for e in rule.when.iter().chain(rule.yields.iter().flatten().map(|y| &y.expr)) {
            read_paths(program, e, &mut paths, &mut seen_defs);
        }
    }
    for d in &program.decision {
        read_paths(program, &d.expr, &mut paths, &mut seen_defs);
    }
    let mut out = String::new();
    for path in paths {
        if !facts.at(&path).is_absent() {
            continue;
        }
        let Some((name, label, ty)) = describe(program, &path, lang) else {
            continue;
        };
        let label = if label.is_empty() {
            String::new()
        } else {
            msg_with(Msg::InBrackets, lang, &label)
        };
        let effect = probes(program, &ty, as_of, lang)
            .into_iter()
            .find_map(|(value, shown)| {
                let mut candidate = case.clone();
                edit::set(&mut candidate, &name, value).ok()?;
                let changes = short_diff(
                    baseline,
                    &probe(&candidate)?,
                    Words {
                        program,
                        lang,
                        former: &[],
                    },
                );
                (!changes.is_empty()).then(|| format!("{shown} → {}", changes.join(msg(Msg::Separator, lang))))
            });
        let verdict = match effect {
            Some(e) => format!("{} {e}", msg(Msg::CouldChange, lang)),
            None => msg(Msg::NoChange, lang).to_string(),
        };
        out.push_str(&format!("{name}{label}{}{verdict}\n", msg(Msg::Colon, lang)));
    }
    if out.is_empty() {
        out = format!("{}\n", msg(Msg::AllGiven, lang));
    }
    out
}

/// Case field paths an expression reads, through definitions.
fn read_paths(program: &Program, e: &CExpr, out: &mut Vec<Box<[u16]>>, seen: &mut Vec<u32>) {
    match &e.kind {
        CKind::CaseField(path) if !out.contains(path) => out.push(path.clone()),
        CKind::Def(id) | CKind::CallDefinition(id, _) if !seen.contains(&id.0) => {
            seen.push(id.0);
            read_paths(program, &program.definitions[id.0 as usize].expr, out, seen);
        }
        _ => {}
    }
    for child in crate::lint::children(e) {
        read_paths(program, child, out, seen);
    }
}

/// The dotted name, label and type of a field path.
fn describe(program: &Program, path: &[u16], lang: Lang) -> Option<(String, String, Type)> {
    let mut record = Program::ROOT;
    let mut names = Vec::new();
    let mut field = None;
    for i in path {
        let f = program.record(record).fields().get(*i as usize)?;
        names.push(f.name.clone());
        if let Type::Record(r) = f.ty {
            record = r;
        }
        field = Some(f);
    }
    let f = field?;
    Some((names.join("."), label(&f.label, lang).to_string(), f.ty.clone()))
}

/// Values worth trying for a field of this type, each with how it is shown (yes and no,
/// an enum value by its label).
fn probes(program: &Program, ty: &Type, as_of: chrono::NaiveDate, lang: Lang) -> Vec<(YamlNode, String)> {
    let scalar = |text: String, style| YamlNode {
        kind: YamlKind::Scalar { text, style },
        span: crate::source::Span::new(crate::source::FileId(0), 0, 0),
    };
    let plain = |t: String| scalar(t, ScalarStyle::Plain);
    let months_back = |m: i64| crate::value::add_months(as_of, -m);
    let as_written = |t: String| (plain(t.clone()), t);
    match ty {
        Type::Bool => vec![
            (plain("true".into()), msg(Msg::Yes, lang).to_string()),
            (plain("false".into()), msg(Msg::No, lang).to_string()),
        ],
        Type::Date => [0, 1, 6, 12, 24, 60]
            .into_iter()
            .filter_map(months_back)
            .map(|d| as_written(d.to_string()))
            .collect(),
        Type::Month => [0, 1, 6, 12, 36]
            .into_iter()
            .filter_map(months_back)
            .map(|d| as_written(d.format("%Y-%m").to_string()))
            .collect(),
        Type::Int => [0, 1, 3, 10].into_iter().map(|n| as_written(n.to_string())).collect(),
        Type::Text => vec![(
            scalar("?".into(), ScalarStyle::Quoted),
            msg(Msg::AnyText, lang).to_string(),
        )],
        Type::Enum(id) => program
            .enum_type(*id)
            .variants()
            .iter()
            .map(|(name, l)| (plain(name.clone()), label(l, lang).to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

//! The JSON decision record of contract §4.

use super::trace::trace_lines;
use super::values::ValueStyle;
use super::{RenderOptions, Trace, diagnostic_json};
use crate::ast::{RuleId, RuleKind};
use crate::case::mask_id;
use crate::eval::Explainer;
use crate::eval::RuleOutcome;
use crate::program::{CompiledRule, Program};
use crate::run::{CaseResult, Status};
use crate::source::SourceMap;
use crate::value::Value;
use serde_json::{Map, Value as Json, json};

#[cfg(test)]
thread_local! {
    /// Traces built on this thread (each test has its own), so that a test can count them.
    pub(crate) static TRACES_BUILT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One case's decision record.
pub fn decision_json(r: &CaseResult, program: &Program, sources: &SourceMap, options: &RenderOptions) -> Json {
    let mut obj = Map::new();
    obj.insert("case".into(), r.id.as_ref().map_or(Json::Null, |id| json!(id)));
    let status = if r.status == Status::Ok { "ok" } else { "error" };
    obj.insert("status".into(), json!(status));
    if let (Some(decision), Some(facts)) = (&r.decision, r.facts()) {
        obj.insert("as_of".into(), json!(decision.as_of.format("%Y-%m-%d").to_string()));
        obj.insert("policy".into(), json!(program.info.id));
        obj.insert("documents".into(), json!(program.info.documents));
        for (name, value) in &decision.outputs {
            obj.insert(name.clone(), value_json(value, program, options.show_pii));
        }
        for kind in RuleKind::ALL.into_iter().filter(|k| *k != RuleKind::Check) {
            if program.rules_of(kind).next().is_none() {
                continue;
            }
            // A kind whose rules yield values lists objects, one per rule that holds.
            let as_objects = program.rules_of(kind).any(|(_, r)| r.yields.is_some());
            let mut held = program
                .rules_of(kind)
                .filter(|(i, _)| decision.outcomes[i.0 as usize].holds)
                .map(|(i, rule)| {
                    let outcome = &decision.outcomes[i.0 as usize];
                    held_json(rule, outcome, as_objects, program, options.show_pii)
                });
            let value = if kind == RuleKind::Tier {
                held.next().unwrap_or(Json::Null)
            } else {
                Json::Array(held.collect())
            };
            obj.insert(kind.record_key().into(), value);
        }
        obj.insert("diagnostics".into(), diagnostics(r, sources));
        if options.trace == Trace::Omitted {
            return Json::Object(obj);
        }
        let style = ValueStyle {
            program,
            lang: options.lang,
            show_pii: options.show_pii,
        };
        #[cfg(test)]
        TRACES_BUILT.with(|n| n.set(n.get() + 1));
        let mut explainer = Explainer::new(program, facts, decision.as_of);
        let trace = trace_lines(program, decision, &mut explainer, &style, sources);
        obj.insert("trace".into(), trace.into_iter().map(Json::String).collect());
    } else {
        obj.insert("diagnostics".into(), diagnostics(r, sources));
    }
    Json::Object(obj)
}

fn diagnostics(r: &CaseResult, sources: &SourceMap) -> Json {
    Json::Array(r.diagnostics.iter().map(|d| diagnostic_json(d, sources)).collect())
}

/// A rule that holds: its id, or an object of its id and the values it yields.
fn held_json(rule: &CompiledRule, outcome: &RuleOutcome, as_object: bool, program: &Program, show_pii: bool) -> Json {
    if !as_object {
        return rule_id_json(&rule.id);
    }
    let mut obj = Map::new();
    obj.insert(rule.kind.id_key().into(), rule_id_json(&rule.id));
    if let (Some(fields), Some(values)) = (&rule.yields, &outcome.yields) {
        for (field, value) in fields.iter().zip(values) {
            obj.insert(field.name.clone(), value_json(value, program, show_pii));
        }
    }
    Json::Object(obj)
}

fn rule_id_json(id: &RuleId) -> Json {
    match id {
        RuleId::Number(n) => json!(n),
        RuleId::Name(s) => json!(s),
    }
}

/// A value as JSON: dates and months as text, periods as numbers, enum values by name.
pub fn value_json(v: &Value, program: &Program, show_pii: bool) -> Json {
    match v {
        Value::Absent => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(n) => json!(n),
        Value::Text(t) => json!(t.as_ref()),
        Value::ResidentId(id) => json!(if show_pii { id.to_string() } else { mask_id(id) }),
        Value::Date(d) => json!(d.format("%Y-%m-%d").to_string()),
        Value::Month(m) => json!(m.to_string()),
        Value::Quantity(n, _) => json!(n),
        Value::Enum(e, i) => program
            .enums
            .get(e.0 as usize)
            .and_then(|t| t.variants().get(*i as usize))
            .map_or(Json::Null, |(name, _)| json!(name)),
        Value::List(items) | Value::Record(items) => {
            Json::Array(items.iter().map(|i| value_json(i, program, show_pii)).collect())
        }
    }
}

//! The JSON decision record of contract §4, serialized straight from the result (no
//! intermediate JSON tree): a batch writes a million of them.

use super::diagnostics::DiagnosticJson;
use super::trace::TraceText;
use super::values::ValueStyle;
use super::{RenderOptions, Trace};
use crate::ast::{RuleId, RuleKind};
use crate::case::mask_id;
use crate::diagnostic::Diagnostic;
use crate::eval::Decision;
use crate::lang::Lang;
use crate::program::{CompiledRule, Program};
use crate::run::{CaseResult, Status};
use crate::source::SourceMap;
use crate::value::{IsoDate, Value};
use chrono::NaiveDate;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value as Json;

#[cfg(test)]
thread_local! {
    /// Traces built on this thread (each test has its own), so that a test can count them.
    pub(crate) static TRACES_BUILT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One case's decision record as a JSON value.
pub fn decision_json(r: &CaseResult, program: &Program, sources: &SourceMap, options: &RenderOptions) -> Json {
    let record = DecisionRecord {
        r,
        program,
        sources,
        options,
    };
    // Our Serialize impls make no error (no map key that is not text).
    serde_json::to_value(record).unwrap_or(Json::Null)
}

/// Appends one case's decision record to `out`, as one line of JSON.
pub fn write_decision_json(
    out: &mut Vec<u8>,
    r: &CaseResult,
    program: &Program,
    sources: &SourceMap,
    options: &RenderOptions,
) {
    super::record::write_record(out, r, None, program, sources, options);
}

/// [`write_decision_json`] as the result's last use: a trace's explainer is given the
/// decision's memo rather than a copy of it, and the result keeps no memo after.
pub fn write_final_decision_json(
    out: &mut Vec<u8>,
    r: &mut CaseResult,
    program: &Program,
    sources: &SourceMap,
    options: &RenderOptions,
) {
    let memo = match options.trace {
        Trace::Included => r.decision.as_mut().and_then(|d| d.memo.take()),
        Trace::Omitted => None,
    };
    super::record::write_record(out, r, memo, program, sources, options);
}

/// A case's record: what the result says, in the order of contract §4.
struct DecisionRecord<'a> {
    r: &'a CaseResult,
    program: &'a Program,
    sources: &'a SourceMap,
    options: &'a RenderOptions,
}

impl Serialize for DecisionRecord<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, program, options) = (self.r, self.program, self.options);
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("case", &r.id)?;
        map.serialize_entry("status", if r.status == Status::Ok { "ok" } else { "error" })?;
        let diagnostics = Diagnostics(&r.diagnostics, self.sources, options.lang);
        let (Some(decision), Some(facts)) = (&r.decision, r.facts()) else {
            map.serialize_entry("diagnostics", &diagnostics)?;
            return map.end();
        };
        map.serialize_entry("as_of", &DateJson(decision.as_of))?;
        map.serialize_entry("policy", &program.info.id)?;
        map.serialize_entry("documents", &program.info.documents)?;
        let value = |v| ValueJson(v, program, options.show_pii);
        for (name, v) in decision.named_outputs(program) {
            map.serialize_entry(name, &value(v))?;
        }
        for kind in RuleKind::ALL.into_iter().filter(|k| *k != RuleKind::Check) {
            if program.rules_of(kind).next().is_none() {
                continue;
            }
            let held = Held {
                kind,
                decision,
                program,
                show_pii: options.show_pii,
            };
            map.serialize_entry(kind.record_key(), &held)?;
        }
        map.serialize_entry("diagnostics", &diagnostics)?;
        if options.trace == Trace::Included {
            let trace = trace_of(program, decision, None, facts, options);
            map.serialize_entry("trace", &TraceJson(&trace))?;
        }
        map.end()
    }
}

/// A decision's trace, as the record shows it (its values in the record's language).
pub(super) fn trace_of(
    program: &Program,
    decision: &crate::eval::Decision,
    memo: Option<crate::eval::Memo>,
    facts: &Value,
    options: &RenderOptions,
) -> TraceText {
    let style = ValueStyle {
        program,
        lang: options.lang,
        show_pii: options.show_pii,
    };
    #[cfg(test)]
    TRACES_BUILT.with(|n| n.set(n.get() + 1));
    TraceText::of_decision(program, decision, memo, facts, &style)
}

/// The trace's lines as a list of texts.
struct TraceJson<'a>(&'a TraceText);

impl Serialize for TraceJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.lines())
    }
}

/// The rules of one kind that hold: a list of ids (or of objects with the values they
/// yield); for tiers, the one that holds or null.
struct Held<'a> {
    kind: RuleKind,
    decision: &'a Decision,
    program: &'a Program,
    show_pii: bool,
}

impl Serialize for Held<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let program = self.program;
        // A kind whose rules yield values lists objects, one per rule that holds.
        let as_objects = program.rules_of(self.kind).any(|(_, r)| r.yields.is_some());
        let mut held = program
            .rules_of(self.kind)
            .filter(|(i, _)| self.decision.outcomes.get(i.0 as usize).is_some_and(|o| o.holds))
            .map(|(i, rule)| HeldRule {
                rule,
                values: self.decision.yields_of(i),
                as_object: as_objects,
                program,
                show_pii: self.show_pii,
            });
        if self.kind == RuleKind::Tier {
            return match held.next() {
                Some(rule) => rule.serialize(s),
                None => s.serialize_none(),
            };
        }
        s.collect_seq(held)
    }
}

/// A rule that holds: its id, or an object of its id and the values it yields.
struct HeldRule<'a> {
    rule: &'a CompiledRule,
    /// The values it yields.
    values: Option<&'a [Value]>,
    as_object: bool,
    program: &'a Program,
    show_pii: bool,
}

impl Serialize for HeldRule<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.as_object {
            return RuleIdJson(&self.rule.id).serialize(s);
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(self.rule.kind.id_key(), &RuleIdJson(&self.rule.id))?;
        if let (Some(fields), Some(values)) = (&self.rule.yields, self.values) {
            for (field, value) in fields.iter().zip(values) {
                map.serialize_entry(&field.name, &ValueJson(value, self.program, self.show_pii))?;
            }
        }
        map.end()
    }
}

struct RuleIdJson<'a>(&'a RuleId);

impl Serialize for RuleIdJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            RuleId::Number(n) => s.serialize_u32(*n),
            RuleId::Name(name) => s.serialize_str(name),
        }
    }
}

/// A case's diagnostics, each placed in its file.
struct Diagnostics<'a>(&'a [Diagnostic], &'a SourceMap, Lang);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for d in self.0 {
            seq.serialize_element(&DiagnosticJson::new(d, self.1, self.2))?;
        }
        seq.end()
    }
}

/// A date as `YYYY-MM-DD`.
struct DateJson(NaiveDate);

impl Serialize for DateJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&IsoDate(self.0))
    }
}

/// A value as JSON: dates and months as text, periods as numbers, enum values by name.
struct ValueJson<'a>(&'a Value, &'a Program, bool);

impl Serialize for ValueJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ValueJson(v, program, show_pii) = *self;
        match v {
            Value::Absent => s.serialize_none(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(n) | Value::Quantity(n, _) => s.serialize_i64(*n),
            Value::Text(t) => s.serialize_str(t),
            Value::ResidentId(id) if show_pii => s.serialize_str(id),
            Value::ResidentId(id) => s.serialize_str(&mask_id(id)),
            Value::Date(d) => DateJson(*d).serialize(s),
            Value::Month(m) => s.collect_str(m),
            Value::Enum(e, i) => match program
                .enums
                .get(e.0 as usize)
                .and_then(|t| t.variants().get(*i as usize))
            {
                Some((name, _)) => s.serialize_str(name),
                None => s.serialize_none(),
            },
            Value::List(items) | Value::Record(items) => {
                s.collect_seq(items.iter().map(|i| ValueJson(i, program, show_pii)))
            }
        }
    }
}

/// A value as a JSON value (see [`ValueJson`]).
pub fn value_json(v: &Value, program: &Program, show_pii: bool) -> Json {
    serde_json::to_value(ValueJson(v, program, show_pii)).unwrap_or(Json::Null)
}

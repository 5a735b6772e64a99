//! How much of the explanation a record carries (`?explain=`): `none`, the record alone
//! (as a batch writes it); `full`, with the trace of every rule (as `eval --format json`
//! writes it); `brief`, with the trace's lines of what holds only — the yes/no fields
//! that are yes and the rules that hold, each with its reasons — for a case worker's
//! screen.

use serde_json::Value as Json;
use zhengce::ast::RuleKind;
use zhengce::program::{Program, Type};
use zhengce::report::{RenderOptions, Trace, decision_json};
use zhengce::run::CaseResult;
use zhengce::source::SourceMap;
use zhengce::value::Value;

/// How much of the explanation a record carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explain {
    /// No trace.
    None,
    /// The trace's lines of what holds.
    Brief,
    /// The whole trace.
    Full,
}

impl Explain {
    /// The value of `?explain=`, if it is one.
    pub fn parse(word: &str) -> Option<Explain> {
        match word {
            "none" => Some(Explain::None),
            "brief" => Some(Explain::Brief),
            "full" => Some(Explain::Full),
            _ => None,
        }
    }
}

/// The record with the brief trace: the full record's trace, its lines kept where what
/// they tell holds. The trace has a line per yes/no decision field, then a line per
/// rule that is not a check, in the policy's order ([`zhengce::report::trace_lines`]),
/// so each line is matched to its field or rule by its place.
pub fn brief_record(r: &CaseResult, program: &Program, sources: &SourceMap, render: &RenderOptions) -> Vec<u8> {
    let full = RenderOptions {
        trace: Trace::Included,
        ..*render
    };
    let mut record = decision_json(r, program, sources, &full);
    if let (Some(decision), Some(Json::Array(lines))) = (&r.decision, record.get_mut("trace")) {
        let fields = program
            .decision
            .iter()
            .zip(&decision.outputs)
            .filter(|(field, _)| field.expr.ty == Type::Bool)
            .map(|(_, value)| matches!(value, Value::Bool(true)));
        let rules = program
            .rules
            .iter()
            .zip(&decision.outcomes)
            .filter(|(rule, _)| rule.kind != RuleKind::Check)
            .map(|(_, outcome)| outcome.holds);
        let keep: Vec<bool> = fields.chain(rules).collect();
        // Were the trace ever laid out otherwise, the whole of it is better than lines
        // matched to the wrong rules.
        if keep.len() == lines.len() {
            let mut kept = keep.iter();
            lines.retain(|_| kept.next().copied().unwrap_or(true));
        }
    }
    let mut out = serde_json::to_vec(&record).unwrap_or_default();
    out.push(b'\n');
    out
}

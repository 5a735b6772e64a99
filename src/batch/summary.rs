//! The summary of a batch (contract §5): cases read, evaluated, errors, and per yes/no
//! field of the decision (`eligible`) and per category, tier and exit the number of
//! cases; the elapsed time and cases per second. Names come from the policy.

use super::messages::BatchMsg;
use crate::ast::{RuleId, RuleKind};
use crate::program::Program;
use crate::report::Lang;
use crate::report::messages::{Msg, kind_heading, label, msg, msg_args};
use crate::report::rule_name;
use serde_json::{Map, Value as Json, json};
use std::collections::BTreeMap;
use std::time::Duration;

/// The rule kinds counted rule by rule.
pub const SUMMARISED: [RuleKind; 3] = [RuleKind::Category, RuleKind::Tier, RuleKind::Exit];

/// Counts kept by the writer for each case, by index (no name looked up or copied per
/// case): per version, per rule the cases it holds for, per decision field the cases
/// where it is yes.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    rules: Vec<Vec<u64>>,
    yes: Vec<Vec<u64>>,
}

impl Tally {
    /// An empty tally for these versions.
    pub(crate) fn new(versions: &[Program]) -> Tally {
        Tally {
            rules: versions.iter().map(|p| vec![0; p.rules.len()]).collect(),
            yes: versions.iter().map(|p| vec![0; p.decision.len()]).collect(),
        }
    }

    /// Counts one evaluated case: the rules that hold and the fields that are yes.
    pub(crate) fn add(&mut self, version: usize, held: &[u32], yes: &[u16]) {
        if let Some(rules) = self.rules.get_mut(version) {
            for &i in held {
                if let Some(n) = rules.get_mut(i as usize) {
                    *n += 1;
                }
            }
        }
        if let Some(fields) = self.yes.get_mut(version) {
            for &i in yes {
                if let Some(n) = fields.get_mut(i as usize) {
                    *n += 1;
                }
            }
        }
    }
}

/// Counts over a batch's records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Records written (one per input case).
    pub cases: u64,
    /// Cases with a decision.
    pub evaluated: u64,
    /// Cases read without error when only validating.
    pub valid: u64,
    /// Error records.
    pub errors: u64,
    /// Of those, cases whose id an earlier case has.
    pub duplicates: u64,
    /// Per yes/no decision field, the cases where it is yes.
    pub yes: BTreeMap<String, u64>,
    /// Per summarised kind (in [`SUMMARISED`] order) and rule id, the cases it holds for.
    pub held: BTreeMap<(usize, RuleKey), u64>,
    /// The time taken.
    pub elapsed: Duration,
}

/// A rule id, ordered as the policy numbers them (numbers before names).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuleKey {
    /// A numbered rule.
    Number(i64),
    /// A named rule.
    Name(String),
}

impl RuleKey {
    /// The policy's rule id it stands for.
    fn rule_id(&self) -> Option<RuleId> {
        match self {
            RuleKey::Number(n) => u32::try_from(*n).ok().map(RuleId::Number),
            RuleKey::Name(s) => Some(RuleId::Name(s.clone())),
        }
    }

    fn of(id: &RuleId) -> RuleKey {
        match id {
            RuleId::Number(n) => RuleKey::Number(*n as i64),
            RuleId::Name(s) => RuleKey::Name(s.to_string()),
        }
    }

    fn json(&self) -> String {
        match self {
            RuleKey::Number(n) => n.to_string(),
            RuleKey::Name(s) => s.clone(),
        }
    }
}

impl Summary {
    /// Sets the counts per rule and per yes/no field from a tally.
    pub(crate) fn count(&mut self, tally: &Tally, versions: &[Program]) {
        self.held.clear();
        self.yes.clear();
        for (program, (rules, yes)) in versions.iter().zip(tally.rules.iter().zip(&tally.yes)) {
            for (rule, n) in program.rules.iter().zip(rules).filter(|(_, n)| **n > 0) {
                if let Some(kind) = SUMMARISED.iter().position(|k| *k == rule.kind) {
                    *self.held.entry((kind, RuleKey::of(&rule.id))).or_default() += n;
                }
            }
            for (output, n) in program.decision.iter().zip(yes).filter(|(_, n)| **n > 0) {
                *self.yes.entry(output.name.to_string()).or_default() += n;
            }
        }
    }

    /// Cases per second.
    pub fn rate(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 { self.cases as f64 / s } else { 0.0 }
    }

    /// The summary as JSON (`--summary FILE`).
    pub fn json(&self) -> Json {
        let mut obj = Map::new();
        obj.insert("cases".into(), json!(self.cases));
        obj.insert("evaluated".into(), json!(self.evaluated));
        if self.valid > 0 {
            obj.insert("valid".into(), json!(self.valid));
        }
        obj.insert("errors".into(), json!(self.errors));
        obj.insert("duplicate_ids".into(), json!(self.duplicates));
        for (name, n) in &self.yes {
            obj.insert(name.clone(), json!(n));
        }
        for (k, kind) in SUMMARISED.iter().enumerate() {
            let counts: Map<String, Json> = self
                .held
                .iter()
                .filter(|((at, _), _)| *at == k)
                .map(|((_, id), n)| (id.json(), json!(n)))
                .collect();
            obj.insert(kind.record_key().into(), Json::Object(counts));
        }
        obj.insert("elapsed_seconds".into(), json!(round3(self.elapsed.as_secs_f64())));
        obj.insert("cases_per_second".into(), json!(self.rate().round()));
        Json::Object(obj)
    }

    /// The summary for people, a few lines for standard error, in `lang`; yes/no
    /// fields by their labels in `program`.
    pub fn text(&self, lang: Lang, program: &Program) -> String {
        let m = |x| msg(x, lang);
        let mut head = format!(
            "{} {}{}{} {}{}{} {}",
            m(Msg::SummaryCases),
            self.cases,
            m(Msg::Colon),
            m(Msg::SummaryEvaluated),
            self.evaluated,
            m(Msg::Separator),
            m(Msg::SummaryErrors),
            self.errors,
        );
        if self.duplicates > 0 {
            head.push_str(
                &BatchMsg::OfWhichDuplicates
                    .with([self.duplicates.to_string()])
                    .get(lang),
            );
        }
        if self.valid > 0 {
            head.push_str(&format!("{}{} {}", m(Msg::Separator), m(Msg::SummaryValid), self.valid));
        }
        let mut lines = vec![head];
        for (name, n) in &self.yes {
            let shown = program
                .decision
                .iter()
                .find(|d| &*d.name == name.as_str())
                .and_then(|d| d.expr.label.as_ref())
                .map_or(name.as_str(), |l| label(l, lang));
            lines.push(format!("  {shown}{}{n}", m(Msg::Colon)));
        }
        // Each kind by the heading the rest of zhengce gives it, each rule with its
        // count of cases.
        let kinds = [RuleKind::Category, RuleKind::Tier, RuleKind::Exit];
        for (k, kind) in kinds.iter().enumerate() {
            let counts: Vec<String> = self
                .held
                .iter()
                .filter(|((at, _), _)| *at == k)
                .map(|((_, id), n)| {
                    // The rule as named everywhere else (一（一）), its id if the
                    // latest policy no longer has it.
                    let named = id
                        .rule_id()
                        .and_then(|id| program.rule_lookup.get(*kind, &id))
                        .map_or_else(
                            || id.json().to_string(),
                            |idx| rule_name(&program.rules[idx.0 as usize], program),
                        );
                    msg_args(Msg::SummaryCount, lang, &[&named, &n.to_string()])
                })
                .collect();
            if !counts.is_empty() {
                lines.push(format!(
                    "  {}{}{}",
                    kind_heading(*kind, lang),
                    m(Msg::Colon),
                    counts.join(m(Msg::Separator))
                ));
            }
        }
        lines.push(format!(
            "  {:.2} {} {:.0}",
            self.elapsed.as_secs_f64(),
            m(Msg::SummaryRate),
            self.rate()
        ));
        lines.join("\n") + "\n"
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

//! Coverage of a case suite: for every rule, and every condition of a rule, whether
//! some case made it true and some case made it false. Rules and conditions no case
//! exercises both ways are what a suite still has to test.

use crate::ast::{BinOp, UnOp};
use crate::eval::{Decision, Evaluation};
use crate::program::{CExpr, CKind, Program};
use crate::report::rule_name;
use crate::source::SourceMap;
use crate::value::Value;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Whether something was seen true and seen false.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// Some case made it true.
    pub true_: bool,
    /// Some case made it false.
    pub false_: bool,
}

impl Seen {
    fn record(&mut self, value: bool) {
        if value {
            self.true_ = true;
        } else {
            self.false_ = true;
        }
    }

    fn count(self) -> usize {
        usize::from(self.true_) + usize::from(self.false_)
    }
}

/// One condition of a rule: a leaf of its `and`/`or`/`not` tree.
#[derive(Debug, Clone)]
pub struct ConditionCoverage {
    /// The condition as written in the policy.
    pub text: String,
    /// What it was seen to be.
    pub seen: Seen,
}

/// One rule.
#[derive(Debug, Clone)]
pub struct RuleCoverage {
    /// The rule as named to people.
    pub name: String,
    /// Whether it held / failed.
    pub seen: Seen,
    /// Its conditions.
    pub conditions: Vec<ConditionCoverage>,
}

/// A rule's kind and id, and the document it comes from: how the results of the
/// versions are matched.
type RuleKey = (crate::ast::RuleKind, crate::ast::RuleId, String);

/// Coverage of every rule of every version of a policy.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Every rule, in declaration order.
    pub rules: Vec<RuleCoverage>,
    /// The place of each rule in `rules`, so that recording a case does not compare
    /// each of its rules with every rule (rules² per case).
    places: HashMap<RuleKey, usize>,
}

impl Coverage {
    /// Coverage of nothing yet, over the rules of every version.
    pub fn new(versions: &[Program], sources: &SourceMap) -> Coverage {
        let mut rules: Vec<RuleCoverage> = Vec::new();
        let mut places = HashMap::new();
        for program in versions {
            for rule in &program.rules {
                let key = (rule.kind, rule.id.clone(), rule.source.clone());
                let Entry::Vacant(place) = places.entry(key) else {
                    continue;
                };
                place.insert(rules.len());
                let mut leaves = Vec::new();
                if let Some(when) = &rule.when {
                    conditions(when, &mut leaves);
                }
                let conditions = leaves
                    .into_iter()
                    .map(|leaf| ConditionCoverage {
                        text: sources
                            .snippet(leaf.span)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        seen: Seen::default(),
                    })
                    .collect();
                rules.push(RuleCoverage {
                    name: rule_name(rule, program),
                    seen: Seen::default(),
                    conditions,
                });
            }
        }
        Coverage { rules, places }
    }

    /// Records one evaluated case.
    pub fn record(&mut self, program: &Program, facts: &Value, as_of: NaiveDate, decision: &Decision) {
        let mut ev = Evaluation::new(program, facts, as_of);
        for (rule, outcome) in program.rules.iter().zip(&decision.outcomes) {
            let key = (rule.kind, rule.id.clone(), rule.source.clone());
            let Some(entry) = self.places.get(&key).and_then(|i| self.rules.get_mut(*i)) else {
                continue;
            };
            entry.seen.record(outcome.holds);
            let mut leaves = Vec::new();
            if let Some(when) = &rule.when {
                conditions(when, &mut leaves);
            }
            // Every condition is evaluated, even where `and`/`or` stopped early: coverage
            // asks what each condition was for this case.
            for (leaf, cov) in leaves.into_iter().zip(entry.conditions.iter_mut()) {
                cov.seen.record(ev.eval(leaf).truthy());
            }
        }
    }

    /// Rule outcomes seen, out of two per rule.
    pub fn rule_outcomes(&self) -> (usize, usize) {
        (self.rules.iter().map(|r| r.seen.count()).sum(), 2 * self.rules.len())
    }

    /// Condition outcomes seen, out of two per condition.
    pub fn condition_outcomes(&self) -> (usize, usize) {
        let all = self.rules.iter().flat_map(|r| &r.conditions);
        let (seen, total) = all.fold((0, 0), |(s, t), c| (s + c.seen.count(), t + 2));
        (seen, total)
    }

    /// Rule coverage in percent (100 for a policy without rules).
    pub fn rule_percent(&self) -> f64 {
        percent(self.rule_outcomes())
    }

    /// Condition coverage in percent.
    pub fn condition_percent(&self) -> f64 {
        percent(self.condition_outcomes())
    }
}

fn percent((seen, total): (usize, usize)) -> f64 {
    if total == 0 {
        100.0
    } else {
        seen as f64 * 100.0 / total as f64
    }
}

/// The leaves of a condition's `and`/`or`/`not` tree.
fn conditions<'e>(e: &'e CExpr, out: &mut Vec<&'e CExpr>) {
    match &e.kind {
        CKind::Binary(BinOp::And | BinOp::Or, l, r) => {
            conditions(l, out);
            conditions(r, out);
        }
        CKind::Unary(UnOp::Not, inner) => conditions(inner, out),
        _ => out.push(e),
    }
}

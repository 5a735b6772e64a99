//! The result of a mutants run: each mutant's final status (declared equivalents
//! applied), the summary and score, told in text or JSON.

use super::equivalent::Declared;
use super::messages::MutantsMsg;
use super::run::{Outcome, Verdict};
use super::{Mutant, MutationKind};
use crate::lang::{Lang, Text};
use serde_json::{Value as Json, json};

/// What a mutant counts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// It does not check: not counted.
    NotChecked,
    /// It cannot change any outcome: listed with the reason, not counted.
    Equivalent(Text),
    /// A case noticed it: the case's id.
    Killed(String),
    /// No case noticed it.
    Survived,
}

/// A mutant with its status.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The mutant.
    pub mutant: Mutant,
    /// What it counts as.
    pub status: Status,
}

/// A warning about a declaration: its place in the declarations file and the words.
#[derive(Debug, Clone)]
pub struct Warning {
    /// What is wrong, located.
    pub message: Text,
}

/// The whole result.
#[derive(Debug, Clone)]
pub struct MutantsReport {
    /// Every mutant run, in order.
    pub mutants: Vec<Judged>,
    /// Mutants past [`super::MAX_MUTANTS`], not run.
    pub not_run: usize,
    /// Stale declarations and declared equivalents that a case kills.
    pub warnings: Vec<Warning>,
}

/// The counts of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Mutants generated (and run).
    pub generated: usize,
    /// Mutants that check.
    pub checked: usize,
    /// Mutants killed.
    pub killed: usize,
    /// Mutants that survived.
    pub survived: usize,
    /// Equivalent mutants (among those that check).
    pub equivalent: usize,
    /// killed / (checked − equivalent), in percent (100 when nothing is to be killed).
    pub score: f64,
}

impl MutantsReport {
    /// Applies the declarations to the verdicts: a survivor declared equivalent is
    /// equivalent; a declaration that matches no mutant, or a mutant a case kills, is a
    /// warning (`declared_in`: the declarations file's name).
    pub fn new(outcomes: Vec<Outcome>, declared: &[Declared], declared_in: &str, not_run: usize) -> MutantsReport {
        let mut used = vec![false; declared.len()];
        let mut warnings = Vec::new();
        let mutants = outcomes
            .into_iter()
            .map(|o| {
                let entry = declared.iter().position(|d| d.matches(&o.mutant));
                if let Some(i) = entry {
                    used[i] = true;
                }
                let status = match (o.verdict, entry.map(|i| &declared[i])) {
                    (Verdict::NotChecked, _) => Status::NotChecked,
                    (Verdict::SameProgram, _) => Status::Equivalent(MutantsMsg::SameProgram.into()),
                    (Verdict::Survived, Some(d)) => Status::Equivalent(d.reason.clone()),
                    (Verdict::Survived, None) => Status::Survived,
                    (Verdict::Killed(case), d) => {
                        if let Some(d) = d {
                            let (line, col) = (d.at.0.to_string(), d.at.1.to_string());
                            let words = [declared_in.to_string(), line, col, d.named(), case.clone()];
                            warnings.push(Warning {
                                message: MutantsMsg::Killed.with(words),
                            });
                        }
                        Status::Killed(case)
                    }
                };
                Judged {
                    mutant: o.mutant,
                    status,
                }
            })
            .collect();
        for (d, _) in declared.iter().zip(&used).filter(|(_, used)| !**used) {
            let words = [
                declared_in.to_string(),
                d.at.0.to_string(),
                d.at.1.to_string(),
                d.named(),
            ];
            warnings.push(Warning {
                message: MutantsMsg::Stale.with(words),
            });
        }
        MutantsReport {
            mutants,
            not_run,
            warnings,
        }
    }

    /// The counts and the score.
    pub fn summary(&self) -> Summary {
        let count = |f: &dyn Fn(&Status) -> bool| self.mutants.iter().filter(|j| f(&j.status)).count();
        let generated = self.mutants.len();
        let checked = generated - count(&|s| *s == Status::NotChecked);
        let killed = count(&|s| matches!(s, Status::Killed(_)));
        let survived = count(&|s| *s == Status::Survived);
        let equivalent = count(&|s| matches!(s, Status::Equivalent(_)));
        let counted = checked - equivalent;
        let score = if counted == 0 {
            100.0
        } else {
            killed as f64 * 100.0 / counted as f64
        };
        Summary {
            generated,
            checked,
            killed,
            survived,
            equivalent,
            score,
        }
    }

    /// The report for people: the survivors, the equivalents with their reasons, the
    /// summary.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let line = |j: &Judged| {
            let m = &j.mutant;
            format!("  {}  {}  {}\n", m.place(), kind_words(m.kind).get(lang), m.change)
        };
        let survivors: Vec<&Judged> = self.mutants.iter().filter(|j| j.status == Status::Survived).collect();
        if survivors.is_empty() {
            out.push_str(MutantsMsg::NoSurvivors.text(lang));
            out.push('\n');
        } else {
            out.push_str(MutantsMsg::Survivors.text(lang));
            out.push('\n');
            out.extend(survivors.into_iter().map(line));
        }
        let equivalents: Vec<(&Judged, &Text)> = self
            .mutants
            .iter()
            .filter_map(|j| match &j.status {
                Status::Equivalent(reason) => Some((j, reason)),
                _ => None,
            })
            .collect();
        if !equivalents.is_empty() {
            out.push_str(MutantsMsg::Equivalents.text(lang));
            out.push('\n');
            for (j, reason) in equivalents {
                out.push_str(&line(j));
                let reason = MutantsMsg::Reason.with([reason.clone()]);
                out.push_str(&format!("      {}\n", reason.get(lang)));
            }
        }
        let s = self.summary();
        let not_checked = s.generated - s.checked;
        let numbers = [s.generated, s.checked, not_checked, s.killed, s.survived, s.equivalent].map(|n| n.to_string());
        let words = numbers.into_iter().chain([percent(s.score)]);
        out.push_str(&MutantsMsg::Summary.with(words).get(lang));
        out.push('\n');
        if self.not_run > 0 {
            let words = [self.not_run.to_string(), super::MAX_MUTANTS.to_string()];
            out.push_str(&MutantsMsg::NotRun.with(words).get(lang));
            out.push('\n');
        }
        out
    }

    /// The report as one JSON object: every mutant, then the summary.
    pub fn json(&self, lang: Lang) -> Json {
        let mutants: Vec<Json> = self
            .mutants
            .iter()
            .map(|j| {
                let m = &j.mutant;
                let mut o = json!({
                    "file": m.file, "line": m.line, "column": m.column,
                    "kind": m.kind.key(), "change": m.change,
                });
                let (status, extra) = match &j.status {
                    Status::NotChecked => ("not_checked", None),
                    Status::Equivalent(r) => ("equivalent", Some(("reason", r.get(lang).to_string()))),
                    Status::Killed(case) => ("killed", Some(("killed_by", case.clone()))),
                    Status::Survived => ("survived", None),
                };
                o["status"] = status.into();
                if let Some((key, value)) = extra {
                    o[key] = value.into();
                }
                o
            })
            .collect();
        let s = self.summary();
        json!({
            "mutants": mutants,
            "summary": {
                "generated": s.generated, "checked": s.checked, "not_checked": s.generated - s.checked,
                "killed": s.killed, "survived": s.survived, "equivalent": s.equivalent,
                "not_run": self.not_run, "score": (s.score * 10.0).round() / 10.0,
            },
        })
    }
}

/// The kind of change in words.
fn kind_words(kind: MutationKind) -> Text {
    match kind {
        MutationKind::Number => MutantsMsg::Number,
        MutationKind::Boundary => MutantsMsg::Boundary,
        MutationKind::Connective => MutantsMsg::Connective,
        MutationKind::Dropped => MutantsMsg::Dropped,
    }
    .into()
}

/// A percentage with one decimal.
pub fn percent(p: f64) -> String {
    format!("{p:.1}")
}

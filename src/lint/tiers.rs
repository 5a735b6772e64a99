//! Tiers must not overlap and must leave no gap. The yes/no and enum case fields the
//! tier rules read are enumerated (present values only); everything else is unknown,
//! and a condition every tier shares (its guard, such as "a tier applies") is taken as
//! true. Overlap: two tiers that both hold for some assignment. Gap: an assignment for
//! which every tier definitely fails. Three-valued logic keeps both free of false alarms.

use super::messages::LintMsg;
use super::usage::children;
use crate::ast::{BinOp, RuleKind, UnOp};
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::{Lang, Text};
use crate::program::{CExpr, CKind, Program, Type};
use crate::value::Value;
use std::collections::{HashMap, HashSet};

/// At most this many assignments are tried.
const MAX_ASSIGNMENTS: usize = 4096;
/// At most this many pairs of tiers are compared, over all assignments.
const MAX_PAIRS: usize = 1 << 22;
/// How deep definitions are followed.
const MAX_DEPTH: usize = 16;

/// A case field with the values it is tried with.
struct Variable {
    path: Box<[u16]>,
    values: Vec<Value>,
}

/// Overlap and gap diagnostics for the tier rules.
pub(super) fn overlaps_and_gaps(program: &Program) -> Vec<Diagnostic> {
    let tiers: Vec<(usize, &CExpr)> = program
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RuleKind::Tier)
        .filter_map(|(i, r)| r.when.as_ref().map(|w| (i, w)))
        .collect();
    if tiers.len() < 2 {
        return Vec::new();
    }
    let guards = shared_guards(program, &tiers);
    let mut collector = Collector {
        program,
        guards: &guards,
        variables: Vec::new(),
        places: HashMap::new(),
        followed: HashMap::new(),
    };
    for (_, when) in &tiers {
        collector.collect(when, 0);
    }
    let Collector { variables, places, .. } = collector;
    // Too many assignments (or pairs to compare in each) to try: no verdict.
    let total = variables
        .iter()
        .try_fold(1usize, |n, v| n.checked_mul(v.values.len()))
        .unwrap_or(usize::MAX);
    let pairs = tiers.len().saturating_mul(tiers.len() - 1) / 2;
    if total == 0 || total > MAX_ASSIGNMENTS || total.saturating_mul(pairs) > MAX_PAIRS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut reported_gap = false;
    let mut reported = HashSet::new();
    for n in 0..total {
        let assignment = assignment(&variables, n);
        let env = Env {
            program,
            places: &places,
            assignment: &assignment,
            guards: &guards,
        };
        let values: Vec<Option<bool>> = tiers.iter().map(|(_, w)| env.tri(w, 0)).collect();
        for a in 0..tiers.len() {
            for b in a + 1..tiers.len() {
                if values[a] == Some(true) && values[b] == Some(true) && reported.insert((a, b)) {
                    let (ra, rb) = (&program.rules[tiers[a].0], &program.rules[tiers[b].0]);
                    out.push(
                        Diagnostic::warning(
                            Code::TierOverlap,
                            LintMsg::TierOverlap.with([
                                Text::from(ra.id.to_string()),
                                Text::from(rb.id.to_string()),
                                describe(program, &variables, &assignment),
                            ]),
                        )
                        .at(rb.span, LintMsg::Overlaps)
                        .with_related(ra.span, LintMsg::WithThisTier),
                    );
                }
            }
        }
        if !reported_gap && values.iter().all(|v| *v == Some(false)) {
            reported_gap = true;
            let first = &program.rules[tiers[0].0];
            out.push(
                Diagnostic::warning(
                    Code::TierGap,
                    LintMsg::TierGap.with([describe(program, &variables, &assignment)]),
                )
                .at(first.span, LintMsg::TiersLeaveGap)
                .with_help(LintMsg::TierGapHelp),
            );
        }
    }
    out
}

/// The top-level `and` parts of a condition.
fn conjuncts<'e>(e: &'e CExpr, out: &mut Vec<&'e CExpr>) {
    match &e.kind {
        CKind::Binary(BinOp::And, l, r) => {
            conjuncts(l, out);
            conjuncts(r, out);
        }
        _ => out.push(e),
    }
}

/// Definitions every tier requires at its top level (the tiers' shared guard).
fn shared_guards(program: &Program, tiers: &[(usize, &CExpr)]) -> HashSet<u32> {
    let defs_of = |e: &CExpr| {
        let mut parts = Vec::new();
        conjuncts(e, &mut parts);
        parts
            .into_iter()
            .filter_map(|p| match p.kind {
                CKind::Def(id) if program.definitions[id.0 as usize].arity == 0 => Some(id.0),
                _ => None,
            })
            .collect::<HashSet<u32>>()
    };
    let mut shared = defs_of(tiers[0].1);
    for (_, when) in &tiers[1..] {
        let these = defs_of(when);
        shared.retain(|d| these.contains(d));
    }
    shared
}

/// Gathers the yes/no and enum case fields the tiers read, outside the shared guards.
struct Collector<'a> {
    program: &'a Program,
    guards: &'a HashSet<u32>,
    variables: Vec<Variable>,
    /// The place of each field in `variables`.
    places: HashMap<Box<[u16]>, usize>,
    /// The least depth each definition was followed at: from there or deeper, going
    /// through it again finds nothing new, and tiers that share a definition would
    /// otherwise each go through all of it.
    followed: HashMap<u32, usize>,
}

impl Collector<'_> {
    fn collect(&mut self, e: &CExpr, depth: usize) {
        #[cfg(test)]
        super::WALKED.with(|n| n.set(n.get() + 1));
        match &e.kind {
            CKind::CaseField(path) if !self.places.contains_key(path) => {
                let values = match &e.ty {
                    Type::Bool => vec![Value::Bool(false), Value::Bool(true)],
                    Type::Enum(id) => {
                        let count = self.program.enum_type(*id).variants().len() as u16;
                        (0..count).map(|v| Value::Enum(*id, v)).collect()
                    }
                    _ => return,
                };
                self.places.insert(path.clone(), self.variables.len());
                self.variables.push(Variable {
                    path: path.clone(),
                    values,
                });
            }
            CKind::Def(id) if self.guards.contains(&id.0) => return,
            CKind::Def(id) if depth < MAX_DEPTH && self.followed.get(&id.0).is_none_or(|d| depth < *d) => {
                self.followed.insert(id.0, depth);
                let program = self.program;
                self.collect(&program.definitions[id.0 as usize].expr, depth + 1);
            }
            _ => {}
        }
        for child in children(e) {
            self.collect(child, depth);
        }
    }
}

/// The n-th assignment, by mixed-radix counting over the variables' values.
fn assignment(variables: &[Variable], mut n: usize) -> Vec<Value> {
    variables
        .iter()
        .map(|v| {
            let value = v.values[n % v.values.len()].clone();
            n /= v.values.len();
            value
        })
        .collect()
}

/// The values of the case fields, in each language: `a.b` = 是、`c` = 弱 (the values
/// as a case worker reads them, the fields as written); a.b = yes, c = weak.
fn describe(program: &Program, variables: &[Variable], assignment: &[Value]) -> Text {
    let in_lang = |lang: Lang, path: &dyn Fn(String) -> String, separator: &str| {
        let style = crate::report::ValueStyle {
            program,
            lang,
            show_pii: false,
        };
        let parts: Vec<String> = variables
            .iter()
            .zip(assignment)
            .map(|(v, value)| {
                let value = crate::report::format_value(value, &style);
                format!("{} = {value}", path(field_path(program, &v.path)))
            })
            .collect();
        parts.join(separator)
    };
    Text::both(
        in_lang(Lang::Zh, &|p| format!("`{p}`"), "、"),
        in_lang(Lang::En, &|p| p, ", "),
    )
}

fn field_path(program: &Program, path: &[u16]) -> String {
    let mut record = Program::ROOT;
    let mut names = Vec::new();
    for i in path {
        let Some(field) = program.record(record).fields().get(*i as usize) else {
            break;
        };
        names.push(field.name.clone());
        if let Type::Record(r) = field.ty {
            record = r;
        }
    }
    names.join(".")
}

struct Env<'a> {
    program: &'a Program,
    /// The place of each variable's value in `assignment`.
    places: &'a HashMap<Box<[u16]>, usize>,
    assignment: &'a [Value],
    guards: &'a HashSet<u32>,
}

impl Env<'_> {
    fn value(&self, e: &CExpr) -> Option<Value> {
        match &e.kind {
            CKind::CaseField(path) => {
                let i = self.places.get(path)?;
                self.assignment.get(*i).cloned()
            }
            CKind::Const(v) => Some(v.clone()),
            _ => None,
        }
    }

    /// Three-valued: `Some(b)` when the assignment decides it, `None` when it does not.
    fn tri(&self, e: &CExpr, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        match &e.kind {
            CKind::Const(Value::Bool(b)) => Some(*b),
            CKind::CaseField(_) => match self.value(e) {
                Some(Value::Bool(b)) => Some(b),
                _ => None,
            },
            CKind::IsVariant(inner, v, negated) => match self.value(inner) {
                Some(Value::Enum(_, actual)) => Some((actual == *v) != *negated),
                _ => None,
            },
            // Enumerated values are present.
            CKind::IsAbsent(inner, absent) => self.value(inner).map(|_| !absent),
            CKind::Unary(UnOp::Not, inner) => self.tri(inner, depth).map(|b| !b),
            CKind::Binary(BinOp::And, l, r) => match (self.tri(l, depth), self.tri(r, depth)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            CKind::Binary(BinOp::Or, l, r) => match (self.tri(l, depth), self.tri(r, depth)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            CKind::Def(id) if self.guards.contains(&id.0) => Some(true),
            CKind::Def(id) => self.tri(&self.program.definitions[id.0 as usize].expr, depth + 1),
            _ => None,
        }
    }
}

//! Explanations: why a rule held or failed, as a tree of the conditions that decided
//! it, each with the values it used. Computed only when an explanation is rendered,
//! never on the evaluation path itself.

use super::explain_items::{ItemTest, told_by_value};
use super::{Decision, Evaluation};
use crate::ast::{AggOp, BinOp, Label, RuleKind, UnOp};
use crate::program::*;
use crate::value::Value;

pub use super::because::{Because, Reasons, Shown};

/// The label of a yes/no field that has none.
static NO_LABEL: Label = Label {
    zh: String::new(),
    en: None,
};

/// How deep explanations follow definitions.
pub(super) const MAX_DEPTH: usize = 3;

/// What the evaluation of a decision computed (definitions, rules, membership key
/// sets) and the steps it took, so that explaining the decision need not compute them
/// again: a trace explains every rule, and computing the definitions anew was most of
/// its evaluation.
#[derive(Clone)]
pub struct Memo {
    /// The program it was computed with (its address): the slots mean nothing in
    /// another.
    program: usize,
    defs: Vec<Option<Value>>,
    rules: Vec<Option<bool>>,
    kinds: [Option<bool>; RuleKind::ALL.len()],
    key_sets: Vec<Option<Vec<Value>>>,
    steps: u64,
}

impl Memo {
    /// The value of a definition without parameters, when the evaluation computed it
    /// for `program`: read in place, without making an explainer (the push list of
    /// `zhengce match` reads two definitions of every person this way).
    pub fn definition(&self, program: &crate::program::Program, id: crate::program::DefId) -> Option<&Value> {
        if self.program != std::ptr::from_ref(program) as usize {
            return None;
        }
        self.defs.get(id.0 as usize)?.as_ref()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The values are the decision's own; listing them again would only be noise.
        f.debug_struct("Memo")
            .field("steps", &self.steps)
            .finish_non_exhaustive()
    }
}

impl Drop for Memo {
    fn drop(&mut self) {
        // The tables serve the thread's next evaluation (see `spare`).
        super::spare::give_back(super::spare::Buffers {
            defs: std::mem::take(&mut self.defs),
            rules: std::mem::take(&mut self.rules),
            key_sets: std::mem::take(&mut self.key_sets),
            ..Default::default()
        });
    }
}

impl Memo {
    /// A memo of the typed evaluator's values (the definitions and rules it computed;
    /// key sets are built again if an explanation needs them).
    pub(super) fn of_values(
        program: &Program,
        defs: Vec<Option<Value>>,
        rules: Vec<Option<bool>>,
        kinds: [Option<bool>; RuleKind::ALL.len()],
    ) -> Memo {
        Memo {
            program: std::ptr::from_ref(program) as usize,
            defs,
            rules,
            kinds,
            key_sets: Vec::new(),
            steps: 0,
        }
    }

    /// The memo with the steps its evaluation took (or a bound on them).
    pub(super) fn with_steps(mut self, steps: u64) -> Memo {
        self.steps = steps;
        self
    }

    /// Takes what `ev` computed, unless it stopped: values cut short by the budget are
    /// not what a fresh explanation would find.
    pub(super) fn keep(ev: &mut Evaluation) -> Option<Memo> {
        (!ev.stopped).then(|| Memo {
            program: std::ptr::from_ref(ev.program) as usize,
            defs: std::mem::take(&mut ev.defs),
            rules: std::mem::take(&mut ev.rules),
            kinds: ev.kinds,
            key_sets: std::mem::take(&mut ev.key_sets),
            steps: ev.steps,
        })
    }
}

/// Explains one case's decision. It keeps one evaluation, so the definitions an
/// explanation needs are computed once per case however many rules are explained.
pub struct Explainer<'p> {
    ev: Evaluation<'p>,
    /// Whether it started from the decision's memo (see [`Explainer::exact`]).
    from_memo: bool,
}

impl<'p> Explainer<'p> {
    /// An explainer for one case on one date.
    pub fn new(program: &'p Program, facts: &'p Value, as_of: chrono::NaiveDate) -> Explainer<'p> {
        Explainer {
            ev: Evaluation::new(program, facts, as_of),
            from_memo: false,
        }
    }

    /// An explainer for a decision made with `program` and `facts`, starting from what
    /// its evaluation computed. Its explanations are those of [`Explainer::new`] as long
    /// as [`Explainer::exact`] says so afterwards.
    pub fn of_decision(program: &'p Program, facts: &'p Value, decision: &Decision) -> Explainer<'p> {
        match &decision.memo {
            Some(memo) => Explainer::of_memo(program, facts, decision.as_of, memo.clone()),
            None => Explainer::new(program, facts, decision.as_of),
        }
    }

    /// [`Explainer::of_decision`] for a decision on `as_of` whose memo is given rather
    /// than copied (a batch's trace is the decision's last use: copying the memo and
    /// dropping both copies was a few percent of its time).
    pub fn of_memo(program: &'p Program, facts: &'p Value, as_of: chrono::NaiveDate, mut memo: Memo) -> Explainer<'p> {
        let mut explainer = Explainer::new(program, facts, as_of);
        if memo.program == std::ptr::from_ref(program) as usize {
            let ev = &mut explainer.ev;
            // Swapped: the memo, dropped, gives the explainer's empty tables back to
            // the thread (see `spare`).
            std::mem::swap(&mut ev.defs, &mut memo.defs);
            std::mem::swap(&mut ev.rules, &mut memo.rules);
            std::mem::swap(&mut ev.key_sets, &mut memo.key_sets);
            ev.kinds = memo.kinds;
            // Counting on from the decision's steps bounds what a fresh explainer would
            // take: its own work plus, at most, computing again what the memo holds.
            ev.steps = memo.steps;
            explainer.from_memo = true;
        }
        explainer
    }

    /// Whether every explanation so far is the one [`Explainer::new`] gives. Only an
    /// explainer started from a memo can differ, and only when its steps ran out: until
    /// then a fresh explainer, which takes at most the steps of the decision more, has
    /// not stopped either, and the values of definitions and rules do not depend on who
    /// computes them. When this is `false`, explain again with [`Explainer::new`].
    pub fn exact(&self) -> bool {
        !(self.from_memo && self.ev.stopped)
    }

    /// Why a rule held or failed: the conditions that decided it. Whether it held is
    /// the rule's own value (from the memo, when there is one), not its condition
    /// evaluated again.
    pub fn rule(&mut self, rule: RuleIdx) -> Vec<Because<'p>> {
        let mut reasons = Vec::with_capacity(REASONS);
        self.rule_into(rule, &mut reasons);
        reasons
    }

    /// [`Explainer::rule`] into `out`, emptied first: a trace explains every rule of a
    /// case into one list rather than allocating one a rule.
    pub fn rule_into(&mut self, rule: RuleIdx, out: &mut Vec<Because<'p>>) {
        out.clear();
        let program = self.ev.program;
        if let Some(w) = &program.rules[rule.0 as usize].when {
            let holds = self.ev.rule(rule);
            self.ev.reasons_known(w, holds, 0, out);
        }
    }

    /// Why a yes/no expression has its value; a definition is explained by its own
    /// conditions, its value read from the memo.
    pub fn expr(&mut self, e: &'p CExpr) -> Vec<Because<'p>> {
        let program = self.ev.program;
        let holds = self.ev.truth(e);
        match &e.kind {
            CKind::Def(id) => self.ev.reasons(&program.definitions[id.0 as usize].expr, holds),
            _ => self.ev.reasons(e, holds),
        }
    }

    /// The value of a definition without parameters.
    pub fn definition(&mut self, id: crate::program::DefId) -> Value {
        self.ev.definition(id)
    }

    /// For a date computed by adding working days (`start + 5 working_days`, through
    /// definitions and `if`): the days the addition walked over, `(start, result]`. The
    /// holidays and make-up days in them are what moved the result.
    pub fn working_day_span(&mut self, e: &CExpr) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        self.ev.working_day_span(e, 0)
    }
}

/// Room for the reasons of a rule, a definition or a list's item, made at once: a
/// condition has one to four mostly, and a list grown from nothing at its first
/// reason took the allocator's slower path to grow (0.5% of a trace's instructions).
pub(super) const REASONS: usize = 4;

impl<'p> Evaluation<'p> {
    fn working_day_span(&mut self, e: &CExpr, depth: usize) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        if depth > MAX_DEPTH {
            return None;
        }
        match &e.kind {
            CKind::Def(id) => {
                let program = self.program;
                self.working_day_span(&program.definitions[id.0 as usize].expr, depth + 1)
            }
            CKind::If(c, a, b) => {
                let branch = if self.truth(c) { a } else { b };
                self.working_day_span(branch, depth + 1)
            }
            CKind::Binary(BinOp::Add, l, r) if r.ty == Type::Quantity(crate::ast::Unit::WorkingDays) => {
                match (self.eval(l), self.eval(e)) {
                    (Value::Date(start), Value::Date(end)) => Some((start.succ_opt()?, end)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The conditions that decided a yes/no expression's value, `holds`.
    fn reasons(&mut self, e: &'p CExpr, holds: bool) -> Vec<Because<'p>> {
        let mut out = Vec::new();
        self.reasons_known(e, holds, 0, &mut out);
        out
    }

    /// Appends to `out` [`Self::reasons`] of an expression whose value is known to be
    /// `holds`: a part is evaluated only where its value is not known from the whole,
    /// and the sides of `and` and `or` add to the one list rather than each
    /// making its own.
    pub(super) fn reasons_known(&mut self, e: &'p CExpr, holds: bool, depth: usize, out: &mut Vec<Because<'p>>) {
        match &e.kind {
            CKind::Binary(op @ (BinOp::And | BinOp::Or), l, r) => {
                // `and` that held and `or` that failed need every side, and each side has
                // the value of the whole; otherwise only the side that decided it: the
                // left one if it has the whole's value, else the right one, which then
                // has it. So a side is evaluated only to tell which decided, never to
                // learn what `holds` already says.
                if (*op == BinOp::And) == holds {
                    self.reasons_known(l, holds, depth, out);
                    self.reasons_known(r, holds, depth, out);
                } else {
                    let side = if self.truth(l) == holds { l } else { r };
                    self.reasons_known(side, holds, depth, out);
                }
            }
            CKind::Binary(op, l, r)
                if matches!(
                    op,
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
                ) =>
            {
                if let Some(subject) = told_by_value(l, r) {
                    let subject = self.shown(subject);
                    out.push(Because::ValueOf { subject, holds });
                    return;
                }
                out.push(Because::Compare {
                    left: self.shown(l),
                    op: *op,
                    right: self.shown(r),
                    holds,
                });
            }
            CKind::Unary(UnOp::Not, inner) => {
                let mark = out.len();
                self.reasons_known(inner, !holds, depth, out);
                let because = match out.len() - mark {
                    1 => out.pop().map(|inner| Because::Not(Box::new(inner))),
                    _ => None,
                };
                out.truncate(mark);
                out.push(because.unwrap_or_else(|| Because::Other {
                    span: e.span,
                    reads: reads(e),
                    holds,
                }));
            }
            CKind::IsVariant(subject, v, negated) => {
                let variant = match &subject.ty {
                    Type::Enum(id) => self.program.enum_type(*id).variants().get(*v as usize).map(|(_, l)| l),
                    _ => None,
                };
                out.push(Because::Is {
                    subject: self.shown(subject),
                    variant,
                    absent: false,
                    negated: *negated,
                    holds,
                });
            }
            CKind::IsAbsent(subject, absent) => {
                out.push(Because::Is {
                    subject: self.shown(subject),
                    variant: None,
                    absent: *absent,
                    negated: false,
                    holds,
                });
            }
            CKind::Def(id) | CKind::CallDefinition(id, _) => {
                let program = self.program;
                let def = &program.definitions[id.0 as usize];
                // A function's reasons are found in its own frame: its arguments.
                let args: Vec<Value> = match &e.kind {
                    CKind::CallDefinition(_, args) => args.iter().map(|a| self.eval(a)).collect(),
                    _ => Vec::new(),
                };
                let reasons = match (depth < MAX_DEPTH, &e.kind) {
                    (false, _) => Reasons::none(),
                    (true, CKind::Def(id)) => self.definition_reasons(*id, holds, depth),
                    (true, _) => {
                        let mut reasons = Vec::with_capacity(REASONS);
                        self.in_frame(args, |ev| ev.reasons_known(&def.expr, holds, depth + 1, &mut reasons));
                        reasons.into()
                    }
                };
                out.push(Because::Flag {
                    label: &def.label,
                    holds,
                    reasons,
                });
            }
            CKind::CaseField(_) | CKind::GetField(..) if e.label.is_some() => {
                out.push(Because::Flag {
                    label: e.label.as_ref().unwrap_or(&NO_LABEL),
                    holds,
                    reasons: Reasons::none(),
                });
            }
            CKind::Aggregate {
                op: op @ (AggOp::All | AggOp::Any),
                slot,
                list,
                filter,
                body,
                ..
            } if list.label.is_some() => {
                let test = ItemTest {
                    every: *op == AggOp::All,
                    slot: *slot,
                    filter: filter.as_deref(),
                    body: body.as_deref(),
                };
                match self.item_reasons(list, &test, holds, depth) {
                    Some(because) => out.push(because),
                    None => out.push(Because::Other {
                        span: e.span,
                        reads: reads(e),
                        holds,
                    }),
                }
            }
            CKind::Holds(kind, rule) => {
                let program = self.program;
                let rules = match rule {
                    Some(rule) => std::slice::from_ref(rule),
                    None => program.rule_lookup.of_kind(*kind),
                };
                let held = rules
                    .iter()
                    .filter(|r| self.rule(**r))
                    .map(|r| &program.rules[r.0 as usize].id)
                    .collect();
                let asked = rule.map(|r| &program.rules[r.0 as usize].id);
                out.push(Because::Rules {
                    kind: *kind,
                    held,
                    asked,
                });
            }
            _ => out.push(Because::Other {
                span: e.span,
                reads: reads(e),
                holds,
            }),
        }
    }

    /// The reasons of a definition without parameters whose value is `holds`, told at
    /// `depth`: found once per case and shared after (a case's explanation tells a
    /// definition such as eligibility under many rules). A definition's reasons depend
    /// on nothing but the case, its value and the depth, as it has no locals but its
    /// own. Reasons found after the steps ran out are not kept; reasons given again
    /// take no steps, in a fresh explanation as in one started from a memo.
    fn definition_reasons(&mut self, id: DefId, holds: bool, depth: usize) -> Reasons<'p> {
        let key = (id, holds, depth);
        if let Some((_, reasons)) = self.explained.iter().find(|(k, _)| *k == key) {
            return reasons.clone();
        }
        let program = self.program;
        let mut reasons = Vec::with_capacity(REASONS);
        self.in_frame(Vec::new(), |ev| {
            ev.reasons_known(&program.definitions[id.0 as usize].expr, holds, depth + 1, &mut reasons)
        });
        let reasons = Reasons::from(reasons);
        if !self.stopped {
            self.explained.push((key, reasons.clone()));
        }
        reasons
    }

    pub(super) fn shown(&mut self, e: &'p CExpr) -> Shown<'p> {
        let shown = self.shown_plain(e);
        match self.row_used(e, 0) {
            Some((table, from)) => Shown::FromRow {
                shown: Box::new(shown),
                table,
                from,
            },
            None => shown,
        }
    }

    fn shown_plain(&mut self, e: &'p CExpr) -> Shown<'p> {
        let value = self.eval(e);
        match &e.kind {
            CKind::Const(_) => Shown::Constant(value),
            CKind::WithUnit(inner, _) if matches!(inner.kind, CKind::Const(_)) => Shown::Constant(value),
            CKind::Binary(op @ (BinOp::Add | BinOp::Sub), l, r) => Shown::Arithmetic {
                op: *op,
                left: Box::new(self.shown(l)),
                right: Box::new(self.shown(r)),
                value,
            },
            CKind::AsOf => Shown::EvaluationDate(value),
            _ => match &e.label {
                Some(label) if !label.zh.is_empty() => Shown::Named {
                    label,
                    value,
                    computed: matches!(e.kind, CKind::Def(_) | CKind::CallDefinition(..)),
                },
                _ => Shown::Computed {
                    span: e.span,
                    reads: reads(e),
                    value,
                },
            },
        }
    }
}

/// The labels of the fields and definitions an expression reads, in the order written,
/// each once: the words that tell a condition that has no label of its own. A boxed
/// slice, not a `Vec`: it keeps [`Because`] within the size moved without a call.
pub(super) fn reads(e: &CExpr) -> Box<[&Label]> {
    fn walk<'p>(e: &'p CExpr, out: &mut Vec<&'p Label>) {
        if out.len() >= 4 {
            return;
        }
        if let Some(label) = e.label.as_ref().filter(|l| !l.zh.is_empty()) {
            if !out.contains(&label) {
                out.push(label);
            }
            return;
        }
        for child in e.children() {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    for child in e.children() {
        walk(child, &mut out);
    }
    out.into_boxed_slice()
}

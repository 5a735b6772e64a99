//! Rules in the checker: declaring them (a duplicate kind and id is found with a hash
//! map, not by comparing with every earlier rule), checking each once, and resolving
//! `holds(…)` with the program's [`RuleLookup`].

use super::depth::Body;
use super::messages::CheckMsg;
use super::{Checker, State};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::program::*;
use crate::source::Span;

impl<'a> Checker<'a> {
    pub(super) fn declare_rule(&mut self, r: &'a RuleDecl) {
        if let Some(&first) = self.rule_positions.get(&(r.kind, r.id.node.clone())) {
            let first = self.rule_decls[first].id.span;
            self.error(
                Diagnostic::error(Code::DuplicateRule, CheckMsg::RuleDeclaredTwice.with(rule_name(r)))
                    .at(r.id.span, CheckMsg::DeclaredAgainHere)
                    .with_related(first, CheckMsg::FirstDeclaredHere)
                    .with_help(CheckMsg::RuleIdsOnce),
            );
            return;
        }
        self.check_citation(r);
        self.rule_positions
            .insert((r.kind, r.id.node.clone()), self.rule_decls.len());
        self.rule_decls.push(r);
        self.rule_sources.push(self.source);
        self.rule_state.push(State::Unchecked);
        self.rule_exprs.push(None);
        self.rule_yields.push(None);
    }

    /// The position of a declared rule that has not been repealed.
    pub(super) fn rule_position(&self, kind: RuleKind, id: &RuleId) -> Option<usize> {
        self.rule_positions.get(&(kind, id.clone())).copied()
    }

    /// Once every file is declared: drops the rules repealed (removing each from the
    /// middle of the lists when it was repealed would cost rules × repeals) and builds
    /// the lookup that `holds(…)` and the program use.
    pub(super) fn finish_rule_declarations(&mut self) {
        if !self.repealed.is_empty() {
            let mut keep = vec![true; self.rule_decls.len()];
            for &i in &self.repealed {
                keep[i] = false;
            }
            let kept = |i: &mut usize| {
                *i += 1;
                keep[*i - 1]
            };
            let mut i = 0;
            self.rule_decls.retain(|_| kept(&mut i));
            i = 0;
            self.rule_sources.retain(|_| kept(&mut i));
            i = 0;
            self.rule_state.retain(|_| kept(&mut i));
            i = 0;
            self.rule_exprs.retain(|_| kept(&mut i));
            i = 0;
            self.rule_yields.retain(|_| kept(&mut i));
            self.repealed.clear();
        }
        self.rule_positions.clear();
        self.rule_lookup = RuleLookup::new(self.rule_decls.iter().map(|r| (r.kind, &r.id.node)));
    }

    /// A rule must cite its clause, and should give the clause's text.
    pub(super) fn check_citation(&mut self, r: &RuleDecl) {
        match &r.cite {
            None => self.error(
                Diagnostic::error(Code::MissingCitation, CheckMsg::NoCitation.with(rule_name(r)))
                    .at(r.id.span, CheckMsg::NoCites)
                    .with_help(CheckMsg::WriteCites),
            ),
            Some(c) if c.text.is_none() => self.error(
                Diagnostic::warning(
                    Code::MissingCitation,
                    CheckMsg::CitesWithoutText.with([r.kind.keyword(), &r.id.node.to_string(), &c.clause.node]),
                )
                .at(c.clause.span, CheckMsg::NoVerbatimText)
                .with_help(CheckMsg::AddClauseText),
            ),
            Some(_) => {}
        }
    }

    /// Checks a rule (once), used at `at`.
    pub(super) fn check_rule(&mut self, idx: RuleIdx, at: Span) {
        let i = idx.0 as usize;
        match self.rule_state[i] {
            State::Done => return self.used(Body::Rule(idx), at),
            State::InProgress => {
                let decl = self.rule_decls[i];
                self.error(
                    Diagnostic::error(
                        Code::DefinitionCycle,
                        CheckMsg::RuleDependsOnItself.with(rule_name(decl)),
                    )
                    .at(decl.id.span, CheckMsg::PartOfCycle),
                );
                return;
            }
            State::Unchecked => {}
        }
        self.rule_state[i] = State::InProgress;
        let decl = self.rule_decls[i];
        let saved = std::mem::take(&mut self.locals);
        let outer = self.begin_body();
        let when = decl.when.as_ref().map(|w| {
            let c = self.expr(w);
            self.expect_type(&c, &Type::Bool, CheckMsg::RuleCondition);
            c
        });
        let yields = decl.yields.as_ref().map(|fields| self.yields(fields));
        self.end_body(Body::Rule(idx), outer);
        self.locals = saved;
        self.rule_exprs[i] = when;
        self.rule_yields[i] = yields;
        self.rule_state[i] = State::Done;
    }

    fn yields(&mut self, fields: &[YieldField]) -> Vec<Yield> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for field in fields {
            let name = &field.name;
            if !seen.insert(name.node.as_str()) {
                self.error(
                    Diagnostic::error(Code::DuplicateName, CheckMsg::YieldedTwice.with([&name.node]))
                        .at(name.span, CheckMsg::GivenAgainHere),
                );
            }
            let expr = self.expr(&field.expr);
            let label = field
                .label
                .clone()
                .or_else(|| expr.label.clone())
                .unwrap_or_else(|| Label {
                    zh: name.node.clone(),
                    en: None,
                });
            out.push(Yield {
                name: name.node.clone(),
                label,
                expr,
            });
        }
        out
    }

    /// `holds(tier 2)` or `holds(tier)`: the rules are checked where they are used.
    pub(super) fn holds(&mut self, kind: RuleKind, id: Option<&RuleId>, span: Span) -> CExpr {
        let rule = id.map(|id| self.rule_lookup.get(kind, id));
        let missing = match rule {
            Some(found) => found.is_none(),
            None => self.rule_lookup.of_kind(kind).is_empty(),
        };
        if missing && self.unparsed.has_rule(kind, id) {
            return self.poisoned(span);
        }
        if missing {
            let message = match id {
                Some(i) => CheckMsg::NoSuchRuleOf.with([kind.keyword().to_string(), i.to_string()]),
                None => CheckMsg::NoRuleOfKind.with([kind.keyword()]),
            };
            self.error(Diagnostic::error(Code::UnknownName, message).at(span, CheckMsg::NoSuchRule));
            return self.poisoned(span);
        }
        match rule.flatten() {
            Some(idx) => self.check_rule(idx, span),
            None => self.check_kind(kind, span),
        }
        self.typed(CKind::Holds(kind, rule.flatten()), Type::Bool, span)
    }

    /// Checks every rule of a kind, used at `span`. Once all are checked, a use only
    /// goes as deep as the deepest of them: going through them all again for each
    /// `holds(tier)` would cost uses × rules.
    fn check_kind(&mut self, kind: RuleKind, span: Span) {
        if let Some(height) = self.kind_heights.get(&kind).copied() {
            self.reached(self.depth + height, span);
            return;
        }
        let rules = self.rule_lookup.of_kind(kind).to_vec();
        #[cfg(test)]
        RULES_GONE_THROUGH.with(|n| n.set(n.get() + rules.len()));
        let mut height = Some(0);
        for idx in rules {
            self.check_rule(idx, span);
            // A rule still in progress is in a cycle (reported): nothing is noted then.
            let done = self.rule_state[idx.0 as usize] == State::Done;
            let this = self.heights.get(&Body::Rule(idx)).copied().filter(|_| done);
            height = height.zip(this).map(|(a, b)| a.max(b));
        }
        if let Some(height) = height {
            self.kind_heights.insert(kind, height);
        }
    }
}

/// A rule's kind and id, as written (`category 1`), for a message that names it.
pub(super) fn rule_name(r: &RuleDecl) -> [String; 2] {
    [r.kind.keyword().to_string(), r.id.node.to_string()]
}

#[cfg(test)]
thread_local! {
    /// Rules that uses of `holds(kind)` went through on this thread, for a test to count.
    pub(super) static RULES_GONE_THROUGH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

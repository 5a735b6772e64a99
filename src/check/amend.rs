//! Amendments: in a document that amends a policy, `replace` gives a new version of a
//! parameter, definition, table or rule (found by name or id), and `repeal` removes a
//! rule. Both happen while declaring, before anything is checked, so the checked
//! program is the amended policy as a whole.

use super::messages::CheckMsg;
use super::rules::rule_name;
use super::{Checker, Global};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

impl<'a> Checker<'a> {
    /// `replace param …`, `replace define …`, `replace table …`, `replace category 1 …`.
    pub(super) fn declare_replacement(&mut self, item: &'a Item, span: Span) {
        match item {
            Item::Param(d) | Item::Define(d) => {
                let is_param = matches!(item, Item::Param(_));
                match self.globals.get(&d.name.node) {
                    Some((Global::Def(id), _)) => {
                        let i = id.0 as usize;
                        if d.cite.is_none() {
                            self.error(uncited(d.name.span, &d.name.node));
                        }
                        self.def_decls[i] = (d, is_param);
                        self.def_sources[i] = self.source;
                    }
                    _ if self.unparsed.has_name(&d.name.node) => {}
                    _ => self.error(nothing_to_replace(d.name.span, &d.name.node)),
                }
            }
            Item::Table(t) => match self.globals.get(&t.name.node).copied() {
                Some((Global::Table(id), _)) => {
                    if t.cite.is_none() {
                        self.error(uncited(t.name.span, &t.name.node));
                    }
                    self.table_decls[id.0 as usize] = t;
                }
                _ if self.unparsed.has_name(&t.name.node) => {}
                _ => self.error(nothing_to_replace(t.name.span, &t.name.node)),
            },
            Item::Rule(r) => {
                self.check_citation(r);
                match self.rule_position(r.kind, &r.id.node) {
                    Some(i) => {
                        self.rule_decls[i] = r;
                        self.rule_sources[i] = self.source;
                    }
                    None if self.unparsed.has_rule(r.kind, Some(&r.id.node)) => {}
                    None => self.error(nothing_to_replace(r.id.span, &rule_name(r).join(" "))),
                }
            }
            _ => self.error(
                Diagnostic::error(Code::InvalidConstruct, CheckMsg::CannotReplaceItem)
                    .at(span, CheckMsg::CannotBeReplaced),
            ),
        }
    }

    /// `repeal exit 6 cites "…"`.
    pub(super) fn declare_repeal(&mut self, r: &'a RepealDecl) {
        let Some(i) = self.rule_position(r.kind, &r.id.node) else {
            if self.unparsed.has_rule(r.kind, Some(&r.id.node)) {
                return;
            }
            let name = [r.kind.keyword().to_string(), r.id.node.to_string()];
            self.error(
                Diagnostic::error(Code::UnknownName, CheckMsg::NothingToRepeal.with(name))
                    .at(r.id.span, CheckMsg::NoSuchRule)
                    .with_help(CheckMsg::RepealHelp),
            );
            return;
        };
        // Dropped from the lists once every file is declared; from now on the rule is
        // not there to replace or repeal, and its id may be declared again.
        self.rule_positions.remove(&(r.kind, r.id.node.clone()));
        self.repealed.push(i);
    }
}

fn nothing_to_replace(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(Code::UnknownName, CheckMsg::NothingToReplace.with([name]))
        .at(span, CheckMsg::NotInAmended)
        .with_help(CheckMsg::ReplaceHelp)
}

fn uncited(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(Code::MissingCitation, CheckMsg::ChangeNotCited.with([name]))
        .at(span, CheckMsg::NoCites)
        .with_help(CheckMsg::WriteAmendingCites)
}

//! Amendments: in a document that amends a policy, `replace` gives a new version of a
//! parameter, definition, table or rule (found by name or id), and `repeal` removes a
//! rule. Both happen while declaring, before anything is checked, so the checked
//! program is the amended policy as a whole.

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
                    None => {
                        let name = format!("{} {}", r.kind.keyword(), r.id.node);
                        self.error(nothing_to_replace(r.id.span, &name));
                    }
                }
            }
            _ => self.error(
                Diagnostic::error(
                    Code::InvalidConstruct,
                    "only a param, define, table or rule can be replaced",
                )
                .at(span, "cannot be replaced"),
            ),
        }
    }

    /// `repeal exit 6 cites "…"`.
    pub(super) fn declare_repeal(&mut self, r: &'a RepealDecl) {
        let Some(i) = self.rule_position(r.kind, &r.id.node) else {
            if self.unparsed.has_rule(r.kind, Some(&r.id.node)) {
                return;
            }
            let name = format!("{} {}", r.kind.keyword(), r.id.node);
            self.error(
                Diagnostic::error(Code::UnknownName, format!("there is no {name} to repeal"))
                    .at(r.id.span, "no such rule")
                    .with_help("a repeal names a rule of the amended policy by its kind and id"),
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
    Diagnostic::error(Code::UnknownName, format!("there is no `{name}` to replace"))
        .at(span, "not in the amended policy")
        .with_help("`replace` gives a new version of something the amended policy has; to add something new, leave out `replace`")
}

fn uncited(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::MissingCitation,
        format!("the change to `{name}` does not cite the amending clause"),
    )
    .at(span, "no `cites`")
    .with_help("write `cites \"条款\" \"the amending text\"` after the label")
}

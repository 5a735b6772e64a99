//! Amendments: in a document that amends a policy, `replace` gives a new version of a
//! parameter, definition, table, enum or rule (found by name or id), and `repeal`
//! removes a rule, a definition or a case field. Both happen while declaring, before
//! anything is checked, so the checked program is the amended policy as a whole. A
//! repealed definition or field keeps its slot (so earlier versions' slots hold); only
//! its name no longer reads it.

use super::messages::CheckMsg;
use super::rules::rule_name;
use super::{Checker, Global};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::program::{RecordId, Type};
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

    /// `replace enum Name "…" cites "…" { … }`: kept until every enum is collected.
    pub(super) fn declare_enum_replacement(&mut self, e: &'a EnumDecl) {
        if e.cite.is_none() {
            self.error(uncited(e.name.span, &e.name.node));
        }
        self.enum_replacements.push(e);
    }

    /// `repeal exit 6 cites "…"`, `repeal define x cites "…"`, `repeal field a.b cites "…"`.
    pub(super) fn declare_repeal(&mut self, r: &'a RepealDecl) {
        match &r.what {
            Repealed::Rule(kind, id) => self.repeal_rule(*kind, id),
            Repealed::Define(name) => self.repeal_define(name, r.span),
            Repealed::Field(path) => self.field_repeals.push((r, path, self.source)),
        }
    }

    fn repeal_rule(&mut self, kind: RuleKind, id: &Spanned<RuleId>) {
        let Some(i) = self.rule_position(kind, &id.node) else {
            if self.unparsed.has_rule(kind, Some(&id.node)) {
                return;
            }
            let name = [kind.keyword().to_string(), id.node.to_string()];
            self.error(
                Diagnostic::error(Code::UnknownName, CheckMsg::NothingToRepeal.with(name))
                    .at(id.span, CheckMsg::NoSuchRule)
                    .with_help(CheckMsg::RepealHelp),
            );
            return;
        };
        // Dropped from the lists once every file is declared; from now on the rule is
        // not there to replace or repeal, and its id may be declared again.
        self.rule_positions.remove(&(kind, id.node.clone()));
        self.repealed.push(i);
    }

    /// The name no longer names the definition: a use of it is an error that says it
    /// is repealed, and the name may be declared again.
    fn repeal_define(&mut self, name: &Ident, span: Span) {
        match self.globals.get(&name.node).copied() {
            Some((Global::Def(id), _)) => {
                self.globals.remove(&name.node);
                self.def_repealed[id.0 as usize] = true;
                self.repealed_defs.insert(name.node.clone(), span);
            }
            _ if self.unparsed.has_name(&name.node) => {}
            _ => self.error(
                Diagnostic::error(Code::UnknownName, CheckMsg::NothingToRepealName.with([&name.node]))
                    .at(name.span, CheckMsg::NoSuchDefinition)
                    .with_help(CheckMsg::RepealDefineHelp),
            ),
        }
    }

    /// A use of a repealed definition, if `name` is one: the error, told once per use.
    pub(super) fn repealed_use(&mut self, name: &Ident) -> bool {
        let Some(at) = self.repealed_defs.get(&name.node).copied() else {
            return false;
        };
        self.error(
            Diagnostic::error(Code::Repealed, CheckMsg::DefinitionRepealed.with([&name.node]))
                .at(name.span, CheckMsg::RepealedLabel)
                .with_related(at, CheckMsg::RepealedHere)
                .with_help(CheckMsg::UsesOfRepealed),
        );
        true
    }

    /// Marks each field named by a `repeal field` (once the schema is compiled): it
    /// keeps its place, may be left out of a case, and cannot be read by the policy.
    pub(super) fn repeal_fields(&mut self) {
        for (repeal, path, source) in std::mem::take(&mut self.field_repeals) {
            let Some((record, index)) = self.field_at(path) else {
                continue;
            };
            self.removed_fields.insert((record, index), repeal.span);
            if let Some(Some(fields)) = self.schemas.get_mut(record as usize)
                && let Some(field) = fields.get_mut(index as usize)
            {
                field.removed = Some(source.into());
                field.optional = true;
                field.default = None;
            }
        }
    }

    /// The record and index of the case field at `path`, or an error at the first
    /// name that is not a field.
    fn field_at(&mut self, path: &[Ident]) -> Option<(u16, u16)> {
        let mut record = crate::program::Program::ROOT;
        let mut found = None;
        let mut walked = String::new();
        for part in path {
            if found.is_some() {
                let ty = found.map(|(r, i): (RecordId, usize)| self.records[r.0 as usize].fields()[i].ty.clone());
                record = match ty {
                    Some(Type::Record(r)) => r,
                    Some(Type::List(item)) if matches!(*item, Type::Record(_)) => match *item {
                        Type::Record(r) => r,
                        _ => return None,
                    },
                    _ => {
                        self.no_field_to_repeal(part, &walked, &[]);
                        return None;
                    }
                };
            }
            let fields = self.records[record.0 as usize].fields();
            match self.records[record.0 as usize].field(&part.node) {
                Some(i) => found = Some((record, i)),
                None if self.unparsed.may_have_field(&part.node) => return None,
                None => {
                    let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
                    self.no_field_to_repeal(part, &walked, &names);
                    return None;
                }
            }
            if !walked.is_empty() {
                walked.push('.');
            }
            walked.push_str(&part.node);
        }
        found.map(|(r, i)| (r.0, i as u16))
    }

    fn no_field_to_repeal(&mut self, part: &Ident, walked: &str, names: &[String]) {
        let path = if walked.is_empty() {
            part.node.clone()
        } else {
            format!("{walked}.{}", part.node)
        };
        let mut d = Diagnostic::error(Code::UnknownField, CheckMsg::NothingToRepealField.with([&path]))
            .at(part.span, CheckMsg::UnknownField);
        d = d.with_help(
            crate::diagnostic::did_you_mean(&part.node, names.iter().map(String::as_str))
                .unwrap_or_else(|| CheckMsg::RepealFieldHelp.into()),
        );
        self.error(d);
    }

    /// A read of a repealed case field (record, index) named `name`, if it is one: the
    /// error.
    pub(super) fn removed_read(&mut self, record: RecordId, index: usize, name: &Ident, path: &str) -> bool {
        let Some(at) = self.removed_fields.get(&(record.0, index as u16)).copied() else {
            return false;
        };
        self.error(
            Diagnostic::error(Code::Repealed, CheckMsg::FieldRepealed.with([path]))
                .at(name.span, CheckMsg::RepealedLabel)
                .with_related(at, CheckMsg::RepealedHere)
                .with_help(CheckMsg::UsesOfRepealed),
        );
        true
    }
}

pub(super) fn nothing_to_replace(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(Code::UnknownName, CheckMsg::NothingToReplace.with([name]))
        .at(span, CheckMsg::NotInAmended)
        .with_help(CheckMsg::ReplaceHelp)
}

fn uncited(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error(Code::MissingCitation, CheckMsg::ChangeNotCited.with([name]))
        .at(span, CheckMsg::NoCites)
        .with_help(CheckMsg::WriteAmendingCites)
}

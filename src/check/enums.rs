//! Enums: their values declared (each once), replaced by an amendment (`replace enum`,
//! the values taken away kept readable), and a value that is not one of them reported
//! with the nearest.

use super::amend::nothing_to_replace;
use super::messages::{CheckMsg, names};
use super::{Checker, Global};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::program::EnumType;
use crate::value::EnumId;

impl<'a> Checker<'a> {
    pub(super) fn declare_enum(&mut self, e: &'a EnumDecl) {
        let id = EnumId(self.enums.len() as u16);
        if !self.add_global(&e.name, Global::Enum(id)) {
            return;
        }
        let mut variants: Vec<(String, Label)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (name, label) in &e.variants {
            if !seen.insert(name.node.as_str()) {
                self.error(
                    Diagnostic::error(Code::DuplicateName, CheckMsg::ListedTwice.with([&name.node]))
                        .at(name.span, CheckMsg::ListedAgainHere),
                );
                continue;
            }
            let label = label.clone().unwrap_or_else(|| Label {
                zh: name.node.clone(),
                en: None,
            });
            variants.push((name.node.clone(), label));
        }
        self.enums
            .push(EnumType::new(e.name.node.clone(), e.label.clone(), variants));
    }

    /// Puts each `replace enum` in the place of the enum it replaces, which keeps its
    /// place (its id) with the new values: every use is checked against them. Returns
    /// each replaced enum's name with the values it had, to be retired once declared.
    pub(super) fn replace_enums(&mut self, enum_decls: &mut [&'a EnumDecl]) -> Vec<(&'a str, Vec<String>)> {
        let mut replaced = Vec::new();
        for e in std::mem::take(&mut self.enum_replacements) {
            match enum_decls.iter().position(|d| d.name.node == e.name.node) {
                Some(i) => {
                    let old = enum_decls[i].variants.iter().map(|(v, _)| v.node.clone()).collect();
                    replaced.push((e.name.node.as_str(), old));
                    enum_decls[i] = e;
                }
                None if self.unparsed.has_name(&e.name.node) => {}
                None => self.error(nothing_to_replace(e.name.span, &e.name.node)),
            }
        }
        replaced
    }

    /// The values each replaced enum no longer has: still read in cases, for the
    /// versions before the amendment.
    pub(super) fn retire_values(&mut self, replaced: Vec<(&str, Vec<String>)>) {
        for (name, old) in replaced {
            if let Some(e) = self.enums.iter_mut().find(|e| e.name == name) {
                e.retire(old);
            }
        }
    }

    pub(super) fn unknown_variant(&mut self, name: &Ident, enum_type: &EnumType) {
        let mut d = Diagnostic::error(
            Code::UnknownName,
            CheckMsg::NotAValueOf.with([&name.node, &enum_type.name]),
        )
        .at(name.span, CheckMsg::UnknownValue);
        let values = || enum_type.variants().iter().map(|(n, _)| n.as_str());
        d = d.with_help(match did_you_mean(&name.node, values()) {
            Some(h) => h,
            None => CheckMsg::TheValues.with([names(values())]),
        });
        self.error(d);
    }
}

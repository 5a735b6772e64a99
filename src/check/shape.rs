//! Record shapes: a function's parameter typed `{ field: T "label", … }` takes any
//! record that has those fields with those types (structurally: other fields may be
//! there too). The body reads the shape's fields; at each call the argument's fields
//! are found by name once, here, and picked into the shape's order
//! ([`CKind::Project`]), so that the evaluator never looks a name up.

use super::Checker;
use super::messages::{CheckMsg, names};
use super::types;
use crate::ast::{Label, ShapeField};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::lang::Text;
use crate::program::*;
use std::collections::HashSet;

impl<'a> Checker<'a> {
    /// The record type of a shape, marked as one (arguments are fitted to it).
    pub(super) fn shape_type(&mut self, fields: &[ShapeField]) -> Type {
        let mut infos = Vec::with_capacity(fields.len());
        let mut seen = HashSet::new();
        for f in fields {
            if !seen.insert(f.name.node.as_str()) {
                self.error(
                    Diagnostic::error(Code::DuplicateName, CheckMsg::ListedTwice.with([&f.name.node]))
                        .at(f.name.span, CheckMsg::ListedAgainHere),
                );
                continue;
            }
            let ty = super::schema::parameter_type(self, &f.ty);
            infos.push(FieldInfo {
                name: f.name.node.clone(),
                label: f.label.clone(),
                ty,
            });
        }
        let id = RecordId(self.records.len() as u16);
        self.records.push(RecordType::new(Label::default(), infos));
        self.schemas.push(None);
        self.shapes.insert(id);
        Type::Record(id)
    }

    /// Whether `ty` is a record shape.
    pub(super) fn is_shape(&self, ty: &Type) -> Option<RecordId> {
        match ty {
            Type::Record(r) if self.shapes.contains(r) => Some(*r),
            _ => None,
        }
    }

    /// An argument for a parameter of the shape `shape` of the function `function`:
    /// the argument's fields in the shape's order, or an error at the argument naming
    /// each field it lacks or has with another type. Anything but a record is left to
    /// the type check of the arguments.
    pub(super) fn fit_shape(&mut self, arg: CExpr, shape: RecordId, function: &str) -> CExpr {
        let Type::Record(r) = arg.ty else {
            return arg;
        };
        if r == shape {
            return arg;
        }
        let wanted = self.records[shape.0 as usize].fields().to_vec();
        let mut picked = Vec::with_capacity(wanted.len());
        let mut fits = true;
        for field in &wanted {
            let given = &self.records[r.0 as usize];
            let Some(i) = given.field(&field.name) else {
                let fields = || given.fields().iter().map(|f| f.name.as_str());
                let help = did_you_mean(&field.name, fields())
                    .unwrap_or_else(|| CheckMsg::ArgumentFieldsAre.with([names(fields())]));
                self.error(
                    Diagnostic::error(
                        Code::UnknownField,
                        CheckMsg::ArgumentLacksField.with([function, field.name.as_str()]),
                    )
                    .at(arg.span, CheckMsg::LacksField.with([&field.name]))
                    .with_help(help),
                );
                fits = false;
                continue;
            };
            let found = given.fields()[i].ty.clone();
            if !types::compatible(&found, &field.ty) {
                let (expected, found) = (
                    super::type_name(&field.ty, &self.enums),
                    super::type_name(&found, &self.enums),
                );
                self.error(
                    Diagnostic::error(
                        Code::TypeMismatch,
                        CheckMsg::ArgumentFieldType.with([
                            Text::from(function),
                            Text::from(&field.name),
                            expected,
                            found.clone(),
                        ]),
                    )
                    .at(arg.span, CheckMsg::FieldIs.with([Text::from(&field.name), found]))
                    .with_help(CheckMsg::ShapeHelp),
                );
                fits = false;
            }
            picked.push(i as u16);
        }
        if !fits {
            return self.poisoned(arg.span);
        }
        let (span, label) = (arg.span, arg.label.clone());
        CExpr {
            kind: CKind::Project(Box::new(arg), picked.into()),
            ty: Type::Record(shape),
            span,
            label,
        }
    }
}

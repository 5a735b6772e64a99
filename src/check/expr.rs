//! Checking and compiling expressions: names to slots, types checked.

use super::messages::{CheckMsg, names};
use super::{Checker, Global, types};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, did_you_mean, nearest};
use crate::lang::Text;
use crate::program::*;
use crate::value::{Value, YearMonth};

/// The name of the evaluation date D in expressions.
pub const AS_OF: &str = "as_of";

impl<'a> Checker<'a> {
    pub(super) fn typed(&self, kind: CKind, ty: Type, span: crate::source::Span) -> CExpr {
        CExpr {
            kind,
            ty,
            span,
            label: None,
        }
    }

    /// A placeholder after an error: its type fits anything, so one mistake is
    /// reported once.
    pub(super) fn poisoned(&self, span: crate::source::Span) -> CExpr {
        self.typed(CKind::Const(Value::Absent), Type::Unknown, span)
    }

    /// A type error at `span`.
    pub(super) fn mismatch(&mut self, span: crate::source::Span, message: Text, label: Text, help: Option<CheckMsg>) {
        let mut d = Diagnostic::error(Code::TypeMismatch, message).at(span, label);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.error(d);
    }

    /// Checks and compiles one expression, one level below the one it is in.
    pub(super) fn expr(&mut self, e: &Expr) -> CExpr {
        if !self.reached(self.depth + 1, e.span) {
            return self.poisoned(e.span);
        }
        self.depth += 1;
        let c = self.compile(e);
        self.depth -= 1;
        c
    }

    fn compile(&mut self, e: &Expr) -> CExpr {
        let span = e.span;
        match &e.kind {
            ExprKind::Lit(lit) => {
                let (value, ty) = match lit {
                    Literal::Bool(b) => (Value::Bool(*b), Type::Bool),
                    Literal::Int(n) => (Value::Int(*n), Type::Int),
                    Literal::Text(s) => (Value::Text(s.as_str().into()), Type::Text),
                    Literal::Date(d) => (Value::Date(*d), Type::Date),
                    Literal::Month(y, m) => (Value::Month(YearMonth::new(*y, *m)), Type::Month),
                    // Its type comes from where it is used (`if … then absent else date`).
                    Literal::Absent => (Value::Absent, Type::Unknown),
                };
                self.typed(CKind::Const(value), ty, span)
            }
            ExprKind::Path(parts) => self.path(parts, span),
            ExprKind::Variant(ty, v) => match self.globals.get(&ty.node) {
                Some((Global::Enum(id), _)) => {
                    let id = *id;
                    // The enum is copied only for the error: not for every use.
                    match self.enums[id.0 as usize].variant(&v.node) {
                        Some(i) => self.typed(CKind::Const(Value::Enum(id, i)), Type::Enum(id), span),
                        None => {
                            let enum_type = self.enums[id.0 as usize].clone();
                            self.unknown_variant(v, &enum_type);
                            self.poisoned(span)
                        }
                    }
                }
                _ => {
                    self.unknown_name(ty, CheckMsg::NotAnEnum);
                    self.poisoned(span)
                }
            },
            ExprKind::Unary(op, inner) => {
                let c = self.expr(inner);
                let ok = match op {
                    UnOp::Not => types::compatible(&c.ty, &Type::Bool),
                    UnOp::Neg => matches!(c.ty, Type::Int | Type::Quantity(_) | Type::Unknown),
                };
                if !ok {
                    let found = super::type_name(&c.ty, &self.enums);
                    let needs = if *op == UnOp::Not {
                        CheckMsg::NotNeedsBool
                    } else {
                        CheckMsg::MinusNeedsNumber
                    };
                    self.mismatch(
                        c.span,
                        needs.with([found.clone()]),
                        CheckMsg::ThisIs.with([found]),
                        None,
                    );
                }
                let ty = if *op == UnOp::Not { Type::Bool } else { c.ty.clone() };
                self.typed(CKind::Unary(*op, Box::new(c)), ty, span)
            }
            ExprKind::Binary(op, l, r) => {
                let (l, r) = (self.expr(l), self.expr(r));
                match types::binary(*op, &l.ty, &r.ty) {
                    Some(ty) => self.typed(CKind::Binary(*op, Box::new(l), Box::new(r)), ty, span),
                    None => {
                        let (lt, rt) = (
                            super::type_name(&l.ty, &self.enums),
                            super::type_name(&r.ty, &self.enums),
                        );
                        let hint = types::binary_hint(*op, &l.ty, &r.ty);
                        let symbol = Text::from(op.symbol());
                        self.mismatch(
                            span,
                            CheckMsg::CannotCombine.with([symbol.clone(), lt.clone(), rt.clone()]),
                            CheckMsg::Operation.with([lt, symbol, rt]),
                            hint,
                        );
                        self.poisoned(span)
                    }
                }
            }
            ExprKind::WithUnit(inner, unit) => {
                let c = self.expr(inner);
                if !matches!(c.ty, Type::Int | Type::Unknown) {
                    let found = super::type_name(&c.ty, &self.enums);
                    self.mismatch(
                        c.span,
                        CheckMsg::UnitAfterNumber.with([found.clone()]),
                        CheckMsg::ThisIs.with([found]),
                        None,
                    );
                }
                self.typed(CKind::WithUnit(Box::new(c), *unit), Type::Quantity(*unit), span)
            }
            ExprKind::Field(inner, name) => {
                let c = self.expr(inner);
                self.field_of(c, name, span)
            }
            ExprKind::Index(table, key) => self.index(table, key, span),
            ExprKind::Is { expr, negated, test } => {
                let c = self.expr(expr);
                match test {
                    IsTest::Absent => self.typed(CKind::IsAbsent(Box::new(c), !negated), Type::Bool, span),
                    IsTest::Present => self.typed(CKind::IsAbsent(Box::new(c), *negated), Type::Bool, span),
                    IsTest::Variant(v) => match c.ty.clone() {
                        Type::Enum(id) => match self.enums[id.0 as usize].variant(&v.node) {
                            Some(i) => self.typed(CKind::IsVariant(Box::new(c), i, *negated), Type::Bool, span),
                            None => {
                                let enum_type = self.enums[id.0 as usize].clone();
                                self.unknown_variant(v, &enum_type);
                                self.poisoned(span)
                            }
                        },
                        Type::Unknown => self.poisoned(span),
                        other => {
                            let found = super::type_name(&other, &self.enums);
                            self.mismatch(
                                c.span,
                                CheckMsg::IsTestsEnum.with([Text::from(&v.node), found.clone()]),
                                CheckMsg::ThisIs.with([found]),
                                Some(CheckMsg::CompareWith),
                            );
                            self.poisoned(span)
                        }
                    },
                }
            }
            ExprKind::If(c, a, b) => {
                let c = self.expr(c);
                self.expect_type(&c, &Type::Bool, CheckMsg::IfCondition);
                let (a, b) = (self.expr(a), self.expr(b));
                let ty = self.join(&a, &b, CheckMsg::IfBranches);
                self.typed(CKind::If(Box::new(c), Box::new(a), Box::new(b)), ty, span)
            }
            ExprKind::Match(scrutinee, arms) => self.match_expr(scrutinee, arms, span),
            ExprKind::Aggregate {
                op,
                binder,
                list,
                filter,
                body,
                until,
            } => self.aggregate(
                *op,
                binder,
                list,
                filter.as_deref(),
                body.as_deref(),
                until.as_deref(),
                span,
            ),
            ExprKind::Holds(kind, id) => self.holds(*kind, id.as_ref(), span),
            ExprKind::Call(name, args) => self.call(name, args, span),
            ExprKind::List(items) => {
                let items: Vec<CExpr> = items.iter().map(|i| self.expr(i)).collect();
                let mut ty = Type::Unknown;
                for item in &items {
                    if ty == Type::Unknown {
                        ty = item.ty.clone();
                    } else if !types::compatible(&ty, &item.ty) {
                        self.expect_type(item, &ty.clone(), CheckMsg::ListItems);
                    }
                }
                self.typed(CKind::List(items), Type::List(Box::new(ty)), span)
            }
            ExprKind::Record(entries) => {
                let values: Vec<CExpr> = entries.iter().map(|(_, e)| self.expr(e)).collect();
                let fields = entries
                    .iter()
                    .zip(&values)
                    .map(|((n, _), v)| FieldInfo {
                        name: n.node.clone(),
                        label: Label::default(),
                        ty: v.ty.clone(),
                    })
                    .collect();
                let id = RecordId(self.records.len() as u16);
                self.records.push(RecordType::new(Label::default(), fields));
                self.schemas.push(None);
                self.typed(CKind::Record(values), Type::Record(id), span)
            }
        }
    }

    /// The one type of two values that must share it; `what` says what they are.
    pub(super) fn join(&mut self, a: &CExpr, b: &CExpr, what: CheckMsg) -> Type {
        if !types::compatible(&a.ty, &b.ty) {
            let (at, bt) = (
                super::type_name(&a.ty, &self.enums),
                super::type_name(&b.ty, &self.enums),
            );
            self.mismatch(
                b.span,
                CheckMsg::OneType.with([what.into(), at, bt.clone()]),
                CheckMsg::ThisIs.with([bt]),
                None,
            );
        }
        if a.ty == Type::Unknown {
            b.ty.clone()
        } else {
            a.ty.clone()
        }
    }

    /// An unknown name: `message` says what it is not (defined, an enum).
    fn unknown_name(&mut self, name: &Ident, message: CheckMsg) {
        // A name declared by an item that failed to parse, or perhaps a field of a
        // `case` block that did: its syntax error says what is wrong.
        if self.unparsed.has_name(&name.node) || self.unparsed.may_have_field(&name.node) {
            return;
        }
        if self.repealed_use(name) {
            return;
        }
        let mut candidates: Vec<String> = self.globals.keys().cloned().collect();
        candidates.extend(self.locals.iter().map(|(n, _)| n.clone()));
        candidates.extend(
            self.records[Program::ROOT.0 as usize]
                .fields()
                .iter()
                .map(|f| f.name.clone()),
        );
        candidates.push(AS_OF.to_string());
        candidates.sort();
        let mut d =
            Diagnostic::error(Code::UnknownName, message.with([&name.node])).at(name.span, CheckMsg::UnknownName);
        if let Some(h) = did_you_mean(&name.node, candidates.iter().map(String::as_str)) {
            d = d.with_help(h);
        } else {
            d = d.with_help(CheckMsg::DeclareIt);
        }
        self.error(d);
    }

    fn path(&mut self, parts: &[Ident], span: crate::source::Span) -> CExpr {
        let Some((first, rest)) = parts.split_first() else {
            return self.poisoned(span);
        };
        let mut base = if let Some(slot) = self.locals.iter().rposition(|(n, _)| *n == first.node) {
            let ty = self.locals[slot].1.clone();
            self.typed(CKind::Local(slot as u16), ty, first.span)
        } else if first.node == AS_OF {
            self.typed(CKind::AsOf, Type::Date, first.span)
        } else if let Some((global, _)) = self.globals.get(&first.node).copied() {
            match global {
                Global::Def(id) if !self.def_decls[id.0 as usize].0.params.is_empty() => {
                    self.error(
                        Diagnostic::error(Code::InvalidConstruct, CheckMsg::IsAFunction.with([&first.node]))
                            .at(first.span, CheckMsg::NeedsArguments)
                            .with_help(CheckMsg::CallIt.with([&first.node])),
                    );
                    return self.poisoned(span);
                }
                Global::Def(id) => {
                    let ty = self.check_def(id, first.span);
                    let label = self.def_decls[id.0 as usize].0.label.clone();
                    CExpr {
                        kind: CKind::Def(id),
                        ty,
                        span: first.span,
                        label: Some(label),
                    }
                }
                Global::Table(id) => self.typed(CKind::Const(Value::Absent), Type::Table(id), first.span),
                Global::Enum(_) => {
                    self.error(
                        Diagnostic::error(Code::InvalidConstruct, CheckMsg::EnumNotValue.with([&first.node]))
                            .at(first.span, CheckMsg::AnEnumType)
                            .with_help(CheckMsg::WriteEnumValue.with([&first.node])),
                    );
                    return self.poisoned(span);
                }
            }
        } else if let Some(i) = self.records[Program::ROOT.0 as usize].field(&first.node) {
            if self.removed_read(Program::ROOT, i, first, &first.node) {
                return self.poisoned(span);
            }
            return self.case_path(i, first, rest, span);
        } else {
            self.unknown_name(first, CheckMsg::NotDefined);
            return self.poisoned(span);
        };
        for part in rest {
            base = self.field_of(base, part, part.span);
        }
        base
    }

    /// A path into the case: resolved to field indices once, here.
    fn case_path(&mut self, first_index: usize, first: &Ident, rest: &[Ident], span: crate::source::Span) -> CExpr {
        let root = &self.records[Program::ROOT.0 as usize];
        let mut indices = vec![first_index as u16];
        let mut field = root.fields()[first_index].clone();
        let mut walked = first.node.clone();
        for part in rest {
            let Type::Record(r) = field.ty else {
                let found = super::type_name(&field.ty, &self.enums);
                self.error(
                    Diagnostic::error(
                        Code::UnknownField,
                        CheckMsg::HasNoFields.with([Text::from(&walked), found, Text::from(&part.node)]),
                    )
                    .at(part.span, CheckMsg::NoSuchField),
                );
                return self.poisoned(span);
            };
            let record = &self.records[r.0 as usize];
            let Some(i) = record.field(&part.node) else {
                if self.unparsed.may_have_field(&part.node) {
                    return self.poisoned(span);
                }
                let fields = || record.fields().iter().map(|f| f.name.as_str());
                let mut d = Diagnostic::error(Code::UnknownField, CheckMsg::CaseHasNoField.with([&walked, &part.node]))
                    .at(part.span, CheckMsg::UnknownField);
                d = d.with_help(match nearest(&part.node, fields()) {
                    Some(field) => CheckMsg::DidYouMeanIn.with([field, walked.as_str()]),
                    None => CheckMsg::PathHas.with([Text::from(&walked), names(fields())]),
                });
                self.error(d);
                return self.poisoned(span);
            };
            field = record.fields()[i].clone();
            indices.push(i as u16);
            walked = format!("{walked}.{}", part.node);
            if self.removed_read(r, i, part, &walked) {
                return self.poisoned(span);
            }
        }
        CExpr {
            kind: CKind::CaseField(indices.into()),
            ty: field.ty,
            span,
            label: Some(field.label),
        }
    }

    fn field_of(&mut self, base: CExpr, name: &Ident, span: crate::source::Span) -> CExpr {
        match base.ty.clone() {
            Type::Record(r) => {
                let record = &self.records[r.0 as usize];
                match record.field(&name.node) {
                    Some(i) if self.removed_fields.contains_key(&(r.0, i as u16)) => {
                        self.removed_read(r, i, name, &name.node);
                        self.poisoned(span)
                    }
                    Some(i) => {
                        let f = record.fields()[i].clone();
                        let span = base.span.to(span);
                        CExpr {
                            kind: CKind::GetField(Box::new(base), i as u16),
                            ty: f.ty,
                            span,
                            label: Some(f.label),
                        }
                    }
                    None => {
                        let fields = || record.fields().iter().map(|f| f.name.as_str());
                        let mut d =
                            Diagnostic::error(Code::UnknownField, CheckMsg::RecordHasNoField.with([&name.node]))
                                .at(name.span, CheckMsg::UnknownField);
                        d = d.with_help(
                            did_you_mean(&name.node, fields())
                                .unwrap_or_else(|| CheckMsg::ItsFields.with([names(fields())])),
                        );
                        self.error(d);
                        self.poisoned(span)
                    }
                }
            }
            Type::Unknown => self.poisoned(span),
            other => {
                let found = super::type_name(&other, &self.enums);
                self.error(
                    Diagnostic::error(
                        Code::UnknownField,
                        CheckMsg::TypeHasNoField.with([found, Text::from(&name.node)]),
                    )
                    .at(name.span, CheckMsg::NoSuchField),
                );
                self.poisoned(span)
            }
        }
    }

    fn index(&mut self, table: &Expr, key: &Expr, span: crate::source::Span) -> CExpr {
        let t = self.expr(table);
        let k = self.expr(key);
        let Type::Table(id) = t.ty else {
            if t.ty != Type::Unknown {
                let found = super::type_name(&t.ty, &self.enums);
                self.mismatch(
                    t.span,
                    CheckMsg::OnlyTableIndexed.with([found.clone()]),
                    CheckMsg::ThisIs.with([found]),
                    None,
                );
            }
            return self.poisoned(span);
        };
        let decl = self.table_decls[id.0 as usize];
        if let Some(key_type) = self.table_key_type(decl) {
            self.expect_type(&k, &key_type, CheckMsg::TableKey);
        }
        match self.check_table(id, t.span) {
            Some(row) => self.typed(CKind::TableRow(id, Box::new(k)), Type::Record(row), span),
            None => self.poisoned(span),
        }
    }
}

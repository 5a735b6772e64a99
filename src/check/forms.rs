//! Checking the compound forms of expressions: `match`, aggregations over lists and
//! builtin calls.

use super::Checker;
use super::messages::{CheckMsg, names};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::program::*;

impl<'a> Checker<'a> {
    pub(super) fn match_expr(&mut self, scrutinee: &Expr, arms: &[MatchArm], span: crate::source::Span) -> CExpr {
        let s = self.expr(scrutinee);
        let Type::Enum(id) = s.ty else {
            if s.ty != Type::Unknown {
                let found = super::type_name(&s.ty, &self.enums);
                self.mismatch(
                    s.span,
                    CheckMsg::MatchNeedsEnum.with([found.clone()]),
                    CheckMsg::ThisIs.with([found]),
                    None,
                );
            }
            return self.poisoned(span);
        };
        let enum_type = self.enums[id.0 as usize].clone();
        let mut table: Vec<Option<u16>> = vec![None; enum_type.variants().len()];
        let mut bodies: Vec<CExpr> = Vec::new();
        for arm in arms {
            let body = self.expr(&arm.body);
            let index = bodies.len() as u16;
            if arm.patterns.is_empty() {
                for slot in table.iter_mut().filter(|s| s.is_none()) {
                    *slot = Some(index);
                }
            }
            for p in &arm.patterns {
                match enum_type.variant(&p.node) {
                    Some(v) if table[v as usize].is_none() => table[v as usize] = Some(index),
                    Some(_) => self.error(
                        Diagnostic::warning(Code::InvalidConstruct, CheckMsg::MatchedTwice.with([&p.node]))
                            .at(p.span, CheckMsg::NeverReached),
                    ),
                    None => self.unknown_variant(p, &enum_type),
                }
            }
            if let Some(first) = bodies.first() {
                let first = first.clone();
                self.join(&first, &body, CheckMsg::MatchArms);
            }
            bodies.push(body);
        }
        let missing = super::uncovered(&enum_type, &table);
        if !missing.is_empty() {
            self.error(
                Diagnostic::error(Code::InvalidConstruct, CheckMsg::MatchNotCover.with([names(missing)]))
                    .at(span, CheckMsg::NotEveryValue)
                    .with_help(CheckMsg::AddArms),
            );
            return self.poisoned(span);
        }
        let ty = bodies
            .iter()
            .map(|b| b.ty.clone())
            .find(|t| *t != Type::Unknown)
            .unwrap_or(Type::Unknown);
        let table = table.into_iter().map(|t| t.unwrap_or(0)).collect();
        self.typed(CKind::Match(Box::new(s), table, bodies), ty, span)
    }

    // One parameter per part of the aggregation's syntax; a struct would only rename them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn aggregate(
        &mut self,
        op: AggOp,
        binder: &Ident,
        list: &Expr,
        filter: Option<&Expr>,
        body: Option<&Expr>,
        until: Option<&Expr>,
        span: crate::source::Span,
    ) -> CExpr {
        let list = self.expr(list);
        let item = match &list.ty {
            Type::List(t) => (**t).clone(),
            Type::Unknown => Type::Unknown,
            other => {
                let found = super::type_name(other, &self.enums);
                self.mismatch(
                    list.span,
                    CheckMsg::NeedsList.with([found.clone()]),
                    CheckMsg::ThisIs.with([found]),
                    None,
                );
                Type::Unknown
            }
        };
        let slot = self.locals.len() as u16;
        self.locals.push((binder.node.clone(), item.clone()));
        let filter = filter.map(|f| {
            let c = self.expr(f);
            self.expect_type(&c, &Type::Bool, CheckMsg::WhereCondition);
            c
        });
        let body = body.map(|b| self.expr(b));
        let until = until.map(|u| self.expr(u));
        self.locals.pop();
        let item_ty = item.clone();
        let body_ty = body.as_ref().map_or(item, |b| b.ty.clone());
        let ty = match op {
            AggOp::Count => Type::Int,
            AggOp::Any | AggOp::All => {
                if let Some(b) = &body {
                    self.expect_type(b, &Type::Bool, CheckMsg::AnyAllBody);
                } else if op == AggOp::All {
                    self.error(
                        Diagnostic::error(Code::InvalidConstruct, CheckMsg::AllNeedsCondition)
                            .at(span, CheckMsg::AllExample),
                    );
                }
                Type::Bool
            }
            AggOp::Sum => {
                if !matches!(body_ty, Type::Int | Type::Quantity(_) | Type::Unknown) {
                    let found = super::type_name(&body_ty, &self.enums);
                    self.mismatch(span, CheckMsg::SumAdds.with([found]), CheckMsg::CannotAdd.into(), None);
                }
                body_ty
            }
            AggOp::Min | AggOp::Max | AggOp::Latest | AggOp::Earliest => body_ty,
            AggOp::LongestRun => Type::Int,
            AggOp::Filter => Type::List(Box::new(body_ty)),
            AggOp::Sorted => Type::List(Box::new(item_ty)),
            AggOp::MonthsCovered => {
                let ends = [body.as_ref(), until.as_ref()];
                if ends
                    .iter()
                    .any(|e| e.is_none_or(|e| !matches!(e.ty, Type::Month | Type::Date | Type::Unknown)))
                {
                    self.error(
                        Diagnostic::error(Code::InvalidConstruct, CheckMsg::MonthsCoveredRange)
                            .at(span, CheckMsg::MonthsCoveredExample),
                    );
                }
                Type::List(Box::new(Type::Month))
            }
        };
        if until.is_some() && op != AggOp::MonthsCovered {
            self.error(
                Diagnostic::error(Code::InvalidConstruct, CheckMsg::OnlyMonthsCovered).at(span, CheckMsg::NoRangeHere),
            );
        }
        let kind = CKind::Aggregate {
            op,
            slot,
            list: Box::new(list),
            filter: filter.map(Box::new),
            body: body.map(Box::new),
            until: until.map(Box::new),
            // Set once the whole program is checked (`program::membership`).
            membership: None,
        };
        self.typed(kind, ty, span)
    }

    pub(super) fn call(&mut self, name: &Ident, args: &[Expr], span: crate::source::Span) -> CExpr {
        if let Some((super::Global::Def(id), _)) = self.globals.get(&name.node).copied() {
            return self.call_definition(id, name, args, span);
        }
        let Some((_, builtin)) = Builtin::ALL.iter().find(|(n, _)| *n == name.node) else {
            if self.unparsed.has_name(&name.node) || self.repealed_use(name) {
                return self.poisoned(span);
            }
            let mut d = Diagnostic::error(Code::UnknownName, CheckMsg::NoFunction.with([&name.node]))
                .at(name.span, CheckMsg::UnknownFunction);
            let functions = || Builtin::ALL.iter().map(|(n, _)| *n);
            d = d.with_help(
                did_you_mean(&name.node, functions())
                    .unwrap_or_else(|| CheckMsg::TheFunctions.with([names(functions())])),
            );
            self.error(d);
            return self.poisoned(span);
        };
        let args: Vec<CExpr> = args.iter().map(|a| self.expr(a)).collect();
        let (params, result): (Vec<Type>, Type) = match builtin {
            Builtin::FullYears => (vec![Type::Date, Type::Date], Type::Quantity(Unit::Years)),
            Builtin::FullMonths => (vec![Type::Date, Type::Date], Type::Quantity(Unit::Months)),
            Builtin::MonthOf => (vec![Type::Date], Type::Month),
            Builtin::FirstDay | Builtin::LastDay => (vec![Type::Month], Type::Date),
            Builtin::Trim => (vec![Type::Text], Type::Text),
            Builtin::WorkingDays => (vec![Type::Date, Type::Date], Type::Quantity(Unit::WorkingDays)),
            Builtin::IsWorkingDay => (vec![Type::Date], Type::Bool),
            Builtin::MonthsFromTo => (vec![Type::Month, Type::Month], Type::List(Box::new(Type::Month))),
            Builtin::Min | Builtin::Max => {
                let t = args.first().map_or(Type::Unknown, |a| a.ty.clone());
                (vec![t.clone(), t.clone()], t)
            }
            Builtin::Length => {
                let t = args.first().map_or(Type::Unknown, |a| a.ty.clone());
                if !matches!(t, Type::List(_) | Type::Text | Type::Unknown) {
                    self.mismatch(span, CheckMsg::LengthNeeds.into(), CheckMsg::NotAList.into(), None);
                }
                (vec![t], Type::Int)
            }
        };
        if !self.check_arguments(name, &args, &params, span) {
            return self.poisoned(span);
        }
        self.typed(CKind::Call(*builtin, args), result, span)
    }

    /// A call of a function the policy defines.
    fn call_definition(&mut self, id: DefId, name: &Ident, args: &[Expr], span: crate::source::Span) -> CExpr {
        let ty = self.check_def(id, name.span);
        let params = self.def_params[id.0 as usize].clone();
        let mut args: Vec<CExpr> = args.iter().map(|a| self.expr(a)).collect();
        if !params.is_empty() && args.len() == params.len() {
            // A record given for a record shape: its fields picked, found by name here.
            args = args
                .into_iter()
                .zip(&params)
                .map(|(a, p)| match self.is_shape(p) {
                    Some(shape) => self.fit_shape(a, shape, &name.node),
                    None => a,
                })
                .collect();
        }
        if params.is_empty() || !self.check_arguments(name, &args, &params, span) {
            return self.poisoned(span);
        }
        let label = self.def_decls[id.0 as usize].0.label.clone();
        CExpr {
            kind: CKind::CallDefinition(id, args),
            ty,
            span,
            label: Some(label),
        }
    }

    /// The arguments of a call against its parameters: their number, then their types.
    fn check_arguments(&mut self, name: &Ident, args: &[CExpr], params: &[Type], span: crate::source::Span) -> bool {
        if args.len() != params.len() {
            let counts = [params.len(), args.len()].map(|n| n.to_string());
            let message = CheckMsg::ArgumentCount.with([&name.node, &counts[0], &counts[1]]);
            self.error(Diagnostic::error(Code::TypeMismatch, message).at(span, CheckMsg::WrongArgumentCount));
            return false;
        }
        for (a, p) in args.iter().zip(params) {
            self.expect_type(a, p, CheckMsg::ArgumentOf.with([&name.node]));
        }
        true
    }
}

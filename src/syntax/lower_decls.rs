//! Lowering of the declarations of tables, record shapes and repeals (see `lower.rs`
//! for the rest): one function per grammar rule.

use super::Rule;
use super::keywords::in_english;
use super::literal::{parse_date, rule_id};
use super::lower::{Lowered, Lowering};
use super::messages::SyntaxMsg;
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use pest::iterators::Pair;

impl Lowering {
    pub(super) fn table(&self, pair: Pair<Rule>) -> Lowered<TableDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        inner.next(); // kw_table
        let name = self.next_ident(&mut inner)?;
        let label = inner.next().map(|p| self.label(p)).unwrap_or_default();
        let mut cite = None;
        if inner.peek().is_some_and(|p| p.as_rule() == Rule::citation) {
            cite = inner.next().map(|p| self.citation(p));
        }
        inner.next(); // kw_by
        let key = self.next_ident(&mut inner)?;
        let rows = inner
            .map(|row| {
                let span = self.span(&row);
                let mut parts = row.into_inner();
                let key = match parts.peek() {
                    Some(p) if p.as_rule() == Rule::row_from => {
                        let from = parts.next().map(|p| self.row_from(p)).transpose()?;
                        RowKey::From(from.ok_or_else(|| self.missing(span))?)
                    }
                    _ => RowKey::Variant(self.next_ident(&mut parts)?),
                };
                let columns = match parts.next() {
                    Some(record) => self.record_entries(record)?,
                    None => Vec::new(),
                };
                Ok(TableRow { key, columns, span })
            })
            .collect::<Lowered<_>>()?;
        Ok(TableDecl {
            name,
            label,
            cite,
            key,
            rows,
            span,
        })
    }

    /// `from 2028-01-01`: the first day of a row of a table by date.
    fn row_from(&self, pair: Pair<Rule>) -> Lowered<Spanned<chrono::NaiveDate>> {
        let span = self.span(&pair);
        let Some(date) = pair.into_inner().find(|p| p.as_rule() == Rule::date) else {
            return Err(self.missing(span));
        };
        let (text, span) = (date.as_str(), self.span(&date));
        match parse_date(text) {
            Some(node) => Ok(Spanned { node, span }),
            None => Err(Box::new(
                Diagnostic::error(Code::InvalidDate, SyntaxMsg::NotADate.with([text])).at(span, SyntaxMsg::NoSuchDate),
            )),
        }
    }

    /// `repeal category 7 cites …`, `repeal define x cites …`, `repeal field a.b cites …`.
    pub(super) fn repeal(&self, pair: Pair<Rule>) -> Lowered<RepealDecl> {
        let span = self.span(&pair);
        let Some(what) = pair.into_inner().nth(1) else {
            return Err(self.missing(span));
        };
        let form = what.as_rule();
        let mut inner = what.into_inner();
        let (Some(first), Some(second), Some(cite)) = (inner.next(), inner.next(), inner.next()) else {
            return Err(self.missing(span));
        };
        let what = match form {
            Rule::repeal_define => Repealed::Define(self.ident(second)),
            Rule::repeal_field => Repealed::Field(second.into_inner().map(|n| self.ident(n)).collect()),
            _ => Repealed::Rule(
                RuleKind::from_keyword(in_english(first.as_str())).unwrap_or(RuleKind::Category),
                Spanned {
                    span: self.span(&second),
                    node: rule_id(second.as_str()),
                },
            ),
        };
        Ok(RepealDecl {
            what,
            cite: self.citation(cite),
            span,
        })
    }

    /// `{ field: T "label", … }`: a record shape, for a function's parameter.
    pub(super) fn shape(&self, inner: Pair<Rule>, span: Span) -> Lowered<TypeExpr> {
        let mut fields = Vec::new();
        for field in inner.into_inner() {
            let field_span = self.span(&field);
            let mut parts = field.into_inner();
            let name = self.next_ident(&mut parts)?;
            let ty = match parts.next() {
                Some(ty) => self.type_expr(ty)?,
                None => return Err(self.missing(field_span)),
            };
            let label = parts.next().map(|l| self.label(l)).unwrap_or_default();
            fields.push(ShapeField {
                name,
                ty,
                label,
                span: field_span,
            });
        }
        Ok(TypeExpr::Shape(fields, span))
    }
}

//! Lowering of expressions: operator precedence with pest's Pratt parser.

use super::Rule;
use super::keywords::in_english;
use super::literal::{rule_id, string_value, unit};
use super::lower::{Lowered, Lowering};
use crate::ast::*;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::LazyLock;

/// Precedence, loosest first: or, and, not, comparisons, ??, + -, * div, unary minus,
/// then postfix (units, `.field`, `[key]`, `is`).
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left))
        .op(Op::infix(Rule::op_default, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
        .op(Op::postfix(Rule::unit_suffix)
            | Op::postfix(Rule::field_access)
            | Op::postfix(Rule::index_access)
            | Op::postfix(Rule::is_test))
});

impl Lowering {
    /// Lowers an `expr` pair. An operator puts its operands one level below it, and the
    /// Pratt parser recurses once per prefix operator: an expression's depth is the depth
    /// of the one it is in, plus one, plus its operators. Beyond [`MAX_DEPTH`] it is an
    /// error, before anything recurses.
    pub fn expr(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        let outer = self.depth.get();
        let operators = pair.clone().into_inner().filter(|p| is_operator(p.as_rule())).count();
        let depth = outer + 1 + operators;
        if depth > MAX_DEPTH {
            return Err(Box::new(super::too_deep(self.span(&pair))));
        }
        self.depth.set(depth);
        let lowered = self.operators(pair);
        self.depth.set(outer);
        lowered
    }

    fn operators(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        PRATT
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, operand| {
                let operand = operand?;
                let span = self.span(&op).to(operand.span);
                let op = if op.as_rule() == Rule::op_not {
                    UnOp::Not
                } else {
                    UnOp::Neg
                };
                Ok(Expr {
                    kind: ExprKind::Unary(op, Box::new(operand)),
                    span,
                })
            })
            .map_postfix(|operand, op| {
                let operand = operand?;
                let span = operand.span.to(self.span(&op));
                let kind = match op.as_rule() {
                    Rule::unit_suffix => ExprKind::WithUnit(Box::new(operand), unit(op.as_str().trim())),
                    Rule::field_access => {
                        let mut inner = op.into_inner();
                        ExprKind::Field(Box::new(operand), self.next_ident(&mut inner)?)
                    }
                    Rule::index_access => {
                        let mut inner = op.into_inner();
                        ExprKind::Index(Box::new(operand), Box::new(self.next_expr(&mut inner)?))
                    }
                    _ => self.is_test(operand, op)?,
                };
                Ok(Expr { kind, span })
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(rhs.span);
                let op = binop(op.as_rule());
                Ok(Expr {
                    kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                    span,
                })
            })
            .parse(pair.into_inner())
    }

    fn is_test(&self, operand: Expr, op: Pair<Rule>) -> Lowered<ExprKind> {
        let mut negated = false;
        let mut test = IsTest::Absent;
        for part in op.into_inner() {
            match part.as_rule() {
                Rule::negation => negated = true,
                Rule::kw_absent => test = IsTest::Absent,
                Rule::kw_present => test = IsTest::Present,
                Rule::variant_name => test = IsTest::Variant(self.ident(part)),
                _ => {}
            }
        }
        Ok(ExprKind::Is {
            expr: Box::new(operand),
            negated,
            test,
        })
    }

    fn primary(&self, pair: Pair<Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::literal => return self.literal(pair),
            Rule::expr => return self.expr(pair),
            Rule::path => ExprKind::Path(pair.into_inner().map(|p| self.ident(p)).collect()),
            Rule::variant_ref => {
                let mut inner = pair.into_inner();
                let ty = self.next_ident(&mut inner)?;
                let value = self.next_ident(&mut inner)?;
                ExprKind::Variant(ty, value)
            }
            Rule::if_expr => {
                let mut parts = pair.into_inner().filter(|p| p.as_rule() == Rule::expr);
                let c = self.next_expr_of(&mut parts, span)?;
                let a = self.next_expr_of(&mut parts, span)?;
                let b = self.next_expr_of(&mut parts, span)?;
                ExprKind::If(Box::new(c), Box::new(a), Box::new(b))
            }
            Rule::match_expr => {
                let mut inner = pair.into_inner();
                inner.next(); // kw_match
                let scrutinee = self.next_expr(&mut inner)?;
                let arms = inner
                    .map(|arm| {
                        let mut patterns = Vec::new();
                        let mut body = None;
                        for part in arm.into_inner() {
                            match part.as_rule() {
                                Rule::variant_name => patterns.push(self.ident(part)),
                                Rule::expr => body = Some(self.expr(part)?),
                                _ => {}
                            }
                        }
                        let body = body.ok_or_else(|| self.missing(span))?;
                        Ok(MatchArm { patterns, body })
                    })
                    .collect::<Lowered<_>>()?;
                ExprKind::Match(Box::new(scrutinee), arms)
            }
            Rule::aggregate => self.aggregate(pair)?,
            Rule::holds_expr => {
                let mut kind = RuleKind::Category;
                let mut id = None;
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::rule_kind => kind = RuleKind::from_keyword(in_english(part.as_str())).unwrap_or(kind),
                        Rule::rule_id => id = Some(rule_id(part.as_str())),
                        _ => {}
                    }
                }
                ExprKind::Holds(kind, id)
            }
            Rule::call => {
                let mut inner = pair.into_inner();
                let mut name = self.next_ident(&mut inner)?;
                // `最大(a, b)` calls `max`: an aggregation's word names the function.
                name.node = in_english(&name.node).to_string();
                let args = inner.map(|a| self.expr(a)).collect::<Lowered<_>>()?;
                ExprKind::Call(name, args)
            }
            Rule::list_literal => ExprKind::List(pair.into_inner().map(|a| self.expr(a)).collect::<Lowered<_>>()?),
            Rule::record_literal => ExprKind::Record(self.record_entries(pair)?),
            Rule::string => ExprKind::Lit(Literal::Text(string_value(pair))),
            _ => return Err(self.unexpected(&pair)),
        };
        Ok(Expr { kind, span })
    }

    fn aggregate(&self, pair: Pair<Rule>) -> Lowered<ExprKind> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let op_pair = inner.next().ok_or_else(|| self.missing(span))?;
        let op = AggOp::from_keyword(in_english(op_pair.as_str())).ok_or_else(|| self.unexpected(&op_pair))?;
        let binder = self.next_ident(&mut inner)?;
        inner.next(); // kw_in
        let list = self.next_expr(&mut inner)?;
        let (mut filter, mut body, mut until) = (None, None, None);
        while let Some(part) = inner.next() {
            match part.as_rule() {
                Rule::kw_where => filter = Some(Box::new(self.next_expr(&mut inner)?)),
                Rule::range_end => until = Some(Box::new(self.next_expr(&mut part.into_inner())?)),
                _ => body = Some(Box::new(self.expr(part)?)),
            }
        }
        Ok(ExprKind::Aggregate {
            op,
            binder,
            list: Box::new(list),
            filter,
            body,
            until,
        })
    }

    fn next_expr_of<'i>(
        &self,
        pairs: &mut impl Iterator<Item = Pair<'i, Rule>>,
        span: crate::source::Span,
    ) -> Lowered<Expr> {
        match pairs.next() {
            Some(p) => self.expr(p),
            None => Err(self.missing(span)),
        }
    }
}

/// Whether a child of an `expr` pair is a prefix, infix or postfix operator.
fn is_operator(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::op_or
            | Rule::op_and
            | Rule::op_eq
            | Rule::op_ne
            | Rule::op_le
            | Rule::op_ge
            | Rule::op_lt
            | Rule::op_gt
            | Rule::op_add
            | Rule::op_sub
            | Rule::op_mul
            | Rule::op_div
            | Rule::op_default
            | Rule::op_not
            | Rule::op_neg
            | Rule::unit_suffix
            | Rule::field_access
            | Rule::index_access
            | Rule::is_test
    )
}

fn binop(rule: Rule) -> BinOp {
    match rule {
        Rule::op_or => BinOp::Or,
        Rule::op_and => BinOp::And,
        Rule::op_eq => BinOp::Eq,
        Rule::op_ne => BinOp::Ne,
        Rule::op_lt => BinOp::Lt,
        Rule::op_le => BinOp::Le,
        Rule::op_gt => BinOp::Gt,
        Rule::op_ge => BinOp::Ge,
        Rule::op_add => BinOp::Add,
        Rule::op_sub => BinOp::Sub,
        Rule::op_mul => BinOp::Mul,
        Rule::op_div => BinOp::Div,
        _ => BinOp::Default,
    }
}

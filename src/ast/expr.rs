//! Expression nodes of the AST.

use super::{Ident, RuleId, RuleKind, Unit};
use crate::source::Span;
use chrono::NaiveDate;

/// An expression.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// Literal values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    /// `true` / `false`
    Bool(bool),
    /// `42`
    Int(i64),
    /// `"text"`
    Text(String),
    /// `2025-03-10`
    Date(NaiveDate),
    /// `2025-03` (year, month)
    Month(i32, u32),
    /// `absent`: no value.
    Absent,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `div` (whole-number division, rounding down)
    Div,
    /// `??` (the right side when the left is absent)
    Default,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "div",
            BinOp::Default => "??",
        }
    }
}

/// What an `is` test checks.
#[derive(Debug, Clone)]
pub enum IsTest {
    /// `is absent`
    Absent,
    /// `is present`
    Present,
    /// `is male`
    Variant(Ident),
}

/// List aggregations: `count(s in services where s.refused)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggOp {
    /// Number of items (that pass the filter).
    Count,
    /// Whether some item's body holds.
    Any,
    /// Whether every item's body holds (true for an empty list).
    All,
    /// Sum of the bodies.
    Sum,
    /// Smallest body (absent for an empty list).
    Min,
    /// Largest body (absent for an empty list).
    Max,
    /// The body of the item whose body is latest (a date or month); absent when none.
    Latest,
    /// The body of the item whose body is earliest; absent when none.
    Earliest,
    /// The longest run of consecutive items (in list order) that pass the filter.
    LongestRun,
    /// The distinct calendar months covered by each item's range `from .. to`
    /// (both included), ascending.
    MonthsCovered,
    /// The items that pass the filter, or their bodies, in list order.
    Filter,
    /// The items that pass the filter, ordered by their bodies (a stable sort: ties
    /// keep list order).
    Sorted,
}

impl AggOp {
    /// The operator for a keyword.
    pub fn from_keyword(word: &str) -> Option<AggOp> {
        Some(match word {
            "count" => AggOp::Count,
            "any" => AggOp::Any,
            "all" => AggOp::All,
            "sum" => AggOp::Sum,
            "min" => AggOp::Min,
            "max" => AggOp::Max,
            "latest" => AggOp::Latest,
            "earliest" => AggOp::Earliest,
            "longest_run" => AggOp::LongestRun,
            "months_covered" => AggOp::MonthsCovered,
            "filter" => AggOp::Filter,
            "sorted" => AggOp::Sorted,
            _ => return None,
        })
    }
}

/// A `match` arm: values (none for `_`) and a body.
#[derive(Debug, Clone)]
pub struct MatchArm {
    /// The enum values this arm is for; empty for `_`.
    pub patterns: Vec<Ident>,
    /// Its value.
    pub body: Expr,
}

/// The forms of expression.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A literal.
    Lit(Literal),
    /// A name or a dotted path (`age`, `person.birth_date`, `m.employed`).
    Path(Vec<Ident>),
    /// `Enum::value`
    Variant(Ident, Ident),
    /// `not x`, `-x`
    Unary(UnOp, Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `6 months`, `(n + 1) months`
    WithUnit(Box<Expr>, Unit),
    /// `expr.field`
    Field(Box<Expr>, Ident),
    /// `table[key]`
    Index(Box<Expr>, Box<Expr>),
    /// `x is absent`, `x is not male`
    Is {
        /// The value tested.
        expr: Box<Expr>,
        /// `is not`
        negated: bool,
        /// What is tested.
        test: IsTest,
    },
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `match e { a => x, _ => y }`
    Match(Box<Expr>, Vec<MatchArm>),
    /// `op(x in list where filter : body)`
    Aggregate {
        /// Which aggregation.
        op: AggOp,
        /// The item variable.
        binder: Ident,
        /// The list.
        list: Box<Expr>,
        /// `where`: items to keep.
        filter: Option<Box<Expr>>,
        /// `:`: the value taken from each item.
        body: Option<Box<Expr>>,
        /// `..`: the end of each item's range (months_covered).
        until: Option<Box<Expr>>,
    },
    /// `holds(category)` or `holds(category 1)`
    Holds(RuleKind, Option<RuleId>),
    /// `f(a, b)`
    Call(Ident, Vec<Expr>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{ a: x, b: y }`
    Record(Vec<(Ident, Expr)>),
}

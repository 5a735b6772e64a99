//! The lowered syntax tree of a policy file. Every node carries its span; nothing here
//! is resolved yet (names are text until the checker turns them into slots).

use crate::diagnostic::Severity;
use crate::source::{FileId, Span};
use chrono::NaiveDate;

/// A value with the span it was written at.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    /// The value.
    pub node: T,
    /// Where it was written.
    pub span: Span,
}

/// A name as written.
pub type Ident = Spanned<String>;

/// A label in Chinese with an optional English form (`"年龄" en "age"`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    /// The Chinese label, used by default.
    pub zh: String,
    /// The English label, for `--lang en`.
    pub en: Option<String>,
}

/// One policy file.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    /// The file it was read from.
    pub file: FileId,
    /// The `policy "..." { ... }` header.
    pub header: Header,
    /// Everything after the header, in order.
    pub items: Vec<Item>,
}

/// When a policy starts to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effective {
    /// A known date.
    On(NaiveDate),
    /// The source leaves the date blank ("自2025年 月 日起施行").
    Unspecified,
}

/// Units of quantities: periods and ages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Calendar years (twelve months).
    Years,
    /// Calendar months.
    Months,
    /// Calendar days.
    Days,
}

/// The policy header: what the document is and what it builds on.
#[derive(Debug, Clone)]
pub struct Header {
    /// The policy id, e.g. `hunan-2025-employment-assistance`.
    pub id: Spanned<String>,
    /// The document's title.
    pub title: Option<String>,
    /// Who issued it.
    pub issuer: Option<String>,
    /// Its document number (文号).
    pub document: Option<String>,
    /// The date it was issued.
    pub issued: Option<NaiveDate>,
    /// The date it takes effect.
    pub effective: Option<Effective>,
    /// How long it stays in force.
    pub valid_for: Option<(i64, Unit)>,
    /// Other policy files it builds on, as written (relative paths).
    pub uses: Vec<Spanned<String>>,
    /// Free notes about the document.
    pub notes: Vec<String>,
    /// The whole header.
    pub span: Span,
}

/// A top-level item.
#[derive(Debug, Clone)]
pub enum Item {
    /// `enum Name "label" { a "标签", b }`
    Enum(EnumDecl),
    /// `case { ... }`: fields of the case schema.
    Case(Vec<FieldDecl>),
    /// `param name "label" = expr`
    Param(DefineDecl),
    /// `define name "label" cites "..." = expr`
    Define(DefineDecl),
    /// `table name "label" by Enum { variant => { ... } }`
    Table(TableDecl),
    /// `category 1 cites "一（一）" "..." { when ... }`
    Rule(RuleDecl),
    /// `decision { field = expr }`: values written into the decision record.
    Decision(Vec<DecisionField>),
}

/// An enum type.
#[derive(Debug, Clone)]
pub struct EnumDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Label,
    /// Its values with their labels.
    pub variants: Vec<(Ident, Option<Label>)>,
}

/// A field of the case schema.
#[derive(Debug, Clone)]
pub struct FieldDecl {
    /// The YAML key.
    pub name: Ident,
    /// A nested record or a value.
    pub shape: FieldShape,
    /// The whole declaration.
    pub span: Span,
}

/// What a schema field holds.
#[derive(Debug, Clone)]
pub enum FieldShape {
    /// A nested mapping.
    Record {
        /// Its label.
        label: Label,
        /// Its fields.
        fields: Vec<FieldDecl>,
    },
    /// A value.
    Value {
        /// Its type.
        ty: TypeExpr,
        /// `?`: may be absent or null.
        optional: bool,
        /// `= literal`: the value when absent.
        default: Option<Box<Expr>>,
        /// Its label.
        label: Label,
        /// `from path`: where it may be derived from.
        derive: Option<Derive>,
    },
}

/// A type as written in the schema.
#[derive(Debug, Clone)]
pub enum TypeExpr {
    /// `date`, `bool`, `Gender`, ...
    Named(Ident),
    /// `list of T`
    List(Box<TypeExpr>, Span),
    /// `list of { field: T ... }`
    ListOfRecords(Vec<FieldDecl>, Span),
}

/// `from person.id_number.birth_date` or `from person.id_number.sex(male, female)`.
#[derive(Debug, Clone)]
pub struct Derive {
    /// The path of the derived-from value, including the accessor.
    pub path: Vec<Ident>,
    /// For a two-valued accessor: the enum values for the first and second case.
    pub variants: Option<(Ident, Ident)>,
    /// The whole clause.
    pub span: Span,
}

/// A clause citation: its number and, ideally, its verbatim text.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The clause number, e.g. `一（一）`.
    pub clause: Spanned<String>,
    /// The clause text, verbatim.
    pub text: Option<String>,
}

/// A `define` or `param`.
#[derive(Debug, Clone)]
pub struct DefineDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Label,
    /// The clause it encodes.
    pub cite: Option<Citation>,
    /// Its value.
    pub expr: Expr,
    /// A note (such as the contract's reading of an ambiguous clause).
    pub note: Option<String>,
}

/// A table keyed by an enum.
#[derive(Debug, Clone)]
pub struct TableDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Label,
    /// The enum that keys it.
    pub key: Ident,
    /// One row per enum value.
    pub rows: Vec<TableRow>,
    /// The whole table.
    pub span: Span,
}

/// One row of a table.
#[derive(Debug, Clone)]
pub struct TableRow {
    /// The enum value this row is for.
    pub key: Ident,
    /// The row's columns.
    pub columns: Vec<(Ident, Expr)>,
    /// The whole row.
    pub span: Span,
}

/// The kinds of rule; each kind is one list of the decision record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    /// Eligibility categories (一（一）–（七）).
    Category,
    /// Exit clauses.
    Exit,
    /// Aid tiers.
    Tier,
    /// Workflow deadlines.
    Deadline,
    /// Service obligations.
    Obligation,
    /// Subsidy entitlements.
    Entitlement,
    /// Referrals to other departments.
    Referral,
    /// Limits such as the number of placements.
    Limit,
    /// Checks that raise a diagnostic when they hold.
    Check,
}

impl RuleKind {
    /// All kinds, in the order they appear in the decision record.
    pub const ALL: [RuleKind; 9] = [
        RuleKind::Category,
        RuleKind::Tier,
        RuleKind::Exit,
        RuleKind::Deadline,
        RuleKind::Obligation,
        RuleKind::Entitlement,
        RuleKind::Referral,
        RuleKind::Limit,
        RuleKind::Check,
    ];

    /// The keyword, as written in policy files.
    pub fn keyword(self) -> &'static str {
        match self {
            RuleKind::Category => "category",
            RuleKind::Exit => "exit",
            RuleKind::Tier => "tier",
            RuleKind::Deadline => "deadline",
            RuleKind::Obligation => "obligation",
            RuleKind::Entitlement => "entitlement",
            RuleKind::Referral => "referral",
            RuleKind::Limit => "limit",
            RuleKind::Check => "check",
        }
    }

    /// The key of the decision record that lists the rules of this kind that hold.
    pub fn record_key(self) -> &'static str {
        match self {
            RuleKind::Category => "categories",
            RuleKind::Exit => "exits",
            RuleKind::Tier => "tier",
            RuleKind::Deadline => "deadlines",
            RuleKind::Obligation => "obligations",
            RuleKind::Entitlement => "entitlements",
            RuleKind::Referral => "referrals",
            RuleKind::Limit => "limits",
            RuleKind::Check => "checks",
        }
    }

    /// The kind for a keyword.
    pub fn from_keyword(word: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.keyword() == word)
    }
}

/// A rule id: a number (`category 1`) or a name (`referral civil_affairs`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    /// A number.
    Number(u32),
    /// A name.
    Name(String),
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleId::Number(n) => write!(f, "{n}"),
            RuleId::Name(s) => f.write_str(s),
        }
    }
}

/// A rule.
#[derive(Debug, Clone)]
pub struct RuleDecl {
    /// Its kind.
    pub kind: RuleKind,
    /// Its id within the kind.
    pub id: Spanned<RuleId>,
    /// The clause it encodes.
    pub cite: Option<Citation>,
    /// The condition under which it holds.
    pub when: Option<Expr>,
    /// For soft clauses (原则上) and checks: how serious a hold is.
    pub severity: Option<Severity>,
    /// For checks: the message shown when it holds.
    pub message: Option<Label>,
    /// Notes, such as the contract's reading of the clause.
    pub notes: Vec<String>,
    /// The whole rule.
    pub span: Span,
}

/// A field of the decision record.
#[derive(Debug, Clone)]
pub struct DecisionField {
    /// The record key.
    pub name: Ident,
    /// Its value.
    pub expr: Expr,
}

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

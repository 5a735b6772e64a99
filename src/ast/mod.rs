//! The lowered syntax tree of a policy file. Every node carries its span; nothing here
//! is resolved yet (names are text until the checker turns them into slots).

use crate::diagnostic::Severity;
use crate::source::{FileId, Span};
use chrono::NaiveDate;

mod expr;
mod rule_kind;
mod unparsed;

pub use expr::*;
pub use rule_kind::{RuleId, RuleKind};
pub use unparsed::Unparsed;

/// How deep a policy may nest: brackets, operators on operators, and (counted by the
/// checker) the definitions, rules and tables an expression uses, each on top of the
/// expression that uses it. Deeper input is an error (`Code::TooDeep`), so that no
/// input can overflow the stack of the parser, the checker or the evaluator.
pub const MAX_DEPTH: usize = 100;

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

impl From<&Label> for crate::lang::Text {
    /// A label in both languages; English falls back to the Chinese when the policy
    /// gives none.
    fn from(l: &Label) -> crate::lang::Text {
        crate::lang::Text::both(l.zh.as_str(), l.en.as_deref().unwrap_or(&l.zh))
    }
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
    /// What the items that failed to parse would have declared.
    pub unparsed: Unparsed,
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
    /// Working days (工作日), counted with the policy's calendars.
    WorkingDays,
}

impl Unit {
    /// The unit's plural name, as written in policies.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Years => "years",
            Unit::Months => "months",
            Unit::Days => "days",
            Unit::WorkingDays => "working_days",
        }
    }

    /// Whether two units measure the same thing: years and months are one dimension,
    /// days another, working days a third.
    pub fn same_dimension(self, other: Unit) -> bool {
        let dimension = |u: Unit| match u {
            Unit::Years | Unit::Months => 0,
            Unit::Days => 1,
            Unit::WorkingDays => 2,
        };
        dimension(self) == dimension(other)
    }
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
    /// Working-day calendar files it uses, as written (relative paths).
    pub calendars: Vec<Spanned<String>>,
    /// The text of the notice it encodes, as written (a path relative to the policy
    /// file): read only by `zhengce doc`.
    pub source_text: Option<Spanned<String>>,
    /// For an amending document: the policy it amends.
    pub amends: Option<Spanned<String>>,
    /// The first day its changes no longer apply.
    pub until: Option<NaiveDate>,
    /// Free notes about the document.
    pub notes: Vec<String>,
    /// The whole header.
    pub span: Span,
}

impl Header {
    /// A header with an id and nothing else yet.
    pub fn new(id: Spanned<String>, span: Span) -> Header {
        Header {
            id,
            title: None,
            issuer: None,
            document: None,
            issued: None,
            effective: None,
            valid_for: None,
            uses: Vec::new(),
            calendars: Vec::new(),
            source_text: None,
            amends: None,
            until: None,
            notes: Vec::new(),
            span,
        }
    }
}

/// A top-level item.
#[derive(Debug, Clone)]
pub enum Item {
    /// `enum Name "label" { a "标签", b }`
    Enum(EnumDecl),
    /// `case { ... }`: fields of the case schema.
    Case(RecordDecl),
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
    /// `replace …`: a new version of an item of the amended policy.
    Replace(Box<Item>, Span),
    /// `repeal category 7 cites "…"`: a rule the amendment removes.
    Repeal(RepealDecl),
}

/// `repeal kind id cites "…"`, `repeal define name cites "…"`, `repeal field a.b cites "…"`.
#[derive(Debug, Clone)]
pub struct RepealDecl {
    /// What is repealed.
    pub what: Repealed,
    /// The clause of the amending document that repeals it.
    pub cite: Citation,
    /// The whole declaration.
    pub span: Span,
}

/// What an amendment repeals.
#[derive(Debug, Clone)]
pub enum Repealed {
    /// A rule, by kind and id.
    Rule(RuleKind, Spanned<RuleId>),
    /// A definition or parameter, by name.
    Define(Ident),
    /// A case field, by its path from the case root.
    Field(Vec<Ident>),
}

/// An enum type.
#[derive(Debug, Clone)]
pub struct EnumDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Label,
    /// The clause it encodes (an amendment's `replace enum` must cite one).
    pub cite: Option<Citation>,
    /// Its values with their labels.
    pub variants: Vec<(Ident, Option<Label>)>,
    /// The whole declaration.
    pub span: Span,
}

/// The fields of a record of the case schema, and the order its dates keep.
#[derive(Debug, Clone, Default)]
pub struct RecordDecl {
    /// Its fields.
    pub fields: Vec<FieldDecl>,
    /// `order a <= b <= c` declarations.
    pub orders: Vec<OrderDecl>,
}

/// `order a <= b <= c`: dates (or months) of one record that must not decrease, for
/// every pair of them that the case gives.
#[derive(Debug, Clone)]
pub struct OrderDecl {
    /// Field paths relative to the record, in order.
    pub paths: Vec<Vec<Ident>>,
    /// The whole declaration.
    pub span: Span,
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
        /// Its fields and order declarations.
        body: RecordDecl,
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
        /// Why the field is there (a field no rule reads must say why it is kept).
        note: Option<String>,
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
    ListOfRecords(RecordDecl, Span),
    /// `{ field: T "label", ... }`, for a function's parameter: any record with these
    /// fields, of these types (a record shape).
    Shape(Vec<ShapeField>, Span),
}

/// A field of a record shape (`birth_date: date "出生日期"`).
#[derive(Debug, Clone)]
pub struct ShapeField {
    /// Its name.
    pub name: Ident,
    /// Its type.
    pub ty: TypeExpr,
    /// Its label, for explanations (empty when none is given).
    pub label: Label,
    /// The whole field.
    pub span: Span,
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
    /// Parameters, for a function: `define f(x: date) ...`.
    pub params: Vec<(Ident, TypeExpr)>,
    /// The whole declaration.
    pub span: Span,
}

/// A table keyed by an enum (`by Track`, a row per value) or by date (`by date`, rows
/// `from DATE`, each in force until the next one's date).
#[derive(Debug, Clone)]
pub struct TableDecl {
    /// Its name.
    pub name: Ident,
    /// Its label.
    pub label: Label,
    /// The clause it encodes (an amendment's `replace table` must cite one).
    pub cite: Option<Citation>,
    /// The enum that keys it, or `date`.
    pub key: Ident,
    /// One row per enum value, or rows by date.
    pub rows: Vec<TableRow>,
    /// The whole table.
    pub span: Span,
}

/// One row of a table.
#[derive(Debug, Clone)]
pub struct TableRow {
    /// The enum value or the first day this row is for.
    pub key: RowKey,
    /// The row's columns.
    pub columns: Vec<(Ident, Expr)>,
    /// The whole row.
    pub span: Span,
}

/// What a table row is for.
#[derive(Debug, Clone)]
pub enum RowKey {
    /// `male => { … }`: the row of an enum value.
    Variant(Ident),
    /// `from 2028-01-01 => { … }`: the row in force from that day.
    From(Spanned<NaiveDate>),
}

impl RowKey {
    /// Where the key is written.
    pub fn span(&self) -> Span {
        match self {
            RowKey::Variant(i) => i.span,
            RowKey::From(d) => d.span,
        }
    }
}

/// The name of the key of a table by date (`table … by date { from … }`).
pub const DATE_KEY: &str = "date";

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
    /// `yields { ... }`: the values a rule that holds gives the decision record.
    pub yields: Option<Vec<YieldField>>,
    /// The whole rule.
    pub span: Span,
}

/// `name "标签": expr` in a rule's `yields`.
#[derive(Debug, Clone)]
pub struct YieldField {
    /// The key in the decision record.
    pub name: Ident,
    /// How it is shown to people.
    pub label: Option<Label>,
    /// Its value.
    pub expr: Expr,
}

/// A field of the decision record.
#[derive(Debug, Clone)]
pub struct DecisionField {
    /// The record key.
    pub name: Ident,
    /// Its value.
    pub expr: Expr,
}

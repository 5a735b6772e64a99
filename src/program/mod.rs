//! The compiled policy: what the checker produces and the case loader and evaluator
//! consume. Names are resolved to slots; the evaluator never looks up a string.

mod children;
mod derive_plan;
mod literals;
mod lookup;
pub mod membership;
mod record_bytes;
mod records;
mod shape;
mod type_words;

pub use derive_plan::DerivePlan;
pub use literals::{literal, literal_row};
pub use lookup::RuleLookup;
pub use record_bytes::{KindBytes, RecordBytes};
pub use records::{EnumType, FieldInfo, RecordType};
pub use shape::shape_of;
pub use type_words::{TypeWord, type_text};

use crate::ast::{AggOp, BinOp, Citation, Effective, Label, RuleId, RuleKind, UnOp, Unit};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;
use crate::value::{EnumId, Value};
use chrono::NaiveDate;
use std::sync::Arc;

/// Index of a definition or parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DefId(pub u32);

/// Index of a record type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordId(pub u16);

/// Index of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableId(pub u16);

/// Index of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleIdx(pub u32);

/// Types of the policy language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// true / false
    Bool,
    /// Whole numbers.
    Int,
    /// Text.
    Text,
    /// Calendar dates.
    Date,
    /// Calendar months.
    Month,
    /// Periods and ages in a unit.
    Quantity(Unit),
    /// A resident ID number (GB 11643).
    ResidentId,
    /// An enum.
    Enum(EnumId),
    /// A list.
    List(Box<Type>),
    /// A record.
    Record(RecordId),
    /// A table (only to be indexed).
    Table(TableId),
    /// The type of `[]` and of absent values before context is known.
    Unknown,
}

/// How a case field is read from YAML.
#[derive(Debug, Clone)]
pub struct SchemaField {
    /// The key.
    pub name: String,
    /// Its label, used in messages.
    pub label: Label,
    /// What it holds.
    pub shape: SchemaShape,
    /// May be left out or null.
    pub optional: bool,
    /// The value when left out.
    pub default: Option<Value>,
    /// Where it may be derived from.
    pub derive: Option<DeriveFrom>,
    /// Why the field is kept (a field no rule reads must say why).
    pub note: Option<String>,
    /// The amendment that repeals the field (`repeal field …`), if one does: the field
    /// keeps its place (earlier versions read it), a case that gives it is warned, and
    /// the policy can no longer read it.
    pub removed: Option<Arc<str>>,
    /// Where the field is declared.
    pub span: Span,
}

/// The shape of a case field.
#[derive(Debug, Clone)]
pub enum SchemaShape {
    /// A scalar of this type.
    Scalar(Type),
    /// A nested mapping.
    Record(RecordId),
    /// A list of scalars.
    ListOf(Type),
    /// A list of mappings.
    ListOfRecords(RecordId),
}

/// `order a <= b <= c` of a case record: dates (or months) that must not decrease,
/// for every pair of them the case gives.
#[derive(Debug, Clone)]
pub struct DateOrder {
    /// Field paths relative to the record, in order.
    pub paths: Vec<Vec<u16>>,
    /// The same paths as written, for messages.
    pub names: Vec<String>,
}

/// A field that can be derived from a resident ID number.
#[derive(Debug, Clone)]
pub struct DeriveFrom {
    /// Path (field indices from the case root) of the ID field.
    pub source: Vec<u16>,
    /// The ID field's key path, for messages.
    pub source_name: String,
    /// What is derived.
    pub accessor: IdAccessor,
}

/// What a resident ID tells.
#[derive(Debug, Clone, PartialEq)]
pub enum IdAccessor {
    /// The birth date (digits 7–14).
    BirthDate,
    /// The sex (digit 17: odd, even), as two enum values.
    Sex(Value, Value),
}

/// Builtin functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `full_years(from, to)`: full years (周岁) between two dates.
    FullYears,
    /// `full_months(from, to)`: full months between two dates.
    FullMonths,
    /// `month_of(date)`.
    MonthOf,
    /// `first_day(month)`.
    FirstDay,
    /// `last_day(month)`.
    LastDay,
    /// `min(a, b)` of two values.
    Min,
    /// `max(a, b)` of two values.
    Max,
    /// `trim(text)`: text without surrounding white space.
    Trim,
    /// `length(list or text)`.
    Length,
    /// `count_working_days(from, to)`: working days from `from` to `to`, both included.
    WorkingDays,
    /// `is_working_day(date)`.
    IsWorkingDay,
    /// `months_from_to(a, b)`: the calendar months from `a` to `b`, both included.
    MonthsFromTo,
}

impl Builtin {
    /// Every builtin with its name.
    pub const ALL: [(&'static str, Builtin); 12] = [
        ("full_years", Builtin::FullYears),
        ("full_months", Builtin::FullMonths),
        ("month_of", Builtin::MonthOf),
        ("first_day", Builtin::FirstDay),
        ("last_day", Builtin::LastDay),
        ("min", Builtin::Min),
        ("max", Builtin::Max),
        ("trim", Builtin::Trim),
        ("length", Builtin::Length),
        ("count_working_days", Builtin::WorkingDays),
        ("is_working_day", Builtin::IsWorkingDay),
        ("months_from_to", Builtin::MonthsFromTo),
    ];
}

/// A compiled expression.
#[derive(Debug, Clone)]
pub struct CExpr {
    /// What it computes.
    pub kind: CKind,
    /// Its type.
    pub ty: Type,
    /// Where it was written.
    pub span: Span,
    /// Its label, when it names something labelled (a field or a definition).
    pub label: Option<Label>,
}

/// A membership test's place among the evaluation's key sets, and which side of its
/// `==` is the key (the other is the value looked up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// Its key set's slot in the evaluation of one case.
    pub index: u16,
    /// Whether the key is the left side of `==`.
    pub key_is_left: bool,
}

/// Compiled expression forms. The form is a byte of its own (`repr(u8)`), not kept in
/// a niche of a field: the evaluator matches on it about a thousand times a case, and
/// decoding a niche took several instructions each time.
#[derive(Debug, Clone)]
#[repr(u8)]
pub enum CKind {
    /// A constant.
    Const(Value),
    /// The evaluation date D.
    AsOf,
    /// A case field, by field indices from the root.
    CaseField(Box<[u16]>),
    /// An item variable of an enclosing aggregation (stack slot).
    Local(u16),
    /// A definition or parameter.
    Def(DefId),
    /// A field of a record value.
    GetField(Box<CExpr>, u16),
    /// A table row.
    TableRow(TableId, Box<CExpr>),
    /// A unary operation.
    Unary(UnOp, Box<CExpr>),
    /// A binary operation.
    Binary(BinOp, Box<CExpr>, Box<CExpr>),
    /// A number given a unit.
    WithUnit(Box<CExpr>, Unit),
    /// `is absent` (`present` = negated) or `is variant`.
    IsAbsent(Box<CExpr>, bool),
    /// `x is v` / `x is not v`.
    IsVariant(Box<CExpr>, u16, bool),
    /// `if c then a else b`.
    If(Box<CExpr>, Box<CExpr>, Box<CExpr>),
    /// `match`: for each enum value, the arm to take.
    Match(Box<CExpr>, Vec<u16>, Vec<CExpr>),
    /// An aggregation with its item variable's slot.
    Aggregate {
        /// Which aggregation.
        op: AggOp,
        /// Stack slot of the item variable.
        slot: u16,
        /// The list.
        list: Box<CExpr>,
        /// Items to keep.
        filter: Option<Box<CExpr>>,
        /// The value taken from each item.
        body: Option<Box<CExpr>>,
        /// The end of each item's range (months_covered).
        until: Option<Box<CExpr>>,
        /// For `any(x in L where F: key == probe)` whose list, filter and key use
        /// nothing but the item: the set of keys is built once per case
        /// ([`membership`]).
        membership: Option<Membership>,
    },
    /// `holds(tier 2)`: whether one rule holds; `holds(tier)` (no rule): whether some
    /// rule of the kind holds (the evaluator finds them with [`Program::rule_lookup`]).
    Holds(RuleKind, Option<RuleIdx>),
    /// A builtin call.
    Call(Builtin, Vec<CExpr>),
    /// A call of a function the policy defines; its arguments become its locals.
    CallDefinition(DefId, Vec<CExpr>),
    /// A list literal.
    List(Vec<CExpr>),
    /// A record literal (fields in the order of its record type).
    Record(Vec<CExpr>),
    /// A record given for a parameter of a record shape: the fields of the record at
    /// these indices, in the shape's order.
    Project(Box<CExpr>, Box<[u16]>),
}

/// A compiled definition or parameter.
#[derive(Debug, Clone)]
pub struct Definition {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// Whether it is a `param` (something an amendment may change).
    pub is_param: bool,
    /// Whether an amendment repeals it (`repeal define`): it keeps its slot, and
    /// nothing uses it.
    pub repealed: bool,
    /// How many parameters it takes (0 for a plain definition).
    pub arity: usize,
    /// The id of the policy document it comes from.
    pub source: String,
    /// The clause it encodes.
    pub cite: Option<Citation>,
    /// Its value.
    pub expr: CExpr,
    /// Where it is declared.
    pub span: Span,
}

/// What a table's rows are found by.
#[derive(Debug, Clone, PartialEq)]
pub enum TableKey {
    /// An enum: row `v` is the row of the enum's value `v`.
    Enum(EnumId),
    /// Dates: row `i` is in force from `from[i]` (strictly increasing) until the next
    /// row's day; before the first, no row is.
    From(Vec<NaiveDate>),
}

/// A compiled table: rows indexed by enum value, or by the date they are in force
/// from.
#[derive(Debug, Clone)]
pub struct Table {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// What its rows are found by.
    pub key: TableKey,
    /// The type of its rows.
    pub row_type: RecordId,
    /// Row columns by enum value (or in date order), in row-type field order.
    pub rows: Vec<Vec<CExpr>>,
    /// Each row whose cells are literals, made once, with the steps evaluating its
    /// cells takes (see [`literal`]); `None` for a row computed when it is asked for.
    pub literal_rows: Vec<Option<(Value, u64)>>,
}

impl Table {
    /// The row in force on `day` in a table by date: the last whose first day is on or
    /// before it (`None` before the first row, and in a table by enum), with the
    /// number of dates compared to find it.
    pub fn row_on(&self, day: NaiveDate) -> (Option<usize>, u64) {
        let TableKey::From(from) = &self.key else {
            return (None, 0);
        };
        let at = from.partition_point(|d| *d <= day);
        // A binary search: about log2(rows) + 1 comparisons.
        let compared = u64::from(usize::BITS - from.len().leading_zeros()).max(1);
        (at.checked_sub(1), compared)
    }
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// Its kind.
    pub kind: RuleKind,
    /// Its id within the kind.
    pub id: RuleId,
    /// The clause it encodes.
    pub cite: Citation,
    /// When it holds (true when it has no condition).
    pub when: Option<CExpr>,
    /// The severity of a hold (checks and soft rules).
    pub severity: Option<Severity>,
    /// The message of a check.
    pub message: Option<Label>,
    /// The diagnostic a check or a soft rule raises when it holds, made once by the
    /// checker (each case that raises it takes a copy that shares its words).
    pub raised: Option<Diagnostic>,
    /// Notes (readings of the text).
    pub notes: Vec<String>,
    /// The values a rule that holds gives the decision record.
    pub yields: Option<Vec<Yield>>,
    /// The id of the policy document it comes from.
    pub source: String,
    /// Where it is declared.
    pub span: Span,
}

/// A value a rule that holds gives the decision record.
#[derive(Debug, Clone)]
pub struct Yield {
    /// Its key.
    pub name: String,
    /// How it is shown to people.
    pub label: Label,
    /// Its value.
    pub expr: CExpr,
}

/// A field of the decision record.
#[derive(Debug, Clone)]
pub struct DecisionOutput {
    /// The record key (shared with every decision's outputs, not copied into each).
    pub name: Arc<str>,
    /// Its value.
    pub expr: CExpr,
}

/// Facts about the policy document itself.
#[derive(Debug, Clone)]
pub struct PolicyInfo {
    /// The policy id.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Document number.
    pub document: Option<String>,
    /// Issue date.
    pub issued: Option<NaiveDate>,
    /// Effective date, when given.
    pub effective: Option<Effective>,
    /// Validity period.
    pub valid_for: Option<(i64, Unit)>,
    /// Ids of the policies it builds on.
    pub builds_on: Vec<String>,
    /// Whether it is the copy built into the binary (not a file on disk).
    pub builtin: bool,
    /// The first day an amendment's changes no longer apply.
    pub until: Option<NaiveDate>,
    /// The documents of this version: the base policy, then each amendment applied.
    pub documents: Vec<String>,
}

/// A checked policy, ready to load cases against and evaluate.
#[derive(Debug, Clone)]
pub struct Program {
    /// The main policy's header.
    pub info: PolicyInfo,
    /// Enum types.
    pub enums: Vec<EnumType>,
    /// Record types; `RecordId(0)` is the case root.
    pub records: Vec<RecordType>,
    /// How each record type of the case is read from YAML (`None` for rows and literals).
    pub schemas: Vec<Option<Vec<SchemaField>>>,
    /// What deriving fields from ID numbers needs of `schemas` (made with them).
    pub derive_plan: DerivePlan,
    /// Date orders the case loader checks, by the record they belong to.
    pub orders: Vec<(RecordId, DateOrder)>,
    /// The working-day calendar of the years the policy's calendar files cover.
    pub calendar: crate::calendar::WorkingDayCalendar,
    /// Definitions and parameters, in declaration order.
    pub definitions: Vec<Definition>,
    /// Tables.
    pub tables: Vec<Table>,
    /// Rules, in declaration order.
    pub rules: Vec<CompiledRule>,
    /// `rules` by kind and id (built from them by the checker).
    pub rule_lookup: RuleLookup,
    /// The decision record's policy-defined fields.
    pub decision: Vec<DecisionOutput>,
    /// The fixed pieces of its decision records as JSON bytes (made from the rest by
    /// the checker).
    pub record_bytes: RecordBytes,
}

impl Program {
    /// The record type of the case root.
    pub const ROOT: RecordId = RecordId(0);

    /// The rules of one kind.
    pub fn rules_of(&self, kind: RuleKind) -> impl Iterator<Item = (RuleIdx, &CompiledRule)> {
        self.rules
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.kind == kind)
            .map(|(i, r)| (RuleIdx(i as u32), r))
    }

    /// The record type with this id.
    pub fn record(&self, id: RecordId) -> &RecordType {
        &self.records[id.0 as usize]
    }

    /// The enum type with this id.
    pub fn enum_type(&self, id: EnumId) -> &EnumType {
        &self.enums[id.0 as usize]
    }
}

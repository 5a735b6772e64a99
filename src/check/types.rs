//! Type names for messages, type compatibility and the typing of operators.

use crate::ast::{BinOp, Unit};
use crate::program::{EnumType, Type};

/// A type as policy staff would read it in a message.
pub fn type_name(ty: &Type, enums: &[EnumType]) -> String {
    match ty {
        Type::Bool => "a yes/no value (bool)".into(),
        Type::Int => "a number".into(),
        Type::Text => "text".into(),
        Type::Date => "a date".into(),
        Type::Month => "a month".into(),
        Type::Quantity(u) => format!("a period in {}", u.name()),
        Type::ResidentId => "a resident ID number".into(),
        Type::Enum(e) => enums
            .get(e.0 as usize)
            .map_or("an enum value".into(), |e| format!("a {} value", e.name)),
        Type::List(t) => format!("a list of {}", type_name(t, enums)),
        Type::Record(_) => "a record".into(),
        Type::Table(_) => "a table".into(),
        Type::Unknown => "anything".into(),
    }
}

/// Whether a value of type `a` may stand where `b` is expected (and the reverse):
/// years and months are one dimension; `Unknown` fits anything (it follows an error
/// already reported, or an empty list).
pub fn compatible(a: &Type, b: &Type) -> bool {
    match (a, b) {
        (Type::Unknown, _) | (_, Type::Unknown) => true,
        (Type::Quantity(x), Type::Quantity(y)) => x.same_dimension(*y),
        (Type::List(x), Type::List(y)) => compatible(x, y),
        _ => a == b,
    }
}

/// The common unit of two quantities of one dimension (years only when both are years).
fn join_units(a: Unit, b: Unit) -> Unit {
    if a == b { a } else { Unit::Months }
}

/// The result type of a binary operator, or `None` when the operands do not fit it.
pub fn binary(op: BinOp, l: &Type, r: &Type) -> Option<Type> {
    use Type::*;
    if matches!(l, Unknown) || matches!(r, Unknown) {
        return Some(match op {
            BinOp::Or | BinOp::And | BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => Bool,
            // A period added to something unknown may be a date, a month or a period:
            // guessing one would make errors of every use of a name already reported
            // (or of an item that failed to parse).
            BinOp::Add | BinOp::Sub if matches!(l, Quantity(_)) || matches!(r, Quantity(_)) => Unknown,
            _ if matches!(l, Unknown) => r.clone(),
            _ => l.clone(),
        });
    }
    match op {
        BinOp::Or | BinOp::And => (l == &Bool && r == &Bool).then_some(Bool),
        BinOp::Eq | BinOp::Ne => compatible(l, r).then_some(Bool),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ordered = matches!(l, Int | Text | Date | Month | Quantity(_) | Enum(_));
            (ordered && compatible(l, r)).then_some(Bool)
        }
        BinOp::Default => compatible(l, r).then(|| l.clone()),
        BinOp::Add => match (l, r) {
            (Int, Int) => Some(Int),
            (Quantity(a), Quantity(b)) if a.same_dimension(*b) => Some(Quantity(join_units(*a, *b))),
            (Date, Quantity(_)) => Some(Date),
            (Month, Quantity(u)) if u.same_dimension(Unit::Months) => Some(Month),
            _ => None,
        },
        BinOp::Sub => match (l, r) {
            (Int, Int) => Some(Int),
            (Quantity(a), Quantity(b)) if a.same_dimension(*b) => Some(Quantity(join_units(*a, *b))),
            (Date, Quantity(_)) => Some(Date),
            (Month, Quantity(u)) if u.same_dimension(Unit::Months) => Some(Month),
            (Date, Date) => Some(Quantity(Unit::Days)),
            (Month, Month) => Some(Quantity(Unit::Months)),
            _ => None,
        },
        BinOp::Mul => match (l, r) {
            (Int, Int) => Some(Int),
            (Quantity(u), Int) | (Int, Quantity(u)) => Some(Quantity(*u)),
            _ => None,
        },
        BinOp::Div => match (l, r) {
            (Int, Int) => Some(Int),
            (Quantity(u), Int) => Some(Quantity(*u)),
            (Quantity(a), Quantity(b)) if a.same_dimension(*b) => Some(Int),
            _ => None,
        },
    }
}

/// A hint for a common mistake with an operator.
pub fn binary_hint(op: BinOp, l: &Type, r: &Type) -> Option<&'static str> {
    match (l, r) {
        (Type::Quantity(_), Type::Int) | (Type::Int, Type::Quantity(_)) if !matches!(op, BinOp::Mul | BinOp::Div) => {
            Some("give the number its unit, e.g. `50 years` or `6 months`")
        }
        (Type::Date, Type::Int) | (Type::Int, Type::Date) => {
            Some("a date is compared with a date; to add a period write `date + 6 months`")
        }
        (Type::Enum(_), Type::Text) | (Type::Text, Type::Enum(_)) => {
            Some("test an enum value with `is`, e.g. `gender is male`")
        }
        _ if matches!(op, BinOp::And | BinOp::Or) => Some("`and` and `or` join yes/no conditions"),
        _ => None,
    }
}

//! Type names for messages, type compatibility and the typing of operators.

use super::messages::CheckMsg;
use crate::ast::{BinOp, Unit};
use crate::lang::Text;
use crate::program::{EnumType, Type, TypeWord, type_text};

/// A type as a policy writer would read it in a message: the words of
/// [`TypeWord`], a yes/no value with its keyword (`bool`) and an enum by its name.
pub fn type_name(ty: &Type, enums: &[EnumType]) -> Text {
    match ty {
        Type::Bool => CheckMsg::YesNo.into(),
        _ => type_text(ty, &|e, several| match enums.get(e.0 as usize) {
            Some(e) if several => CheckMsg::EnumValuesOf.with([e.name.as_str()]),
            Some(e) => CheckMsg::EnumValueOf.with([e.name.as_str()]),
            None => TypeWord::Anything.into(),
        }),
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
pub fn binary_hint(op: BinOp, l: &Type, r: &Type) -> Option<CheckMsg> {
    match (l, r) {
        (Type::Quantity(_), Type::Int) | (Type::Int, Type::Quantity(_)) if !matches!(op, BinOp::Mul | BinOp::Div) => {
            Some(CheckMsg::GiveUnit)
        }
        (Type::Date, Type::Int) | (Type::Int, Type::Date) => Some(CheckMsg::DateWithDate),
        (Type::Enum(_), Type::Text) | (Type::Text, Type::Enum(_)) => Some(CheckMsg::TestWithIs),
        _ if matches!(op, BinOp::And | BinOp::Or) => Some(CheckMsg::AndOrJoin),
        _ => None,
    }
}

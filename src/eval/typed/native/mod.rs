//! The built-in policy compiled ahead of time. The build script writes Rust source for
//! the built-in program ([`emit`]), and rustc compiles it with the rest of zhengce:
//! each definition, rule, yield and decision field becomes a function of its own, its
//! reads, arithmetic, comparisons and loops over lists inlined rather than closures
//! calling closures. [`install`] puts those functions in place of the
//! closures when the program being run is the very one they were written for (the
//! source written again for it is the same, byte for byte); any other program (a
//! revised policy given with `--policy`, an amended version) keeps its closures.
//!
//! The functions call the closures' own operations and the same memo, so a decision
//! is the same either way; the typed evaluator's tests and the project's case suite run
//! through them (and, with [`TypedProgram::compile_closures`], through the closures
//! too, which serve every other policy).
//!
//! One difference of order: every rule is decided first (`all_rules`), then the
//! decision goes through the rules' yields, where the closures decide a rule and then
//! its yields, rule by rule. What is computed is the same, memoised and charged once,
//! so the steps counted in the end are too; the only thing that looks at the steps on
//! the way, a working-day count bounded by the steps left, hands the case back in
//! either order exactly when the total passes the budget, which hands it back anyway.

mod emit;
mod emit_aggregate;
mod emit_arithmetic;
mod emit_values;

pub use emit::source;

use super::word::Word;
use super::{Compiled, Node, TypedProgram};
use crate::program::Program;

/// A function written for one definition, rule, yield or decision field.
#[derive(Clone, Copy)]
pub(super) enum Native {
    /// A scalar's word.
    Scalar(for<'a, 'b> fn(&'a mut super::cx::Cx<'b>) -> Option<Word>),
    /// Whether a condition holds.
    Cond(for<'a, 'b> fn(&'a mut super::cx::Cx<'b>) -> bool),
    /// Any other value (a list, a record, a text).
    Value(for<'a, 'b> fn(&'a mut super::cx::Cx<'b>) -> crate::value::Value),
}

/// The functions written for the built-in program, and the source they were compiled
/// from.
#[allow(warnings, clippy::all)]
mod built_in {
    use super::super::aggregate::{months_value, sorted_items};
    use super::super::arithmetic::{
        date_by_period, date_by_working_days, days_between, first_or_last, full_period, int_add, int_div, int_mul,
        int_sub, is_working_day, length_of, month_by_period, months_between, ratio_of_periods, sum_of_periods,
        working_days_between,
    };
    use super::super::compile::pick;
    use super::super::cx::Cx;
    use super::super::fields::{case_field_of_two, date_field, field, item_field, table_cell};
    use super::super::values::months_from_to;
    use super::super::word::{Scalar, Word, month_of};
    use super::Native;
    use crate::ast::{BinOp, RuleKind, Unit};
    use crate::eval::operators::ordered;
    use crate::program::{DefId, RuleIdx};
    use crate::value::{EnumId, Value};
    use std::borrow::Cow;
    use std::cmp::Ordering;
    use std::sync::Arc;

    include!(concat!(env!("OUT_DIR"), "/native_policy.rs"));

    /// The source the functions above were compiled from.
    pub(super) const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/native_policy.rs"));
}

/// Puts the functions written for the built-in program in place of `typed`'s closures,
/// when `program` is that program and the closures compiled every one of them to the
/// same form (a scalar, a condition or a value); else leaves the closures alone (the
/// functions call each other directly, so they go in all together or not at all).
pub(super) fn install(typed: &mut TypedProgram, program: &Program) {
    // A program of another shape is not the built-in one: its source is not written.
    let shape = (built_in::DEFS.len(), built_in::RULES.len(), built_in::OUTPUTS.len());
    if shape != (program.definitions.len(), program.rules.len(), program.decision.len())
        || source(program) != built_in::SOURCE
    {
        return;
    }
    let ys = typed.yields.iter().map(|ys| ys.as_deref().unwrap_or_default());
    let pairs = (typed.defs.iter().zip(built_in::DEFS))
        .chain(typed.rules.iter().zip(built_in::RULES))
        .chain(
            ys.zip(built_in::YIELDS)
                .flat_map(|(ys, natives)| ys.iter().zip(natives.iter())),
        )
        .chain(typed.outputs.iter().zip(built_in::OUTPUTS));
    let mut replacements = Vec::new();
    for (compiled, native) in pairs {
        let Some(native) = native else { continue };
        match (compiled, native) {
            (Compiled::Typed(Node::Scalar(_, kind), size), Native::Scalar(_)) => {
                replacements.push(Compiled::Native(*native, Some(*kind), *size));
            }
            (Compiled::Cond(_, size), Native::Cond(_)) | (Compiled::Typed(Node::Value(_), size), Native::Value(_)) => {
                replacements.push(Compiled::Native(*native, None, *size));
            }
            _ => return,
        }
    }
    let mut replacements = replacements.into_iter();
    let slots = (typed.defs.iter_mut().zip(built_in::DEFS))
        .chain(typed.rules.iter_mut().zip(built_in::RULES))
        .chain(
            (typed.yields.iter_mut().map(|ys| ys.as_deref_mut().unwrap_or_default()))
                .zip(built_in::YIELDS)
                .flat_map(|(ys, natives)| ys.iter_mut().zip(natives.iter())),
        )
        .chain(typed.outputs.iter_mut().zip(built_in::OUTPUTS));
    for (compiled, native) in slots {
        if native.is_some()
            && let Some(replacement) = replacements.next()
        {
            *compiled = replacement;
        }
    }
    typed.all_rules = Some(built_in::all_rules);
}

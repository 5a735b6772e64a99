//! Compiling comparisons. Most compare two words of one kind in their natural order,
//! one side often the evaluation date or a constant: those get a closure of their own
//! for each operator, with the date or constant in it, so that comparing is one
//! integer comparison and no call for that side.

use super::compile::{Compiler, CondFn, R, weight};
use super::word::{Scalar, Word};
use super::{Node, ScalarFn};
use crate::ast::BinOp;
use crate::eval::operators::ordered;
use crate::program::{CExpr, CKind};

/// One side of a comparison.
enum Side {
    Computed(ScalarFn),
    AsOf,
    Const(Option<Word>),
}

/// A comparison operator as a type, so that each gets its own closure.
trait Test: Send + Sync + 'static {
    fn holds(x: Word, y: Word) -> bool;
}

macro_rules! tests {
    ($($name:ident => $op:tt),*) => {$(
        struct $name;
        impl Test for $name {
            #[inline(always)]
            fn holds(x: Word, y: Word) -> bool { x $op y }
        }
    )*};
}
tests!(Eq => ==, Ne => !=, Lt => <, Le => <=, Gt => >, Ge => >=);

impl Compiler<'_> {
    /// `l op r` for a comparison: both sides evaluated, false when either is absent
    /// or they do not compare.
    pub fn compares(&mut self, op: BinOp, l: &CExpr, r: &CExpr) -> R<CondFn> {
        let (ln, rn) = (self.node(l)?, self.node(r)?);
        Ok(match (ln, rn) {
            (Node::Scalar(a, ka), Node::Scalar(b, kb)) if ka == kb && ka.in_natural_order() => {
                let (a, b) = (side(l, a, ka), side(r, b, kb));
                match op {
                    BinOp::Eq => plain::<Eq>(a, b),
                    BinOp::Ne => plain::<Ne>(a, b),
                    BinOp::Lt => plain::<Lt>(a, b),
                    BinOp::Le => plain::<Le>(a, b),
                    BinOp::Gt => plain::<Gt>(a, b),
                    _ => plain::<Ge>(a, b),
                }
            }
            (Node::Scalar(a, ka), Node::Scalar(b, kb)) => match ka.comparer(kb) {
                Some(cmp) => Box::new(move |cx| {
                    let (x, y) = (a(cx), b(cx));
                    matches!((x, y), (Some(x), Some(y)) if ordered(op, cmp(x, y)))
                }),
                None => Box::new(move |cx| {
                    a(cx);
                    b(cx);
                    false
                }),
            },
            (a, b) => Box::new(move |cx| {
                let (x, y) = (cx.value_of(&a), cx.value_of(&b));
                cx.charge(weight(&x).saturating_add(weight(&y)));
                x.compare(&y).is_some_and(|o| ordered(op, o))
            }),
        })
    }
}

/// The side `e` is, compiled as `f`.
fn side(e: &CExpr, f: ScalarFn, kind: Scalar) -> Side {
    match &e.kind {
        CKind::AsOf if kind == Scalar::Date => Side::AsOf,
        CKind::Const(v) => kind.word(v).map_or(Side::Computed(f), Side::Const),
        _ => Side::Computed(f),
    }
}

/// A comparison of two words in their natural order, both sides evaluated.
fn plain<T: Test>(a: Side, b: Side) -> CondFn {
    match (a, b) {
        (Side::Computed(a), Side::AsOf) => Box::new(move |cx| a(cx).is_some_and(|x| T::holds(x, cx.as_of_word))),
        (Side::AsOf, Side::Computed(b)) => Box::new(move |cx| b(cx).is_some_and(|y| T::holds(cx.as_of_word, y))),
        (Side::Computed(a), Side::Const(Some(y))) => Box::new(move |cx| a(cx).is_some_and(|x| T::holds(x, y))),
        (Side::Const(Some(x)), Side::Computed(b)) => Box::new(move |cx| b(cx).is_some_and(|y| T::holds(x, y))),
        (a, b) => {
            let (a, b) = (computed(a), computed(b));
            Box::new(move |cx| {
                let (x, y) = (a(cx), b(cx));
                matches!((x, y), (Some(x), Some(y)) if T::holds(x, y))
            })
        }
    }
}

/// A side as a closure.
fn computed(side: Side) -> ScalarFn {
    match side {
        Side::Computed(f) => f,
        Side::AsOf => Box::new(|cx| Some(cx.as_of_word)),
        Side::Const(w) => Box::new(move |_| w),
    }
}

//! Compiling comparisons. Most compare two words of one kind in their natural order,
//! each side an [`Operand`](super::operand::Operand): such a comparison gets a closure
//! of its own for each operator and pair of ways to read, so that comparing is one
//! integer comparison, with no call for a side read in place (the evaluation date, a
//! constant, a definition, a case field of two names, a local's field).

use super::Node;
use super::compile::{Compiler, CondFn, R, weight};
use super::operand::{OfTwo, Read, of_two};
use super::word::Word;
use crate::ast::BinOp;
use crate::eval::operators::ordered;
use crate::program::CExpr;
use std::marker::PhantomData;

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
                let (a, b) = (self.operand(l, a, ka), self.operand(r, b, kb));
                match op {
                    BinOp::Eq => of_two(a, b, Plain::<Eq>(PhantomData)),
                    BinOp::Ne => of_two(a, b, Plain::<Ne>(PhantomData)),
                    BinOp::Lt => of_two(a, b, Plain::<Lt>(PhantomData)),
                    BinOp::Le => of_two(a, b, Plain::<Le>(PhantomData)),
                    BinOp::Gt => of_two(a, b, Plain::<Gt>(PhantomData)),
                    _ => of_two(a, b, Plain::<Ge>(PhantomData)),
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

/// A comparison of two words in their natural order, both operands read (`a` first),
/// false when either is absent.
struct Plain<T>(PhantomData<T>);

impl<T: Test> OfTwo for Plain<T> {
    type Out = CondFn;
    fn of<A: Read, B: Read>(self, a: A, b: B) -> CondFn {
        Box::new(move |cx| {
            let x = a.read(cx);
            let y = b.read(cx);
            matches!((x, y), (Some(x), Some(y)) if T::holds(x, y))
        })
    }
}

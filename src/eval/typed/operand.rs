//! Operands read in place. Most operands of a comparison are cheap to read: the
//! evaluation date, a constant, a definition already in the memo, a case field, a
//! field of the item an aggregation is at. Each becomes a type of its own, so that
//! the closure of the expression using two of them reads both inline, with no call
//! for either (a call a closure of its own was most of what reading one cost).

use super::ScalarFn;
use super::compile::{Compiler, CondFn};
use super::cx::Cx;
use super::fields::{case_field2, date_field, local_field};
use super::word::{Scalar, Word};
use crate::program::{CExpr, CKind, DefId};

/// A scalar operand, by how it is read.
pub(super) enum Operand {
    /// Anything else: its own closure, called.
    Computed(ScalarFn),
    AsOf,
    Const(Option<Word>),
    /// A definition without parameters (from the memo, computed the first time).
    Def(DefId),
    /// A date at a case field of two names (`certification.certified_on`).
    DateField(u16, u16),
    /// Any other scalar at a case field of two names (`person.gender`).
    Field(u16, u16, Scalar),
    /// A field of the record in a local slot (`f.date`), of a scalar kind.
    LocalField(u16, usize, Scalar),
}

impl Compiler<'_> {
    /// The operand `e` of kind `kind` is, given `f`, its compiled closure (kept for
    /// the operands that have no way of their own).
    pub(super) fn operand(&self, e: &CExpr, f: ScalarFn, kind: Scalar) -> Operand {
        match &e.kind {
            CKind::AsOf if kind == Scalar::Date => return Operand::AsOf,
            CKind::Const(v) => return kind.word(v).map_or(Operand::Computed(f), Operand::Const),
            CKind::Def(id) if self.scalar_definition(*id) == Some(kind) => return Operand::Def(*id),
            _ => {}
        }
        if let Some((path, None)) = self.path_of(e)
            && let &[a, b] = path.as_slice()
        {
            return match kind {
                Scalar::Date => Operand::DateField(a, b),
                _ => Operand::Field(a, b, kind),
            };
        }
        match self.local_field_of(e) {
            Some((g, i)) => Operand::LocalField(g, i, kind),
            None => Operand::Computed(f),
        }
    }
}

/// How an operand of one way is read.
pub(super) trait Read: Send + Sync + 'static {
    fn read(&self, cx: &mut Cx) -> Option<Word>;
}

struct Computed(ScalarFn);
struct AsOf;
struct Const(Option<Word>);
struct Def(DefId);
struct DateField(u16, u16);
struct Field(u16, u16, Scalar);
struct LocalField(u16, usize, Scalar);

impl Read for Computed {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        (self.0)(cx)
    }
}

impl Read for AsOf {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        Some(cx.as_of_word)
    }
}

impl Read for Const {
    #[inline(always)]
    fn read(&self, _: &mut Cx) -> Option<Word> {
        self.0
    }
}

impl Read for Def {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        cx.def_word(self.0)
    }
}

impl Read for DateField {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        date_field(cx, self.0, self.1)
    }
}

impl Read for Field {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        case_field2(cx, self.0, self.1, self.2)
    }
}

impl Read for LocalField {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        local_field(cx, self.0, self.1, self.2)
    }
}

/// What is made of one operand, read its own way.
pub(super) trait OfOne {
    type Out;
    fn of<A: Read>(self, a: A) -> Self::Out;
}

/// What is made of two operands, each read its own way (a comparison's closure).
pub(super) trait OfTwo {
    type Out;
    fn of<A: Read, B: Read>(self, a: A, b: B) -> Self::Out;
}

/// A scalar computed from an operand's word by `F` (inlined in the closure made).
pub(super) struct Scalar1<F>(pub F);

impl<F> OfOne for Scalar1<F>
where
    F: Fn(&mut Cx, Option<Word>) -> Option<Word> + Copy + Send + Sync + 'static,
{
    type Out = ScalarFn;
    fn of<A: Read>(self, a: A) -> ScalarFn {
        let f = self.0;
        Box::new(move |cx| {
            let x = a.read(cx);
            f(cx, x)
        })
    }
}

/// A condition on an operand's word, `F`.
pub(super) struct Cond1<F>(pub F);

impl<F> OfOne for Cond1<F>
where
    F: Fn(Option<Word>) -> bool + Copy + Send + Sync + 'static,
{
    type Out = CondFn;
    fn of<A: Read>(self, a: A) -> CondFn {
        let f = self.0;
        Box::new(move |cx| f(a.read(cx)))
    }
}

/// A scalar computed from two operands' words by `F`, both read (the first first).
pub(super) struct Scalar2<F>(pub F);

impl<F> OfTwo for Scalar2<F>
where
    F: Fn(&mut Cx, Option<Word>, Option<Word>) -> Option<Word> + Copy + Send + Sync + 'static,
{
    type Out = ScalarFn;
    fn of<A: Read, B: Read>(self, a: A, b: B) -> ScalarFn {
        let f = self.0;
        Box::new(move |cx| {
            let x = a.read(cx);
            let y = b.read(cx);
            f(cx, x, y)
        })
    }
}

/// `if c then a else b`: the branch taken read in place.
pub(super) struct Branches(pub CondFn);

impl OfTwo for Branches {
    type Out = ScalarFn;
    fn of<A: Read, B: Read>(self, a: A, b: B) -> ScalarFn {
        let c = self.0;
        Box::new(move |cx| if c(cx) { a.read(cx) } else { b.read(cx) })
    }
}

/// `make` of operand `a`, as its own type.
pub(super) fn of_one<M: OfOne>(a: Operand, make: M) -> M::Out {
    match a {
        Operand::Computed(f) => make.of(Computed(f)),
        Operand::AsOf => make.of(AsOf),
        Operand::Const(w) => make.of(Const(w)),
        Operand::Def(id) => make.of(Def(id)),
        Operand::DateField(x, y) => make.of(DateField(x, y)),
        Operand::Field(x, y, k) => make.of(Field(x, y, k)),
        Operand::LocalField(g, i, k) => make.of(LocalField(g, i, k)),
    }
}

/// `make` of operands `a` and `b`, each as its own type.
pub(super) fn of_two<M: OfTwo>(a: Operand, b: Operand, make: M) -> M::Out {
    match a {
        Operand::Computed(f) => with_first(Computed(f), b, make),
        Operand::AsOf => with_first(AsOf, b, make),
        Operand::Const(w) => with_first(Const(w), b, make),
        Operand::Def(id) => with_first(Def(id), b, make),
        Operand::DateField(x, y) => with_first(DateField(x, y), b, make),
        Operand::Field(x, y, k) => with_first(Field(x, y, k), b, make),
        Operand::LocalField(g, i, k) => with_first(LocalField(g, i, k), b, make),
    }
}

fn with_first<A: Read, M: OfTwo>(a: A, b: Operand, make: M) -> M::Out {
    match b {
        Operand::Computed(f) => make.of(a, Computed(f)),
        Operand::AsOf => make.of(a, AsOf),
        Operand::Const(w) => make.of(a, Const(w)),
        Operand::Def(id) => make.of(a, Def(id)),
        Operand::DateField(x, y) => make.of(a, DateField(x, y)),
        Operand::Field(x, y, k) => make.of(a, Field(x, y, k)),
        Operand::LocalField(g, i, k) => make.of(a, LocalField(g, i, k)),
    }
}

/// An operand as a closure of its own, for the forms that call theirs.
pub(super) fn operand_fn(a: Operand) -> ScalarFn {
    match a {
        Operand::Computed(f) => f,
        a => of_one(a, Scalar1(|_: &mut Cx, x: Option<Word>| x)),
    }
}

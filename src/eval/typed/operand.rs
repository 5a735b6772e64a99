//! Operands read in place. Most operands of the scalar forms (comparisons,
//! arithmetic, builtins, `??`, `if`, `is absent`, `is …`) are cheap to read: the
//! evaluation date, a constant, a definition (from the memo, computed the first time),
//! a case field of two names, a field of the record in a local slot (the item an
//! aggregation is at). Each way to read is a type of its own, so that the closure of
//! the form using an operand reads it inline rather than calling a closure of its own
//! (the call was most of what reading one cost); any other operand is its own
//! closure, called.

use super::ScalarFn;
use super::compile::{Compiler, CondFn};
use super::cx::Cx;
use super::fields::{case_field_of_two, date_field, local_field};
use super::word::{Scalar, Word};
use crate::program::{CExpr, CKind, DefId};

/// A scalar operand, by how it is read: each variant holds the [`Read`] of its way.
pub(super) enum Operand {
    /// Anything else: its own closure, called.
    Computed(Computed),
    /// The evaluation date.
    AsOf(AsOf),
    /// A constant (absent as `None`).
    Const(Const),
    /// A definition without parameters.
    Def(Def),
    /// A date at a case field of two names (`certification.certified_on`).
    DateField(DateField),
    /// Any other scalar at a case field of two names (`person.gender`).
    Field(Field),
    /// A field of the record in a local slot (`f.date`), of a scalar kind.
    LocalField(LocalField),
}

/// Binds `$x` to the [`Read`] of operand `$op`, as its own type, in `$body`: the one
/// list of the ways to read that each form is made for.
macro_rules! with_read {
    ($op:expr, $x:ident => $body:expr) => {
        match $op {
            Operand::Computed($x) => $body,
            Operand::AsOf($x) => $body,
            Operand::Const($x) => $body,
            Operand::Def($x) => $body,
            Operand::DateField($x) => $body,
            Operand::Field($x) => $body,
            Operand::LocalField($x) => $body,
        }
    };
}

impl Compiler<'_> {
    /// The operand `e` of kind `kind` is, given `f`, its compiled closure (kept for
    /// the operands that have no way of their own).
    pub(super) fn operand(&self, e: &CExpr, f: ScalarFn, kind: Scalar) -> Operand {
        match &e.kind {
            CKind::AsOf if kind == Scalar::Date => return Operand::AsOf(AsOf),
            CKind::Const(v) => {
                return match kind.word(v) {
                    Ok(w) => Operand::Const(Const(w)),
                    Err(_) => Operand::Computed(Computed(f)),
                };
            }
            CKind::Def(id) if self.scalar_definition(*id) == Some(kind) => return Operand::Def(Def(*id)),
            _ => {}
        }
        if let Some((path, None)) = self.path_of(e)
            && let &[a, b] = path.as_slice()
        {
            return match kind {
                Scalar::Date => Operand::DateField(DateField(a, b)),
                _ => Operand::Field(Field(a, b, kind)),
            };
        }
        match self.local_field_of(e) {
            Some((g, i)) => Operand::LocalField(LocalField(g, i, kind)),
            None => Operand::Computed(Computed(f)),
        }
    }
}

/// How an operand of one way is read.
pub(super) trait Read: Send + Sync + 'static {
    /// The operand's word (`None` when absent); a value of another kind than the
    /// program's type hands the case back.
    fn read(&self, cx: &mut Cx) -> Option<Word>;
}

/// An operand compiled to a closure of its own.
pub(super) struct Computed(ScalarFn);
/// The evaluation date.
pub(super) struct AsOf;
/// A constant's word.
pub(super) struct Const(Option<Word>);
/// A definition without parameters.
pub(super) struct Def(DefId);
/// The date at a case field of two names, by their indices.
pub(super) struct DateField(u16, u16);
/// The scalar of a kind at a case field of two names.
pub(super) struct Field(u16, u16, Scalar);
/// Field `.1` of the record in local slot `.0`, of kind `.2`.
pub(super) struct LocalField(u16, usize, Scalar);

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

impl Const {
    /// The constant's word (`None` when absent).
    pub(super) fn word(&self) -> Option<Word> {
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
        case_field_of_two(cx, self.0, self.1, self.2)
    }
}

impl Read for LocalField {
    #[inline(always)]
    fn read(&self, cx: &mut Cx) -> Option<Word> {
        local_field(cx, self.0, self.1, self.2)
    }
}

/// What is made of one operand, read its own way (a form's closure).
pub(super) trait OfOne {
    /// What is made: a closure.
    type Out;
    /// Made for an operand read as `A` reads.
    fn of<A: Read>(self, a: A) -> Self::Out;
}

/// What is made of two operands, each read its own way (a form's closure).
pub(super) trait OfTwo {
    /// What is made: a closure.
    type Out;
    /// Made for operands read as `A` and `B` read.
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
    with_read!(a, x => make.of(x))
}

/// `make` of operands `a` and `b`, each as its own type.
pub(super) fn of_two<M: OfTwo>(a: Operand, b: Operand, make: M) -> M::Out {
    with_read!(a, x => with_read!(b, y => make.of(x, y)))
}

/// An operand as a closure of its own, for the forms that call theirs.
pub(super) fn operand_fn(a: Operand) -> ScalarFn {
    match a {
        Operand::Computed(Computed(f)) => f,
        a => of_one(a, Scalar1(|_: &mut Cx, x: Option<Word>| x)),
    }
}

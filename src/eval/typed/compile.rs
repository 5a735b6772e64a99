//! Compiling a checked program into typed closures: the scalar forms and conditions
//! here (a chain of `and`s or `or`s in one closure); reads in [`super::fields`],
//! comparisons in [`super::compare`], arithmetic and builtins in [`super::arithmetic`],
//! values in [`super::values`], aggregations in [`super::aggregate`] and
//! [`super::key_sets`], the operands read in place in [`super::operand`]. A form it
//! does not know is [`Unsupported`], and the definition, rule or field it is in is left
//! to the tree walker.

use super::cx::Cx;
use super::operand::{Branches, Cond1, Operand, Scalar1, of_one, of_two, operand_fn};
use super::word::{Scalar, Word};
use super::{Compiled, Node, ScalarFn, TypedProgram};
use crate::ast::{BinOp, UnOp};
use crate::program::{CExpr, CKind, DefId, Program};
use crate::value::Value;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A form the typed evaluator does not compile.
#[derive(Debug)]
pub(super) struct Unsupported;

pub(super) type R<T> = Result<T, Unsupported>;

/// A compiled condition.
pub(super) type CondFn = Box<dyn for<'a> Fn(&mut Cx<'a>) -> bool + Send + Sync>;

/// What a local of the policy (a function's parameter, an aggregation's item) is
/// while compiling: a slot of the evaluation, or a case field (or a record of some of
/// its fields) that a function was given, read in place.
#[derive(Debug, Clone)]
pub(super) enum Binding {
    Slot(u16),
    Path { path: Vec<u16>, picked: Option<Vec<u16>> },
}

/// The most closures one program may compile to: functions are compiled at each call,
/// and a chain of functions calling each other twice would double at each link.
const MAX_NODES: usize = 200_000;

/// The compiler's state.
pub(super) struct Compiler<'p> {
    pub program: &'p Program,
    /// The bindings of the current frame, by the walker's slot numbers.
    pub env: Vec<Option<Binding>>,
    pub next_slot: u16,
    /// The kind of word each slot holds, for the slots that hold arguments' words.
    pub slot_kinds: Vec<Option<Scalar>>,
    pub key_sets: usize,
    /// The constants that hold a shared allocation (texts, lists), each worker's
    /// closures reading its own copy (see [`super::TypedProgram::constants`]).
    pub constants: Vec<Value>,
    nodes: usize,
    sizes: HashMap<DefId, u64>,
}

impl<'p> Compiler<'p> {
    /// A compiler for `program`, with nothing compiled yet.
    pub fn new(program: &'p Program) -> Compiler<'p> {
        Compiler {
            program,
            env: Vec::new(),
            next_slot: 0,
            slot_kinds: Vec::new(),
            key_sets: 0,
            constants: Vec::new(),
            nodes: 0,
            sizes: HashMap::new(),
        }
    }
}

/// Compiles every definition, rule, yield and decision field of `program`.
pub(super) fn program(program: &Program) -> Option<TypedProgram> {
    let mut c = Compiler::new(program);
    let defs = program
        .definitions
        .iter()
        .map(|d| {
            if d.arity > 0 {
                Compiled::Walker(None)
            } else {
                c.top(&d.expr)
            }
        })
        .collect();
    let rules = program
        .rules
        .iter()
        .map(|r| match &r.when {
            Some(w) => c.top(w),
            None => Compiled::Cond(Box::new(|_| true), 0),
        })
        .collect();
    let yields = program
        .rules
        .iter()
        .map(|r| r.yields.as_ref().map(|ys| ys.iter().map(|y| c.top(&y.expr)).collect()))
        .collect();
    let outputs = program.decision.iter().map(|d| c.top(&d.expr)).collect();
    if c.nodes > MAX_NODES {
        return None;
    }
    Some(TypedProgram {
        defs,
        rules,
        yields,
        outputs,
        locals: usize::from(c.next_slot),
        key_sets: c.key_sets,
        constants: c.constants,
        raisers: crate::eval::raisers(program).collect(),
        all_rules: None,
    })
}

impl Compiler<'_> {
    /// A top-level expression (no locals in scope), or the tree walker's.
    fn top(&mut self, e: &CExpr) -> Compiled {
        self.env.clear();
        let compiled = if Scalar::of(&e.ty) == Some(Scalar::Bool) && is_condition(e) {
            self.cond(e).map(|c| Compiled::Cond(c, self.size(e)))
        } else {
            self.node(e).map(|node| Compiled::Typed(node, self.size(e)))
        };
        match compiled {
            Ok(compiled) if self.nodes <= MAX_NODES => compiled,
            _ => Compiled::Walker(Scalar::of(&e.ty)),
        }
    }

    /// Counts a node against [`MAX_NODES`].
    fn count(&mut self) -> R<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            Err(Unsupported)
        } else {
            Ok(())
        }
    }

    /// `e`, as a scalar of its type or a value.
    pub fn node(&mut self, e: &CExpr) -> R<Node> {
        match Scalar::of(&e.ty) {
            Some(kind) => Ok(Node::Scalar(self.scalar(e, kind)?, kind)),
            None => Ok(Node::Value(self.value(e)?)),
        }
    }

    /// The binding of local `slot` of the current frame.
    pub fn binding(&self, slot: u16) -> R<Binding> {
        self.env.get(slot as usize).cloned().flatten().ok_or(Unsupported)
    }

    /// Binds local `slot` of the current frame; the binding it replaces is returned.
    pub fn bind(&mut self, slot: u16, b: Binding) -> Option<Binding> {
        let at = slot as usize;
        if self.env.len() <= at {
            self.env.resize(at + 1, None);
        }
        self.env[at].replace(b)
    }

    /// Gives local `slot` its earlier binding back.
    pub fn unbind(&mut self, slot: u16, earlier: Option<Binding>) {
        if let Some(b) = self.env.get_mut(slot as usize) {
            *b = earlier;
        }
    }

    /// A new slot of the evaluation.
    pub fn new_slot(&mut self) -> R<u16> {
        let slot = self.next_slot;
        self.next_slot = slot.checked_add(1).ok_or(Unsupported)?;
        self.slot_kinds.push(None);
        Ok(slot)
    }

    /// Whether `e` holds (a value that is not `true` does not).
    pub fn cond(&mut self, e: &CExpr) -> R<CondFn> {
        self.count()?;
        Ok(match &e.kind {
            CKind::Binary(op @ (BinOp::And | BinOp::Or), l, r) => self.chain(*op, l, r)?,
            CKind::Unary(UnOp::Not, inner) => {
                let inner = self.cond(inner)?;
                Box::new(move |cx| !inner(cx))
            }
            CKind::Binary(op, l, r) if comparison(*op) => self.compares(*op, l, r)?,
            CKind::Holds(_, Some(rule)) => {
                let rule = *rule;
                Box::new(move |cx| cx.rule(rule))
            }
            CKind::Holds(kind, None) => {
                let kind = *kind;
                Box::new(move |cx| cx.any_holds(kind))
            }
            // The forms most conditions are made of, asked directly rather than as a
            // word that is then compared with yes: one closure call fewer each.
            CKind::Def(id) if self.scalar_definition(*id) == Some(Scalar::Bool) => {
                let id = *id;
                Box::new(move |cx| cx.def_word(id) == Some(1))
            }
            CKind::CaseField(_) | CKind::Local(_) | CKind::GetField(..) if Scalar::of(&e.ty) == Some(Scalar::Bool) => {
                self.read_cond(e)?
            }
            CKind::IsAbsent(inner, absent) => {
                let absent = *absent;
                match self.node(inner)? {
                    Node::Scalar(f, kind) => of_one(
                        self.operand(inner, f, kind),
                        Cond1(move |w: Option<Word>| w.is_none() == absent),
                    ),
                    Node::Value(f) => Box::new(move |cx| f(cx).is_absent() == absent),
                }
            }
            CKind::IsVariant(inner, variant, negated) => {
                let (variant, negated) = (Word::from(*variant), *negated);
                let Node::Scalar(f, kind @ Scalar::Enum(_)) = self.node(inner)? else {
                    return Err(Unsupported);
                };
                of_one(
                    self.operand(inner, f, kind),
                    Cond1(move |w: Option<Word>| w.is_some_and(|v| (v == variant) != negated)),
                )
            }
            _ => match self.node(e)? {
                Node::Scalar(f, Scalar::Bool) => Box::new(move |cx| f(cx) == Some(1)),
                Node::Scalar(f, _) => Box::new(move |cx| {
                    f(cx);
                    false
                }),
                Node::Value(f) => Box::new(move |cx| f(cx).truthy()),
            },
        })
    }

    /// `l and r` (or `or`), a chain of them gone through in one closure, in order until
    /// one part decides it; a yes/no definition among the parts is read from the memo
    /// there, without a call.
    fn chain(&mut self, op: BinOp, l: &CExpr, r: &CExpr) -> R<CondFn> {
        // The parts in order, nested `and`s (of an `and`) flattened; a stack rather
        // than recursion, for a chain of any length.
        let mut parts = Vec::new();
        let mut stack = vec![r, l];
        while let Some(e) = stack.pop() {
            match &e.kind {
                CKind::Binary(o, l, r) if *o == op => {
                    self.count()?;
                    stack.push(r);
                    stack.push(l);
                }
                CKind::Def(id) if self.scalar_definition(*id) == Some(Scalar::Bool) => {
                    self.count()?;
                    parts.push(Part::Def(*id));
                }
                _ => parts.push(Part::Cond(self.cond(e)?)),
            }
        }
        let and = op == BinOp::And;
        Ok(match <[Part; 2]>::try_from(parts) {
            Ok([Part::Cond(l), Part::Cond(r)]) if and => Box::new(move |cx| l(cx) && r(cx)),
            Ok([Part::Cond(l), Part::Cond(r)]) => Box::new(move |cx| l(cx) || r(cx)),
            Ok([Part::Def(l), Part::Cond(r)]) if and => Box::new(move |cx| cx.def_word(l) == Some(1) && r(cx)),
            Ok([Part::Def(l), Part::Cond(r)]) => Box::new(move |cx| cx.def_word(l) == Some(1) || r(cx)),
            Ok(two) => chain_of(Box::new(two), and),
            Err(parts) => chain_of(parts.into_boxed_slice(), and),
        })
    }

    /// The scalar kind of definition `id`, when it is a scalar one without parameters.
    pub fn scalar_definition(&self, id: DefId) -> Option<Scalar> {
        let def = self.program.definitions.get(id.0 as usize)?;
        if def.arity == 0 { Scalar::of(&def.expr.ty) } else { None }
    }

    /// `e` as a scalar of kind `kind`.
    pub fn scalar(&mut self, e: &CExpr, kind: Scalar) -> R<ScalarFn> {
        self.count()?;
        if kind == Scalar::Bool && is_condition(e) {
            let c = self.cond(e)?;
            return Ok(Box::new(move |cx| Some(Word::from(c(cx)))));
        }
        Ok(match &e.kind {
            CKind::Const(v) => {
                let w = kind.word(v).map_err(|_| Unsupported)?;
                Box::new(move |_| w)
            }
            CKind::AsOf if kind == Scalar::Date => Box::new(|cx| Some(cx.as_of_word)),
            CKind::Def(id) if self.program.definitions[id.0 as usize].arity == 0 => {
                if Scalar::of(&self.program.definitions[id.0 as usize].expr.ty) != Some(kind) {
                    return Err(Unsupported);
                }
                let id = *id;
                Box::new(move |cx| cx.def_word(id))
            }
            CKind::CaseField(_) | CKind::Local(_) | CKind::GetField(..) => self.read(e, kind)?,
            CKind::Unary(UnOp::Neg, inner) => {
                let f = self.scalar(inner, kind)?;
                Box::new(move |cx| f(cx).map(Word::saturating_neg))
            }
            CKind::WithUnit(inner, unit) if kind == Scalar::Quantity(*unit) => self.scalar(inner, Scalar::Int)?,
            CKind::If(c, a, b) => {
                let (cf, af, bf) = (self.cond(c)?, self.scalar(a, kind)?, self.scalar(b, kind)?);
                of_two(self.operand(a, af, kind), self.operand(b, bf, kind), Branches(cf))
            }
            CKind::Match(s, table, arms) => {
                let Node::Scalar(s, Scalar::Enum(_)) = self.node(s)? else {
                    return Err(Unsupported);
                };
                let arms: Vec<ScalarFn> = arms.iter().map(|a| self.scalar(a, kind)).collect::<R<_>>()?;
                let table = table.clone();
                Box::new(move |cx| {
                    let arm = s(cx)
                        .and_then(|v| table.get(usize::try_from(v).ok()?))
                        .and_then(|a| arms.get(*a as usize))?;
                    arm(cx)
                })
            }
            CKind::Binary(BinOp::Default, l, r) => {
                let (lf, rf) = (self.scalar(l, kind)?, self.scalar(r, kind)?);
                let (l, r) = (self.operand(l, lf, kind), self.operand(r, rf, kind));
                match r {
                    // `x ?? constant`, most of them: the constant in the closure.
                    Operand::Const(w) => {
                        let w = w.word();
                        of_one(l, Scalar1(move |_: &mut Cx, x: Option<Word>| x.or(w)))
                    }
                    r => {
                        let (l, r) = (operand_fn(l), operand_fn(r));
                        Box::new(move |cx| l(cx).or_else(|| r(cx)))
                    }
                }
            }
            CKind::Binary(op, l, r) => self.arithmetic(*op, l, r, kind)?,
            CKind::Aggregate { .. } => self.aggregate_scalar(e, kind)?,
            CKind::Call(builtin, args) => self.builtin(*builtin, args, kind)?,
            CKind::CallDefinition(id, args) => {
                let (args, body) = self.call(*id, args, |c, body| c.scalar(body, kind))?;
                Box::new(move |cx| {
                    args(cx);
                    body(cx)
                })
            }
            _ => return Err(Unsupported),
        })
    }

    /// The steps evaluating `e` takes at most, apart from the items of the lists it
    /// goes through (counted as they are gone through) and the definitions it reads
    /// (counted when they are computed).
    pub fn size(&mut self, e: &CExpr) -> u64 {
        let own = match &e.kind {
            CKind::Aggregate {
                list, membership, body, ..
            } => {
                // A membership test evaluates its probe once, outside the list.
                let probe = if membership.is_some() {
                    body.as_deref().map_or(0, |b| self.size(b))
                } else {
                    0
                };
                return 2u64.saturating_add(self.size(list)).saturating_add(probe);
            }
            CKind::CallDefinition(id, _) => self.body_size(*id),
            _ => 0,
        };
        e.children()
            .into_iter()
            .fold(own.saturating_add(1), |n, child| n.saturating_add(self.size(child)))
    }

    /// The steps a function's body takes at most, once.
    fn body_size(&mut self, id: DefId) -> u64 {
        if let Some(size) = self.sizes.get(&id) {
            return *size;
        }
        let program = self.program;
        let size = self.size(&program.definitions[id.0 as usize].expr);
        self.sizes.insert(id, size);
        size
    }
}

/// The one of two scalars that comes first in `order` (the walker's `pick`: an absent
/// current value loses, an absent candidate never wins).
pub(super) fn pick(
    current: Option<Word>,
    candidate: Option<Word>,
    order: Ordering,
    cmp: fn(Word, Word) -> Ordering,
) -> Option<Word> {
    match (current, candidate) {
        (None, c) => c,
        (Some(a), Some(c)) if cmp(c, a) == order => Some(c),
        (a, _) => a,
    }
}

/// A part of a chain of `and`s or `or`s.
enum Part {
    /// A yes/no definition without parameters, read from the memo in the chain's
    /// closure.
    Def(DefId),
    /// Any other condition, called.
    Cond(CondFn),
}

impl Part {
    /// Whether the part holds.
    #[inline(always)]
    fn holds(&self, cx: &mut Cx) -> bool {
        match self {
            Part::Def(id) => cx.def_word(*id) == Some(1),
            Part::Cond(f) => f(cx),
        }
    }
}

/// The closure of a chain of parts: all of them hold (`and`), or one does.
fn chain_of(parts: Box<[Part]>, and: bool) -> CondFn {
    if and {
        Box::new(move |cx| parts.iter().all(|p| p.holds(cx)))
    } else {
        Box::new(move |cx| parts.iter().any(|p| p.holds(cx)))
    }
}

/// Whether `e` is a form [`Compiler::cond`] compiles itself.
pub(super) fn is_condition(e: &CExpr) -> bool {
    matches!(
        &e.kind,
        CKind::Binary(
            BinOp::And | BinOp::Or | BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge,
            ..
        ) | CKind::Unary(UnOp::Not, _)
            | CKind::Holds(..)
            | CKind::IsAbsent(..)
            | CKind::IsVariant(..)
    )
}

pub(super) fn comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    )
}

/// The steps of going through a text, as the walker counts them.
pub(super) fn text_steps(t: &str) -> u64 {
    (t.len() / crate::eval::TEXT_BYTES_PER_STEP) as u64
}

/// An upper bound of the steps comparing `v` with another value takes: its items,
/// nested ones too, and its texts' bytes.
pub(super) fn weight(v: &Value) -> u64 {
    match v {
        Value::List(items) | Value::Record(items) => items.iter().fold(1, |n, i| n.saturating_add(weight(i))),
        Value::Text(t) | Value::ResidentId(t) => text_steps(t).saturating_add(1),
        _ => 1,
    }
}

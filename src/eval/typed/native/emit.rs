//! Rust source for a checked program: each definition, rule, yield and decision field
//! as a function of its own, written with the very operations its closures call
//! (`arithmetic.rs`, `fields.rs`, `aggregate.rs`, `values.rs` of the typed evaluator),
//! so that the code rustc makes of it computes the same words and values, charges the
//! same steps and hands back the same cases. Scalars and conditions are written here,
//! arithmetic and builtins in `emit_arithmetic.rs`, aggregations to a scalar in
//! `emit_aggregate.rs`, lists and other values in `emit_values.rs`. A form this does not write (a text's test, a list of constants,
//! a membership test outside a filter) leaves its definition, rule or field to the
//! closures, which the written functions call through the memo as any closure does.
//!
//! The source is written by the build script for the built-in policy (see
//! [`super`]), and again at run time for the program loaded, to check that it is the
//! same program.

use super::super::compile::{Binding, Compiler, R, Unsupported, comparison, is_condition};
use super::super::word::Scalar;
use crate::ast::{BinOp, UnOp, Unit};
use crate::program::{CExpr, CKind, DefId, Program};
use std::fmt::Write;

/// The Rust source for `program` (see the module's doc).
pub fn source(program: &Program) -> String {
    // A first pass finds what can be written; the second writes it, each function
    // calling the definitions and rules written directly rather than through the
    // closures' table.
    let (_, written) = Writer::new(program, Written::default()).write();
    Writer::new(program, written).write().0
}

/// The form of what a function was written for, as the closures compile it.
#[derive(Clone, Copy)]
enum Form {
    /// A condition (`Compiled::Cond`).
    Cond,
    /// A scalar (`Compiled::Typed` of a scalar).
    Scalar,
    /// Any other value (`Compiled::Typed` of a value).
    Value,
}

impl Form {
    /// For a definition or rule called directly: whether it is a condition's (else a
    /// scalar's); values are read through the memo.
    fn direct(self) -> Option<bool> {
        match self {
            Form::Cond => Some(true),
            Form::Scalar => Some(false),
            Form::Value => None,
        }
    }
}

/// The definitions and rules written as functions: for each, whether it is a
/// condition's (else a scalar's), and the steps it is charged.
#[derive(Default)]
struct Written {
    defs: Vec<Option<(bool, u64)>>,
    rules: Vec<Option<(bool, u64)>>,
}

/// The writer's state: the compiler whose bindings, slots and sizes it shares, and the
/// functions written so far.
pub(super) struct Writer<'p> {
    pub c: Compiler<'p>,
    fns: String,
    /// What the first pass wrote (empty in the first pass).
    direct: Written,
    /// The slots that hold an aggregation's item (a `&Value` named `it{slot}` in the
    /// code written), rather than an argument's word (`s{slot}`).
    pub item_slots: Vec<u16>,
}

impl<'p> Writer<'p> {
    fn new(program: &'p Program, direct: Written) -> Writer<'p> {
        Writer {
            c: Compiler::new(program),
            fns: String::new(),
            direct,
            item_slots: Vec::new(),
        }
    }

    /// Writes every function and the tables; what was written, for a second pass.
    fn write(mut self) -> (String, Written) {
        let program = self.c.program;
        let mut written = Written::default();
        let mut defs = Vec::new();
        for (i, d) in program.definitions.iter().enumerate() {
            let (entry, form) = match d.arity {
                0 => self.item(&format!("d{i}"), &d.expr, &d.name),
                _ => ("None".to_string(), None),
            };
            written
                .defs
                .push(form.and_then(Form::direct).map(|c| (c, self.c.size(&d.expr))));
            defs.push(entry);
        }
        let mut rules = Vec::new();
        for (i, r) in program.rules.iter().enumerate() {
            let (entry, form) = match &r.when {
                Some(e) => self.item(&format!("r{i}"), e, &format!("{:?} {:?}", r.kind, r.id)),
                None => self.always(&format!("r{i}")),
            };
            written.rules.push(
                form.and_then(Form::direct)
                    .map(|c| (c, r.when.as_ref().map_or(0, |e| self.c.size(e)))),
            );
            rules.push(entry);
        }
        let mut yields = Vec::new();
        for (i, r) in program.rules.iter().enumerate() {
            let mut ys = Vec::new();
            for (j, y) in r.yields.iter().flatten().enumerate() {
                let what = format!("{:?} {:?}: {}", r.kind, r.id, y.name);
                ys.push(self.item(&format!("y{i}_{j}"), &y.expr, &what).0);
            }
            yields.push(format!("&[{}]", ys.join(", ")));
        }
        let mut outputs = Vec::new();
        for (i, d) in program.decision.iter().enumerate() {
            outputs.push(self.item(&format!("o{i}"), &d.expr, &d.name).0);
        }
        // Every rule decided in one function, in order, before the decision goes
        // through them (and their yields) from the memo.
        let mut all =
            String::from("/// Decides every rule, in order, into the memo.\npub(super) fn all_rules(cx: &mut Cx) {\n");
        for i in 0..program.rules.len() {
            let _ = writeln!(all, "    let _ = {};", self.rule_ref(i as u32));
        }
        all.push_str("}\n");
        let mut out = String::from("// @generated by zhengce from the built-in policy: do not edit.\n");
        out.push_str(&self.fns);
        out.push_str(&all);
        let tables = [
            (
                "Each definition's function, by definition.",
                "DEFS: &[Option<Native>]",
                defs,
            ),
            ("Each rule's function, by rule.", "RULES: &[Option<Native>]", rules),
            (
                "Each rule's yields' functions, by rule.",
                "YIELDS: &[&[Option<Native>]]",
                yields,
            ),
            (
                "Each decision field's function, in order.",
                "OUTPUTS: &[Option<Native>]",
                outputs,
            ),
        ];
        for (doc, declared, entries) in tables {
            let _ = writeln!(
                out,
                "/// {doc}\npub(super) static {declared} = &[{}];",
                entries.join(", ")
            );
        }
        (out, written)
    }

    /// Reading definition `id` (a scalar one without parameters): its function called
    /// directly when it has one, else through the closures' memo.
    fn def_ref(&self, id: DefId) -> String {
        match self.direct.defs.get(id.0 as usize).copied().flatten() {
            Some((false, size)) => format!("cx.def_native(DefId({}), {size}, d{})", id.0, id.0),
            Some((true, size)) => format!(
                "cx.def_native(DefId({}), {size}, |cx| Some(Word::from(d{}(cx))))",
                id.0, id.0
            ),
            None => format!("cx.def_word(DefId({}))", id.0),
        }
    }

    /// Whether rule `i` holds: its function called directly when it has one.
    fn rule_ref(&self, i: u32) -> String {
        match self.direct.rules.get(i as usize).copied().flatten() {
            Some((true, size)) => format!("cx.rule_native(RuleIdx({i}), {size}, r{i})"),
            Some((false, size)) => format!("cx.rule_native(RuleIdx({i}), {size}, |cx| r{i}(cx) == Some(1))"),
            None => format!("cx.rule(RuleIdx({i}))"),
        }
    }

    /// Writes the function `name` for a top-level expression, as the typed evaluator
    /// compiles it (a condition, a scalar or a value); the table entry for it (`None`
    /// when a form in it is not written), and its form.
    fn item(&mut self, name: &str, e: &CExpr, what: &str) -> (String, Option<Form>) {
        self.c.env.clear();
        let written = if Scalar::of(&e.ty) == Some(Scalar::Bool) && is_condition(e) {
            self.cond(e).map(|body| (body, Form::Cond))
        } else {
            match Scalar::of(&e.ty) {
                Some(kind) => self.scalar(e, kind).map(|body| (body, Form::Scalar)),
                None => self.value(e).map(|body| (body, Form::Value)),
            }
        };
        let Ok((body, form)) = written else {
            let what = what.replace('\n', " ");
            let _ = writeln!(self.fns, "// {name} ({what}): left to the closures");
            return ("None".to_string(), None);
        };
        let (returns, variant) = match form {
            Form::Cond => ("bool", "Cond"),
            Form::Scalar => ("Option<Word>", "Scalar"),
            Form::Value => ("Value", "Value"),
        };
        let _ = writeln!(self.fns, "fn {name}(cx: &mut Cx) -> {returns} {{\n    {body}\n}}");
        (format!("Some(Native::{variant}({name}))"), Some(form))
    }

    /// A rule without `when`: it always holds.
    fn always(&mut self, name: &str) -> (String, Option<Form>) {
        let _ = writeln!(self.fns, "fn {name}(_: &mut Cx) -> bool {{\n    true\n}}");
        (format!("Some(Native::Cond({name}))"), Some(Form::Cond))
    }

    /// Whether `e` holds, as a Rust expression of type `bool` (the forms of
    /// `Compiler::cond`).
    pub fn cond(&mut self, e: &CExpr) -> R<String> {
        Ok(match &e.kind {
            CKind::Binary(op @ (BinOp::And | BinOp::Or), l, r) => {
                // Nested `and`s (of an `and`) flattened, in order, as the closures'
                // chain goes through them.
                let mut parts = Vec::new();
                let mut stack = vec![&**r, &**l];
                while let Some(p) = stack.pop() {
                    match &p.kind {
                        CKind::Binary(o, l, r) if o == op => {
                            stack.push(r);
                            stack.push(l);
                        }
                        _ => parts.push(format!("({})", self.cond(p)?)),
                    }
                }
                parts.join(if *op == BinOp::And { " && " } else { " || " })
            }
            CKind::Unary(UnOp::Not, inner) => format!("!({})", self.cond(inner)?),
            CKind::Binary(op, l, r) if comparison(*op) => self.compares(*op, l, r)?,
            CKind::Holds(_, Some(rule)) => self.rule_ref(rule.0),
            CKind::Holds(kind, None) => format!("cx.any_holds(RuleKind::{kind:?})"),
            CKind::Def(id) if self.c.scalar_definition(*id) == Some(Scalar::Bool) => {
                format!("{} == Some(1)", self.def_ref(*id))
            }
            CKind::CaseField(_) | CKind::Local(_) | CKind::GetField(..) if Scalar::of(&e.ty) == Some(Scalar::Bool) => {
                format!("{} == Some(1)", self.read(e, Scalar::Bool)?)
            }
            CKind::IsAbsent(inner, absent) => {
                let kind = Scalar::of(&inner.ty).ok_or(Unsupported)?;
                format!("({}).is_none() == {absent}", self.scalar(inner, kind)?)
            }
            CKind::IsVariant(inner, variant, negated) => {
                let kind @ Scalar::Enum(_) = Scalar::of(&inner.ty).ok_or(Unsupported)? else {
                    return Err(Unsupported);
                };
                let x = self.scalar(inner, kind)?;
                format!("({x}).is_some_and(|v| (v == {variant}) != {negated})")
            }
            _ => match Scalar::of(&e.ty) {
                Some(Scalar::Bool) => format!("{} == Some(1)", self.scalar(e, Scalar::Bool)?),
                Some(kind) => format!("{{ let _ = {}; false }}", self.scalar(e, kind)?),
                None => return Err(Unsupported),
            },
        })
    }

    /// `l op r` for a comparison of two scalars (`Compiler::compares`): both sides
    /// evaluated, the left first; false when either is absent.
    fn compares(&mut self, op: BinOp, l: &CExpr, r: &CExpr) -> R<String> {
        let (ka, kb) = (
            Scalar::of(&l.ty).ok_or(Unsupported)?,
            Scalar::of(&r.ty).ok_or(Unsupported)?,
        );
        let (x, y) = (self.scalar(l, ka)?, self.scalar(r, kb)?);
        let test = if ka == kb && ka.in_natural_order() {
            format!("x {} y", rust_operator(op))
        } else if ka.comparer(kb).is_some() {
            format!(
                "{}.comparer({}).is_some_and(|c| ordered(BinOp::{op:?}, c(x, y)))",
                kind(ka),
                kind(kb)
            )
        } else {
            return Ok(format!("{{ let _ = {x}; let _ = {y}; false }}"));
        };
        Ok(format!(
            "{{ let x = {x}; let y = {y}; matches!((x, y), (Some(x), Some(y)) if {test}) }}"
        ))
    }

    /// `e` as a scalar of kind `kind`, as a Rust expression of type `Option<Word>` (the
    /// forms of `Compiler::scalar`).
    pub fn scalar(&mut self, e: &CExpr, k: Scalar) -> R<String> {
        if k == Scalar::Bool && is_condition(e) {
            return Ok(format!("Some(Word::from({}))", self.cond(e)?));
        }
        Ok(match &e.kind {
            CKind::Const(v) => word(k.word(v).map_err(|_| Unsupported)?),
            CKind::AsOf if k == Scalar::Date => "Some(cx.as_of_word)".to_string(),
            CKind::Def(id) if self.c.program.definitions[id.0 as usize].arity == 0 => {
                if self.c.scalar_definition(*id) != Some(k) {
                    return Err(Unsupported);
                }
                self.def_ref(*id)
            }
            CKind::CaseField(_) | CKind::Local(_) | CKind::GetField(..) => self.read(e, k)?,
            CKind::Unary(UnOp::Neg, inner) => format!("({}).map(Word::saturating_neg)", self.scalar(inner, k)?),
            CKind::WithUnit(inner, unit) if k == Scalar::Quantity(*unit) => self.scalar(inner, Scalar::Int)?,
            CKind::If(c, a, b) => {
                let (c, a, b) = (self.cond(c)?, self.scalar(a, k)?, self.scalar(b, k)?);
                format!("if {c} {{ {a} }} else {{ {b} }}")
            }
            CKind::Match(s, table, arms) => {
                let sk @ Scalar::Enum(_) = Scalar::of(&s.ty).ok_or(Unsupported)? else {
                    return Err(Unsupported);
                };
                let s = self.scalar(s, sk)?;
                // The table typed, so that an empty one is a `[u16; 0]`.
                let mut out = format!(
                    "match ({s}).and_then(|v| usize::try_from(v).ok()).and_then(|v| ([{}] as [u16; {}]).get(v).copied()) {{ ",
                    table.iter().map(|t| format!("{t}u16")).collect::<Vec<_>>().join(", "),
                    table.len()
                );
                for (i, arm) in arms.iter().enumerate() {
                    let _ = write!(out, "Some({i}) => {}, ", self.scalar(arm, k)?);
                }
                out.push_str("_ => None }");
                out
            }
            CKind::Binary(BinOp::Default, l, r) => {
                let (l, r) = (self.scalar(l, k)?, self.scalar(r, k)?);
                format!("match {l} {{ Some(w) => Some(w), None => {r} }}")
            }
            CKind::Binary(op, l, r) => self.arithmetic(*op, l, r, k)?,
            CKind::Aggregate { .. } => self.aggregate_scalar(e, k)?,
            CKind::Call(builtin, args) => self.builtin(*builtin, args, k)?,
            CKind::CallDefinition(id, args) => self.call(*id, args, k)?,
            _ => return Err(Unsupported),
        })
    }

    /// A case field, a function's argument, or a field of either (`Compiler::read`).
    fn read(&mut self, e: &CExpr, k: Scalar) -> R<String> {
        if let Some((path, None)) = self.c.path_of(e) {
            return Ok(match (path.as_slice(), k) {
                (&[a, b], Scalar::Date) => format!("date_field(cx, {a}, {b})"),
                (&[a, b], _) => format!("case_field_of_two(cx, {a}, {b}, {})", kind(k)),
                _ => format!(
                    "{{ let v = {}.iter().fold(cx.facts, |v, i| field(v, *i)); cx.word({}, v) }}",
                    indices(&path),
                    kind(k)
                ),
            });
        }
        if let Some((g, i)) = self.c.local_field_of(e)
            && self.item_slots.contains(&g)
        {
            return Ok(format!("item_field(cx, it{g}, {i}, {})", kind(k)));
        }
        match &e.kind {
            CKind::Local(slot) => {
                let Binding::Slot(g) = self.c.binding(*slot)? else {
                    return Err(Unsupported);
                };
                if self.item_slots.contains(&g) {
                    return Ok(format!("cx.word({}, it{g})", kind(k)));
                }
                // Only the arguments' words are in slots here, each of its kind.
                match self.c.slot_kinds.get(usize::from(g)).copied().flatten() {
                    Some(sk) if sk == k => Ok(format!("s{g}")),
                    _ => Err(Unsupported),
                }
            }
            CKind::GetField(base, i) => {
                let CKind::TableRow(table, key) = &base.kind else {
                    return Err(Unsupported);
                };
                let key_kind = Scalar::of(&key.ty).ok_or(Unsupported)?;
                let by_date = self.c.table_read(*table, key_kind).ok_or(Unsupported)?;
                let key = self.scalar(key, key_kind)?;
                Ok(format!(
                    "{{ let k = {key}; table_cell(cx, {}, {by_date}, k, {i}, {}) }}",
                    table.0,
                    kind(k)
                ))
            }
            _ => Err(Unsupported),
        }
    }

    /// A call of a function (`Compiler::call`): each argument that is a case field
    /// (or some of its fields) read in place, each other one evaluated in order into a
    /// local of its own before the body, which is written inline.
    fn call(&mut self, id: DefId, args: &[CExpr], k: Scalar) -> R<String> {
        self.call_with(id, args, |w, body| w.scalar(body, k))
    }

    /// A call of a function, its body written by `body` (a scalar's or a value's).
    pub(super) fn call_with(
        &mut self,
        id: DefId,
        args: &[CExpr],
        body: impl FnOnce(&mut Self, &CExpr) -> R<String>,
    ) -> R<String> {
        let program = self.c.program;
        let def = &program.definitions[id.0 as usize];
        if def.arity != args.len() {
            return Err(Unsupported);
        }
        let mut frame = Vec::with_capacity(args.len());
        let mut lets = String::new();
        for a in args {
            if let Some((path, picked)) = self.c.path_of(a) {
                frame.push(Some(Binding::Path { path, picked }));
                continue;
            }
            let ak = Scalar::of(&a.ty).ok_or(Unsupported)?;
            let slot = self.c.new_slot()?;
            let value = self.scalar(a, ak)?;
            self.c.slot_kinds[usize::from(slot)] = Some(ak);
            frame.push(Some(Binding::Slot(slot)));
            let _ = write!(lets, "let s{slot}: Option<Word> = {value}; ");
        }
        let outer = std::mem::replace(&mut self.c.env, frame);
        let body = body(self, &def.expr);
        self.c.env = outer;
        Ok(format!("{{ {lets}{} }}", body?))
    }
}

/// Indices (a case field's path, the fields picked of a record) as a Rust array of
/// `u16`.
pub(super) fn indices(path: &[u16]) -> String {
    let items: Vec<String> = path.iter().map(|i| format!("{i}u16")).collect();
    format!("[{}]", items.join(", "))
}

/// A word as a Rust expression of type `Option<Word>`.
pub(super) fn word(w: Option<i64>) -> String {
    match w {
        Some(i64::MIN) => "Some(Word::MIN)".to_string(),
        Some(w) => format!("Some({w})"),
        None => "None".to_string(),
    }
}

/// A scalar kind as a Rust expression.
pub(super) fn kind(k: Scalar) -> String {
    match k {
        Scalar::Bool => "Scalar::Bool".to_string(),
        Scalar::Int => "Scalar::Int".to_string(),
        Scalar::Date => "Scalar::Date".to_string(),
        Scalar::Month => "Scalar::Month".to_string(),
        Scalar::Quantity(u) => format!("Scalar::Quantity({})", unit(u)),
        Scalar::Enum(e) => format!("Scalar::Enum(EnumId({}))", e.0),
    }
}

/// A unit as a Rust expression.
pub(super) fn unit(u: Unit) -> String {
    format!("Unit::{u:?}")
}

/// The Rust operator of a comparison.
fn rust_operator(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "==",
        BinOp::Ne => "!=",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        _ => ">=",
    }
}

//! Compiling the forms whose values are not scalars (texts, lists, records), and calls
//! of the policy's functions, which are compiled into each place that calls them.

use super::Node;
use super::ValueFn;
use super::compile::{Binding, Compiler, R, Unsupported, text_steps};
use super::cx::{Cx, Local};
use crate::ast::BinOp;
use crate::program::{Builtin, CExpr, CKind, DefId};
use crate::value::{Value, YearMonth};

/// What a call does before its body: its arguments put in their slots.
pub(super) type ArgsFn = Box<dyn for<'a> Fn(&mut Cx<'a>) + Send + Sync>;

impl Compiler<'_> {
    /// A constant: one that holds an allocation is read from the thread's own copy.
    fn constant(&mut self, v: Value) -> ValueFn {
        if !v.is_shared() {
            return Box::new(move |_| v.clone());
        }
        let at = self.constants.len();
        self.constants.push(v);
        Box::new(move |cx| cx.constant(at))
    }

    /// `e` as a value.
    pub fn value(&mut self, e: &CExpr) -> R<ValueFn> {
        if let Some(kind) = super::word::Scalar::of(&e.ty) {
            let f = self.scalar(e, kind)?;
            return Ok(Box::new(move |cx| {
                let w = f(cx);
                cx.value_of_word(kind, w)
            }));
        }
        if let Some((path, picked)) = self.path_of(e) {
            return Ok(Box::new(move |cx| {
                let v = cx.facts.at_ref(&path).unwrap_or(&Value::Absent);
                match &picked {
                    None => v.clone(),
                    Some(picked) => v.project(picked),
                }
            }));
        }
        Ok(match &e.kind {
            CKind::Const(v) => self.constant(v.clone()),
            CKind::Local(slot) => {
                let Binding::Slot(g) = self.binding(*slot)? else {
                    return Err(Unsupported);
                };
                if self.slot_kinds.get(usize::from(g)).copied().flatten().is_some() {
                    return Err(Unsupported);
                }
                Box::new(move |cx| match cx.local(g) {
                    Local::Item(items, at) => items.get(*at).cloned().unwrap_or(Value::Absent),
                    Local::Value(v) => v.clone(),
                    Local::Word(_) | Local::Empty => Value::Absent,
                })
            }
            CKind::GetField(base, i) => {
                let (base, i) = (self.value(base)?, *i as usize);
                Box::new(move |cx| match base(cx) {
                    Value::Record(fields) => fields.get(i).cloned().unwrap_or(Value::Absent),
                    _ => Value::Absent,
                })
            }
            CKind::Project(base, picked) => {
                let (base, picked) = (self.value(base)?, picked.to_vec());
                Box::new(move |cx| base(cx).project(&picked))
            }
            CKind::Def(id) if self.program.definitions[id.0 as usize].arity == 0 => {
                let id = *id;
                Box::new(move |cx| cx.def_value(id))
            }
            CKind::If(c, a, b) => {
                let (c, a, b) = (self.cond(c)?, self.value(a)?, self.value(b)?);
                Box::new(move |cx| if c(cx) { a(cx) } else { b(cx) })
            }
            CKind::Binary(BinOp::Default, l, r) => {
                let (l, r) = (self.value(l)?, self.value(r)?);
                Box::new(move |cx| match l(cx) {
                    Value::Absent => r(cx),
                    v => v,
                })
            }
            CKind::Match(s, table, arms) => {
                let Node::Scalar(s, super::word::Scalar::Enum(_)) = self.node(s)? else {
                    return Err(Unsupported);
                };
                let arms: Vec<ValueFn> = arms.iter().map(|a| self.value(a)).collect::<R<_>>()?;
                let table = table.clone();
                Box::new(move |cx| {
                    let arm = s(cx)
                        .and_then(|v| table.get(usize::try_from(v).ok()?))
                        .and_then(|a| arms.get(*a as usize));
                    arm.map_or(Value::Absent, |arm| arm(cx))
                })
            }
            // A list of constants is made once.
            CKind::List(items) if items.iter().all(|i| matches!(i.kind, CKind::Const(_))) => {
                let list: Value = Value::List(
                    items
                        .iter()
                        .map(|i| match &i.kind {
                            CKind::Const(v) => v.clone(),
                            _ => Value::Absent,
                        })
                        .collect(),
                );
                self.constant(list)
            }
            CKind::List(items) => {
                let items: Vec<Node> = items.iter().map(|i| self.node(i)).collect::<R<_>>()?;
                Box::new(move |cx| Value::List(items.iter().map(|i| cx.value_of(i)).collect()))
            }
            CKind::Record(fields) => {
                let fields: Vec<Node> = fields.iter().map(|f| self.node(f)).collect::<R<_>>()?;
                Box::new(move |cx| Value::Record(fields.iter().map(|f| cx.value_of(f)).collect()))
            }
            CKind::Aggregate { .. } => self.aggregate_value(e)?,
            CKind::Call(Builtin::MonthsFromTo, args) => {
                let [a, b] = args.as_slice() else {
                    return Err(Unsupported);
                };
                let month = super::word::Scalar::Month;
                let (a, b) = (self.scalar(a, month)?, self.scalar(b, month)?);
                Box::new(move |cx| {
                    let (a, b) = (a(cx), b(cx));
                    months_from_to(cx, a, b)
                })
            }
            CKind::Call(Builtin::Trim, args) => {
                let [a] = args.as_slice() else { return Err(Unsupported) };
                let a = self.value(a)?;
                Box::new(move |cx| match a(cx) {
                    Value::Text(t) => {
                        cx.charge(text_steps(&t));
                        // Most texts have nothing to trim: the same text, not a copy.
                        match t.trim() {
                            trimmed if trimmed.len() == t.len() => Value::Text(t),
                            trimmed => Value::Text(trimmed.into()),
                        }
                    }
                    _ => Value::Absent,
                })
            }
            CKind::CallDefinition(id, args) => {
                let (args, body) = self.call(*id, args, |c, body| c.value(body))?;
                Box::new(move |cx| {
                    args(cx);
                    body(cx)
                })
            }
            _ => return Err(Unsupported),
        })
    }

    /// A call of the policy's function `id`, compiled where it is called: its
    /// arguments (those that are case fields are read in place by the body, the
    /// others put in slots of their own) and its body, compiled by `body`.
    pub fn call<T>(
        &mut self,
        id: DefId,
        args: &[CExpr],
        body: impl FnOnce(&mut Self, &CExpr) -> R<T>,
    ) -> R<(ArgsFn, T)> {
        let program = self.program;
        let def = &program.definitions[id.0 as usize];
        if def.arity != args.len() {
            return Err(Unsupported);
        }
        let mut frame = Vec::with_capacity(args.len());
        let mut setters: Vec<(u16, Node)> = Vec::new();
        for a in args {
            if let Some((path, picked)) = self.path_of(a) {
                frame.push(Some(Binding::Path { path, picked }));
                continue;
            }
            let slot = self.new_slot()?;
            let node = self.node(a)?;
            if let Node::Scalar(_, kind) = &node {
                self.slot_kinds[usize::from(slot)] = Some(*kind);
            }
            frame.push(Some(Binding::Slot(slot)));
            setters.push((slot, node));
        }
        let outer = std::mem::replace(&mut self.env, frame);
        let compiled = body(self, &def.expr);
        self.env = outer;
        let compiled = compiled?;
        let args: ArgsFn = Box::new(move |cx| {
            for (slot, node) in &setters {
                let local = match node {
                    Node::Scalar(f, _) => Local::Word(f(cx)),
                    Node::Value(f) => Local::Value(f(cx)),
                };
                cx.set_local(*slot, local);
            }
        });
        Ok((args, compiled))
    }
}

/// The months from `a` to `b`, both included (`months_from_to`), a step each; shared
/// with the code generated for a policy.
pub(super) fn months_from_to(cx: &mut Cx, a: Option<super::word::Word>, b: Option<super::word::Word>) -> Value {
    let (Some(a), Some(b)) = (a, b) else {
        return Value::Absent;
    };
    let (Ok(a), Ok(b)) = (i32::try_from(a), i32::try_from(b)) else {
        return Value::Absent;
    };
    cx.charge((i64::from(b) - i64::from(a) + 1).max(0) as u64);
    if cx.bail {
        return Value::Absent;
    }
    Value::List((a..=b).map(|m| Value::Month(YearMonth(m))).collect())
}

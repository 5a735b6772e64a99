//! Values that are not scalars (lists, records, texts) written as Rust expressions of
//! type `Value`, as `Compiler::value` and `Compiler::aggregate_value` compile them:
//! the same values made, the same steps charged, the same lists handed on whole. A
//! list's items are gone through in place (`it{slot}`, a `&Value`), the items a
//! filter keeps kept on the thread's stack as the closures keep them, and a filter by
//! a membership key set (the months without a follow-up) looked up as the closures do
//! (`Cx::kept_by_keys`), its keys gathered by a loop written here.

use super::super::compile::{Binding, R, Unsupported};
use super::super::word::Scalar;
use super::emit::{Writer, indices, kind};
use crate::ast::{AggOp, UnOp};
use crate::program::{Builtin, CExpr, CKind, Membership};
use std::fmt::Write;

impl Writer<'_> {
    /// `e` as a value, a Rust expression of type `Value`.
    pub(super) fn value(&mut self, e: &CExpr) -> R<String> {
        if let Some(k) = Scalar::of(&e.ty) {
            let w = self.scalar(e, k)?;
            return Ok(format!("{{ let w = {w}; cx.value_of_word({}, w) }}", kind(k)));
        }
        if let Some((path, picked)) = self.c.path_of(e) {
            let at = format!("cx.facts.at_ref(&{}).unwrap_or(&Value::Absent)", indices(&path));
            return Ok(match picked {
                None => format!("{at}.clone()"),
                Some(picked) => format!("{at}.project(&{})", indices(&picked)),
            });
        }
        Ok(match &e.kind {
            CKind::Local(slot) => {
                let Binding::Slot(g) = self.c.binding(*slot)? else {
                    return Err(Unsupported);
                };
                if !self.item_slots.contains(&g) {
                    return Err(Unsupported);
                }
                format!("it{g}.clone()")
            }
            CKind::GetField(base, i) => format!(
                "match {} {{ Value::Record(fields) => fields.get({i}).cloned().unwrap_or(Value::Absent), _ => Value::Absent }}",
                self.value(base)?
            ),
            CKind::Project(base, picked) => format!("({}).project(&{})", self.value(base)?, indices(picked)),
            CKind::Def(id) if self.c.program.definitions[id.0 as usize].arity == 0 => {
                format!("cx.def_value(DefId({}))", id.0)
            }
            CKind::If(c, a, b) => {
                let (c, a, b) = (self.cond(c)?, self.value(a)?, self.value(b)?);
                format!("if {c} {{ {a} }} else {{ {b} }}")
            }
            CKind::Binary(crate::ast::BinOp::Default, l, r) => {
                let (l, r) = (self.value(l)?, self.value(r)?);
                format!("match {l} {{ Value::Absent => {r}, v => v }}")
            }
            CKind::Aggregate { .. } => self.aggregate_value(e)?,
            CKind::Call(Builtin::MonthsFromTo, args) => {
                let [a, b] = args.as_slice() else {
                    return Err(Unsupported);
                };
                let (a, b) = (self.scalar(a, Scalar::Month)?, self.scalar(b, Scalar::Month)?);
                format!("{{ let a = {a}; let b = {b}; months_from_to(cx, a, b) }}")
            }
            CKind::CallDefinition(id, args) => self.call_with(*id, args, |w, body| w.value(body))?,
            _ => return Err(Unsupported),
        })
    }

    /// An aggregation whose value is a list: a filter by a membership key set, or a
    /// `filter`, `sorted` or `months_covered` gone through item by item.
    fn aggregate_value(&mut self, e: &CExpr) -> R<String> {
        if let Some(written) = self.filter_by_keys(e)? {
            return Ok(written);
        }
        let CKind::Aggregate {
            op,
            slot,
            list,
            filter,
            body,
            until,
            membership: None,
        } = &e.kind
        else {
            return Err(Unsupported);
        };
        let list = self.value(list)?;
        let g = self.c.new_slot()?;
        let earlier = self.c.bind(*slot, Binding::Slot(g));
        self.item_slots.push(g);
        let parts = (|| -> R<_> {
            let f = filter.as_deref().map(|f| self.cond(f)).transpose()?;
            let b = body.as_deref().map(|b| self.node(b)).transpose()?;
            let u = until.as_deref().map(|u| self.node(u)).transpose()?;
            Ok((f, b, u))
        })();
        self.item_slots.pop();
        self.c.unbind(*slot, earlier);
        let (filter_src, body_src, until_src) = parts?;
        let parts = [filter, body, until];
        let per_item = self.c.item_steps(parts.iter().filter_map(|p| p.as_deref()));
        let keep = filter_src.map_or("true".to_string(), |f| format!("({f})"));
        // What `each` of the closures does for item `it{g}`: its steps, and whether
        // it passes the filter; `on_bail` ends the aggregation.
        let each = |on_bail: &str| format!("cx.charge({per_item}); if cx.bail {{ {on_bail} }} let pass = {keep};");
        let start = format!("let Value::List(items) = {list} else {{ return Value::List(Arc::new([])); }};");
        Ok(match op {
            AggOp::Filter => {
                let mut out = format!(
                    "(|| -> Value {{ {start} let base = cx.kept_base(); let mut whole = {}; \
                     for (index, it{g}) in items.iter().enumerate() {{ {} \
                     if !pass {{ if whole {{ whole = false; items[..index].iter().for_each(|k| cx.keep(k.clone())); }} continue; }} ",
                    body_src.is_none(),
                    each("cx.drop_kept(base); return Value::Absent;")
                );
                match body_src {
                    Some((b, Some(k))) => {
                        let _ = write!(
                            out,
                            "let w = {b}; let v = cx.value_of_word({}, w); cx.keep(v); ",
                            kind(k)
                        );
                    }
                    Some((b, None)) => {
                        let _ = write!(out, "let v = {b}; cx.keep(v); ");
                    }
                    None => {
                        let _ = write!(out, "if !whole {{ cx.keep(it{g}.clone()); }} ");
                    }
                }
                out.push_str("} if whole { return Value::List(items); } Value::List(cx.kept_list(base)) })()");
                out
            }
            AggOp::Sorted => {
                let Some((key, Some(k))) = body_src else {
                    return Err(Unsupported);
                };
                k.comparer(k).ok_or(Unsupported)?;
                format!(
                    "(|| -> Value {{ {start} let mut kept: Vec<(usize, Option<Word>)> = Vec::new(); \
                     for (index, it{g}) in items.iter().enumerate() {{ {} if pass {{ let k = {key}; kept.push((index, k)); }} }} \
                     sorted_items(items, kept, {}) }})()",
                    each("return Value::Absent;"),
                    kind(k)
                )
            }
            AggOp::MonthsCovered => {
                let (Some((from, Some(kf))), Some((to, Some(kt)))) = (body_src, until_src) else {
                    return Err(Unsupported);
                };
                let month = |k: Scalar, w: &str| match k {
                    Scalar::Month => Ok(w.to_string()),
                    Scalar::Date => Ok(format!("{w}.map(month_of)")),
                    _ => Err(Unsupported),
                };
                let (mf, mt) = (month(kf, "a")?, month(kt, "b")?);
                format!(
                    "(|| -> Value {{ {start} let mut months: Vec<Word> = Vec::new(); \
                     for it{g} in items.iter() {{ {} if pass {{ let a = {from}; let b = {to}; \
                     if let (Some(a), Some(b)) = ({mf}, {mt}) {{ cx.charge((b - a + 1).max(0) as u64); if cx.bail {{ return Value::Absent; }} months.extend(a..=b); }} }} }} \
                     months_value(cx, months) }})()",
                    each("return Value::Absent;")
                )
            }
            _ => return Err(Unsupported),
        })
    }

    /// `e` as the closures' `Node`: a scalar's word (with its kind) or a value.
    fn node(&mut self, e: &CExpr) -> R<(String, Option<Scalar>)> {
        match Scalar::of(&e.ty) {
            Some(k) => Ok((self.scalar(e, k)?, Some(k))),
            None => Ok((self.value(e)?, None)),
        }
    }

    /// `filter(m in list where [not] any(x in keys where filter: key == m))`, as
    /// `Compiler::filter_by_keys` compiles it; `Ok(None)` when `e` is not of that shape.
    fn filter_by_keys(&mut self, e: &CExpr) -> R<Option<String>> {
        let CKind::Aggregate {
            op: AggOp::Filter,
            slot,
            list,
            filter: Some(filter),
            body: None,
            until: None,
            ..
        } = &e.kind
        else {
            return Ok(None);
        };
        let (test, keep_found) = match &filter.kind {
            CKind::Unary(UnOp::Not, test) => (&**test, false),
            _ => (&**filter, true),
        };
        let CKind::Aggregate {
            op: AggOp::Any,
            membership: Some(m),
            slot: key_slot,
            list: key_list,
            filter: key_filter,
            body: Some(key_body),
            until: None,
        } = &test.kind
        else {
            return Ok(None);
        };
        let CKind::Binary(_, left, right) = &key_body.kind else {
            return Ok(None);
        };
        let (key, probe) = if m.key_is_left {
            (&**left, &**right)
        } else {
            (&**right, &**left)
        };
        let Some(k) = Scalar::of(&probe.ty) else {
            return Ok(None);
        };
        if !matches!(probe.kind, CKind::Local(s) if s == *slot)
            || Scalar::of(&key.ty) != Some(k)
            || !k.in_natural_order()
        {
            return Ok(None);
        }
        let list = self.value(list)?;
        let parts = [key_filter.as_deref(), Some(&**key_body)];
        let keys = self.key_gathering(*m, *key_slot, key_list, key_filter.as_deref(), key, parts)?;
        let per_item = self.c.item_steps(std::iter::once(&**filter)).saturating_add(1);
        Ok(Some(format!(
            "(|| -> Value {{ let Value::List(items) = {list} else {{ return Value::List(Arc::new([])); }}; \
             if items.is_empty() {{ return Value::List(items); }} \
             if !{keys} {{ return Value::Absent; }} \
             cx.charge({per_item}u64.saturating_mul(items.len() as u64)); if cx.bail {{ return Value::Absent; }} \
             match cx.kept_by_keys({}, &items, {}, {keep_found}) {{ Some(kept) => Value::List(kept), None => cx.hand_back().unwrap_or(Value::Absent) }} }})()",
            m.index,
            kind(k)
        )))
    }

    /// A block gathering the key set of membership test `m` unless it is gathered
    /// for this case (`KeySet::gather`): `true`, or `false` when the case is handed
    /// back while gathering.
    fn key_gathering(
        &mut self,
        m: Membership,
        slot: u16,
        list: &CExpr,
        filter: Option<&CExpr>,
        key: &CExpr,
        parts: [Option<&CExpr>; 2],
    ) -> R<String> {
        let list = self.value(list)?;
        let g = self.c.new_slot()?;
        let earlier = self.c.bind(slot, Binding::Slot(g));
        self.item_slots.push(g);
        let written = (|| -> R<_> {
            let f = filter.map(|f| self.cond(f)).transpose()?;
            let k = Scalar::of(&key.ty).ok_or(Unsupported)?;
            Ok((f, self.scalar(key, k)?))
        })();
        self.item_slots.pop();
        self.c.unbind(slot, earlier);
        let (filter, key) = written?;
        let per_item = self.c.item_steps(parts.into_iter().flatten());
        let at = m.index;
        let skip = filter.map_or(String::new(), |f| format!("if !({f}) {{ continue; }} "));
        Ok(format!(
            "(|| -> bool {{ if cx.key_set({at}).is_some() {{ return true; }} let mut keys = cx.spare_keys({at}); \
             if let Value::List(items) = {list} {{ for it{g} in items.iter() {{ cx.charge({per_item}); if cx.bail {{ return false; }} \
             {skip}if let Some(k) = {key} {{ keys.push(k); }} }} }} \
             keys.sort_unstable(); keys.dedup(); cx.keep_key_set({at}, keys); true }})()"
        ))
    }
}

//! Compiling aggregations: each goes through its list with the item in a slot of its
//! own, counting every item's nodes towards the bound on the walker's steps.

use super::compile::{Binding, Compiler, CondFn, R, Unsupported, pick};
use super::cx::{Cx, Local};
use super::word::{Scalar, Word, month_of};
use super::{Node, ScalarFn, ValueFn};
use crate::ast::AggOp;
use crate::program::{CExpr, CKind, Membership};
use crate::value::{Value, YearMonth};
use std::cmp::Ordering;
use std::sync::Arc;

/// An aggregation's parts, compiled.
pub(super) struct Parts {
    op: AggOp,
    pub slot: u16,
    pub list: ValueFn,
    pub filter: Option<CondFn>,
    body: Option<Node>,
    until: Option<Node>,
    /// The steps one item takes at most.
    pub per_item: u64,
}

impl Compiler<'_> {
    /// Compiles an aggregation's list, filter, body and end with its item in a slot.
    pub(super) fn parts(&mut self, e: &CExpr) -> R<(Parts, Option<Membership>)> {
        let CKind::Aggregate {
            op,
            slot,
            list,
            filter,
            body,
            until,
            membership,
        } = &e.kind
        else {
            return Err(Unsupported);
        };
        let list_fn = self.value(list)?;
        let g = self.new_slot()?;
        let earlier = self.bind(*slot, Binding::Slot(g));
        let compiled = (|| -> R<_> {
            let f = filter.as_deref().map(|f| self.cond(f)).transpose()?;
            // A membership test's body is compiled as its key and probe.
            let b = match membership {
                Some(_) => None,
                None => body.as_deref().map(|b| self.node(b)).transpose()?,
            };
            let u = until.as_deref().map(|u| self.node(u)).transpose()?;
            Ok((f, b, u))
        })();
        self.unbind(*slot, earlier);
        let (filter_fn, body_fn, until_fn) = compiled?;
        let parts = [filter, body, until];
        let per_item = self.item_steps(parts.iter().filter_map(|p| p.as_deref()));
        Ok((
            Parts {
                op: *op,
                slot: g,
                list: list_fn,
                filter: filter_fn,
                body: body_fn,
                until: until_fn,
                per_item,
            },
            *membership,
        ))
    }

    /// The steps one item of an aggregation takes at most: two, and the nodes of its
    /// filter, body and end (`parts`).
    pub(super) fn item_steps<'e>(&mut self, parts: impl Iterator<Item = &'e CExpr>) -> u64 {
        parts.fold(2u64, |steps, part| steps.saturating_add(self.size(part)))
    }

    /// An aggregation whose value is a scalar.
    pub fn aggregate_scalar(&mut self, e: &CExpr, kind: Scalar) -> R<ScalarFn> {
        let (parts, membership) = self.parts(e)?;
        if let Some(m) = membership {
            return self.membership(e, m, parts);
        }
        let Parts {
            op,
            slot,
            list,
            filter,
            body,
            per_item,
            ..
        } = parts;
        let body: Option<ScalarFn> = match body {
            Some(Node::Scalar(f, k)) if k == kind || matches!(op, AggOp::Any | AggOp::All) => Some(f),
            Some(Node::Scalar(f, _)) if matches!(op, AggOp::Count | AggOp::LongestRun) => Some(f),
            None => None,
            _ => return Err(Unsupported),
        };
        let cmp = kind.comparer(kind);
        let order = match op {
            AggOp::Min | AggOp::Earliest => Ordering::Less,
            AggOp::Max | AggOp::Latest => Ordering::Greater,
            AggOp::Count | AggOp::Any | AggOp::All | AggOp::LongestRun | AggOp::Sum => Ordering::Equal,
            AggOp::MonthsCovered | AggOp::Filter | AggOp::Sorted => return Err(Unsupported),
        };
        if order != Ordering::Equal && cmp.is_none() {
            return Err(Unsupported);
        }
        if op == AggOp::Sum && !matches!(kind, Scalar::Int | Scalar::Quantity(_)) {
            return Err(Unsupported);
        }
        Ok(Box::new(move |cx| {
            let Value::List(items) = list(cx) else {
                return nothing(op);
            };
            cx.set_local(slot, Local::Item(items.clone(), 0));
            let (mut count, mut run, mut longest) = (0 as Word, 0 as Word, 0 as Word);
            let mut result = nothing(op);
            for (index, item) in items.iter().enumerate() {
                cx.charge(per_item);
                if cx.bail {
                    return None;
                }
                cx.set_index(slot, index);
                if let Some(f) = &filter
                    && !f(cx)
                {
                    run = 0;
                    continue;
                }
                run += 1;
                longest = longest.max(run);
                count += 1;
                let value = match (&body, op) {
                    (Some(b), _) => b(cx),
                    (None, AggOp::Count | AggOp::LongestRun | AggOp::Any) => None,
                    (None, _) => cx.word(kind, item),
                };
                match op {
                    AggOp::Any if value == Some(1) || body.is_none() => return Some(1),
                    AggOp::All if value != Some(1) => return Some(0),
                    AggOp::Sum if result.is_none() => result = value,
                    // The walker adds with the absent rule and no failure: an overflow
                    // or an absent item makes the sum absent (and the next item starts
                    // it again).
                    AggOp::Sum => result = value.and_then(|v| result?.checked_add(v)),
                    AggOp::Min | AggOp::Max | AggOp::Earliest | AggOp::Latest => {
                        if let Some(cmp) = cmp {
                            result = pick(result, value, order, cmp);
                        }
                    }
                    _ => {}
                }
            }
            match op {
                AggOp::Count => Some(count),
                AggOp::LongestRun => Some(longest),
                _ => result,
            }
        }))
    }

    /// An aggregation whose value is a list: `filter`, `sorted`, `months_covered`.
    pub fn aggregate_value(&mut self, e: &CExpr) -> R<ValueFn> {
        if let Some(f) = self.filter_by_keys(e)? {
            return Ok(f);
        }
        let (parts, membership) = self.parts(e)?;
        if membership.is_some() {
            return Err(Unsupported);
        }
        let Parts {
            op,
            slot,
            list,
            filter,
            body,
            until,
            per_item,
        } = parts;
        let each = move |cx: &mut Cx, index: usize| -> Option<bool> {
            cx.charge(per_item);
            if cx.bail {
                return None;
            }
            cx.set_index(slot, index);
            Some(filter.as_ref().is_none_or(|f| f(cx)))
        };
        let start = move |cx: &mut Cx, items: &Arc<[Value]>| cx.set_local(slot, Local::Item(items.clone(), 0));
        Ok(match op {
            AggOp::Filter => Box::new(move |cx| {
                let Value::List(items) = list(cx) else {
                    return Value::List(Arc::new([]));
                };
                start(cx, &items);
                let base = cx.kept_base();
                // Without a body, the items are kept as they are: until one is left
                // out, none is copied, and a list kept whole is the list itself.
                let mut whole = body.is_none();
                for (index, item) in items.iter().enumerate() {
                    match each(cx, index) {
                        None => {
                            cx.drop_kept(base);
                            return Value::Absent;
                        }
                        Some(false) => {
                            if whole {
                                whole = false;
                                items[..index].iter().for_each(|kept| cx.keep(kept.clone()));
                            }
                        }
                        Some(true) => match &body {
                            Some(b) => {
                                let kept = cx.value_of(b);
                                cx.keep(kept);
                            }
                            None if whole => {}
                            None => cx.keep(item.clone()),
                        },
                    }
                }
                if whole {
                    return Value::List(items);
                }
                Value::List(cx.kept_list(base))
            }),
            AggOp::Sorted => {
                let Some(Node::Scalar(key, kind)) = body else {
                    return Err(Unsupported);
                };
                let cmp = kind.comparer(kind).ok_or(Unsupported)?;
                Box::new(move |cx| {
                    let Value::List(items) = list(cx) else {
                        return Value::List(Arc::new([]));
                    };
                    start(cx, &items);
                    let mut kept: Vec<(usize, Option<Word>)> = Vec::new();
                    for index in 0..items.len() {
                        match each(cx, index) {
                            None => return Value::Absent,
                            Some(false) => {}
                            Some(true) => kept.push((index, key(cx))),
                        }
                    }
                    sorted_by(items, kept, cmp)
                })
            }
            AggOp::MonthsCovered => {
                let (Some(Node::Scalar(from, kf)), Some(Node::Scalar(to, kt))) = (body, until) else {
                    return Err(Unsupported);
                };
                let month = |k: Scalar| -> R<fn(Word) -> Word> {
                    match k {
                        Scalar::Month => Ok(|w| w),
                        Scalar::Date => Ok(month_of),
                        _ => Err(Unsupported),
                    }
                };
                let (mf, mt) = (month(kf)?, month(kt)?);
                Box::new(move |cx| {
                    let Value::List(items) = list(cx) else {
                        return Value::List(Arc::new([]));
                    };
                    start(cx, &items);
                    let mut months: Vec<Word> = Vec::new();
                    for index in 0..items.len() {
                        match each(cx, index) {
                            None => return Value::Absent,
                            Some(false) => {}
                            Some(true) => {
                                let (a, b) = (from(cx), to(cx));
                                if let (Some(a), Some(b)) = (a.map(mf), b.map(mt)) {
                                    cx.charge((b - a + 1).max(0) as u64);
                                    if cx.bail {
                                        return Value::Absent;
                                    }
                                    months.extend(a..=b);
                                }
                            }
                        }
                    }
                    months_value(cx, months)
                })
            }
            _ => return Err(Unsupported),
        })
    }
}

/// The items of `items` at the indices `kept`, ordered by their keys by `cmp` (absent
/// keys last; a stable sort keeps ties in list order); shared with the code generated
/// for a policy, which gives the kind of the keys (`sorted_items`).
pub(super) fn sorted_by(
    items: Arc<[Value]>,
    mut kept: Vec<(usize, Option<Word>)>,
    cmp: fn(Word, Word) -> Ordering,
) -> Value {
    let order = |(_, a): &(usize, Option<Word>), (_, b): &(usize, Option<Word>)| match (a, b) {
        (Some(a), Some(b)) => cmp(*a, *b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    // A list kept whole and in order already (services are mostly recorded by date)
    // is the list itself.
    if kept.len() == items.len() && kept.is_sorted_by(|a, b| order(a, b) != Ordering::Greater) {
        return Value::List(items);
    }
    kept.sort_by(order);
    Value::List(kept.into_iter().map(|(index, _)| items[index].clone()).collect())
}

/// [`sorted_by`] with keys of kind `kind` (one that orders: checked when written).
pub(super) fn sorted_items(items: Arc<[Value]>, kept: Vec<(usize, Option<Word>)>, kind: Scalar) -> Value {
    match kind.comparer(kind) {
        Some(cmp) => sorted_by(items, kept, cmp),
        None => Value::Absent,
    }
}

/// The distinct months covered, ascending, as a list (`months_covered`); a month past
/// the calendar hands the case back.
pub(super) fn months_value(cx: &mut Cx, mut months: Vec<Word>) -> Value {
    months.sort_unstable();
    months.dedup();
    let months: Option<Vec<Value>> = months
        .into_iter()
        .map(|m| Some(Value::Month(YearMonth(i32::try_from(m).ok()?))))
        .collect();
    months.map_or_else(|| cx.hand_back().unwrap_or(Value::Absent), |m| Value::List(m.into()))
}

/// An aggregation of a value that is no list.
fn nothing(op: AggOp) -> Option<Word> {
    match op {
        AggOp::Count => Some(0),
        AggOp::Any => Some(0),
        AggOp::All => Some(1),
        _ => None,
    }
}

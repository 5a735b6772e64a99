//! Aggregations over lists: count, any, all, sum, min, max, latest, earliest,
//! longest_run, filter, sorted and months_covered. Each goes through a list once,
//! counting its items against the step budget, and so does comparing the values they
//! pick from.

use super::budget::quick_compare;
use super::item_lookup::ItemLookup;
use super::{Evaluation, arithmetic};
use crate::ast::{AggOp, BinOp};
use crate::program::{CExpr, CKind, Membership};
use crate::source::Span;
use crate::value::{Value, YearMonth};
use std::cmp::Ordering;

impl Evaluation<'_> {
    /// An aggregation (`kind` is [`CKind::Aggregate`]), its step taken: out of the
    /// evaluator's large function, whose every call pays for what its forms keep.
    #[inline(never)]
    pub(super) fn aggregation(&mut self, kind: &CKind) -> Value {
        let CKind::Aggregate {
            op,
            slot,
            list,
            filter,
            body,
            until,
            membership,
        } = kind
        else {
            return Value::Absent;
        };
        self.going_through(list.span, |ev| {
            let (filter, body) = (filter.as_deref(), body.as_deref());
            if let (Some(m), Some(CKind::Binary(_, left, right))) = (membership, body.map(|b| &b.kind)) {
                let (key, probe) = if m.key_is_left { (left, right) } else { (right, left) };
                return ev.member(*m, *slot, list, filter, key, probe);
            }
            match op {
                AggOp::MonthsCovered => ev.months_covered(*slot, list, filter, body, until.as_deref()),
                AggOp::Filter | AggOp::Sorted => ev.select(*op, *slot, list, filter, body),
                _ => ev.aggregate(*op, *slot, list, filter, body),
            }
        })
    }

    /// A membership test, `any(x in list where filter: key == probe)` (see
    /// [`Membership`]): the keys of the items that pass are gathered once per case, each
    /// item a step as when going through the list, and the probe is looked up in them.
    pub(super) fn member(
        &mut self,
        m: Membership,
        slot: u16,
        list: &CExpr,
        filter: Option<&CExpr>,
        key: &CExpr,
        probe: &CExpr,
    ) -> Value {
        let probe = self.eval(probe);
        let at = m.index as usize;
        if self.key_sets.get(at).is_none_or(Option::is_none) {
            let Some(keys) = self.key_set(slot, list, filter, key) else {
                return Value::Absent;
            };
            if self.key_sets.len() <= at {
                self.key_sets.resize(at + 1, None);
            }
            self.key_sets[at] = Some(keys);
        }
        if !self.step(1, &list.span) {
            return Value::Absent;
        }
        let keys = self.key_sets[at].as_deref().unwrap_or_default();
        let found = keys
            .binary_search_by(|k| quick_compare(k, &probe).unwrap_or(Ordering::Less))
            .is_ok();
        Value::Bool(found)
    }

    /// The sorted keys of the items that pass the filter (absent keys equal nothing and
    /// are left out); `None` when the steps ran out.
    fn key_set(&mut self, slot: u16, list: &CExpr, filter: Option<&CExpr>, key: &CExpr) -> Option<Vec<Value>> {
        let Value::List(items) = self.eval(list) else {
            return Some(Vec::new());
        };
        let mut keys = Vec::with_capacity(items.len());
        for index in 0..items.len() {
            if !self.step(1, &list.span) {
                self.locals.truncate(slot as usize);
                return None;
            }
            self.bind_item(slot, &items, index);
            if filter.is_some_and(|f| !self.truth(f)) {
                continue;
            }
            let k = self.eval(key);
            if !k.is_absent() {
                keys.push(k);
            }
        }
        self.locals.truncate(slot as usize);
        // One kind of value (the checker typed the key), so this order is total.
        keys.sort_by(|a, b| quick_compare(a, b).unwrap_or(Ordering::Equal));
        keys.dedup_by(|a, b| quick_compare(a, b) == Some(Ordering::Equal));
        Some(keys)
    }

    pub(super) fn aggregate(
        &mut self,
        op: AggOp,
        slot: u16,
        list: &CExpr,
        filter: Option<&CExpr>,
        body: Option<&CExpr>,
    ) -> Value {
        let Value::List(items) = self.eval(list) else {
            return aggregate_of_nothing(op);
        };
        let mut count = 0i64;
        let (mut run, mut longest) = (0i64, 0i64);
        let mut result = aggregate_of_nothing(op);
        for (index, item) in items.iter().enumerate() {
            if !self.step(1, &list.span) {
                self.locals.truncate(slot as usize);
                return Value::Absent;
            }
            self.bind_item(slot, &items, index);
            if let Some(f) = filter
                && !self.truth(f)
            {
                run = 0;
                continue;
            }
            run += 1;
            longest = longest.max(run);
            count += 1;
            let value = match (body, op) {
                (Some(b), _) => self.eval(b),
                // The item itself is not needed to count it (nor for `any` with no
                // body): no copy, whose count of references two atomic operations change.
                (None, AggOp::Count | AggOp::LongestRun | AggOp::Any) => Value::Absent,
                (None, _) => item.clone(),
            };
            match op {
                AggOp::Count => {}
                AggOp::Any if value.truthy() || body.is_none() => {
                    result = Value::Bool(true);
                    break;
                }
                AggOp::All if !value.truthy() => {
                    result = Value::Bool(false);
                    break;
                }
                AggOp::Any | AggOp::All => {}
                AggOp::Sum if result.is_absent() => result = value,
                AggOp::Sum => result = arithmetic::apply(BinOp::Add, &result, &value).unwrap_or(Value::Absent),
                AggOp::Min | AggOp::Earliest => result = self.pick(result, value, Ordering::Less, list.span),
                AggOp::Max | AggOp::Latest => result = self.pick(result, value, Ordering::Greater, list.span),
                AggOp::LongestRun | AggOp::MonthsCovered | AggOp::Filter | AggOp::Sorted => {}
            }
        }
        self.locals.truncate(slot as usize);
        match op {
            AggOp::Count => Value::Int(count),
            AggOp::LongestRun => Value::Int(longest),
            _ => result,
        }
    }

    /// `filter`: the items that pass (or their bodies); `sorted`: the items that pass,
    /// ordered by their bodies, ties in list order.
    pub(super) fn select(
        &mut self,
        op: AggOp,
        slot: u16,
        list: &CExpr,
        filter: Option<&CExpr>,
        body: Option<&CExpr>,
    ) -> Value {
        let Value::List(items) = self.eval(list) else {
            return Value::List(Vec::new().into());
        };
        if op == AggOp::Filter {
            return self.filter(&items, slot, list, filter, body);
        }
        // The index of each item that passes, which `sorted` returns, and its key.
        let mut kept: Vec<(usize, Value)> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            if !self.step(1, &list.span) {
                self.locals.truncate(slot as usize);
                return Value::Absent;
            }
            self.bind_item(slot, &items, index);
            if filter.is_some_and(|f| !self.truth(f)) {
                continue;
            }
            let key = body.map_or_else(|| item.clone(), |b| self.eval(b));
            kept.push((index, key));
        }
        self.locals.truncate(slot as usize);
        if op == AggOp::Sorted {
            // Absent keys sort last; `sort_by` is stable. Keys that are lists or texts
            // take steps to compare; once they have run out, all keys are equal.
            kept.sort_by(|(_, a), (_, b)| match (a.is_absent(), b.is_absent()) {
                (false, true) => Ordering::Less,
                (true, false) => Ordering::Greater,
                _ => self.compare(a, b, list.span).unwrap_or(Ordering::Equal),
            });
            return Value::List(kept.into_iter().map(|(index, _)| items[index].clone()).collect());
        }
        Value::List(kept.into_iter().map(|(_, key)| key).collect())
    }

    /// `filter`: the items of `items` that pass (or their bodies), gathered as they
    /// are found.
    fn filter(
        &mut self,
        items: &std::sync::Arc<[Value]>,
        slot: u16,
        list: &CExpr,
        filter: Option<&CExpr>,
        body: Option<&CExpr>,
    ) -> Value {
        let mut kept = Vec::new();
        let lookup = filter.filter(|_| body.is_none()).and_then(|f| ItemLookup::of(f, slot));
        for (index, item) in items.iter().enumerate() {
            if let Some(passes) = lookup.as_ref().and_then(|l| self.look_up_item(l, item)) {
                if passes {
                    kept.push(item.clone());
                }
                continue;
            }
            if !self.step(1, &list.span) {
                self.locals.truncate(slot as usize);
                return Value::Absent;
            }
            self.bind_item(slot, items, index);
            if filter.is_some_and(|f| !self.truth(f)) {
                continue;
            }
            kept.push(body.map_or_else(|| item.clone(), |b| self.eval(b)));
        }
        self.locals.truncate(slot as usize);
        Value::List(kept.into())
    }

    /// The distinct months covered by the items' ranges `from .. to`, ascending.
    pub(super) fn months_covered(
        &mut self,
        slot: u16,
        list: &CExpr,
        filter: Option<&CExpr>,
        from: Option<&CExpr>,
        to: Option<&CExpr>,
    ) -> Value {
        let (Value::List(items), Some(from), Some(to)) = (self.eval(list), from, to) else {
            return Value::List(Vec::new().into());
        };
        let mut months = std::collections::BTreeSet::new();
        for index in 0..items.len() {
            if !self.step(1, &list.span) {
                self.locals.truncate(slot as usize);
                return Value::Absent;
            }
            self.bind_item(slot, &items, index);
            if filter.is_some_and(|f| !self.truth(f)) {
                continue;
            }
            let month = |v: Value| match v {
                Value::Month(m) => Some(m.0),
                Value::Date(d) => Some(YearMonth::of(d).0),
                _ => None,
            };
            // An inverted range covers nothing.
            if let (Some(a), Some(b)) = (month(self.eval(from)), month(self.eval(to))) {
                if !self.step(span_of_months(a, b), &to.span) {
                    self.locals.truncate(slot as usize);
                    return Value::Absent;
                }
                months.extend(a..=b);
            }
        }
        self.locals.truncate(slot as usize);
        Value::List(months.into_iter().map(|m| Value::Month(YearMonth(m))).collect())
    }

    /// The one of two values that comes first in `order`; an absent value loses.
    pub(super) fn pick(&mut self, current: Value, candidate: Value, order: Ordering, span: Span) -> Value {
        if current.is_absent() {
            return candidate;
        }
        match self.compare(&candidate, &current, span) {
            Some(o) if o == order => candidate,
            _ => current,
        }
    }
}

/// How many months `a..=b` holds (none when `b` is before `a`).
pub(super) fn span_of_months(a: i32, b: i32) -> u64 {
    (b as i64 - a as i64 + 1).max(0) as u64
}

fn aggregate_of_nothing(op: AggOp) -> Value {
    match op {
        AggOp::Count => Value::Int(0),
        AggOp::Any => Value::Bool(false),
        AggOp::All => Value::Bool(true),
        _ => Value::Absent,
    }
}

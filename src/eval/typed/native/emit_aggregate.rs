//! Aggregations to a scalar written as loops (`count`, `any`, `all`, `sum`, `min`,
//! `max`, `earliest`, `latest`, `longest_run`), as `Compiler::aggregate_scalar`
//! compiles them: the same steps charged for each item, the same items skipped, the
//! same early ends. The item is a `&Value` of the list, read in place.

use super::super::compile::{Binding, R, Unsupported};
use super::super::word::Scalar;
use super::emit::{Writer, indices, kind};
use crate::ast::AggOp;
use crate::program::{CExpr, CKind};
use std::fmt::Write;

impl Writer<'_> {
    /// An aggregation whose value is a scalar of kind `k`.
    pub(super) fn aggregate_scalar(&mut self, e: &CExpr, k: Scalar) -> R<String> {
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
        let op = *op;
        let list = self.list(list)?;
        let g = self.c.new_slot()?;
        let earlier = self.c.bind(*slot, Binding::Slot(g));
        self.item_slots.push(g);
        let parts = (|| -> R<_> {
            let f = filter.as_deref().map(|f| self.cond(f)).transpose()?;
            let b = match body.as_deref() {
                Some(b) => {
                    let bk = Scalar::of(&b.ty).ok_or(Unsupported)?;
                    let fits = bk == k || matches!(op, AggOp::Any | AggOp::All | AggOp::Count | AggOp::LongestRun);
                    if !fits {
                        return Err(Unsupported);
                    }
                    Some(self.scalar(b, bk)?)
                }
                None => None,
            };
            Ok((f, b))
        })();
        self.item_slots.pop();
        self.c.unbind(*slot, earlier);
        let (filter_src, body_src) = parts?;
        if until.is_some() {
            return Err(Unsupported);
        }
        let per_item = self.c.item_steps([filter, body].iter().filter_map(|p| p.as_deref()));
        let order = match op {
            AggOp::Min | AggOp::Earliest => Some("Less"),
            AggOp::Max | AggOp::Latest => Some("Greater"),
            AggOp::Count | AggOp::Any | AggOp::All | AggOp::LongestRun | AggOp::Sum => None,
            AggOp::MonthsCovered | AggOp::Filter | AggOp::Sorted => return Err(Unsupported),
        };
        if order.is_some() && k.comparer(k).is_none() {
            return Err(Unsupported);
        }
        if op == AggOp::Sum && !matches!(k, Scalar::Int | Scalar::Quantity(_)) {
            return Err(Unsupported);
        }
        let nothing = match op {
            AggOp::Count | AggOp::Any => "Some(0)",
            AggOp::All => "Some(1)",
            _ => "None",
        };
        let mut out = format!(
            "{{ let list = {list}; match &*list {{ Value::List(items) => 'a{g}: {{ \
             let (mut count, mut run, mut longest) = (0 as Word, 0 as Word, 0 as Word); \
             let _ = (&mut count, &mut run, &mut longest); \
             let mut result: Option<Word> = {nothing}; let _ = &mut result; \
             for it{g} in items.iter() {{ cx.charge({per_item}); if cx.bail {{ break 'a{g} None; }} "
        );
        if let Some(f) = filter_src {
            let _ = write!(out, "if !({f}) {{ run = 0; continue; }} ");
        }
        out.push_str("run += 1; longest = longest.max(run); count += 1; ");
        let value = match (&body_src, op) {
            (Some(b), _) => b.clone(),
            (None, AggOp::Count | AggOp::LongestRun | AggOp::Any) => "None".to_string(),
            (None, _) => format!("cx.word({}, it{g})", kind(k)),
        };
        let _ = write!(out, "let value: Option<Word> = {value}; let _ = value; ");
        match op {
            AggOp::Any if body_src.is_none() => {
                let _ = write!(out, "break 'a{g} Some(1); ");
            }
            AggOp::Any => {
                let _ = write!(out, "if value == Some(1) {{ break 'a{g} Some(1); }} ");
            }
            AggOp::All => {
                let _ = write!(out, "if value != Some(1) {{ break 'a{g} Some(0); }} ");
            }
            // The walker adds with the absent rule and no failure (see the closures').
            AggOp::Sum => out.push_str(
                "result = if result.is_none() { value } else { value.and_then(|v| result?.checked_add(v)) }; ",
            ),
            _ => {}
        }
        if let Some(order) = order {
            let _ = write!(
                out,
                "if let Some(c) = {}.comparer({}) {{ result = pick(result, value, Ordering::{order}, c); }} ",
                kind(k),
                kind(k)
            );
        }
        out.push_str("} ");
        out.push_str(match op {
            AggOp::Count => "Some(count) ",
            AggOp::LongestRun => "Some(longest) ",
            _ => "result ",
        });
        let _ = write!(out, "}} _ => {nothing} }} }}");
        Ok(out)
    }

    /// An aggregation's list, as a Rust expression that can be borrowed as a `Value`:
    /// a case field read in place, or any other list made as a value.
    fn list(&mut self, list: &CExpr) -> R<String> {
        if let Some((path, None)) = self.c.path_of(list) {
            return Ok(format!(
                "Cow::Borrowed(cx.facts.at_ref(&{}).unwrap_or(&Value::Absent))",
                indices(&path)
            ));
        }
        Ok(format!("Cow::Owned({})", self.value(list)?))
    }
}

//! Where each value of a loaded case was written, for diagnostics that point into the
//! case file after loading (a failed check, an evaluation problem).
//!
//! A path is a list of indices from the case root: at a record, the index of a field
//! (the order of [`RecordType::fields`]); at a list, the index of an item. So
//! `[services, 2, date]` (as indices) is the date of the third service.
//!
//! [`RecordType::fields`]: crate::program::RecordType

use crate::program::{Program, RecordId, SchemaShape};
use crate::source::Span;

/// The spans of one value and of the values inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanNode {
    /// The span of the key, when the value was given under a key.
    pub key: Option<Span>,
    /// The span of the value as written; for a value derived from a resident ID number,
    /// the span of that ID; `None` when the value was left out.
    pub value: Option<Span>,
    /// For a record, one node per field in field order; for a list, one per item.
    pub children: Vec<SpanNode>,
    /// Whether a value was given but could not be read (an error was reported).
    pub(crate) invalid: bool,
}

impl SpanNode {
    /// A node for a value given at `value` under the key at `key`.
    pub(crate) fn given(key: Option<Span>, value: Span) -> SpanNode {
        SpanNode {
            key,
            value: Some(value),
            children: Vec::new(),
            invalid: false,
        }
    }
}

/// The spans of a whole case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseSpans {
    /// The root: the case's mapping.
    pub root: SpanNode,
}

impl CaseSpans {
    /// The node at a path.
    pub fn node(&self, path: impl IntoIterator<Item = usize>) -> Option<&SpanNode> {
        let mut node = &self.root;
        for i in path {
            node = node.children.get(i)?;
        }
        Some(node)
    }

    /// The span of the value at a path, when it was written in the file.
    pub fn value_span(&self, path: impl IntoIterator<Item = usize>) -> Option<Span> {
        self.node(path)?.value
    }

    /// The span of the key at a path, when it was written in the file.
    pub fn key_span(&self, path: impl IntoIterator<Item = usize>) -> Option<Span> {
        self.node(path)?.key
    }

    /// The best place to point at for the value at a path: its own span when it was
    /// written, else the key (or, for the root, the mapping) of the nearest enclosing
    /// value that was written.
    pub fn nearest_span(&self, path: impl IntoIterator<Item = usize>) -> Option<Span> {
        let mut chain = vec![&self.root];
        let mut reached = true;
        for i in path {
            match chain.last().and_then(|n| n.children.get(i)) {
                Some(child) => chain.push(child),
                None => {
                    reached = false;
                    break;
                }
            }
        }
        if reached && let Some(span) = chain.last().and_then(|n| n.value) {
            return Some(span);
        }
        chain.iter().rev().find_map(|n| n.key.or(n.value))
    }
}

/// The key path of a value, as used in messages: `person.birth_date`,
/// `services[2].date`. Indices that do not fit the schema end the path.
pub fn path_name(program: &Program, path: impl IntoIterator<Item = usize>) -> String {
    let mut name = String::new();
    let mut record = Some(Program::ROOT);
    let mut list_of: Option<Option<RecordId>> = None;
    for i in path {
        if let Some(item_record) = list_of.take() {
            name.push_str(&format!("[{i}]"));
            record = item_record;
            continue;
        }
        let Some(field) = record.and_then(|r| program.schemas.get(r.0 as usize)?.as_ref()?.get(i)) else {
            break;
        };
        if !name.is_empty() {
            name.push('.');
        }
        name.push_str(&field.name);
        record = None;
        match &field.shape {
            SchemaShape::Record(r) => record = Some(*r),
            SchemaShape::ListOfRecords(r) => list_of = Some(Some(*r)),
            SchemaShape::ListOf(_) => list_of = Some(None),
            SchemaShape::Scalar(_) => {}
        }
    }
    name
}

/// Every path of field indices through the records of the case schema, from the root
/// (as a rule's case field is written): each field of the root, and the fields of
/// each record inside it.
pub fn schema_paths(program: &Program) -> Vec<Vec<u16>> {
    let mut out = Vec::new();
    let mut pending = vec![(Program::ROOT, Vec::new())];
    while let Some((record, prefix)) = pending.pop() {
        let fields = program.schemas.get(record.0 as usize).and_then(Option::as_ref);
        for (i, field) in fields.into_iter().flatten().enumerate() {
            let mut path: Vec<u16> = prefix.clone();
            path.push(i as u16);
            if let SchemaShape::Record(r) = field.shape {
                pending.push((r, path.clone()));
            }
            out.push(path);
        }
    }
    out
}

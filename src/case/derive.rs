//! Fields derived from a resident ID number (`from person.id_number.birth_date`): once
//! the whole case is read, a derived field left out is filled from the ID, and one given
//! must agree with it.

use super::messages::{CaseMsg, named};
use super::record::{KeyPath, Place, missing, schema, what};
use super::resident_id::{self, IdInfo, Sex};
use super::spans::{CaseSpans, SpanNode};
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::lang::Text;
use crate::program::{DeriveFrom, IdAccessor, Program, RecordId, SchemaField, SchemaShape};
use crate::source::Span;
use crate::value::Value;
use std::sync::Arc;

/// What the case says at an ID field that something is derived from.
#[derive(Debug, Clone)]
enum IdState {
    /// A valid ID number.
    Valid {
        id: Arc<str>,
        info: IdInfo,
        span: Option<Span>,
    },
    /// Given, but not valid (already reported).
    Invalid,
    /// Not given.
    Absent,
}

/// Fills in and checks every derived field of a case that was read without errors in
/// its structure (`root` is the case record, `spans` its spans; `None` for a case read
/// by the fast path, which has no spans and gives up on any diagnostic).
pub(crate) fn apply(
    program: &Program,
    root: &mut Value,
    mut spans: Option<&mut CaseSpans>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let plan = &program.derive_plan;
    if plan.sources.is_empty() {
        return;
    }
    let sources: Vec<(&[u16], IdState)> = plan
        .sources
        .iter()
        .map(|s| (s.as_slice(), id_state(root, spans.as_deref(), s)))
        .collect();
    // Without spans, a diagnostic has nowhere to point; the fast path reads the case
    // again with spans when there is one.
    let anchor = match spans.as_deref() {
        Some(s) => s.root.value.map(|s| Span { end: s.start, ..s }),
        None => Some(Span::new(crate::source::FileId(0), 0, 0)),
    };
    let mut walk = Walk {
        program,
        sources: &sources,
        diagnostics,
        visit: &plan.visit,
    };
    if let (Value::Record(fields), Some(anchor)) = (root, anchor)
        && let Some(fields) = Arc::get_mut(fields)
    {
        let place = Place {
            path: KeyPath::Root,
            anchor,
            written: true,
        };
        let nodes = spans.as_mut().map(|s| s.root.children.as_mut_slice());
        walk.record(Program::ROOT, fields, nodes, place);
    }
}

fn id_state(root: &Value, spans: Option<&CaseSpans>, source: &[u16]) -> IdState {
    let mut value = root;
    for &i in source {
        match value {
            Value::Record(fields) => match fields.get(i as usize) {
                Some(v) => value = v,
                None => return IdState::Absent,
            },
            _ => return IdState::Absent,
        }
    }
    let node = spans.and_then(|s| s.node(source.iter().map(|&i| i as usize)));
    match value {
        Value::ResidentId(id) => match resident_id::validate(id) {
            Ok(info) => IdState::Valid {
                id: id.clone(),
                info,
                span: node.and_then(|n| n.value),
            },
            Err(_) => IdState::Invalid,
        },
        _ if node.is_some_and(|n| n.invalid) => IdState::Invalid,
        _ => IdState::Absent,
    }
}

struct Walk<'a> {
    program: &'a Program,
    sources: &'a [(&'a [u16], IdState)],
    diagnostics: &'a mut Vec<Diagnostic>,
    /// For each record type, the fields to look at: those derived, and those holding
    /// records with a derived field below.
    visit: &'a [Vec<u16>],
}

impl Walk<'_> {
    /// Walks a record's fields (with their span nodes, when the case has spans).
    fn record(&mut self, record: RecordId, values: &mut [Value], mut nodes: Option<&mut [SpanNode]>, place: Place) {
        let fields = schema(self.program, record);
        let visit = self.visit.get(record.0 as usize).map_or(&[][..], Vec::as_slice);
        for &i in visit {
            let i = usize::from(i);
            let (Some(field), Some(value)) = (fields.get(i), values.get_mut(i)) else {
                continue;
            };
            let mut node = match nodes.as_deref_mut() {
                Some(nodes) => match nodes.get_mut(i) {
                    Some(node) => Some(node),
                    None => continue,
                },
                None => None,
            };
            let path = place.path.field(&field.name);
            if let Some(derive) = &field.derive {
                self.derived(field, derive, value, node.as_deref_mut(), path, place);
            }
            match (&field.shape, value) {
                (SchemaShape::Record(r), Value::Record(fields)) => {
                    let Some(fields) = Arc::get_mut(fields) else { continue };
                    let (anchor, written) = match node.as_ref().map(|n| n.key) {
                        Some(Some(k)) => (k, true),
                        Some(None) => (place.anchor, false),
                        None => (place.anchor, true),
                    };
                    let inner = Place { path, anchor, written };
                    self.record(*r, fields, node.map(|n| n.children.as_mut_slice()), inner);
                }
                (SchemaShape::ListOfRecords(r), Value::List(items)) => {
                    let Some(items) = Arc::get_mut(items) else { continue };
                    let mut item_nodes = node.map(|n| n.children.iter_mut());
                    for (j, item) in items.iter_mut().enumerate() {
                        let item_node = match item_nodes.as_mut() {
                            Some(nodes) => match nodes.next() {
                                Some(n) => Some(n),
                                None => break,
                            },
                            None => None,
                        };
                        let anchor = match &item_node {
                            Some(n) => n.value,
                            None => Some(place.anchor),
                        };
                        let (Value::Record(fields), Some(anchor)) = (item, anchor) else {
                            continue;
                        };
                        let Some(fields) = Arc::get_mut(fields) else { continue };
                        let inner = Place {
                            path: path.item(j),
                            anchor,
                            written: true,
                        };
                        self.record(*r, fields, item_node.map(|n| n.children.as_mut_slice()), inner);
                    }
                }
                _ => {}
            }
        }
    }

    fn derived(
        &mut self,
        field: &SchemaField,
        derive: &DeriveFrom,
        value: &mut Value,
        mut node: Option<&mut SpanNode>,
        path: KeyPath,
        place: Place,
    ) {
        if node.as_ref().is_some_and(|n| n.invalid) {
            return;
        }
        let state = self.sources.iter().find(|(s, _)| *s == derive.source).map(|(_, st)| st);
        let Some(IdState::Valid {
            id,
            info,
            span: id_span,
        }) = state
        else {
            if matches!(state, Some(IdState::Absent) | None) && value.is_absent() {
                match &field.default {
                    Some(default) => *value = default.clone(),
                    None => {
                        self.diagnostics.push(missing(field, path, place).with_help(
                            CaseMsg::HelpGiveOrDerive.with([path.to_string(), derive.source_name.to_string()]),
                        ))
                    }
                }
            }
            return;
        };
        let from_id = match &derive.accessor {
            IdAccessor::BirthDate => Value::Date(info.birth_date),
            IdAccessor::Sex(odd, even) => match info.sex {
                Sex::Male => odd.clone(),
                Sex::Female => even.clone(),
            },
        };
        if value.is_absent() {
            *value = from_id;
            if let Some(node) = node {
                node.value = *id_span;
            }
            return;
        }
        if *value != from_id {
            let masked = resident_id::mask(id);
            let message = CaseMsg::Disagrees.with([
                what(path, field),
                self.show(value),
                derive.source_name.to_string().into(),
                masked.into(),
                self.show(&from_id),
            ]);
            let explain = match derive.accessor {
                IdAccessor::BirthDate => CaseMsg::ExplainBirthDate,
                IdAccessor::Sex(..) => CaseMsg::ExplainSex,
            };
            let mut d = Diagnostic::error(Code::FieldDisagrees, message)
                .at_opt(node.as_mut().and_then(|n| n.value))
                .with_help(CaseMsg::HelpCorrect.with([explain.into(), Text::from(field.name.as_str())]));
            d.label = Some(CaseMsg::LabelDisagreesWith.with([derive.source_name.to_string()]));
            if let Some(s) = id_span {
                d = d.with_related(*s, CaseMsg::RelatedIdNumber);
            }
            self.diagnostics.push(d);
        }
    }

    /// A value as written in a case file; an enum value in backticks, with its label.
    fn show(&self, value: &Value) -> Text {
        match value {
            Value::Date(d) => d.to_string().into(),
            Value::Enum(e, i) => self
                .program
                .enums
                .get(e.0 as usize)
                .and_then(|t| t.variants().get(*i as usize))
                .map_or_else(|| i.to_string().into(), |(n, l)| named(n, l)),
            Value::ResidentId(id) => resident_id::mask(id).into(),
            Value::Text(t) => Words::Quoted.with([t.as_ref()]),
            other => format!("{other:?}").into(),
        }
    }
}

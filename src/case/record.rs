//! Reading a YAML mapping against a record of the policy's case schema: every field by
//! its shape (scalar, nested record, list), defaults for what is left out, and a
//! diagnostic for every unknown key, missing field and badly written value.

use super::messages::{CaseMsg, named};
use super::scalar::{describe, read_scalar};
use super::spans::SpanNode;
use crate::diagnostic::{Code, Diagnostic, did_you_mean, quoted_list};
use crate::lang::Text;
use crate::program::{DateOrder, Program, RecordId, SchemaField, SchemaShape, Type};
use crate::source::Span;
use crate::value::Value;
use crate::yaml::{YamlKind, YamlNode};
use std::fmt;

/// Reads case values against the schema, collecting every problem.
pub(crate) struct Reader<'p> {
    /// The policy whose schema is read against.
    pub program: &'p Program,
    /// Every problem found so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a record is in the case: its key path and the place to point at when one of
/// its fields is missing.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    /// Key path of the record (the root, `person`, `services[2]`).
    pub path: KeyPath<'a>,
    /// Where a missing field is reported: the record's key, or its parent's.
    pub anchor: Span,
    /// Whether the record itself was written (a missing field is then added under it).
    pub written: bool,
}

/// A key path in a case (`person.birth_date`, `services[2].date`), made without
/// allocating and written out only when a message needs it: most cases have none.
#[derive(Clone, Copy)]
pub(crate) enum KeyPath<'a> {
    /// The case itself.
    Root,
    /// A field of a record.
    Field(&'a KeyPath<'a>, &'a str),
    /// An item of a list.
    Item(&'a KeyPath<'a>, usize),
}

impl<'a> KeyPath<'a> {
    /// The path of a field of this record: `person.birth_date` from `person`.
    pub fn field(&'a self, name: &'a str) -> KeyPath<'a> {
        KeyPath::Field(self, name)
    }

    /// The path of an item of this list: `services[2]` from `services`.
    pub fn item(&'a self, i: usize) -> KeyPath<'a> {
        KeyPath::Item(self, i)
    }

    /// Whether this is the case itself.
    pub fn is_root(&self) -> bool {
        matches!(self, KeyPath::Root)
    }
}

impl fmt::Display for KeyPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyPath::Root => Ok(()),
            KeyPath::Field(parent, name) if parent.is_root() => f.write_str(name),
            KeyPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            KeyPath::Item(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// The field at `path` as named in messages: `` `person.birth_date`（出生日期）`` in
/// Chinese, `` `person.birth_date` (date of birth) `` in English.
pub(crate) fn what(path: KeyPath, field: &SchemaField) -> Text {
    named(&path.to_string(), &field.label)
}

/// The schema of a record type (empty when the policy has none).
pub(crate) fn schema(program: &Program, record: RecordId) -> &[SchemaField] {
    program
        .schemas
        .get(record.0 as usize)
        .and_then(Option::as_ref)
        .map_or(&[], Vec::as_slice)
}

impl<'p> Reader<'p> {
    /// Reads a record from a mapping (`None` when it was left out or null). Keys in
    /// `skip` are handled by the caller. Returns the record value and one span node per
    /// field.
    pub fn record(
        &mut self,
        record: RecordId,
        map: Option<&YamlNode>,
        place: Place,
        skip: &[&str],
    ) -> (Value, Vec<SpanNode>) {
        let fields = schema(self.program, record);
        let mut slots: Vec<Option<(&YamlNode, &YamlNode)>> = vec![None; fields.len()];
        if let Some(YamlKind::Map(pairs)) = map.map(|m| &m.kind) {
            for (key, value) in pairs {
                let Some((name, _)) = key.as_scalar() else {
                    self.diagnostics.push(
                        Diagnostic::error(Code::WrongType, CaseMsg::KeyNotText)
                            .at(key.span, CaseMsg::LabelNotAKey)
                            .with_help(CaseMsg::HelpKeyForm),
                    );
                    continue;
                };
                if skip.contains(&name) {
                    continue;
                }
                // The record type lists the schema's fields in the same order, with an
                // index of their names: no search of every field for each key.
                let found = self.program.record(record).field(name);
                match found.filter(|i| fields.get(*i).is_some_and(|f| f.name == name)) {
                    Some(i) => {
                        if let Some(amendment) = &fields[i].removed
                            && !value.is_null()
                        {
                            self.removed_field(place.path.field(name), amendment, key.span);
                        }
                        slots[i] = Some((key, value));
                    }
                    None => self.unknown_key(name, key.span, fields, place.path, skip),
                }
            }
        }
        let mut values = Vec::with_capacity(fields.len());
        let mut nodes = Vec::with_capacity(fields.len());
        for (field, slot) in fields.iter().zip(slots) {
            let (value, node) = self.field(field, slot, place);
            values.push(value);
            nodes.push(node);
        }
        let value = Value::Record(values.into());
        self.check_orders(record, &value, &nodes, place.path);
        (value, nodes)
    }

    /// `order a <= b <= c`: for each date given, the first earlier-listed date given
    /// that is later than it.
    fn check_orders(&mut self, record: RecordId, value: &Value, nodes: &[SpanNode], path: KeyPath) {
        for (_, order) in self.program.orders.iter().filter(|(r, _)| *r == record) {
            for (i, j) in order_breaks(order, value) {
                let (earlier, later) = (value.at(&order.paths[i]), value.at(&order.paths[j]));
                let (earlier_span, later_span) = (span_at(nodes, &order.paths[i]), span_at(nodes, &order.paths[j]));
                let (a, b) = (path.field(&order.names[i]), path.field(&order.names[j]));
                let (a, b) = (a.to_string(), b.to_string());
                let mut d = Diagnostic::error(
                    Code::DatesOutOfOrder,
                    CaseMsg::OutOfOrder.with([b.clone(), show(&later), a.clone(), show(&earlier)]),
                )
                .at_opt(later_span)
                .with_help(CaseMsg::HelpOrder.with([b, a.clone()]));
                d.label = Some(CaseMsg::LabelOutOfOrder.into());
                if let Some(s) = earlier_span {
                    d = d.with_related(s, CaseMsg::RelatedIsHere.with([a]));
                }
                self.diagnostics.push(d);
            }
        }
    }

    /// A field the latest amendment repeals, given in the case: a warning.
    fn removed_field(&mut self, path: KeyPath, amendment: &str, at: Span) {
        self.diagnostics.push(
            Diagnostic::warning(
                Code::RemovedField,
                CaseMsg::RemovedField.with([path.to_string().as_str(), amendment]),
            )
            .at(at, CaseMsg::LabelRemovedField)
            .with_help(CaseMsg::HelpRemovedField),
        );
    }

    fn unknown_key(&mut self, name: &str, span: Span, fields: &[SchemaField], path: KeyPath, skip: &[&str]) {
        let names = fields.iter().map(|f| f.name.as_str()).chain(skip.iter().copied());
        let shown: String = name.chars().take(60).collect();
        let message = if path.is_root() {
            CaseMsg::UnknownKeyAtTop.with([shown])
        } else {
            CaseMsg::UnknownKeyIn.with([shown, path.to_string()])
        };
        let help = match did_you_mean(name, names.clone()) {
            Some(hint) => hint,
            None if names.clone().next().is_none() => CaseMsg::HelpNoKeys.into(),
            None => CaseMsg::HelpKeysAllowed.with([quoted_list(names)]),
        };
        self.diagnostics.push(
            Diagnostic::error(Code::UnknownKey, message)
                .at(span, CaseMsg::LabelUnknownKey)
                .with_help(help),
        );
    }

    /// Reads one field from its key and value, if given.
    fn field(&mut self, field: &SchemaField, slot: Option<(&YamlNode, &YamlNode)>, place: Place) -> (Value, SpanNode) {
        let path = place.path.field(&field.name);
        let key = slot.map(|(k, _)| k.span);
        let given = slot.map(|(_, v)| v).filter(|v| !v.is_null());
        let mut node = SpanNode {
            key,
            value: slot.map(|(_, v)| v.span),
            ..SpanNode::default()
        };
        let value = match (&field.shape, given) {
            (SchemaShape::Record(r), None) => {
                let inner = match key {
                    Some(k) => Place {
                        path,
                        anchor: k,
                        written: true,
                    },
                    None => Place {
                        path,
                        anchor: place.anchor,
                        written: false,
                    },
                };
                let (value, children) = self.record(*r, None, inner, &[]);
                node.children = children;
                value
            }
            (SchemaShape::Record(r), Some(v)) if matches!(v.kind, YamlKind::Map(_)) => {
                let inner = Place {
                    path,
                    anchor: key.unwrap_or(v.span),
                    written: true,
                };
                let (value, children) = self.record(*r, Some(v), inner, &[]);
                node.children = children;
                value
            }
            (SchemaShape::Scalar(_), None) => self.absent(field, path, place, slot.map(|(_, v)| v)),
            (SchemaShape::Scalar(ty), Some(v)) => self.scalar(ty, v, &|| what(path, field), &mut node),
            (SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_), None) => Value::List(Vec::new().into()),
            (SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_), Some(v)) if matches!(v.kind, YamlKind::Seq(_)) => {
                self.list(field, v, path, &mut node)
            }
            (shape, Some(v)) => {
                let expected = match shape {
                    SchemaShape::Record(_) => CaseMsg::ExpectMappingLines,
                    _ => CaseMsg::ExpectListLines,
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::WrongType,
                        CaseMsg::MustBe.with([what(path, field), expected.into(), describe(v).into()]),
                    )
                    .at(v.span, CaseMsg::LabelWrongType)
                    .with_help(CaseMsg::HelpSeeSchema.with([field.name.as_str()])),
                );
                node.invalid = true;
                Value::Absent
            }
        };
        (value, node)
    }

    fn scalar(&mut self, ty: &Type, v: &YamlNode, what: &dyn Fn() -> Text, node: &mut SpanNode) -> Value {
        match read_scalar(self.program, ty, v, what) {
            Ok(value) => value,
            Err(d) => {
                self.diagnostics.push(*d);
                node.invalid = true;
                Value::Absent
            }
        }
    }

    /// The value of a scalar field that was left out or null.
    fn absent(&mut self, field: &SchemaField, path: KeyPath, place: Place, null: Option<&YamlNode>) -> Value {
        if field.derive.is_some() {
            // A derived field is settled once the whole case is read.
            return Value::Absent;
        }
        if let Some(default) = &field.default {
            return default.clone();
        }
        if field.optional {
            return Value::Absent;
        }
        let d = match null {
            Some(v) => Diagnostic::error(Code::MissingField, CaseMsg::RequiredButEmpty.with([what(path, field)]))
                .at(v.span, CaseMsg::LabelValueRequired)
                .with_help(CaseMsg::HelpGiveValue.with([field.name.as_str()])),
            None => missing(field, path, place),
        };
        self.diagnostics.push(d);
        Value::Absent
    }

    fn list(&mut self, field: &SchemaField, seq: &YamlNode, path: KeyPath, node: &mut SpanNode) -> Value {
        let YamlKind::Seq(items) = &seq.kind else {
            return Value::List(Vec::new().into());
        };
        let mut values = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = path.item(i);
            let mut item_node = SpanNode::given(None, item.span);
            let value = match (&field.shape, &item.kind) {
                (_, _) if item.is_null() => {
                    self.diagnostics.push(
                        Diagnostic::error(Code::WrongType, CaseMsg::EmptyItem.with([item_path.to_string()]))
                            .at(item.span, CaseMsg::LabelEmptyItem)
                            .with_help(CaseMsg::HelpRemoveDash),
                    );
                    item_node.invalid = true;
                    Value::Absent
                }
                (SchemaShape::ListOfRecords(r), YamlKind::Map(_)) => {
                    let place = Place {
                        path: item_path,
                        anchor: item.span,
                        written: true,
                    };
                    let (value, children) = self.record(*r, Some(item), place, &[]);
                    item_node.children = children;
                    value
                }
                (SchemaShape::ListOf(ty), _) => self.scalar(ty, item, &|| what(item_path, field), &mut item_node),
                _ => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::WrongType,
                            CaseMsg::ItemNotMapping.with([Text::from(item_path.to_string()), describe(item).into()]),
                        )
                        .at(item.span, CaseMsg::LabelExpectedPairs)
                        .with_help(CaseMsg::HelpItemForm),
                    );
                    item_node.invalid = true;
                    Value::Absent
                }
            };
            values.push(value);
            node.children.push(item_node);
        }
        Value::List(values.into())
    }
}

/// The diagnostic for a required field that is not given.
pub(crate) fn missing(field: &SchemaField, path: KeyPath, place: Place) -> Diagnostic {
    let key = field.name.as_str();
    let (label, help) = if place.path.is_root() {
        (CaseMsg::LabelCaseHasNo.with([key]), CaseMsg::HelpAddAtTop.with([key]))
    } else if place.written {
        (
            CaseMsg::LabelMissingHere.with([key]),
            CaseMsg::HelpAddTo.with([key.to_string(), place.path.to_string()]),
        )
    } else {
        (
            CaseMsg::LabelPathMissing.with([path.to_string()]),
            CaseMsg::HelpAddWithUnder.with([place.path.to_string(), key.to_string()]),
        )
    };
    let message = if place.written || place.path.is_root() {
        CaseMsg::RequiredNotGiven.with([what(path, field)])
    } else {
        CaseMsg::RequiredNoParent.with([what(path, field), place.path.to_string().into()])
    };
    Diagnostic::error(Code::MissingField, message)
        .at(place.anchor, label)
        .with_help(help)
}

/// The dates of an `order` that break it in a record: for each date given, paired with
/// the first earlier-listed date given that is later than it (indices into its paths).
pub(crate) fn order_breaks<'a>(order: &'a DateOrder, record: &'a Value) -> impl Iterator<Item = (usize, usize)> + 'a {
    // Looked at in place, not cloned: the fast path checks the orders of every record
    // it reads.
    let given = move |k: &usize| record.at_ref(&order.paths[*k]).filter(|v| !v.is_absent());
    (0..order.paths.len()).filter_map(move |j| {
        let later = given(&j)?;
        (0..j)
            .find(|i| given(i).is_some_and(|earlier| earlier.compare(later) == Some(std::cmp::Ordering::Greater)))
            .map(|i| (i, j))
    })
}

/// Whether some date of `order` in `record` is earlier than a date listed before it
/// (whether [`order_breaks`] finds any): in one pass, keeping the latest date so far,
/// while the dates compare; as `order_breaks` does when two do not.
pub(crate) fn order_broken(order: &DateOrder, record: &Value) -> bool {
    let mut latest: Option<&Value> = None;
    for path in &order.paths {
        let Some(v) = record.at_ref(path).filter(|v| !v.is_absent()) else {
            continue;
        };
        match latest.map(|l| l.compare(v)) {
            Some(Some(std::cmp::Ordering::Greater)) => return true,
            Some(None) => return order_breaks(order, record).next().is_some(),
            None | Some(Some(_)) => latest = Some(v),
        }
    }
    false
}

/// The span of the value at a path of field indices, when it was written.
fn span_at(nodes: &[SpanNode], path: &[u16]) -> Option<Span> {
    let (first, rest) = path.split_first()?;
    let mut node = nodes.get(*first as usize)?;
    for i in rest {
        node = node.children.get(*i as usize)?;
    }
    node.value
}

/// A date or month as written in case files.
fn show(v: &Value) -> String {
    match v {
        Value::Date(d) => crate::value::IsoDate(*d).to_string(),
        Value::Month(m) => m.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod key_path_tests {
    use super::KeyPath;

    #[test]
    fn key_paths_are_written_as_in_case_files() {
        let root = KeyPath::Root;
        let services = root.field("services");
        let item = services.item(2);
        let date = item.field("date");
        assert_eq!(date.to_string(), "services[2].date");
        assert_eq!(root.field("person").to_string(), "person");
        assert_eq!(root.to_string(), "");
        assert!(root.is_root() && !date.is_root());
    }
}

#[cfg(test)]
mod order_tests {
    use super::{order_breaks, order_broken};
    use crate::program::DateOrder;
    use crate::value::{Value, YearMonth};
    use chrono::NaiveDate;

    /// The one-pass test finds a break exactly when the pairwise one does, for every
    /// way of giving four fields one of three dates, a month, or nothing.
    #[test]
    fn a_broken_order_is_found_as_pairwise() {
        let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).map_or(Value::Absent, Value::Date);
        let choices = [
            Value::Absent,
            day(1),
            day(2),
            day(3),
            Value::Month(YearMonth::new(2025, 3)),
        ];
        let order = DateOrder {
            paths: (0..4u16).map(|i| vec![i]).collect(),
            names: (0..4).map(|i| format!("d{i}")).collect(),
        };
        let (mut broken, mut total) = (0, 0);
        for n in 0..choices.len().pow(4) {
            let fields: Vec<Value> = (0..4u32)
                .map(|k| choices[n / choices.len().pow(k) % choices.len()].clone())
                .collect();
            let record = Value::Record(fields.into());
            let pairwise = order_breaks(&order, &record).next().is_some();
            assert_eq!(order_broken(&order, &record), pairwise, "{record:?}");
            broken += usize::from(pairwise);
            total += 1;
        }
        // Both answers are well represented.
        assert!(broken > total / 4 && broken < total * 3 / 4, "{broken} of {total}");
    }
}

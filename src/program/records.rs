//! Record and enum types, each with an index of its names: the checker resolves a
//! name, and the case loader reads a key or an enum value, with a hash lookup rather
//! than a search of every field or value (which made a record of n fields used n
//! times cost n², issue 9, D2).

use super::Type;
use crate::ast::Label;
// Fx, not SipHash: the tables hold only the policy's own names (a case's keys are
// looked up, never inserted, so no input can crowd them), and every key of every
// case is looked up here, where SipHash took a few percent of a batch.
use rustc_hash::FxHashMap as HashMap;

/// A field of a record type.
#[derive(Debug, Clone)]
pub struct FieldInfo {
    /// The key.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// Its type.
    pub ty: Type,
}

/// A record type: the case root, a nested part of the case, a list item or a table row.
#[derive(Debug, Clone)]
pub struct RecordType {
    /// Its label, when it has one.
    pub label: Label,
    /// Its fields, in order (changed only with the methods, which keep `index`).
    fields: Vec<FieldInfo>,
    /// The place of each field name in `fields` (the first, if one is given twice).
    index: HashMap<String, usize>,
}

impl RecordType {
    /// A record type with these fields.
    pub fn new(label: Label, fields: Vec<FieldInfo>) -> RecordType {
        let mut record = RecordType {
            label,
            fields: Vec::new(),
            index: HashMap::default(),
        };
        record.set_fields(fields);
        record
    }

    /// Its fields, in order.
    pub fn fields(&self) -> &[FieldInfo] {
        &self.fields
    }

    /// Gives the record these fields instead of the ones it had.
    pub fn set_fields(&mut self, fields: Vec<FieldInfo>) {
        self.fields.clear();
        self.index.clear();
        for field in fields {
            self.push_field(field);
        }
    }

    /// Adds a field at the end.
    pub fn push_field(&mut self, field: FieldInfo) {
        self.index.entry(field.name.clone()).or_insert(self.fields.len());
        self.fields.push(field);
    }

    /// The index of a field.
    pub fn field(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// An enum type.
#[derive(Debug, Clone)]
pub struct EnumType {
    /// Its name.
    pub name: String,
    /// Its label.
    pub label: Label,
    /// Its values and their labels.
    variants: Vec<(String, Label)>,
    /// The place of each value in `variants` (the first, if one is given twice).
    index: HashMap<String, u16>,
    /// The place of each value by its Chinese label; `None` for a label that two
    /// values share (such a label names no value: zhengce does not guess).
    by_label: HashMap<String, Option<u16>>,
    /// Values an amendment took away (`replace enum`): not values of this version, but
    /// read in a case (numbered after the values) for the versions before it.
    retired: Vec<String>,
}

impl EnumType {
    /// An enum type with these values. Values are numbered in 16 bits: the checker
    /// refuses an enum with more (those past the last number are not found by name).
    pub fn new(name: String, label: Label, variants: Vec<(String, Label)>) -> EnumType {
        let mut index = HashMap::default();
        let mut by_label: HashMap<String, Option<u16>> = HashMap::default();
        for (i, (value, value_label)) in variants.iter().enumerate() {
            if let Ok(i) = u16::try_from(i) {
                index.entry(value.clone()).or_insert(i);
                let zh = value_label.zh.trim();
                if !zh.is_empty() {
                    by_label
                        .entry(zh.to_string())
                        .and_modify(|seen| *seen = None)
                        .or_insert(Some(i));
                }
            }
        }
        EnumType {
            name,
            label,
            variants,
            index,
            by_label,
            retired: Vec::new(),
        }
    }

    /// Values an amendment took away, in the order of the enum it replaced.
    pub fn retired(&self) -> &[String] {
        &self.retired
    }

    /// Records the values an amendment took away (those not among the values now).
    pub fn retire(&mut self, values: impl IntoIterator<Item = String>) {
        for v in values {
            if self.variant(&v).is_none() && !self.retired.contains(&v) {
                self.retired.push(v);
            }
        }
    }

    /// The number a retired value is read as (after every value), by its name.
    pub fn retired_value(&self, name: &str) -> Option<u16> {
        let k = self.retired.iter().position(|v| v == name.trim())?;
        u16::try_from(self.variants.len() + k).ok()
    }

    /// Its values and their labels, in order.
    pub fn variants(&self) -> &[(String, Label)] {
        &self.variants
    }

    /// The index of a value.
    pub fn variant(&self, name: &str) -> Option<u16> {
        self.index.get(name).copied()
    }

    /// The index of the value whose Chinese label is `label` (`就业能力弱` for `weak`),
    /// when exactly one value has it.
    pub fn variant_by_label(&self, label: &str) -> Option<u16> {
        self.by_label.get(label.trim()).copied().flatten()
    }

    /// The index of a value written as its name or as its Chinese label.
    pub fn variant_or_label(&self, text: &str) -> Option<u16> {
        self.variant(text).or_else(|| self.variant_by_label(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_by_the_index_and_the_first_of_two_wins() {
        let field = |name: &str| FieldInfo {
            name: name.into(),
            label: Label::default(),
            ty: Type::Bool,
        };
        let mut record = RecordType::new(Label::default(), vec![field("a"), field("b"), field("a")]);
        assert_eq!(
            (record.field("a"), record.field("b"), record.field("c")),
            (Some(0), Some(1), None)
        );
        record.push_field(field("c"));
        assert_eq!(record.field("c"), Some(3));
        record.set_fields(vec![field("c")]);
        assert_eq!((record.field("a"), record.field("c")), (None, Some(0)));
        let values = ["x", "y", "x"].map(|v| (v.to_string(), Label::default())).to_vec();
        let enum_type = EnumType::new("E".into(), Label::default(), values);
        assert_eq!(
            (enum_type.variant("x"), enum_type.variant("y"), enum_type.variant("z")),
            (Some(0), Some(1), None)
        );
        let label = |zh: &str| Label {
            zh: zh.into(),
            en: None,
        };
        let values = vec![
            ("weak".to_string(), label("就业能力弱")),
            ("some".to_string(), label("一般")),
            ("other".to_string(), label("一般")),
        ];
        let enum_type = EnumType::new("E".into(), Label::default(), values);
        assert_eq!(enum_type.variant_or_label("weak"), Some(0));
        assert_eq!(enum_type.variant_or_label(" 就业能力弱 "), Some(0));
        // A label two values share names neither.
        assert_eq!(enum_type.variant_or_label("一般"), None);
        assert_eq!(enum_type.variant_or_label("弱"), None);
    }
}

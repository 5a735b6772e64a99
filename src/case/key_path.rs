//! Key paths in a case (`person.birth_date`, `services[2].date`), as messages name
//! fields. A path is a chain of borrowed parts on the reader's stack: reading a field
//! costs no text, and a path is written out only when a diagnostic names it.

use crate::program::SchemaField;
use std::fmt;

/// The key path of a record or field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum KeyPath<'a> {
    /// The case itself (written as nothing).
    Root,
    /// A field of a record.
    Field(&'a KeyPath<'a>, &'a str),
    /// An item of a list.
    Item(&'a KeyPath<'a>, usize),
}

impl<'a> KeyPath<'a> {
    /// Whether this is the case itself.
    pub(crate) fn is_root(&self) -> bool {
        matches!(self, KeyPath::Root)
    }

    /// The path of the field `name` under this one.
    pub(crate) fn field(&'a self, name: &'a str) -> KeyPath<'a> {
        KeyPath::Field(self, name)
    }

    /// The path of item `i` of the list at this one.
    pub(crate) fn item(&'a self, i: usize) -> KeyPath<'a> {
        KeyPath::Item(self, i)
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

/// A field as named in messages: `` `person.birth_date` (出生日期) ``, or the path
/// alone when the field has no label.
#[derive(Debug, Clone, Copy)]
pub(crate) struct What<'a> {
    /// Where the field is.
    pub path: &'a KeyPath<'a>,
    /// Its Chinese label (may be empty).
    pub label: &'a str,
}

impl<'a> What<'a> {
    /// How a field at `path` is named.
    pub(crate) fn of(path: &'a KeyPath<'a>, field: &'a SchemaField) -> What<'a> {
        What {
            path,
            label: &field.label.zh,
        }
    }
}

impl fmt::Display for What<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.label.is_empty() {
            write!(f, "`{}`", self.path)
        } else {
            write!(f, "`{}` ({})", self.path, self.label)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_as_in_case_files() {
        let root = KeyPath::Root;
        let services = root.field("services");
        let item = services.item(2);
        let date = item.field("date");
        let person = root.field("person");
        let birth = person.field("birth_date");
        assert_eq!(
            (root.to_string(), date.to_string(), birth.to_string()),
            (
                String::new(),
                "services[2].date".to_string(),
                "person.birth_date".to_string()
            )
        );
        let named = What {
            path: &birth,
            label: "出生日期",
        };
        let bare = What { path: &date, label: "" };
        assert_eq!(
            (named.to_string(), bare.to_string()),
            (
                "`person.birth_date` (出生日期)".to_string(),
                "`services[2].date`".to_string()
            )
        );
    }
}

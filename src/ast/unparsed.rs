//! What the items that failed to parse would have declared, as far as their text tells
//! (`syntax::recover`). The checker still checks the items that parsed; a use of one of
//! these names is not reported as unknown, because the name is there, only broken, and
//! its syntax error is reported already.

use super::{RuleId, RuleKind};
use std::collections::HashSet;

/// The names declared by the items of a file that failed to parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unparsed {
    /// Definitions, functions, parameters, tables and enums.
    pub names: HashSet<String>,
    /// Rules, by kind and id.
    pub rules: HashSet<(RuleKind, RuleId)>,
    /// Every word of the `case` blocks that failed to parse: their field names are
    /// among them.
    pub case_words: HashSet<String>,
}

impl Unparsed {
    /// Whether nothing failed to parse.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.rules.is_empty() && self.case_words.is_empty()
    }

    /// Adds what another file's broken items declared.
    pub fn extend(&mut self, other: &Unparsed) {
        self.names.extend(other.names.iter().cloned());
        self.rules.extend(other.rules.iter().cloned());
        self.case_words.extend(other.case_words.iter().cloned());
    }

    /// Whether a broken item declared `name`.
    pub fn has_name(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    /// Whether a broken item declared the rule (`id` given), or a rule of its kind.
    pub fn has_rule(&self, kind: RuleKind, id: Option<&RuleId>) -> bool {
        match id {
            Some(id) => self.rules.contains(&(kind, id.clone())),
            None => self.rules.iter().any(|(k, _)| *k == kind),
        }
    }

    /// Whether a broken `case` block may have declared the field `name`.
    pub fn may_have_field(&self, name: &str) -> bool {
        self.case_words.contains(name)
    }
}

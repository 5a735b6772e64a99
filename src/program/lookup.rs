//! Rules found by kind and id without going through all of them: `holds(tier 2)` is
//! resolved with it, and a diagnostic is traced back to its rule with it, once per
//! use instead of once per rule (issue 9, D2).

use super::RuleIdx;
use crate::ast::{RuleId, RuleKind};
use std::collections::BTreeMap;

/// The rules of a program by kind and id (ordered maps: a program prints the same every
/// time, so two programs can be compared by their text, `shape_of`).
#[derive(Debug, Clone, Default)]
pub struct RuleLookup {
    /// Each kind's rules by id.
    by_id: BTreeMap<RuleKind, BTreeMap<RuleId, RuleIdx>>,
    /// Each kind's rules, in declaration order.
    by_kind: BTreeMap<RuleKind, Vec<RuleIdx>>,
}

impl RuleLookup {
    /// The lookup of rules given in declaration order (rule `i` is `RuleIdx(i)`). Of two
    /// rules with one kind and id, which the checker refuses, the first is found.
    pub fn new<'r>(rules: impl IntoIterator<Item = (RuleKind, &'r RuleId)>) -> RuleLookup {
        let mut lookup = RuleLookup::default();
        for (i, (kind, id)) in rules.into_iter().enumerate() {
            let idx = RuleIdx(i as u32);
            lookup.by_id.entry(kind).or_default().entry(id.clone()).or_insert(idx);
            lookup.by_kind.entry(kind).or_default().push(idx);
        }
        lookup
    }

    /// The rule of this kind with this id.
    pub fn get(&self, kind: RuleKind, id: &RuleId) -> Option<RuleIdx> {
        self.by_id.get(&kind)?.get(id).copied()
    }

    /// The rules of one kind, in declaration order.
    pub fn of_kind(&self, kind: RuleKind) -> &[RuleIdx] {
        self.by_kind.get(&kind).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_found_by_kind_and_id() {
        let ids = [
            RuleId::Number(1),
            RuleId::Number(2),
            RuleId::Number(1),
            RuleId::Name("x".into()),
        ];
        let kinds = [RuleKind::Tier, RuleKind::Tier, RuleKind::Check, RuleKind::Tier];
        let lookup = RuleLookup::new(kinds.into_iter().zip(&ids));
        assert_eq!(lookup.get(RuleKind::Check, &RuleId::Number(1)), Some(RuleIdx(2)));
        assert_eq!(lookup.get(RuleKind::Tier, &RuleId::Name("x".into())), Some(RuleIdx(3)));
        assert_eq!(lookup.get(RuleKind::Exit, &RuleId::Number(1)), None);
        assert_eq!(lookup.of_kind(RuleKind::Tier), &[RuleIdx(0), RuleIdx(1), RuleIdx(3)]);
        assert!(lookup.of_kind(RuleKind::Limit).is_empty());
    }
}

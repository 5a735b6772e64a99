//! The fixed pieces of a program's decision records as JSON bytes, made once per
//! program: the keys of the decision fields and of yielded values, rule ids, enum
//! values and each rule kind's list. A batch writes a million records, and escaping
//! the same keys and names again for each, and finding each kind's rules through a
//! hash map, was a good part of writing one.

use super::{Program, RuleIdx};
use crate::ast::{RuleId, RuleKind};

/// JSON bytes, one piece of a record.
pub type Bytes = Box<[u8]>;

/// The fixed pieces of a program's decision records (see the module's doc).
#[derive(Debug, Clone, Default)]
pub struct RecordBytes {
    /// `,"policy":"id","documents":[…]`, from the policy's header (made again when
    /// the header's documents change, as for each version of an amended policy).
    pub header: Bytes,
    /// For each decision field: `,"name":`.
    pub outputs: Vec<Bytes>,
    /// For each enum type, for each of its values: `"name"`.
    pub variants: Vec<Vec<Bytes>>,
    /// For each rule: its id, `3` or `"name"`.
    pub rule_ids: Vec<Bytes>,
    /// For each rule, for each value it yields: `,"name":`.
    pub yield_keys: Vec<Vec<Bytes>>,
    /// The kinds of rule the record lists (checks aside, kinds with no rule left out),
    /// in the record's order.
    pub kinds: Vec<KindBytes>,
}

/// How the record lists the rules of one kind that hold.
#[derive(Debug, Clone)]
pub struct KindBytes {
    /// `,"categories":`.
    pub key: Bytes,
    /// For tiers: the one rule that holds, or null, rather than a list.
    pub single: bool,
    /// Whether each rule that holds is an object with the values it yields (some rule
    /// of the kind yields values), opened with `{"id":` (this field), rather than its id.
    pub object_start: Option<Bytes>,
    /// The kind's rules, in declaration order.
    pub rules: Vec<RuleIdx>,
}

impl RecordBytes {
    /// The pieces of `program`'s records.
    pub fn of(program: &Program) -> RecordBytes {
        let kinds = RuleKind::ALL
            .into_iter()
            .filter(|k| *k != RuleKind::Check)
            .filter_map(|kind| {
                let rules = program.rule_lookup.of_kind(kind).to_vec();
                if rules.is_empty() {
                    return None;
                }
                let yields = rules
                    .iter()
                    .any(|i| program.rules.get(i.0 as usize).is_some_and(|r| r.yields.is_some()));
                let object_start = yields.then(|| {
                    let mut start = b"{".to_vec();
                    start.extend_from_slice(&string(kind.id_key()));
                    start.push(b':');
                    start.into_boxed_slice()
                });
                Some(KindBytes {
                    key: key(kind.record_key()),
                    single: kind == RuleKind::Tier,
                    object_start,
                    rules,
                })
            })
            .collect();
        let mut header = b",\"policy\":".to_vec();
        header.extend_from_slice(&string(&program.info.id));
        header.extend_from_slice(b",\"documents\":[");
        for (i, document) in program.info.documents.iter().enumerate() {
            if i > 0 {
                header.push(b',');
            }
            header.extend_from_slice(&string(document));
        }
        header.push(b']');
        RecordBytes {
            header: header.into_boxed_slice(),
            outputs: program.decision.iter().map(|d| key(&d.name)).collect(),
            variants: program
                .enums
                .iter()
                .map(|e| e.variants().iter().map(|(name, _)| string(name)).collect())
                .collect(),
            rule_ids: program
                .rules
                .iter()
                .map(|r| match &r.id {
                    RuleId::Number(n) => n.to_string().into_bytes().into_boxed_slice(),
                    RuleId::Name(name) => string(name),
                })
                .collect(),
            yield_keys: program
                .rules
                .iter()
                .map(|r| r.yields.iter().flatten().map(|y| key(&y.name)).collect())
                .collect(),
            kinds,
        }
    }
}

/// A JSON string as serde_json writes it (the record writes the texts it knows the
/// shape of the same way).
fn string(s: &str) -> Bytes {
    // A `str` always serializes.
    serde_json::to_vec(s).unwrap_or_default().into_boxed_slice()
}

/// `,"name":`.
fn key(name: &str) -> Bytes {
    let mut out = b",".to_vec();
    out.extend_from_slice(&string(name));
    out.push(b':');
    out.into_boxed_slice()
}

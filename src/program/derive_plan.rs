//! What deriving fields from resident ID numbers needs of a case schema, worked out
//! once by the checker rather than for every case read: the ID fields derived from,
//! and which record types hold a derived field (so the case loader walks only where
//! there is something to derive, not through every service).

use super::{SchemaField, SchemaShape};

/// The ID fields of a schema that fields are derived from, and where derived fields are.
#[derive(Debug, Clone, Default)]
pub struct DerivePlan {
    /// The paths (field indices from the case root) of the ID fields derived from.
    pub sources: Vec<Vec<u16>>,
    /// For each record type, its fields to visit, in order: those derived and those
    /// holding records with a derived field below (empty when nothing is derived). A
    /// case's walk looks at these, not at each of its fields.
    pub visit: Vec<Vec<u16>>,
}

impl DerivePlan {
    /// The plan for a case schema (`Program::schemas`).
    pub fn of(schemas: &[Option<Vec<SchemaField>>]) -> DerivePlan {
        let mut sources: Vec<Vec<u16>> = Vec::new();
        for field in schemas.iter().flatten().flatten() {
            if let Some(d) = &field.derive
                && !sources.contains(&d.source)
            {
                sources.push(d.source.clone());
            }
        }
        if sources.is_empty() {
            return DerivePlan::default();
        }
        let below = derives_below(schemas);
        let visit = schemas
            .iter()
            .map(|fields| {
                let fields = fields.iter().flatten().enumerate();
                fields
                    .filter(|(_, f)| to_visit(f, &below))
                    .map(|(i, _)| i as u16)
                    .collect()
            })
            .collect();
        DerivePlan { sources, visit }
    }
}

/// Whether a field is derived, or holds records with a derived field below (`below`,
/// by record type, as far as it is known).
fn to_visit(field: &SchemaField, below: &[bool]) -> bool {
    field.derive.is_some()
        || matches!(field.shape, SchemaShape::Record(x) | SchemaShape::ListOfRecords(x)
            if below.get(x.0 as usize) == Some(&true))
}

/// For each record type, whether a derived field is in it or below it.
fn derives_below(schemas: &[Option<Vec<SchemaField>>]) -> Vec<bool> {
    let n = schemas.len();
    let mut below = vec![false; n];
    // Records nest without cycles, so n passes settle it; most policies need two.
    for _ in 0..n {
        let mut changed = false;
        for (r, fields) in schemas.iter().enumerate() {
            let found = !below[r] && fields.iter().flatten().any(|f| to_visit(f, &below));
            if found {
                below[r] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    below
}

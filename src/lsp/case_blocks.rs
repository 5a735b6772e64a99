//! The case's fields as the `case {}` blocks declare them (every block of every file,
//! merged, as the checker merges them): read from the files' syntax, so completion and
//! navigation work while a file has errors the checker would refuse.

use crate::ast::{FieldDecl, FieldShape, Item, PolicyFile, RecordDecl, TypeExpr};

/// The `case {}` blocks of the files.
pub(super) fn case_blocks(files: &[PolicyFile]) -> impl Iterator<Item = &RecordDecl> {
    files.iter().flat_map(|f| &f.items).filter_map(|i| match i {
        Item::Case(record) => Some(record),
        _ => None,
    })
}

/// The record a field holds (or the record of each item of its list).
fn record_of(field: &FieldDecl) -> Option<&RecordDecl> {
    match &field.shape {
        FieldShape::Record { body, .. } => Some(body),
        FieldShape::Value {
            ty: TypeExpr::ListOfRecords(body, _),
            ..
        } => Some(body),
        FieldShape::Value { .. } => None,
    }
}

/// The declarations of the fields of the record `chain` (field names from the case's
/// root) leads to, every block's; none when the chain leads to no record.
pub(super) fn fields_at<'f>(files: &'f [PolicyFile], chain: &[&str]) -> Vec<&'f FieldDecl> {
    let mut fields: Vec<&FieldDecl> = case_blocks(files).flat_map(|r| r.fields.iter()).collect();
    for name in chain {
        fields = fields
            .iter()
            .filter(|f| f.name.node == *name)
            .filter_map(|f| record_of(f))
            .flat_map(|r| r.fields.iter())
            .collect();
    }
    fields
}

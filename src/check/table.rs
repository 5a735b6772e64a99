//! Tables: rows keyed by an enum, every value with a row, every row with the same
//! columns.

use super::messages::{CheckMsg, names};
use super::{Body, Checker, Global, types, uncovered};
use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::program::*;
use crate::source::Span;

impl<'a> Checker<'a> {
    /// Checks a table (once), used at `at`; returns its row type.
    pub(super) fn check_table(&mut self, id: TableId, at: Span) -> Option<RecordId> {
        if let Some(row_type) = self.tables[id.0 as usize].as_ref().map(|t| t.row_type) {
            self.used(Body::Table(id), at);
            return Some(row_type);
        }
        let decl = self.table_decls[id.0 as usize];
        if self.tables_in_progress.contains(&id) {
            self.error(
                Diagnostic::error(
                    Code::DefinitionCycle,
                    CheckMsg::TableDependsOnItself.with([&decl.name.node]),
                )
                .at(decl.name.span, CheckMsg::PartOfCycle)
                .with_help(CheckMsg::TableCycleHelp),
            );
            return None;
        }
        self.tables_in_progress.push(id);
        let outer = self.begin_body();
        let row_type = self.compile_table(id);
        self.end_body(Body::Table(id), outer);
        self.tables_in_progress.pop();
        row_type
    }

    fn compile_table(&mut self, id: TableId) -> Option<RecordId> {
        let decl = self.table_decls[id.0 as usize];
        let key = match self.globals.get(&decl.key.node) {
            Some((Global::Enum(e), _)) => *e,
            _ if self.unparsed.has_name(&decl.key.node) => return None,
            _ => {
                let names: Vec<String> = self.enums.iter().map(|e| e.name.clone()).collect();
                let mut d = Diagnostic::error(Code::UnknownName, CheckMsg::NotAnEnum.with([&decl.key.node]))
                    .at(decl.key.span, CheckMsg::KeyedByEnum);
                if let Some(h) = did_you_mean(&decl.key.node, names.iter().map(String::as_str)) {
                    d = d.with_help(h);
                }
                self.error(d);
                return None;
            }
        };
        let enum_type = self.enums[key.0 as usize].clone();
        let mut row_fields: Option<Vec<FieldInfo>> = None;
        let mut rows: Vec<Option<Vec<CExpr>>> = vec![None; enum_type.variants().len()];
        for row in &decl.rows {
            let Some(v) = enum_type.variant(&row.key.node) else {
                self.unknown_variant(&row.key, &enum_type);
                continue;
            };
            let columns: Vec<CExpr> = row.columns.iter().map(|(_, e)| self.expr(e)).collect();
            let fields: Vec<FieldInfo> = row
                .columns
                .iter()
                .zip(&columns)
                .map(|((n, _), c)| FieldInfo {
                    name: n.node.clone(),
                    label: Label::default(),
                    ty: c.ty.clone(),
                })
                .collect();
            match &row_fields {
                None => row_fields = Some(fields),
                Some(first) => {
                    let same = first.len() == fields.len()
                        && first
                            .iter()
                            .zip(&fields)
                            .all(|(a, b)| a.name == b.name && types::compatible(&a.ty, &b.ty));
                    if !same {
                        self.error(
                            Diagnostic::error(Code::BadTable, CheckMsg::RowColumnsDiffer.with([&row.key.node]))
                                .at(row.span, CheckMsg::ColumnsDiffer)
                                .with_help(CheckMsg::SameColumns),
                        );
                    }
                }
            }
            rows[v as usize] = Some(columns);
        }
        let missing = uncovered(&enum_type, &rows);
        if !missing.is_empty() {
            self.error(
                Diagnostic::error(
                    Code::BadTable,
                    CheckMsg::RowsMissing.with([crate::lang::Text::from(&decl.name.node), names(missing)]),
                )
                .at(decl.name.span, CheckMsg::RowsMissingLabel)
                .with_help(CheckMsg::RowPerValue),
            );
            return None;
        }
        let row_type = RecordId(self.records.len() as u16);
        self.records
            .push(RecordType::new(decl.label.clone(), row_fields.unwrap_or_default()));
        self.schemas.push(None);
        self.tables[id.0 as usize] = Some(Table {
            name: decl.name.node.clone(),
            label: decl.label.clone(),
            row_type,
            literal_rows: rows
                .iter()
                .flatten()
                .map(|cells| crate::program::literal_row(cells))
                .collect(),
            rows: rows.into_iter().flatten().collect(),
        });
        Some(row_type)
    }

    pub(super) fn unknown_variant(&mut self, name: &Ident, enum_type: &EnumType) {
        let mut d = Diagnostic::error(
            Code::UnknownName,
            CheckMsg::NotAValueOf.with([&name.node, &enum_type.name]),
        )
        .at(name.span, CheckMsg::UnknownValue);
        let values = || enum_type.variants().iter().map(|(n, _)| n.as_str());
        d = d.with_help(match did_you_mean(&name.node, values()) {
            Some(h) => h,
            None => CheckMsg::TheValues.with([names(values())]),
        });
        self.error(d);
    }
}

//! Tables: rows keyed by an enum, every value with a row, or rows by date (`from
//! DATE`, strictly increasing, each in force until the next); every row with the same
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
        if self.tables_failed.contains(&id) {
            return None;
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
        if row_type.is_none() {
            self.tables_failed.push(id);
        }
        row_type
    }

    /// The type a table's key must have: its enum, or a date; `None` when the key
    /// names nothing known (reported where the table is checked).
    pub(super) fn table_key_type(&self, decl: &TableDecl) -> Option<Type> {
        if decl.key.node == DATE_KEY {
            return Some(Type::Date);
        }
        match self.globals.get(&decl.key.node) {
            Some((Global::Enum(e), _)) => Some(Type::Enum(*e)),
            _ => None,
        }
    }

    fn compile_table(&mut self, id: TableId) -> Option<RecordId> {
        let decl = self.table_decls[id.0 as usize];
        let mut columns = Columns::default();
        let (key, rows) = match self.table_key_type(decl) {
            Some(Type::Date) => {
                let (from, rows) = self.dated_rows(decl, &mut columns)?;
                (TableKey::From(from), rows)
            }
            Some(Type::Enum(e)) => (TableKey::Enum(e), self.enum_rows(decl, e, &mut columns)?),
            _ if self.unparsed.has_name(&decl.key.node) => return None,
            _ => {
                let mut names: Vec<String> = self.enums.iter().map(|e| e.name.clone()).collect();
                names.push(DATE_KEY.to_string());
                let mut d = Diagnostic::error(Code::UnknownName, CheckMsg::NotAnEnum.with([&decl.key.node]))
                    .at(decl.key.span, CheckMsg::KeyedByEnum);
                if let Some(h) = did_you_mean(&decl.key.node, names.iter().map(String::as_str)) {
                    d = d.with_help(h);
                }
                self.error(d);
                return None;
            }
        };
        let row_type = RecordId(self.records.len() as u16);
        self.records
            .push(RecordType::new(decl.label.clone(), columns.fields.unwrap_or_default()));
        self.schemas.push(None);
        self.tables[id.0 as usize] = Some(Table {
            name: decl.name.node.clone(),
            label: decl.label.clone(),
            key,
            row_type,
            literal_rows: rows.iter().map(|cells| crate::program::literal_row(cells)).collect(),
            rows,
        });
        Some(row_type)
    }

    /// The rows of a table by enum, one per value, in the enum's order.
    fn enum_rows(
        &mut self,
        decl: &TableDecl,
        key: crate::value::EnumId,
        columns: &mut Columns,
    ) -> Option<Vec<Vec<CExpr>>> {
        let enum_type = self.enums[key.0 as usize].clone();
        let mut rows: Vec<Option<Vec<CExpr>>> = vec![None; enum_type.variants().len()];
        for row in &decl.rows {
            let name = match &row.key {
                RowKey::Variant(name) => name,
                RowKey::From(day) => {
                    self.error(
                        Diagnostic::error(
                            Code::BadTable,
                            CheckMsg::DatedRowInEnumTable.with([&decl.name.node, &enum_type.name]),
                        )
                        .at(day.span, CheckMsg::DatedRow)
                        .with_help(CheckMsg::DeclareByDate),
                    );
                    continue;
                }
            };
            let Some(v) = enum_type.variant(&name.node) else {
                self.unknown_variant(name, &enum_type);
                continue;
            };
            rows[v as usize] = Some(self.row_columns(row, &name.node, columns));
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
        Some(rows.into_iter().flatten().collect())
    }

    /// The rows of a table by date, with the day each is in force from: at least one,
    /// each later than the one before.
    fn dated_rows(
        &mut self,
        decl: &TableDecl,
        columns: &mut Columns,
    ) -> Option<(Vec<chrono::NaiveDate>, Vec<Vec<CExpr>>)> {
        let mut from: Vec<chrono::NaiveDate> = Vec::with_capacity(decl.rows.len());
        let mut rows = Vec::with_capacity(decl.rows.len());
        let mut good = true;
        for row in &decl.rows {
            let day = match &row.key {
                RowKey::From(day) => day,
                RowKey::Variant(name) => {
                    self.error(
                        Diagnostic::error(Code::BadTable, CheckMsg::RowNotByDate.with([&decl.name.node]))
                            .at(name.span, CheckMsg::NotADatedRow)
                            .with_help(CheckMsg::WriteDatedRow),
                    );
                    good = false;
                    continue;
                }
            };
            if let Some(before) = from.last().filter(|b| **b >= day.node) {
                let (now, before) = (day.node.to_string(), before.to_string());
                self.error(
                    Diagnostic::error(
                        Code::BadTable,
                        CheckMsg::RowsOutOfOrder.with([&decl.name.node, &now, &before]),
                    )
                    .at(day.span, CheckMsg::NotLaterThanBefore)
                    .with_help(CheckMsg::OrderRowsByDate),
                );
                good = false;
            }
            rows.push(self.row_columns(row, &day.node.to_string(), columns));
            from.push(day.node);
        }
        if decl.rows.is_empty() {
            self.error(
                Diagnostic::error(Code::BadTable, CheckMsg::NoRows.with([&decl.name.node]))
                    .at(decl.name.span, CheckMsg::RowsMissingLabel)
                    .with_help(CheckMsg::OneRowAtLeast),
            );
            good = false;
        }
        good.then_some((from, rows))
    }

    /// A row's cells, checked to have the columns of the first row (`columns`, set by
    /// the first row); `key` names the row in messages.
    fn row_columns(&mut self, row: &TableRow, key: &str, columns: &mut Columns) -> Vec<CExpr> {
        let cells: Vec<CExpr> = row.columns.iter().map(|(_, e)| self.expr(e)).collect();
        let fields: Vec<FieldInfo> = row
            .columns
            .iter()
            .zip(&cells)
            .map(|((n, _), c)| FieldInfo {
                name: n.node.clone(),
                label: Label::default(),
                ty: c.ty.clone(),
            })
            .collect();
        match &columns.fields {
            None => columns.fields = Some(fields),
            Some(first) => {
                let same = first.len() == fields.len()
                    && first
                        .iter()
                        .zip(&fields)
                        .all(|(a, b)| a.name == b.name && types::compatible(&a.ty, &b.ty));
                if !same {
                    self.error(
                        Diagnostic::error(Code::BadTable, CheckMsg::RowColumnsDiffer.with([key]))
                            .at(row.span, CheckMsg::ColumnsDiffer)
                            .with_help(CheckMsg::SameColumns),
                    );
                }
            }
        }
        cells
    }
}

/// The columns of a table's first row, which every other row must have.
#[derive(Default)]
struct Columns {
    fields: Option<Vec<FieldInfo>>,
}

//! Decisions as a record batch: every input column, then what was decided of each row:
//! its error (if it is not a valid case), the named definitions' values, and the
//! categories that hold with their clauses and reasons. `zhengce match` and the Python
//! package (Spark's `mapInArrow`) both build their push lists from these columns, so
//! the two give the same list.

use crate::{BatchEvaluator, Decided};
use arrow_array::{ArrayRef, BooleanArray, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use std::sync::Arc;
use zhengce::ast::RuleKind;
use zhengce::diagnostic::did_you_mean;
use zhengce::eval::Explainer;
use zhengce::lang::{Lang, Text};
use zhengce::program::{DefId, Program, Type};
use zhengce::report::{ValueStyle, format_value, reasons_line};

/// The name of the column of a row's error.
pub const ERROR: &str = "error";
/// The column of the categories that hold (their numbers).
pub const CATEGORIES: &str = "categories";
/// The column of their clauses.
pub const CLAUSES: &str = "clauses";
/// The column of why each holds, in one line.
pub const REASONS: &str = "reasons";

/// What to say of each row, besides its error.
pub struct Wanted {
    /// Definitions whose values are columns (named as in the policy).
    pub definitions: Vec<DefId>,
    /// The language of errors and reasons.
    pub lang: Lang,
}

/// The definitions named, or what is wrong with the first the policy lacks.
pub fn definition_ids(program: &Program, names: &[impl AsRef<str>]) -> Result<Vec<DefId>, Text> {
    names
        .iter()
        .map(|name| {
            let name = name.as_ref();
            match program.definitions.iter().position(|d| d.name == name && !d.repealed) {
                Some(i) => Ok(DefId(i as u32)),
                None => Err(
                    match did_you_mean(name, program.definitions.iter().map(|d| d.name.as_str())) {
                        Some(guess) => crate::ArrowMsg::NoDefinitionGuess.with([Text::from(name), guess]),
                        None => crate::ArrowMsg::NoDefinition.with([name]),
                    },
                ),
            }
        })
        .collect()
}

/// The categories that hold for a decided row: their numbers, their clauses, and why
/// each holds, in one line (`一（三）：…；一（四）：…`).
pub fn categories(
    program: &Program,
    decided: &Decided,
    explainer: &mut Explainer,
    lang: Lang,
) -> (Vec<String>, Vec<String>, String) {
    let style = ValueStyle {
        program,
        lang,
        show_pii: false,
    };
    let (mut numbers, mut clauses, mut reasons) = (Vec::new(), Vec::new(), Vec::new());
    for (idx, rule) in program.rules_of(RuleKind::Category) {
        if !decided.decision.outcomes.get(idx.0 as usize).is_some_and(|o| o.holds) {
            continue;
        }
        numbers.push(rule.id.to_string());
        clauses.push(rule.cite.clause.node.clone());
        let why = reasons_line(idx, explainer, &style);
        reasons.push(format!("{}{}{why}", rule.cite.clause.node, colon(lang)));
    }
    let reasons = reasons.join(separator(lang, true));
    (numbers, clauses, reasons)
}

/// How a list of words is joined in `lang` (`outer`: of reasons, themselves lists).
pub fn separator(lang: Lang, outer: bool) -> &'static str {
    match (lang, outer) {
        (Lang::Zh, false) => "、",
        (Lang::Zh, true) => "；",
        (Lang::En, false) => ", ",
        (Lang::En, true) => "; ",
    }
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

impl BatchEvaluator<'_> {
    /// Decides every row of `batch`: the batch's columns, then [`ERROR`], one column per
    /// wanted definition (a boolean for a yes/no definition, else its value as text),
    /// [`CATEGORIES`], [`CLAUSES`] and [`REASONS`]. Rows are named `row N` in errors.
    pub fn decisions(&self, batch: &RecordBatch, wanted: &Wanted) -> Result<RecordBatch, ArrowError> {
        let program = self.program();
        let readers = self.cells(batch);
        let rows = batch.num_rows();
        let mut errors: Vec<Option<String>> = Vec::with_capacity(rows);
        let mut values: Vec<Vec<Option<(bool, String)>>> = vec![Vec::with_capacity(rows); wanted.definitions.len()];
        let (mut numbers, mut clauses, mut reasons) = (Vec::new(), Vec::new(), Vec::new());
        let style = ValueStyle {
            program,
            lang: wanted.lang,
            show_pii: false,
        };
        for row in 0..rows {
            match self.decide_row(&readers, row, &format!("row {}", row + 1)) {
                Err(diagnostics) => {
                    let said: Vec<String> = diagnostics
                        .iter()
                        .map(|d| d.message.get(wanted.lang).into_owned())
                        .collect();
                    errors.push(Some(said.join(separator(wanted.lang, true))));
                    values.iter_mut().for_each(|v| v.push(None));
                    numbers.push(None);
                    clauses.push(None);
                    reasons.push(None);
                }
                Ok(decided) => {
                    errors.push(None);
                    // Most rows hold no category and need no explainer: the definitions
                    // asked for are read from what the decision computed.
                    let mut explainer = None;
                    for (column, id) in values.iter_mut().zip(&wanted.definitions) {
                        let memo = decided.decision.memo.as_ref();
                        let value = match memo.and_then(|m| m.definition(program, *id)) {
                            Some(v) => (v.truthy(), format_value(v, &style)),
                            None => {
                                let v = explainer
                                    .get_or_insert_with(|| {
                                        Explainer::of_decision(program, &decided.facts, &decided.decision)
                                    })
                                    .definition(*id);
                                (v.truthy(), format_value(&v, &style))
                            }
                        };
                        column.push(Some(value));
                    }
                    let any = program
                        .rules_of(RuleKind::Category)
                        .any(|(idx, _)| decided.decision.outcomes.get(idx.0 as usize).is_some_and(|o| o.holds));
                    if !any {
                        numbers.push(Some(String::new()));
                        clauses.push(Some(String::new()));
                        reasons.push(Some(String::new()));
                        continue;
                    }
                    let explainer = explainer
                        .get_or_insert_with(|| Explainer::of_decision(program, &decided.facts, &decided.decision));
                    let (n, c, r) = categories(program, &decided, explainer, wanted.lang);
                    numbers.push(Some(n.join(separator(wanted.lang, false))));
                    clauses.push(Some(c.join(separator(wanted.lang, false))));
                    reasons.push(Some(r));
                }
            }
        }
        let mut fields: Vec<Field> = batch.schema().fields().iter().map(|f| f.as_ref().clone()).collect();
        let mut columns: Vec<ArrayRef> = batch.columns().to_vec();
        push_text(&mut fields, &mut columns, ERROR, errors);
        for (id, column) in wanted.definitions.iter().zip(values) {
            let definition = &program.definitions[id.0 as usize];
            if matches!(definition.expr.ty, Type::Bool) {
                fields.push(Field::new(&definition.name, DataType::Boolean, true));
                let flags: Vec<Option<bool>> = column.iter().map(|v| v.as_ref().map(|(b, _)| *b)).collect();
                columns.push(Arc::new(BooleanArray::from(flags)));
            } else {
                fields.push(Field::new(&definition.name, DataType::Utf8, true));
                let words: Vec<Option<String>> = column.into_iter().map(|v| v.map(|(_, s)| s)).collect();
                columns.push(Arc::new(StringArray::from(words)));
            }
        }
        push_text(&mut fields, &mut columns, CATEGORIES, numbers);
        push_text(&mut fields, &mut columns, CLAUSES, clauses);
        push_text(&mut fields, &mut columns, REASONS, reasons);
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
    }
}

/// Adds a text column named `name`.
fn push_text(fields: &mut Vec<Field>, columns: &mut Vec<ArrayRef>, name: &str, values: Vec<Option<String>>) {
    fields.push(Field::new(name, DataType::Utf8, true));
    columns.push(Arc::new(StringArray::from(values)));
}

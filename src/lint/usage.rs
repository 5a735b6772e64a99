//! What the policy reads: definitions reached from its rules and decision, and case
//! fields reached from any expression, `order` or `from`.

use super::messages::LintMsg;
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::Evaluation;
use crate::program::{CExpr, CKind, DefId, Program, RecordId, SchemaShape, Type};
use crate::value::Value;
use std::collections::{BTreeSet, HashMap};

#[derive(Default)]
struct Uses {
    defs: BTreeSet<u32>,
    fields: BTreeSet<(u16, u16)>,
}

impl Uses {
    fn expr(&mut self, program: &Program, e: &CExpr) {
        match &e.kind {
            CKind::Def(id) | CKind::CallDefinition(id, _) if self.defs.insert(id.0) => {
                self.expr(program, &program.definitions[id.0 as usize].expr);
            }
            CKind::CaseField(path) => self.path(program, Program::ROOT, path),
            CKind::GetField(base, i) => {
                if let Type::Record(r) = base.ty {
                    self.fields.insert((r.0, *i));
                }
            }
            CKind::TableRow(t, _) => {
                for cell in program.tables[t.0 as usize].rows.iter().flatten() {
                    self.expr(program, cell);
                }
            }
            // A record given to a function: the fields its shape takes are read.
            CKind::Project(record, picked) => {
                if let Type::Record(r) = record.ty {
                    self.fields.extend(picked.iter().map(|i| (r.0, *i)));
                }
            }
            _ => {}
        }
        for child in children(e) {
            self.expr(program, child);
        }
    }

    /// Marks every field along a path of field indices from `record`.
    fn path(&mut self, program: &Program, record: RecordId, path: &[u16]) {
        let mut current = record;
        for i in path {
            self.fields.insert((current.0, *i));
            match program.record(current).fields().get(*i as usize).map(|f| &f.ty) {
                Some(Type::Record(r)) => current = *r,
                _ => break,
            }
        }
    }
}

/// The direct subexpressions of an expression (for walks over compiled expressions).
pub fn children(e: &CExpr) -> Vec<&CExpr> {
    e.children()
}

fn uses(program: &Program) -> Uses {
    let mut uses = Uses::default();
    for rule in &program.rules {
        if let Some(w) = &rule.when {
            uses.expr(program, w);
        }
        for y in rule.yields.iter().flatten() {
            uses.expr(program, &y.expr);
        }
    }
    for d in &program.decision {
        uses.expr(program, &d.expr);
    }
    for (record, order) in &program.orders {
        for path in &order.paths {
            uses.path(program, *record, path);
        }
    }
    for schema in program.schemas.iter().flatten() {
        for field in schema {
            if let Some(derive) = &field.derive {
                uses.path(program, Program::ROOT, &derive.source);
            }
        }
    }
    uses
}

/// Definitions and case fields nothing reads (but those an amendment repeals). In an
/// amended version, what an earlier document declares is repealed by the amendment,
/// not removed from that document: the help says how.
pub(super) fn unused(program: &Program) -> Vec<Diagnostic> {
    let uses = uses(program);
    let mut out = Vec::new();
    let amendment = &program.info.id;
    let amended = program.info.documents.len() > 1;
    // What a policy `uses` (national rules, a library) is declared for all its users:
    // that this one reads only part of it is no fault of either.
    let own = |def: &crate::program::Definition| program.info.documents.contains(&def.source);
    let library_files: std::collections::HashSet<_> = program
        .definitions
        .iter()
        .filter(|d| !own(d))
        .map(|d| d.span.file)
        .collect();
    for (i, def) in program.definitions.iter().enumerate() {
        if own(def) && !def.repealed && !uses.defs.contains(&(i as u32)) {
            let unused = if def.is_param {
                LintMsg::UnusedParameter
            } else {
                LintMsg::UnusedDefinition
            };
            let help = if amended && def.source != *amendment {
                LintMsg::RepealDefineOrUse.with([&def.name])
            } else {
                LintMsg::RemoveOrUse.into()
            };
            out.push(
                Diagnostic::warning(Code::Unused, unused.with([&def.name]))
                    .at(def.span, LintMsg::Unused)
                    .with_help(help),
            );
        }
    }
    let paths = record_paths(program);
    for (r, schema) in program.schemas.iter().enumerate() {
        let Some(schema) = schema else { continue };
        for (i, field) in schema.iter().enumerate() {
            let leaf = !matches!(field.shape, SchemaShape::Record(_));
            let kept = field.note.is_some() || field.removed.is_some();
            let from_library = library_files.contains(&field.span.file);
            if leaf && !kept && !from_library && !uses.fields.contains(&(r as u16, i as u16)) {
                let help = match paths.get(&(r as u16)) {
                    Some(prefix) if amended => LintMsg::RepealFieldOrUse.with([format!("{prefix}{}", field.name)]),
                    _ => LintMsg::UseOrNote.into(),
                };
                out.push(
                    Diagnostic::warning(Code::Unused, LintMsg::UnusedCaseField.with([&field.name]))
                        .at(field.span, LintMsg::Unused)
                        .with_help(help),
                );
            }
        }
    }
    out
}

/// The path from the case root of each record of the case, with a `.` after it
/// (`person.`; the root's is empty), as `repeal field` names a field.
fn record_paths(program: &Program) -> HashMap<u16, String> {
    let mut paths = HashMap::new();
    let mut todo = vec![(Program::ROOT, String::new())];
    while let Some((record, prefix)) = todo.pop() {
        if let Some(Some(schema)) = program.schemas.get(record.0 as usize) {
            for field in schema {
                if let SchemaShape::Record(r) | SchemaShape::ListOfRecords(r) = field.shape
                    && !paths.contains_key(&r.0)
                {
                    todo.push((r, format!("{prefix}{}.", field.name)));
                }
            }
        }
        paths.insert(record.0, prefix);
    }
    paths
}

/// Rules whose condition is constant and false.
pub(super) fn never_holds(program: &Program) -> Vec<Diagnostic> {
    let nothing = Value::Absent;
    // A constant needs no case and no date; any date will do. One evaluation serves
    // every rule (forgetting what it computed in between): a new one for each would
    // cost rules × (rules + definitions).
    let mut evaluation = Evaluation::new(program, &nothing, chrono::NaiveDate::MIN);
    let mut constants = Constants::default();
    program
        .rules
        .iter()
        .filter(|rule| {
            let Some(when) = &rule.when else { return false };
            if !constants.is_constant(program, when, 0) {
                return false;
            }
            evaluation.forget();
            !evaluation.eval(when).truthy()
        })
        .map(|rule| {
            let rule_name = [rule.kind.keyword().to_string(), rule.id.to_string()];
            Diagnostic::warning(Code::NeverHolds, LintMsg::NeverHolds.with(rule_name))
                .at(rule.span, LintMsg::NeverHoldsLabel)
                .with_help(LintMsg::CheckCondition)
        })
        .collect()
}

/// Which definitions are constant, found once for each definition and depth: rules
/// that share a definition do not each go through it again.
#[derive(Default)]
struct Constants {
    definitions: HashMap<(u32, usize), bool>,
}

impl Constants {
    /// Whether an expression reads neither the case, nor the date, nor another rule
    /// (following definitions 16 deep).
    fn is_constant(&mut self, program: &Program, e: &CExpr, depth: usize) -> bool {
        #[cfg(test)]
        super::WALKED.with(|n| n.set(n.get() + 1));
        let here = match &e.kind {
            CKind::CaseField(_) | CKind::AsOf | CKind::Local(_) | CKind::Holds(..) | CKind::Aggregate { .. } => false,
            CKind::Def(DefId(id)) | CKind::CallDefinition(DefId(id), _) => {
                depth < 16 && self.definition(program, *id, depth + 1)
            }
            _ => true,
        };
        here && children(e).into_iter().all(|c| self.is_constant(program, c, depth))
    }

    fn definition(&mut self, program: &Program, id: u32, depth: usize) -> bool {
        if let Some(constant) = self.definitions.get(&(id, depth)) {
            return *constant;
        }
        let constant = self.is_constant(program, &program.definitions[id as usize].expr, depth);
        self.definitions.insert((id, depth), constant);
        constant
    }
}

//! The checker: resolves every name to a slot, checks types, compiles the case schema,
//! and reports every problem at once. Its output, a [`Program`], is what the case
//! loader and the evaluator use.

mod amend;
mod depth;
mod enums;
mod expr;
mod forms;
mod messages;
mod rules;
mod schema;
mod shape;
mod table;
#[cfg(test)]
mod tests;
mod types;

pub use types::type_name;

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::program::*;
use crate::source::Span;
use crate::value::EnumId;
use depth::Body;
use messages::CheckMsg;
use std::collections::{HashMap, HashSet};

/// Checks a set of policy files (dependencies first, the main policy last) and compiles
/// them into one program. Returns the program when there is no error, and every
/// diagnostic (errors and warnings). Files with items that failed to parse are checked
/// too (what parsed), but never give a program.
pub fn check(files: &[PolicyFile]) -> (Option<Program>, Vec<Diagnostic>) {
    let mut checker = Checker::default();
    for file in files {
        checker.unparsed.extend(&file.unparsed);
    }
    checker.declare(files);
    checker.check_all();
    checker.check_sizes();
    let has_error = checker.diagnostics.iter().any(Diagnostic::is_error) || !checker.unparsed.is_empty();
    let diagnostics = std::mem::take(&mut checker.diagnostics);
    let program = if has_error { None } else { checker.finish(files) };
    (program, diagnostics)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Unchecked,
    InProgress,
    Done,
}

/// Something with a name in the policy's global namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Global {
    Def(DefId),
    Table(TableId),
    Enum(EnumId),
}

#[derive(Default)]
struct Checker<'a> {
    diagnostics: Vec<Diagnostic>,
    enums: Vec<EnumType>,
    records: Vec<RecordType>,
    schemas: Vec<Option<Vec<SchemaField>>>,
    orders: Vec<(RecordId, DateOrder)>,
    globals: HashMap<String, (Global, Span)>,
    def_decls: Vec<(&'a DefineDecl, bool)>,
    def_state: Vec<State>,
    def_exprs: Vec<Option<CExpr>>,
    /// Parameter types of functions (empty for plain definitions).
    def_params: Vec<Vec<Type>>,
    table_decls: Vec<&'a TableDecl>,
    tables: Vec<Option<Table>>,
    rule_decls: Vec<&'a RuleDecl>,
    /// While declaring: the position in `rule_decls` of each kind and id not repealed.
    rule_positions: HashMap<(RuleKind, RuleId), usize>,
    /// While declaring: positions of the rules repealed, dropped once all are declared.
    repealed: Vec<usize>,
    /// Once declared: the rules by kind and id, for `holds(…)` and the program.
    rule_lookup: RuleLookup,
    /// How deep the deepest rule of a kind goes, once all of them are checked.
    kind_heights: HashMap<RuleKind, usize>,
    rule_state: Vec<State>,
    rule_exprs: Vec<Option<CExpr>>,
    rule_yields: Vec<Option<Vec<Yield>>>,
    decision_decls: Vec<&'a DecisionField>,
    /// The id of the policy document being declared.
    source: &'a str,
    /// The document each definition and rule comes from (an amendment's, once replaced).
    def_sources: Vec<&'a str>,
    rule_sources: Vec<&'a str>,
    decision: Vec<DecisionOutput>,
    /// Item variables of the aggregations being checked, innermost last.
    locals: Vec<(String, Type)>,
    /// Tables being checked, innermost last (a table whose rows use it is a cycle).
    tables_in_progress: Vec<TableId>,
    /// Tables found wrong: reported once, where they are declared, not at every use.
    tables_failed: Vec<TableId>,
    /// How deep checking is (see [`MAX_DEPTH`]): one level per expression inside an
    /// expression; the body of a definition, rule or table is checked at the level of
    /// its first use.
    depth: usize,
    /// The deepest level reached since the body being checked began.
    reach: usize,
    /// How many levels each checked body goes down: where it is used, evaluating it
    /// goes that much deeper.
    heights: HashMap<Body, usize>,
    /// Whether a `TooDeep` error was reported (one is enough).
    too_deep: bool,
    /// What the items that failed to parse would have declared: their uses are not
    /// reported as unknown (the syntax error is reported already).
    unparsed: Unparsed,
    /// While declaring: `replace enum` items, applied once every enum is collected.
    enum_replacements: Vec<&'a EnumDecl>,
    /// Definitions repealed (`repeal define`), by name: where the repeal is written.
    repealed_defs: HashMap<String, Span>,
    /// Whether each definition is repealed (not checked, not in the program's use).
    def_repealed: Vec<bool>,
    /// `repeal field …` items with their document, resolved once the schema is compiled.
    field_repeals: Vec<(&'a RepealDecl, &'a [Ident], &'a str)>,
    /// Case fields repealed, by record and field index: where the repeal is written.
    removed_fields: HashMap<(u16, u16), Span>,
    /// The record types that are shapes of function parameters.
    shapes: HashSet<RecordId>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// First pass: every name, so that items may refer to items declared later.
    fn declare(&mut self, files: &'a [PolicyFile]) {
        let mut enum_decls = Vec::new();
        let mut case_parts: Vec<&'a RecordDecl> = Vec::new();
        for file in files {
            self.source = &file.header.id.node;
            for item in &file.items {
                match item {
                    Item::Enum(e) => enum_decls.push(e),
                    Item::Replace(item, _) if matches!(**item, Item::Enum(_)) => {
                        if let Item::Enum(e) = &**item {
                            self.declare_enum_replacement(e);
                        }
                    }
                    Item::Case(record) => case_parts.push(record),
                    Item::Param(d) => self.declare_def(d, true),
                    Item::Define(d) => self.declare_def(d, false),
                    Item::Replace(item, span) => self.declare_replacement(item, *span),
                    Item::Repeal(repeal) => self.declare_repeal(repeal),
                    Item::Table(t) => {
                        let id = TableId(self.table_decls.len() as u16);
                        if self.add_global(&t.name, Global::Table(id)) {
                            self.table_decls.push(t);
                            self.tables.push(None);
                        }
                    }
                    Item::Rule(r) => self.declare_rule(r),
                    Item::Decision(fields) => self.decision_decls.extend(fields.iter()),
                }
            }
        }
        self.finish_rule_declarations();
        let replaced = self.replace_enums(&mut enum_decls);
        for e in enum_decls {
            self.declare_enum(e);
        }
        self.retire_values(replaced);
        schema::compile_case(self, &case_parts);
        self.repeal_fields();
    }

    fn add_global(&mut self, name: &Ident, global: Global) -> bool {
        if let Some((_, first)) = self.globals.get(&name.node) {
            let first = *first;
            self.error(
                Diagnostic::error(Code::DuplicateName, CheckMsg::DeclaredTwice.with([&name.node]))
                    .at(name.span, CheckMsg::DeclaredAgainHere)
                    .with_related(first, CheckMsg::FirstDeclaredHere)
                    .with_help(CheckMsg::GiveAnotherName),
            );
            return false;
        }
        self.globals.insert(name.node.clone(), (global, name.span));
        true
    }

    fn declare_def(&mut self, d: &'a DefineDecl, is_param: bool) {
        let id = DefId(self.def_decls.len() as u32);
        if self.add_global(&d.name, Global::Def(id)) {
            self.def_decls.push((d, is_param));
            self.def_sources.push(self.source);
            self.def_state.push(State::Unchecked);
            self.def_exprs.push(None);
            self.def_params.push(Vec::new());
            self.def_repealed.push(false);
        }
    }

    /// Second pass: every definition, table, rule and decision field.
    fn check_all(&mut self) {
        for i in 0..self.def_decls.len() {
            if !self.def_repealed[i] {
                self.check_def(DefId(i as u32), self.def_decls[i].0.name.span);
            }
        }
        for i in 0..self.table_decls.len() {
            self.check_table(TableId(i as u16), self.table_decls[i].name.span);
        }
        for i in 0..self.rule_decls.len() {
            self.check_rule(RuleIdx(i as u32), self.rule_decls[i].id.span);
        }
        let decision = self.decision_decls.clone();
        let mut seen = HashSet::new();
        for field in decision {
            if !seen.insert(field.name.node.as_str()) {
                self.error(
                    Diagnostic::error(
                        Code::DuplicateName,
                        CheckMsg::DecisionFieldTwice.with([&field.name.node]),
                    )
                    .at(field.name.span, CheckMsg::GivenAgainHere),
                );
            }
            let expr = self.expr(&field.expr);
            self.decision.push(DecisionOutput {
                name: field.name.node.as_str().into(),
                expr,
            });
        }
    }

    /// Checks a definition (once), used at `at`; returns its type.
    fn check_def(&mut self, id: DefId, at: Span) -> Type {
        let i = id.0 as usize;
        match self.def_state[i] {
            State::Done => {
                self.used(Body::Def(id), at);
                return self.def_exprs[i].as_ref().map_or(Type::Unknown, |e| e.ty.clone());
            }
            State::InProgress => {
                let decl = self.def_decls[i].0;
                self.error(
                    Diagnostic::error(Code::DefinitionCycle, CheckMsg::DependsOnItself.with([&decl.name.node]))
                        .at(decl.name.span, CheckMsg::PartOfCycle)
                        .with_help(CheckMsg::DefinitionCycleHelp),
                );
                return Type::Unknown;
            }
            State::Unchecked => {}
        }
        self.def_state[i] = State::InProgress;
        // Definitions are checked outside any aggregation; a function's parameters are
        // its only local names.
        let params: Vec<(String, Type)> = self.def_decls[i]
            .0
            .params
            .iter()
            .map(|(name, ty)| (name.node.clone(), schema::parameter_type(self, ty)))
            .collect();
        self.def_params[i] = params.iter().map(|(_, t)| t.clone()).collect();
        let saved = std::mem::replace(&mut self.locals, params);
        let outer = self.begin_body();
        let expr = self.expr(&self.def_decls[i].0.expr);
        self.end_body(Body::Def(id), outer);
        self.locals = saved;
        let ty = expr.ty.clone();
        self.def_exprs[i] = Some(expr);
        self.def_state[i] = State::Done;
        ty
    }

    /// A type error unless `e` is of the type `expected`; `what` says what `e` is.
    fn expect_type(&mut self, e: &CExpr, expected: &Type, what: impl Into<crate::lang::Text>) {
        if !types::compatible(&e.ty, expected) {
            let found = type_name(&e.ty, &self.enums);
            let expected = type_name(expected, &self.enums);
            self.error(
                Diagnostic::error(
                    Code::TypeMismatch,
                    CheckMsg::MustBe.with([what.into(), expected, found.clone()]),
                )
                .at(e.span, CheckMsg::ThisIs.with([found])),
            );
        }
    }

    fn finish(self, files: &[PolicyFile]) -> Option<Program> {
        let main = files.last()?;
        let h = &main.header;
        let info = PolicyInfo {
            id: h.id.node.clone(),
            title: h.title.clone(),
            issuer: h.issuer.clone(),
            document: h.document.clone(),
            issued: h.issued,
            effective: h.effective,
            valid_for: h.valid_for,
            builds_on: files[..files.len() - 1]
                .iter()
                .map(|f| f.header.id.node.clone())
                .collect(),
            until: h.until,
            documents: vec![h.id.node.clone()],
            // Said by the loader, which knows where the files came from.
            builtin: false,
        };
        let definitions = self
            .def_decls
            .iter()
            .zip(self.def_exprs)
            .zip(&self.def_sources)
            .zip(&self.def_repealed)
            .map(|((((d, is_param), e), source), repealed)| {
                // A repealed definition keeps its slot, with no value: nothing uses it.
                let e = match repealed {
                    true => Some(CExpr {
                        kind: CKind::Const(crate::value::Value::Absent),
                        ty: Type::Unknown,
                        span: d.name.span,
                        label: None,
                    }),
                    false => e,
                };
                Some(Definition {
                    repealed: *repealed,
                    name: d.name.node.clone(),
                    label: d.label.clone(),
                    is_param: *is_param,
                    arity: d.params.len(),
                    source: source.to_string(),
                    cite: d.cite.clone(),
                    expr: e?,
                    span: d.name.span,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let rules = self
            .rule_decls
            .iter()
            .zip(self.rule_exprs.into_iter().zip(self.rule_yields))
            .zip(&self.rule_sources)
            .map(|((r, (when, yields)), source)| {
                let cite = r.cite.clone()?;
                Some(CompiledRule {
                    raised: raised_diagnostic(r, &cite),
                    kind: r.kind,
                    id: r.id.node.clone(),
                    cite,
                    when,
                    severity: r.severity,
                    message: r.message.clone(),
                    notes: r.notes.clone(),
                    yields,
                    source: source.to_string(),
                    span: r.span,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let mut program = Program {
            info,
            enums: self.enums,
            records: self.records,
            derive_plan: crate::program::DerivePlan::of(&self.schemas),
            schemas: self.schemas,
            orders: self.orders,
            calendar: Default::default(),
            definitions,
            tables: self.tables.into_iter().collect::<Option<Vec<_>>>()?,
            rules,
            rule_lookup: self.rule_lookup,
            decision: self.decision,
            record_bytes: Default::default(),
        };
        crate::program::membership::index(&mut program);
        program.record_bytes = crate::program::RecordBytes::of(&program);
        Some(program)
    }
}

/// The values of an enum that have no entry in `slots` (one slot per value).
/// The diagnostic a check or a soft rule (one with a severity) raises when it holds:
/// its message in the policy's words (its clause when it has none), coded by its id.
fn raised_diagnostic(r: &RuleDecl, cite: &Citation) -> Option<Diagnostic> {
    if r.kind != RuleKind::Check && r.severity.is_none() {
        return None;
    }
    let message = r
        .message
        .as_ref()
        .map_or_else(|| crate::lang::Text::from(&cite.clause.node), crate::lang::Text::from);
    let mut d = Diagnostic::new(
        r.severity.unwrap_or(crate::diagnostic::Severity::Warning),
        Code::Policy(r.id.node.to_string().into()),
        message,
    );
    d.cite = Some(cite.clause.node.clone());
    Some(d)
}

fn uncovered<'e, T>(enum_type: &'e EnumType, slots: &[Option<T>]) -> Vec<&'e str> {
    enum_type
        .variants()
        .iter()
        .zip(slots)
        .filter(|(_, slot)| slot.is_none())
        .map(|((name, _), _)| name.as_str())
        .collect()
}

//! Where a policy's own diagnostic points in a case: at the case field its rule's
//! condition is about, labelled with that field's label.

use crate::case::LoadedCase;
use crate::diagnostic::{Code, Diagnostic, Words};
use crate::lang::Text;
use crate::program::{CExpr, CKind, DefId, Program, RuleIdx};
use std::collections::HashMap;
use std::sync::Arc;

/// A policy's own diagnostic (from a `check`), raised by `rule`, points at the case
/// field its condition reads first, so that a case worker sees the line to look at;
/// `None` when it stays as it is.
pub(super) fn locate(
    d: &Diagnostic,
    rule: RuleIdx,
    program: &Program,
    first_fields: &mut FirstFields,
    case: &LoadedCase,
) -> Option<Diagnostic> {
    let compiled = program.rules.get(rule.0 as usize)?;
    if !matches!(d.code, Code::Policy(_)) || d.span.is_some() || compiled.severity.is_none() {
        return None;
    }
    let (path, label) = first_fields.of_rule(program, rule)?;
    let mut span = case.nearest_span(program, &path)?;
    // A field of a record the case leaves out: the case's start, as a required field
    // left out is shown, rather than the whole case underlined.
    if case.spans.root.value == Some(span) {
        span.end = span.start;
    }
    let mut d = d.clone();
    d.span = Some(span);
    d.label = Some(label);
    Some(d)
}

/// A case field's path of field indices and its label (the field's own, from the
/// policy, or "this field"), shared: each diagnostic a rule raises takes the rule's
/// path without a copy.
type FieldPath = (Arc<[u16]>, Text);

/// A field path found in an expression, with the label of the field it ends at.
fn field_path(program: &Program, path: &[u16]) -> FieldPath {
    let mut record = Program::ROOT;
    let mut label = None;
    for i in path {
        let Some(field) = program.record(record).fields().get(*i as usize) else {
            break;
        };
        label = Some(&field.label);
        if let crate::program::Type::Record(r) = field.ty {
            record = r;
        }
    }
    let label = label
        .filter(|l| !l.zh.is_empty())
        .map_or_else(|| Words::ThisField.into(), crate::case::messages::label);
    (Arc::from(path), label)
}

/// The first case field each rule's condition reads, through definitions: found once
/// per rule and per definition for a batch, rather than for every diagnostic.
#[derive(Debug, Default)]
pub(super) struct FirstFields {
    rules: HashMap<RuleIdx, Option<FieldPath>>,
    defs: HashMap<DefId, Option<FieldPath>>,
}

impl FirstFields {
    fn of_rule(&mut self, program: &Program, rule: RuleIdx) -> Option<FieldPath> {
        if let Some(found) = self.rules.get(&rule) {
            return found.clone();
        }
        // A field the condition names itself (`assessment.employability is absent`)
        // comes before those its definitions read (`eligible` reads the birth date).
        let when = program.rules.get(rule.0 as usize).and_then(|r| r.when.as_ref());
        let found = when.and_then(|w| named_directly(program, w).or_else(|| self.in_expr(program, w)));
        self.rules.insert(rule, found.clone());
        found
    }

    /// The checker keeps definitions within `ast::MAX_DEPTH` of each other, so this
    /// recursion is as deep as an evaluation at most.
    fn in_expr(&mut self, program: &Program, e: &CExpr) -> Option<FieldPath> {
        #[cfg(test)]
        tests::WALKED.with(|n| n.set(n.get() + 1));
        match &e.kind {
            CKind::CaseField(path) => return Some(field_path(program, path)),
            CKind::Def(id) => return self.of_def(program, *id),
            _ => {}
        }
        crate::lint::children(e)
            .into_iter()
            .find_map(|c| self.in_expr(program, c))
    }

    fn of_def(&mut self, program: &Program, id: DefId) -> Option<FieldPath> {
        if let Some(found) = self.defs.get(&id) {
            return found.clone();
        }
        let found = program
            .definitions
            .get(id.0 as usize)
            .and_then(|d| self.in_expr(program, &d.expr));
        self.defs.insert(id, found.clone());
        found
    }
}

/// The case field an expression names itself, outside its definitions: the first one
/// it asks `is absent` of (a check that a field is missing is about that field), else
/// the first one it names.
fn named_directly(program: &Program, e: &CExpr) -> Option<FieldPath> {
    tested_absent(program, e).or_else(|| first_named(program, e))
}

/// The first case field an expression asks `is absent` of, outside its definitions.
fn tested_absent(program: &Program, e: &CExpr) -> Option<FieldPath> {
    match &e.kind {
        CKind::IsAbsent(inner, true) => match &inner.kind {
            CKind::CaseField(path) => Some(field_path(program, path)),
            _ => None,
        },
        CKind::Def(_) => None,
        _ => crate::lint::children(e)
            .into_iter()
            .find_map(|c| tested_absent(program, c)),
    }
}

/// The first case field an expression names, outside its definitions.
fn first_named(program: &Program, e: &CExpr) -> Option<FieldPath> {
    match &e.kind {
        CKind::CaseField(path) => Some(field_path(program, path)),
        CKind::Def(_) => None,
        _ => crate::lint::children(e)
            .into_iter()
            .find_map(|c| first_named(program, c)),
    }
}

#[cfg(test)]
mod tests {
    use crate::run::{MissingDate, Runner};
    use crate::source::SourceMap;
    use std::cell::Cell;

    thread_local! {
        /// Expressions walked to find where diagnostics point, on this thread.
        pub(super) static WALKED: Cell<usize> = const { Cell::new(0) };
    }

    /// A policy checked without errors, with its source map.
    fn checked(text: &str) -> (crate::program::Program, SourceMap) {
        let mut sources = SourceMap::new();
        let file = sources.add("t.policy", text);
        let (parsed, errors) = crate::syntax::parse_policy(file, text);
        assert!(errors.is_empty(), "{errors:?}");
        let Some(parsed) = parsed else { panic!("no policy") };
        let (program, diagnostics) = crate::check::check(&[parsed]);
        let Some(program) = program else {
            panic!("{diagnostics:?}")
        };
        (program, sources)
    }

    /// A check that a field is missing points at where it would be written, labelled
    /// with the field's own label in each language.
    #[test]
    fn a_check_points_at_the_field_it_finds_missing_with_its_label() {
        let text = "policy \"p\" {}\ncase {\n  b: bool? \"乙\" en \"second\"\n  g \"组\" en \"group\" { a: bool? \"甲\" en \"first\" }\n}\n\
                    check c cites \"x\" \"x\" { when b and g.a is absent\n severity warning }\n";
        let (program, mut sources) = checked(text);
        let mut runner = Runner::new(&program, None, MissingDate::Error);
        for (case, line, column) in [
            ("id: x\nas_of: 2025-09-01\nb: true\n", 1, 1),
            ("id: y\nas_of: 2025-09-01\nb: true\ng: {}\n", 4, 1),
        ] {
            let results = runner.run_file(&mut sources, "case.yaml", case);
            let d = &results[0].diagnostics[0];
            let at = d.span.map(|s| sources.line_col(s));
            assert_eq!(at.map(|at| (at.line, at.column)), Some((line, column)), "{case}");
            let label = d.label.as_ref().map(|l| (l.zh(), l.en()));
            assert_eq!(label, Some(("甲".to_string(), "first".to_string())));
        }
    }

    /// 2,000 checks that hold, each reading a definition of a 1,000-item list before the
    /// case field: each diagnostic points at the field, and the definition is walked
    /// once for the batch, not once per diagnostic (2·10⁶ walks).
    #[test]
    fn diagnostics_are_located_with_one_walk_per_definition() {
        let (n, terms) = (2_000, 1_000);
        let mut text = String::from("policy \"p\" {}\ncase { b: bool? \"b\" }\n");
        let zeros = vec!["0"; terms].join(", ");
        text.push_str(&format!("define k \"k\" = length([{zeros}]) > 0\n"));
        for i in 0..n {
            text.push_str(&format!(
                "check c{i} cites \"x\" \"x\" {{ when k and b\n severity warning }}\n"
            ));
        }
        let (program, mut sources) = checked(&text);
        let mut runner = Runner::new(&program, None, MissingDate::Error);
        WALKED.with(|w| w.set(0));
        let results = runner.run_file(&mut sources, "case.yaml", "id: x\nas_of: 2025-09-01\nb: true\n");
        let walked = WALKED.with(Cell::get);
        let located: Vec<usize> = results[0]
            .diagnostics
            .iter()
            .filter_map(|d| d.span.map(|s| sources.line_col(s).line))
            .collect();
        assert_eq!(located, vec![3; n], "each points at `b: true`");
        assert!(walked < 4 * terms + 10 * n, "{walked} expressions walked");
    }
}

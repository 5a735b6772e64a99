//! The mutants of a policy: one small change each, made to the text at a place the
//! parsed AST gives, so that each mutant is an ordinary policy text. Integer literals
//! ±1 (with their unit), `<`↔`<=` and `>`↔`>=`, `and`↔`or`, and each condition of an
//! `and`/`or` chain dropped.

use super::extent::{Brackets, children};
use super::{Mutant, MutationKind};
use crate::ast::{BinOp, Expr, ExprKind, Item, Literal};
use crate::policy_set::LoadedPolicy;
use crate::source::SourceMap;

/// How many characters of source a change shows before it is cut with `…`.
const SHOWN_CHARS: usize = 80;

/// Every mutant of every file of `loaded`, ordered by file name, then the place shown
/// (line, column), then the bytes replaced.
pub fn generate(loaded: &LoadedPolicy) -> Vec<Mutant> {
    let mut out = Vec::new();
    for file in &loaded.files {
        let source = loaded.sources.get(file.file);
        let mut walk = Walk {
            brackets: Brackets::of(&source.text),
            sources: &loaded.sources,
            file: file.file,
            out: Vec::new(),
        };
        for item in &file.items {
            walk.item(item);
        }
        out.append(&mut walk.out);
    }
    out.sort_by(|a, b| {
        let key = |m: &Mutant| {
            (
                m.file.clone(),
                m.line,
                m.column,
                m.start,
                m.end,
                m.kind,
                m.replacement.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    out.dedup_by(|a, b| a.file == b.file && a.start == b.start && a.end == b.end && a.replacement == b.replacement);
    out
}

struct Walk<'a> {
    brackets: Brackets<'a>,
    sources: &'a SourceMap,
    file: crate::source::FileId,
    out: Vec<Mutant>,
}

impl Walk<'_> {
    fn item(&mut self, item: &Item) {
        match item {
            Item::Param(d) => self.expr(&d.expr, Some(&d.name.node)),
            Item::Define(d) => self.expr(&d.expr, None),
            Item::Table(t) => {
                for (_, e) in t.rows.iter().flat_map(|r| &r.columns) {
                    self.expr(e, None);
                }
            }
            Item::Rule(r) => {
                for e in r.when.iter().chain(r.yields.iter().flatten().map(|y| &y.expr)) {
                    self.expr(e, None);
                }
            }
            Item::Decision(fields) => {
                for f in fields {
                    self.expr(&f.expr, None);
                }
            }
            Item::Replace(inner, _) => self.item(inner),
            Item::Enum(_) | Item::Case(_) | Item::Repeal(_) => {}
        }
    }

    /// The mutants of `expr` and of everything in it; `param`: the name of the
    /// parameter whose whole value `expr` is.
    fn expr(&mut self, expr: &Expr, param: Option<&str>) {
        match &expr.kind {
            ExprKind::Lit(Literal::Int(n)) => return self.number(expr, *n, expr.span.end as usize, param),
            ExprKind::WithUnit(inner, _) => {
                if let ExprKind::Lit(Literal::Int(n)) = inner.kind {
                    return self.number(inner, n, expr.span.end as usize, param);
                }
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r),
            _ => {}
        }
        for child in children(expr) {
            self.expr(child, None);
        }
    }

    /// `n` − 1 and `n` + 1 in place of the literal, shown with its unit (up to
    /// `shown_end`) and the parameter's name.
    fn number(&mut self, lit: &Expr, n: i64, shown_end: usize, param: Option<&str>) {
        let text = self.brackets.text();
        let (start, end) = (lit.span.start as usize, lit.span.end as usize);
        let unit = text.get(end..shown_end).unwrap_or("");
        let named = |value: &str| match param {
            Some(name) => shown(&format!("{name} = {value}{unit}")),
            None => shown(&format!("{value}{unit}")),
        };
        let before = named(text.get(start..end).unwrap_or(""));
        for m in [n.checked_sub(1), n.checked_add(1)].into_iter().flatten() {
            let replacement = m.to_string();
            let change = format!("{before} → {}", named(&replacement));
            self.push(MutationKind::Number, (start, end), replacement, start, change);
        }
    }

    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr) {
        let (l_ext, r_ext) = (self.brackets.extent(l), self.brackets.extent(r));
        let Some(at) = self.brackets.token_between(l_ext.1, r_ext.0) else {
            return;
        };
        let text = self.brackets.text();
        let rest = text.get(at..).unwrap_or("");
        let swap = match op {
            BinOp::Lt if !rest.starts_with("<=") => Some(("<", "<=", MutationKind::Boundary)),
            BinOp::Gt if !rest.starts_with(">=") => Some((">", ">=", MutationKind::Boundary)),
            BinOp::Le if rest.starts_with('≤') => Some(("≤", "<", MutationKind::Boundary)),
            BinOp::Ge if rest.starts_with('≥') => Some(("≥", ">", MutationKind::Boundary)),
            BinOp::Le => Some(("<=", "<", MutationKind::Boundary)),
            BinOp::Ge => Some((">=", ">", MutationKind::Boundary)),
            BinOp::And => Some(("and", "or", MutationKind::Connective)),
            BinOp::Or => Some(("or", "and", MutationKind::Connective)),
            _ => None,
        };
        let Some((token, new, kind)) = swap.filter(|(token, ..)| rest.starts_with(token)) else {
            return;
        };
        let end = at + token.len();
        let change = if kind == MutationKind::Connective {
            format!("{token} → {new}")
        } else {
            let before = text.get(l_ext.0..r_ext.1).unwrap_or("");
            let (left, right) = (
                text.get(l_ext.0..at).unwrap_or(""),
                text.get(end..r_ext.1).unwrap_or(""),
            );
            let after = format!("{left}{new}{right}");
            format!("{} → {}", shown(before), shown(&after))
        };
        self.push(kind, (at, end), new.to_string(), at, change);
        if matches!(op, BinOp::And | BinOp::Or) {
            self.drops(op, (l, l_ext), (r, r_ext));
        }
    }

    /// Each condition of a chain dropped once: the right one here, the left one here
    /// unless it is the rest of the chain (whose own node drops its conditions).
    fn drops(&mut self, op: BinOp, (l, l_ext): (&Expr, (usize, usize)), (r, r_ext): (&Expr, (usize, usize))) {
        let text = self.brackets.text();
        let same = |e: &Expr| matches!(e.kind, ExprKind::Binary(o, ..) if o == op);
        if !same(r) {
            let change = shown(text.get(r_ext.0..r_ext.1).unwrap_or(""));
            self.push(
                MutationKind::Dropped,
                (l_ext.1, r_ext.1),
                String::new(),
                r_ext.0,
                change,
            );
        }
        if !same(l) {
            let change = shown(text.get(l_ext.0..l_ext.1).unwrap_or(""));
            self.push(
                MutationKind::Dropped,
                (l_ext.0, r_ext.0),
                String::new(),
                l_ext.0,
                change,
            );
        }
    }

    fn push(
        &mut self,
        kind: MutationKind,
        (start, end): (usize, usize),
        replacement: String,
        at: usize,
        change: String,
    ) {
        let file = self.sources.get(self.file);
        let place = self.sources.line_col(crate::source::Span::new(self.file, at, at));
        self.out.push(Mutant {
            file: file.name.clone(),
            start,
            end,
            replacement,
            line: place.line,
            column: place.column,
            kind,
            change,
        });
    }
}

/// Source text on one line: blanks (line breaks included) as one space, comments left
/// out, cut at [`SHOWN_CHARS`] characters.
pub fn shown(text: &str) -> String {
    let mut words = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        words.extend(code.split_whitespace());
    }
    let joined = words.join(" ");
    if joined.chars().count() <= SHOWN_CHARS {
        return joined;
    }
    let mut cut: String = joined.chars().take(SHOWN_CHARS - 1).collect();
    cut.push('…');
    cut
}

//! The direct subexpressions of a compiled expression, for walks over the program: read
//! (lints, coverage, where a diagnostic points) and written (marking membership tests).
//! One list of the forms serves both, so a new form is added in one place.

use super::{CExpr, CKind};

/// The children of `$e` (a `&CExpr` or `&mut CExpr`); `$as_deref` and `$iter` are the
/// methods for an optional child and a list of children, with or without `_mut`.
macro_rules! children_of {
    ($e:expr, $as_deref:ident, $iter:ident $(, $mutability:tt)?) => {
        match $e {
            CKind::Const(_) | CKind::AsOf | CKind::CaseField(_) | CKind::Local(_) | CKind::Def(_) | CKind::Holds(..) => {
                Vec::new()
            }
            CKind::GetField(a, _)
            | CKind::TableRow(_, a)
            | CKind::Unary(_, a)
            | CKind::WithUnit(a, _)
            | CKind::Project(a, _) => {
                vec![&$($mutability)? **a]
            }
            CKind::IsAbsent(a, _) | CKind::IsVariant(a, _, _) => vec![&$($mutability)? **a],
            CKind::Binary(_, a, b) => vec![&$($mutability)? **a, &$($mutability)? **b],
            CKind::If(a, b, c) => vec![&$($mutability)? **a, &$($mutability)? **b, &$($mutability)? **c],
            CKind::Match(s, _, arms) => std::iter::once(&$($mutability)? **s).chain(arms.$iter()).collect(),
            CKind::Aggregate {
                list,
                filter,
                body,
                until,
                ..
            } => std::iter::once(&$($mutability)? **list)
                .chain(filter.$as_deref())
                .chain(body.$as_deref())
                .chain(until.$as_deref())
                .collect(),
            CKind::Call(_, args) | CKind::CallDefinition(_, args) | CKind::List(args) | CKind::Record(args) => {
                args.$iter().collect()
            }
        }
    };
}

impl CExpr {
    /// The direct subexpressions, in the order they are written.
    pub fn children(&self) -> Vec<&CExpr> {
        children_of!(&self.kind, as_deref, iter)
    }

    /// The direct subexpressions, to be changed.
    pub fn children_mut(&mut self) -> Vec<&mut CExpr> {
        children_of!(&mut self.kind, as_deref_mut, iter_mut, mut)
    }
}

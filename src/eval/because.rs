//! What an explanation is made of: the conditions that decided an outcome
//! ([`Because`]) and their operands with their values ([`Shown`]), borrowing the
//! program's labels. The words are the report's (`report::because`).

use crate::ast::{BinOp, Label, RuleId, RuleKind};
use crate::source::Span;
use crate::value::Value;
use std::rc::Rc;

/// An operand of a condition, with its value. Labels are the program's own, borrowed:
/// a trace shows thousands of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown<'p> {
    /// A labelled case field or definition.
    Named {
        /// Its label.
        label: &'p Label,
        /// Its value.
        value: Value,
        /// Whether it is computed (a definition), not given in the case: an absent
        /// value is then "none", not "not given".
        computed: bool,
    },
    /// A literal.
    Constant(Value),
    /// The evaluation date D.
    EvaluationDate(Value),
    /// `a + b` or `a - b`, with the result.
    Arithmetic {
        /// The operator.
        op: BinOp,
        /// Left operand.
        left: Box<Shown<'p>>,
        /// Right operand.
        right: Box<Shown<'p>>,
        /// The result.
        value: Value,
    },
    /// A value read from the row of a table by date that was in force: told with the
    /// table's label and the row's first day.
    FromRow {
        /// The value as it would be told otherwise.
        shown: Box<Shown<'p>>,
        /// The table's label.
        table: &'p Label,
        /// The first day of the row used.
        from: chrono::NaiveDate,
    },
    /// Any other expression, told by the labelled fields and definitions it reads (an
    /// explanation never shows the policy's expression syntax).
    Computed {
        /// Where it is written in the policy.
        span: Span,
        /// The labels of what it reads, in order, each once.
        reads: Box<[&'p Label]>,
        /// Its value.
        value: Value,
    },
}

/// One condition that decided a rule's outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum Because<'p> {
    /// `left op right`.
    Compare {
        /// Left side.
        left: Shown<'p>,
        /// The comparison.
        op: BinOp,
        /// Right side.
        right: Shown<'p>,
        /// Whether it held.
        holds: bool,
    },
    /// `x is value`, `x is absent`.
    Is {
        /// What was tested.
        subject: Shown<'p>,
        /// The enum value's label, or `None` for an absence test.
        variant: Option<&'p Label>,
        /// For an absence test: whether absence was asked for.
        absent: bool,
        /// `is not`.
        negated: bool,
        /// Whether it held.
        holds: bool,
    },
    /// A yes/no field or definition, with the reasons for a definition's value.
    Flag {
        /// Its label.
        label: &'p Label,
        /// Its value.
        holds: bool,
        /// Why (for definitions, up to a few levels deep).
        reasons: Reasons<'p>,
    },
    /// `not x`.
    Not(Box<Because<'p>>),
    /// `holds(kind)`: which rules of the kind held; `holds(kind id)`: whether that one
    /// did.
    Rules {
        /// The kind.
        kind: RuleKind,
        /// Ids of the rules that held.
        held: Vec<&'p RuleId>,
        /// The one rule asked about (`holds(category 1)`), if one was.
        asked: Option<&'p RuleId>,
    },
    /// A comparison of a value computed from one field or definition with nothing (an
    /// empty text, zero: `length(roles) > 0`, `trim(x ?? "") != ""`), told by that
    /// field's or definition's own value: whether it has one is what is asked.
    ValueOf {
        /// The one field or definition read, with its value.
        subject: Shown<'p>,
        /// Whether the comparison held.
        holds: bool,
    },
    /// `all(…)` or `any(…)` told by the item that decided it: the first for which the
    /// condition fails (an `all` that failed) or holds (an `any` that held).
    Item {
        /// The list's label.
        list: &'p Label,
        /// The item's place in the list, from 1.
        number: usize,
        /// Why the condition held or failed for the item.
        reasons: Vec<Because<'p>>,
        /// Whether the whole held (and so whether the condition held for the item).
        holds: bool,
    },
    /// `all(…)` that held or `any(…)` that failed: no single item decided it, every
    /// item did.
    EveryItem {
        /// The list, with its value.
        list: Shown<'p>,
        /// Whether the condition held for every item (`all`), else for none (`any`).
        every: bool,
        /// Whether the whole held.
        holds: bool,
    },
    /// Any other condition, told by the labelled fields and definitions it reads.
    Other {
        /// Where it is written.
        span: Span,
        /// The labels of what it reads, in order, each once.
        reads: Box<[&'p Label]>,
        /// Whether it held.
        holds: bool,
    },
}

/// The reasons of a yes/no definition's value ([`Because::Flag`]): shared, not copied,
/// since one case's explanation tells the same definition under many rules and finds
/// its reasons once. No reasons take no allocation; others keep the list as it was
/// found (an `Rc` of the `Vec`, not of a slice, which would copy the list again; not an
/// `Arc`: an explanation stays on its thread, and counting atomically cost more).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reasons<'p>(Option<Rc<Vec<Because<'p>>>>);

impl<'p> Reasons<'p> {
    /// No reasons (a case field, or a definition at the depth where explaining stops).
    pub fn none() -> Reasons<'p> {
        Reasons(None)
    }

    /// The shared list, when there are reasons.
    pub fn shared(&self) -> Option<&Rc<Vec<Because<'p>>>> {
        self.0.as_ref()
    }
}

impl<'p> From<Vec<Because<'p>>> for Reasons<'p> {
    fn from(reasons: Vec<Because<'p>>) -> Reasons<'p> {
        Reasons((!reasons.is_empty()).then(|| Rc::new(reasons)))
    }
}

impl<'p> std::ops::Deref for Reasons<'p> {
    type Target = [Because<'p>];

    fn deref(&self) -> &[Because<'p>] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

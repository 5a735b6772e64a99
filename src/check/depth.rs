//! How deep evaluation can go: one level per expression inside an expression, and a
//! definition, rule or table used somewhere is evaluated from there down. Checking
//! keeps the depth below `MAX_DEPTH`, so neither the checker nor the evaluator can run
//! out of stack on any policy.

use super::Checker;
use super::messages::CheckMsg;
use crate::ast::MAX_DEPTH;
use crate::program::{DefId, RuleIdx, TableId};
use crate::source::Span;

/// A definition, rule or table: something checked once and evaluated where it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Body {
    Def(DefId),
    Rule(RuleIdx),
    Table(TableId),
}

impl Checker<'_> {
    /// Enums, their values, records, their fields and tables are numbered in 16 bits:
    /// a policy with more of one of them is refused rather than numbered wrongly.
    pub(super) fn check_sizes(&mut self) {
        let limit = u16::MAX as usize;
        let counts = [
            (CheckMsg::TooManyEnums, self.enums.len()),
            (
                CheckMsg::TooManyValues,
                self.enums.iter().map(|e| e.variants().len()).max().unwrap_or(0),
            ),
            (CheckMsg::TooManyRecords, self.records.len()),
            (
                CheckMsg::TooManyFields,
                self.records.iter().map(|r| r.fields().len()).max().unwrap_or(0),
            ),
            (CheckMsg::TooManyTables, self.tables.len()),
        ];
        for (too_many, count) in counts {
            if count > limit {
                self.error(
                    crate::diagnostic::Diagnostic::error(
                        crate::diagnostic::Code::InvalidConstruct,
                        too_many.with([count.to_string(), limit.to_string()]),
                    )
                    .with_help(CheckMsg::SplitPolicy),
                );
            }
        }
    }

    /// Notes that evaluation gets `level` levels deep at `span`; beyond [`MAX_DEPTH`],
    /// an error (once) and `false`.
    pub(super) fn reached(&mut self, level: usize, span: Span) -> bool {
        self.reach = self.reach.max(level);
        if level <= MAX_DEPTH {
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            self.error(crate::syntax::too_deep(span));
        }
        false
    }

    /// Starts checking a body (a definition, rule or table) one level below its use;
    /// returns what [`Self::end_body`] needs.
    pub(super) fn begin_body(&mut self) -> usize {
        let outer = std::mem::replace(&mut self.reach, self.depth);
        self.depth += 1;
        outer
    }

    /// Ends checking a body: how many levels it went down is its height.
    pub(super) fn end_body(&mut self, body: Body, outer: usize) {
        self.depth -= 1;
        self.heights.insert(body, self.reach - self.depth);
        self.reach = self.reach.max(outer);
    }

    /// A use, at `span`, of a body already checked: it is evaluated from here down.
    pub(super) fn used(&mut self, body: Body, span: Span) {
        if let Some(height) = self.heights.get(&body).copied() {
            self.reached(self.depth + height, span);
        }
    }
}

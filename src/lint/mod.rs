//! Lints on a checked policy: definitions and case fields nothing reads, rules that can
//! never hold, and tiers that overlap or leave a gap. Warnings for `zhengce check`;
//! errors for `zhengce check --strict`, as CI wants them.

mod messages;
mod tiers;
mod usage;

use crate::ast::RuleKind;
pub use usage::children;

use crate::diagnostic::Diagnostic;
use crate::program::Program;

/// Every lint warning of a policy, in a stable order.
pub fn lint(program: &Program) -> Vec<Diagnostic> {
    // A library (national rules other policies use: no decision and no rule but
    // checks) is checked on its own too; what it declares is for its users.
    let library = program.decision.is_empty() && program.rules.iter().all(|r| r.kind == RuleKind::Check);
    let mut out = if library { Vec::new() } else { usage::unused(program) };
    out.extend(usage::never_holds(program));
    out.extend(tiers::overlaps_and_gaps(program));
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
thread_local! {
    /// Expressions the lints walked on this thread, for a test to count.
    static WALKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

//! Lints on a checked policy: definitions and case fields nothing reads, rules that can
//! never hold, and tiers that overlap or leave a gap. Warnings for `zhengce check`;
//! errors for `zhengce check --strict`, as CI wants them.

mod messages;
mod tiers;
mod usage;

pub use usage::children;

use crate::diagnostic::Diagnostic;
use crate::program::Program;

/// Every lint warning of a policy, in a stable order.
pub fn lint(program: &Program) -> Vec<Diagnostic> {
    let mut out = usage::unused(program);
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

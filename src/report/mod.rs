//! Rendering: decisions and diagnostics to text for people and JSON for machines.
//! Renderers decide nothing; they only show what the evaluator decided.

mod diagnostics;
mod excerpt;
mod json;
mod junit;
pub mod layout;
pub mod messages;
mod record;
mod text;
mod trace;
mod values;

pub use diagnostics::{diagnostic_json, diagnostic_json_at, render_diagnostic};
#[cfg(test)]
pub(crate) use json::TRACES_BUILT;
pub use json::{decision_json, value_json, write_decision_json};
pub use junit::JunitReport;
pub use messages::Lang;
pub use text::{because_list, definition_text, render_text, rule_name};
pub use trace::{rule_trace, trace_lines};
pub use values::{ValueStyle, format_value};

/// How results are rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Language of explanations.
    pub lang: Lang,
    /// Show ID numbers in full (`--show-pii`).
    pub show_pii: bool,
    /// Colour (only on a terminal, never with NO_COLOR).
    pub color: bool,
    /// Whether JSON records carry the `trace` (contract §5: a batch leaves it out
    /// unless asked, it is most of the bytes and of the time).
    pub trace: Trace,
}

/// Whether the explanation of every rule outcome is computed and written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Trace {
    /// Explain every rule outcome (`eval`, `test`, the REPL, `batch --trace`).
    #[default]
    Included,
    /// Only the decision (`batch` without `--trace`).
    Omitted,
}

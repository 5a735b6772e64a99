//! Rendering: decisions and diagnostics to text for people and JSON for machines.
//! Renderers decide nothing; they only show what the evaluator decided.

mod because;
mod case_schema;
mod case_template;
mod catalogue;
pub mod changes;
mod diagnostics;
mod excerpt;
mod json;
mod junit;
pub mod layout;
pub mod messages;
mod record;
mod short;
mod short_text;
mod text;
mod trace;
mod values;

pub use because::because_list;
pub use case_schema::case_schema;
pub use case_template::case_template;
pub use diagnostics::{DrawOptions, diagnostic_json, diagnostic_json_at, render_diagnostic};
#[cfg(test)]
pub(crate) use json::TRACES_BUILT;
pub use json::{decision_json, value_json, write_decision_json, write_final_decision_json};
pub use junit::JunitReport;
pub use messages::Lang;
pub use short::reasons_line;
pub use text::{definition_text, render_text, rule_name};
pub use trace::{rule_trace, trace_lines};
pub use values::{ValueStyle, format_typed_value, format_value, type_words};

/// How results are rendered.
#[derive(Debug, Clone, Copy)]
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
    /// How much of the explanation the text format shows.
    pub explain: Explain,
    /// The width of text lines, in columns (a Chinese character takes two).
    pub width: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            lang: Lang::default(),
            show_pii: false,
            color: false,
            trace: Trace::default(),
            explain: Explain::default(),
            width: 80,
        }
    }
}

/// How much of the explanation the text format shows (`--explain`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Explain {
    /// What a case worker needs: what holds and why, and for a rule that fails the
    /// first condition that failed.
    #[default]
    Short,
    /// Every rule with every condition and the reasons of its definitions.
    Full,
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

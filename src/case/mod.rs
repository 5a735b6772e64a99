//! Case files: YAML documents read against the policy's case schema, with the byte span
//! of every value kept for diagnostics.
//!
//! ```text
//! YAML text ──yaml──▶ YamlNode trees (one per document, spans in bytes)
//!           ──load──▶ LoadedCase { id, as_of, expect, facts: Value::Record, spans }
//! ```
//!
//! One YAML 1.2 document is one case (core schema: plain `true`/`false` are booleans,
//! plain `null`/`~`/nothing is null, plain integers are numbers, anything quoted is
//! text). The keys `id`, `as_of` and `expect` belong to the loader; all others are
//! fields of the case schema, which comes from the policy file, not from Rust. Every
//! problem of a case is reported, each with its span, and a bad case never stops the
//! cases after it.

mod columns;
mod derive;
mod json_line;
mod line_cursor;
mod line_spans;
mod load;
pub mod messages;
mod plain_date;
mod record;
pub mod resident_id;
mod scalar;
mod slots;
mod spans;

#[cfg(test)]
mod tests;

pub use crate::yaml::{ScalarStyle, YamlDocument, YamlKind, YamlNode, parse_documents};
pub use columns::{CaseColumns, Cell, ColumnProblem};
pub use json_line::{LinePlan, read_json_line, read_json_line_planned};
pub use line_spans::JsonLine;
pub use load::{ENVELOPE_KEYS, LoadedCase, TEMPLATE_MARK, cases, load_cases, load_document, load_file};
pub use resident_id::mask as mask_id;
pub use scalar::{Core, parse_date, parse_month, resolve};
pub use spans::{CaseSpans, SpanNode, path_name, schema_paths};

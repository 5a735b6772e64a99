//! YAML text → a small tree of scalars, sequences and mappings that keeps the byte span
//! of every node. Case files and calendar files are both read through it.

mod fullwidth;
mod json;
pub mod messages;
mod node;
mod offsets;
mod parse;
mod stream;

#[cfg(test)]
mod tests;

pub use json::{json_key_span, parse_json_document};
pub use node::{ScalarStyle, YamlDocument, YamlKind, YamlNode};
pub use stream::{DocumentChecks, case_too_large, documents, not_utf8, parse_documents};

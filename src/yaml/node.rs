//! The YAML tree that case files are read into: scalars, sequences and mappings, each
//! with the byte span of its text.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Without quotes: its type comes from its text (YAML 1.2 core schema).
    Plain,
    /// In single or double quotes, or as a `|` / `>` block: always text.
    Quoted,
}

/// The content of a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlKind {
    /// A scalar with its (unescaped) text.
    Scalar {
        /// The text, quotes and escapes removed.
        text: String,
        /// How it was written.
        style: ScalarStyle,
    },
    /// A sequence.
    Seq(Vec<YamlNode>),
    /// A mapping, pairs in the order written (duplicate keys already removed).
    Map(Vec<(YamlNode, YamlNode)>),
}

/// A YAML node with the byte span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlNode {
    /// What it is.
    pub kind: YamlKind,
    /// Where it is written (for an empty value: an empty span where it would be).
    pub span: Span,
}

impl YamlNode {
    /// A plain empty scalar (null) at a position.
    pub fn null(span: Span) -> YamlNode {
        YamlNode {
            kind: YamlKind::Scalar {
                text: String::new(),
                style: ScalarStyle::Plain,
            },
            span,
        }
    }

    /// Whether this is null in the core schema: a plain `null`, `Null`, `NULL`, `~` or
    /// nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, YamlKind::Scalar { text, style: ScalarStyle::Plain }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The text and style of a scalar.
    pub fn as_scalar(&self) -> Option<(&str, ScalarStyle)> {
        match &self.kind {
            YamlKind::Scalar { text, style } => Some((text, *style)),
            _ => None,
        }
    }

    /// The pairs of a mapping.
    pub fn as_map(&self) -> Option<&[(YamlNode, YamlNode)]> {
        match &self.kind {
            YamlKind::Map(pairs) => Some(pairs),
            _ => None,
        }
    }

    /// The value of a key of a mapping (keys compared as text).
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_scalar().is_some_and(|(t, _)| t == key))
            .map(|(_, v)| v)
    }
}

/// One YAML document of a file.
#[derive(Debug, Clone)]
pub struct YamlDocument {
    /// Its root node (null for an empty document).
    pub root: YamlNode,
    /// The whole document, `---` included.
    pub span: Span,
    /// Whether parsing reached its end; `false` after a syntax error, in which case
    /// `root` holds only what was read before the error.
    pub complete: bool,
    /// Problems found while reading it: syntax errors, duplicate keys, anchors, tags.
    pub diagnostics: Vec<Diagnostic>,
}

impl YamlDocument {
    /// A document that is not read (too large, not UTF-8): `whole` is its text, and
    /// `why` is the one error, placed at `at`.
    pub fn refused(why: Diagnostic, at: Span, whole: Span) -> YamlDocument {
        YamlDocument {
            root: YamlNode::null(Span { end: at.start, ..at }),
            span: whole,
            complete: false,
            diagnostics: vec![why.at(at, crate::diagnostic::Words::Here)],
        }
    }
}

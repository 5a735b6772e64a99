//! A policy file's outline, for tools that rewrite its text rather than read its
//! meaning (`zhengce fmt`): where its statements (declarations, entries, fields, rows,
//! arms) start and end, where its keywords stand, and its parse tree flattened, to
//! tell that a rewritten text means the same.

use super::keywords::keyword;
use super::{PolicyParser, Rule};
use pest::Parser;
use pest::iterators::Pair;
use std::ops::Range;

/// A keyword as written in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordAt {
    /// Its bytes in the file.
    pub range: Range<usize>,
    /// Whether it is a unit written after the number 1 (`1 year`), whose English word
    /// is the singular.
    pub after_one: bool,
}

/// The outline of a policy file that parses (see [`outline`]).
#[derive(Debug, Default)]
pub struct Outline {
    /// Byte ranges of the statements: the places a line of a well-laid-out file starts
    /// with, in the order they start.
    pub statements: Vec<Range<usize>>,
    /// Every keyword, in order.
    pub keywords: Vec<KeywordAt>,
    /// The parse tree in pre-order: each node's rule and depth, and for a leaf its text
    /// (a keyword's as its English word, so the two keyword sets compare equal).
    tree: Vec<(Rule, usize, Option<String>)>,
}

impl Outline {
    /// Whether two outlines have the same parse tree, keywords read in either set:
    /// texts that differ in layout, comments and keyword set only.
    pub fn same_tree(&self, other: &Outline) -> bool {
        self.tree == other.tree
    }
}

/// The outline of `text`, or `None` when it does not parse (the syntax errors are
/// what [`super::parse_policy`] reports).
pub fn outline(text: &str) -> Option<Outline> {
    // In one piece, unlike `parse_policy`: a file whose items do not start in column 0
    // is still laid out, and then they do.
    let pairs = PolicyParser::parse(Rule::policy_file, text).ok()?;
    let mut out = Outline::default();
    let mut walk = Walk {
        out: &mut out,
        last_leaf: "",
    };
    for pair in pairs {
        walk.visit(pair, 0);
    }
    Some(out)
}

/// A walk over the file's parse tree.
struct Walk<'o, 'i> {
    out: &'o mut Outline,
    /// The text of the leaf before the one visited.
    last_leaf: &'i str,
}

impl<'i> Walk<'_, 'i> {
    fn visit(&mut self, pair: Pair<'i, Rule>, depth: usize) {
        let rule = pair.as_rule();
        let span = pair.as_span();
        let range = span.start()..span.end();
        if is_statement(rule) {
            self.out.statements.push(range.clone());
        }
        let text = pair.as_str();
        let is_keyword = is_keyword_rule(rule);
        if is_keyword {
            self.out.keywords.push(KeywordAt {
                range,
                after_one: self.last_leaf == "1",
            });
        }
        let mut inner = pair.into_inner().peekable();
        if inner.peek().is_none() || is_keyword {
            let leaf = match keyword(text) {
                Some(k) if is_keyword => k.english[0].to_string(),
                _ => text.to_string(),
            };
            self.out.tree.push((rule, depth, Some(leaf)));
            self.last_leaf = text;
            return;
        }
        self.out.tree.push((rule, depth, None));
        for child in inner {
            self.visit(child, depth + 1);
        }
    }
}

/// Rules whose text is one keyword of the language.
fn is_keyword_rule(rule: Rule) -> bool {
    match rule {
        Rule::kw_en => false,
        Rule::rule_kind | Rule::severity_level | Rule::unit | Rule::aggregate_op | Rule::field_word => true,
        // The kw_ rules, by name: one match arm per rule would be a second list of them.
        _ => format!("{rule:?}").starts_with("kw_"),
    }
}

/// Rules a line may start with in a well-laid-out file: what a line that starts inside
/// one of them (after its first line) continues.
fn is_statement(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::header
            | Rule::header_entry
            | Rule::enum_decl
            | Rule::enum_variant
            | Rule::case_decl
            | Rule::order_decl
            | Rule::field_decl
            | Rule::shape_field
            | Rule::param_decl
            | Rule::define_decl
            | Rule::parameter
            | Rule::table_decl
            | Rule::table_row
            | Rule::record_entry
            | Rule::rule_decl
            | Rule::rule_entry
            | Rule::yield_field
            | Rule::decision_decl
            | Rule::decision_field
            | Rule::match_arm
            | Rule::replace_decl
            | Rule::repeal_decl
    )
}

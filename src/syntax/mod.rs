//! Syntax: policy text → AST. The pest grammar is `grammar/policy.pest`; this module
//! splits a file into items, parses each on its own (so that one syntax error does not
//! hide the next) and lowers parse trees with one function per grammar rule.

mod expr;
mod header;
mod literal;
mod lower;
mod prebuilt;
mod split;

use crate::ast::{MAX_DEPTH, PolicyFile};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::Parser;
use split::split_items;

/// The pest parser generated from `grammar/policy.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/policy.pest"]
pub struct PolicyParser;

/// Parses one policy file. Returns the file when its header parsed (items with syntax
/// errors are left out) and every syntax error found.
pub fn parse_policy(file: FileId, text: &str) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    parse_pieces(file, text, None)
}

/// [`parse_policy`] for a built-in policy file, whose parse trees `build.rs` made
/// (`trees`, see `prebuilt.rs`): they are rebuilt, not parsed again. The result is the
/// same; a piece without a tree is parsed.
pub fn parse_builtin_policy(file: FileId, text: &str, trees: &[u8]) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    parse_pieces(file, text, Some(prebuilt::Trees::new(trees)))
}

fn parse_pieces(file: FileId, text: &str, mut trees: Option<prebuilt::Trees>) -> (Option<PolicyFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let chunks = split_items(text);
    let mut header = None;
    let mut items = Vec::new();
    for (index, (start, end)) in chunks.into_iter().enumerate() {
        let chunk = &text[start..end];
        let tree = trees.as_mut().and_then(|t| t.next(text, start, end));
        if let Some(at) = too_deeply_nested(chunk) {
            diagnostics.push(too_deep(Span::new(file, start + at, start + at + 1)));
            continue;
        }
        let lowering = lower::Lowering::new(file, start);
        let rule = if index == 0 { Rule::header_file } else { Rule::items };
        let parsed = match tree {
            Some(pairs) => Ok(pairs),
            None => PolicyParser::parse(rule, chunk),
        };
        match parsed {
            Ok(mut pairs) if index == 0 => header = pairs.next().and_then(|p| lowering.header_file(p)),
            Ok(mut pairs) => {
                if let Some(pair) = pairs.next() {
                    match lowering.items(pair) {
                        Ok(mut lowered) => items.append(&mut lowered),
                        Err(d) => diagnostics.push(*d),
                    }
                }
            }
            Err(e) => diagnostics.push(syntax_error(file, start, chunk, e)),
        }
    }
    let policy = header.map(|header| PolicyFile { file, header, items });
    (policy, diagnostics)
}

/// The byte offset of the first bracket (`(`, `[` or `{`) nested more than
/// [`MAX_DEPTH`] deep, outside strings and comments. Checked before parsing, because the
/// parser recurses once per level. Bytes, not characters: every byte that matters is
/// ASCII, and no byte of a longer UTF-8 character is.
fn too_deeply_nested(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut bytes = text.bytes().enumerate().peekable();
    while let Some((i, b)) = bytes.next() {
        match b {
            // A string ends at its closing quote, or at the end of the line.
            b'"' => {
                while let Some((_, b)) = bytes.next() {
                    match b {
                        b'\\' => {
                            bytes.next_if(|(_, b)| *b != b'\n');
                        }
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
            }
            b'/' if bytes.peek().is_some_and(|(_, b)| *b == b'/') => {
                while bytes.next_if(|(_, b)| *b != b'\n').is_some() {}
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A bracket or an expression nested more than [`MAX_DEPTH`] deep.
pub(crate) fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::TooDeep,
        format!("this is nested more than {MAX_DEPTH} levels deep"),
    )
    .at(span, "too deep")
    .with_help(TOO_DEEP_HELP)
}

/// How to write a deeply nested expression with fewer levels.
const TOO_DEEP_HELP: &str = "brackets, operators and the definitions an expression uses all count: \
     write a long chain of `and` (`or`) as `all(c in [a, b, ...] : c)` (`any`), and split deep nesting into fewer levels";

fn syntax_error(file: FileId, base: usize, chunk: &str, e: pest::error::Error<Rule>) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let (start, end) = match e.location {
        InputLocation::Pos(p) => (p, next_char_end(chunk, p)),
        InputLocation::Span((s, t)) => (s, t),
    };
    // The grammar raises no errors of its own: a custom error is the parser's stack or
    // call limit.
    if let ErrorVariant::CustomError { .. } = &e.variant {
        return too_deep(Span::new(file, base + start, base + end));
    }
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found = chunk[start..]
        .chars()
        .next()
        .map_or("the end of the file".to_string(), |c| format!("`{c}`"));
    Diagnostic::error(
        Code::Syntax,
        format!("syntax error: expected {expected}, found {found}"),
    )
    .at(
        Span::new(file, base + start, base + end),
        format!("expected {expected}"),
    )
    .with_help("compare with the language tour in README.md; a string needs double quotes, a rule needs `{ when ... }`")
}

fn next_char_end(text: &str, pos: usize) -> usize {
    text[pos.min(text.len())..]
        .chars()
        .next()
        .map_or(pos, |c| pos + c.len_utf8())
}

fn describe_expected(rules: &[Rule]) -> String {
    let mut names: Vec<String> = rules.iter().map(|r| rule_name(*r)).collect();
    names.sort_unstable();
    names.dedup();
    match names.len() {
        0 => "something else".to_string(),
        1 => names[0].clone(),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} or {}", names.join(", "), last)
        }
    }
}

/// A readable name for a grammar rule, for syntax errors.
fn rule_name(rule: Rule) -> String {
    let debug = format!("{rule:?}");
    if let Some(word) = debug.strip_prefix("kw_") {
        return format!("`{word}`");
    }
    let name = match rule {
        Rule::EOI => "the end of the file",
        // An enum value `Type::value` that fails at its lookahead stands where `ident`
        // would (grammar/policy.pest).
        Rule::ident | Rule::path | Rule::variant_ref => "a name",
        Rule::variant_name => "an enum value",
        Rule::string | Rule::label => "a quoted string",
        Rule::date => "a date (YYYY-MM-DD)",
        Rule::month => "a month (YYYY-MM)",
        Rule::integer => "a whole number",
        Rule::expr | Rule::primary | Rule::literal => "an expression",
        Rule::header | Rule::kw_policy => "`policy \"id\" { ... }`",
        Rule::header_entry => "a header entry (title, issuer, document, issued, effective, valid_for, uses, note)",
        Rule::field_decl => "a field declaration",
        Rule::type_expr | Rule::named_type | Rule::list_type => "a type",
        Rule::rule_entry | Rule::when_entry => "a rule entry (when, severity, message, note)",
        Rule::rule_id => "a rule id",
        Rule::rule_kind => "a rule kind",
        Rule::unit | Rule::unit_suffix => "a unit (years, months, days)",
        Rule::infix
        | Rule::op_or
        | Rule::op_and
        | Rule::op_eq
        | Rule::op_ne
        | Rule::op_le
        | Rule::op_ge
        | Rule::op_lt
        | Rule::op_gt
        | Rule::op_add
        | Rule::op_sub
        | Rule::op_mul
        | Rule::op_div
        | Rule::op_default => "an operator",
        Rule::postfix | Rule::field_access | Rule::index_access | Rule::is_test => "`.`, `[`, `is` or a unit",
        Rule::citation | Rule::kw_cites => "`cites \"clause\" \"text\"`",
        Rule::match_arm => "a match arm (`value => expr`)",
        Rule::record_entry => "`name: expr`",
        Rule::table_row => "a table row (`value => { ... }`)",
        Rule::kw_then => "`then`",
        Rule::kw_else => "`else`",
        Rule::kw_in => "`in`",
        Rule::kw_of => "`of`",
        Rule::kw_by => "`by`",
        Rule::optional_mark => "`?`",
        Rule::field_default => "`= default`",
        Rule::derive_clause => "`from path`",
        Rule::enum_variant => "an enum value",
        Rule::note => "a note",
        Rule::decision_field => "`name = expr`",
        _ => return debug.replace('_', " "),
    };
    name.to_string()
}

#[cfg(test)]
mod tests;

/// Parses one expression on its own (as typed in the REPL), with spans in `file`.
pub fn parse_expression(file: FileId, text: &str) -> Result<crate::ast::Expr, Box<Diagnostic>> {
    if let Some(at) = too_deeply_nested(text) {
        return Err(Box::new(too_deep(Span::new(file, at, at + 1))));
    }
    let lowering = lower::Lowering::new(file, 0);
    let mut pairs =
        PolicyParser::parse(Rule::expression_input, text).map_err(|e| Box::new(syntax_error(file, 0, text, e)))?;
    let expr = pairs
        .next()
        .and_then(|p| p.into_inner().find(|p| p.as_rule() == Rule::expr))
        .ok_or_else(|| Box::new(Diagnostic::error(Code::Syntax, "an expression is missing")))?;
    lowering.expr(expr)
}

/// Parses a `YYYY-MM-DD` date as the language writes it.
pub fn parse_date_text(text: &str) -> Option<chrono::NaiveDate> {
    literal::parse_date(text)
}

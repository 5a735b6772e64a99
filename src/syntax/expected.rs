//! What a syntax error says was expected. The parser lists every grammar rule it tried
//! at the place it stopped, twenty at times, some of them internal; a policy writer
//! needs the few that matter, in words of the policy language, each said once, the
//! likeliest first.

use super::Rule;
use super::keywords::keyword;
use super::messages::{SyntaxMsg, code, list};
use super::words::words_of;
use crate::lang::Text;

/// At most this many things are named; more are shown as "…".
pub(super) const MAX_SHOWN: usize = 4;

/// One thing the parser could have read, in a policy writer's words. The order of the
/// variants is the order they are named in: what most often ends a slip comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Phrase {
    /// One fixed word or sign (`then`, `cites`, `..`).
    Token(&'static str),
    Unit,
    Operator,
    Value,
    Record,
    Name,
    FieldName,
    EnumValue,
    Text,
    Date,
    Month,
    Number,
    RuleKind,
    RuleId,
    Severity,
    Type,
    HeaderStart,
    HeaderEntry,
    RuleEntry,
    FieldDecl,
    OptionalMark,
    Parameters,
    MatchArm,
    RecordEntry,
    TableRow,
    DecisionField,
    Citation,
    DefaultValue,
    Derive,
    NewItem,
    /// A word that may be added at the end of what is written (`note`, `en`).
    Addition(&'static str),
    Is,
    FieldAccess,
    Index,
    /// The end of an expression typed on its own (the REPL).
    EndOfLine,
}

impl Phrase {
    /// The words for it.
    pub(super) fn text(self) -> Text {
        let message = match self {
            Phrase::Token(word) | Phrase::Addition(word) => return keyword_code(word),
            Phrase::OptionalMark => return code("?"),
            Phrase::Is => return keyword_code("is"),
            Phrase::Index => return code("["),
            Phrase::Unit => SyntaxMsg::Unit,
            Phrase::Operator => SyntaxMsg::Operator,
            Phrase::Value => SyntaxMsg::Value,
            Phrase::Record => SyntaxMsg::Record,
            Phrase::Name => SyntaxMsg::Name,
            Phrase::FieldName => SyntaxMsg::FieldName,
            Phrase::EnumValue => SyntaxMsg::EnumValue,
            Phrase::Text => SyntaxMsg::Text,
            Phrase::Date => SyntaxMsg::Date,
            Phrase::Month => SyntaxMsg::Month,
            Phrase::Number => SyntaxMsg::Number,
            Phrase::RuleKind => SyntaxMsg::RuleKind,
            Phrase::RuleId => SyntaxMsg::RuleId,
            Phrase::Severity => SyntaxMsg::Severity,
            Phrase::Type => SyntaxMsg::Type,
            Phrase::HeaderStart => SyntaxMsg::HeaderStart,
            Phrase::HeaderEntry => SyntaxMsg::HeaderEntry,
            Phrase::RuleEntry => SyntaxMsg::RuleEntry,
            Phrase::FieldDecl => SyntaxMsg::FieldDecl,
            Phrase::Parameters => SyntaxMsg::Parameters,
            Phrase::MatchArm => SyntaxMsg::MatchArm,
            Phrase::RecordEntry => SyntaxMsg::RecordEntry,
            Phrase::TableRow => SyntaxMsg::TableRow,
            Phrase::DecisionField => SyntaxMsg::DecisionField,
            Phrase::Citation => SyntaxMsg::Citation,
            Phrase::DefaultValue => SyntaxMsg::DefaultValue,
            Phrase::Derive => SyntaxMsg::Derive,
            Phrase::NewItem => SyntaxMsg::NewItem,
            Phrase::FieldAccess => SyntaxMsg::FieldAccess,
            Phrase::EndOfLine => SyntaxMsg::EndOfLine,
        };
        message.into()
    }
}

/// A word or sign as code: a keyword with its Chinese twin where the message is
/// Chinese (`then`/`则`), since a file may be written in either set.
fn keyword_code(word: &'static str) -> Text {
    match keyword(word) {
        Some(k) => Text::both(format!("`{word}`/`{}`", k.chinese), format!("`{word}`")),
        None => code(word),
    }
}

/// Where the text that failed to parse comes from: a piece of a policy file, or one
/// expression on its own (the REPL), where the end of the input ends the expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// A piece of a policy file.
    Policy,
    /// An expression on its own.
    Expression,
}

/// The things expected, the likeliest first (the one `suggested` belongs to, if any),
/// each once, without those another one already covers: those of the grammar rules
/// `rules`, and `extra` (signs and words the parser tried).
pub(super) fn phrases(rules: &[Rule], context: Context, suggested: Option<&str>, extra: &[Phrase]) -> Vec<Phrase> {
    let mut found: Vec<(bool, Phrase)> = rules
        .iter()
        .filter_map(|&rule| {
            let phrase = phrase(rule, context)?;
            let holds_suggestion = suggested.is_some_and(|word| words_of(rule).contains(&word));
            Some((!holds_suggestion, phrase))
        })
        .collect();
    // After a name, the parser looks ahead for `(` (a call) and `::` (an enum value):
    // worth naming only when nothing else is expected (`count` needs its `(`).
    let lookahead = |p: &Phrase| match p {
        Phrase::Token("(") => !found.is_empty(),
        Phrase::Token("::") => !found.is_empty() || extra.len() > 1,
        _ => false,
    };
    let extra: Vec<Phrase> = extra.iter().copied().filter(|p| !lookahead(p)).collect();
    found.extend(
        extra
            .iter()
            .map(|p| (!matches!(p, Phrase::Token(w) if Some(*w) == suggested), *p)),
    );
    found.sort();
    let mut out: Vec<Phrase> = Vec::new();
    for (_, phrase) in found {
        if !out.contains(&phrase) {
            out.push(phrase);
        }
    }
    let has = |p: Phrase| out.contains(&p);
    let (any_value, any_item, any_text) = (has(Phrase::Value), has(Phrase::NewItem), has(Phrase::Text));
    let covered = |p: Phrase| {
        (any_value && covered_by_value(p))
            || (any_item && p == Phrase::RuleKind)
            || (any_text && p == Phrase::Token("\""))
    };
    out.retain(|p| !covered(*p));
    out
}

/// The list of phrases as a message says it: "a, b or c", or "a, b, c, d, …".
pub(super) fn describe(phrases: &[Phrase]) -> Text {
    list(phrases.iter().map(|p| p.text()).collect(), MAX_SHOWN)
}

/// What "a value or a name" already says.
fn covered_by_value(phrase: Phrase) -> bool {
    matches!(
        phrase,
        Phrase::Name
            | Phrase::Record
            | Phrase::EnumValue
            | Phrase::Text
            | Phrase::Date
            | Phrase::Month
            | Phrase::Number
            | Phrase::Token("not" | "absent" | "true" | "false")
            // The signs a value may start with (a bracket, a record, an enum value).
            | Phrase::Token("(" | "{" | "[" | "::" | "\"")
    )
}

/// A grammar rule in a policy writer's words; `None` for rules a syntax error never
/// names (whitespace, lookaheads, whole files). Every rule is listed, so that a rule
/// added to the grammar must be given its words here.
fn phrase(rule: Rule, context: Context) -> Option<Phrase> {
    let token = || words_of(rule).first().map(|w| Phrase::Token(w));
    let addition = |kw: Rule| words_of(kw).first().map(|w| Phrase::Addition(w));
    Some(match rule {
        Rule::WHITESPACE
        | Rule::COMMENT
        | Rule::ident_char
        | Rule::keyword
        | Rule::name_chars
        | Rule::header_file
        | Rule::items
        | Rule::policy_file
        | Rule::expression_input
        | Rule::postfixed
        | Rule::postfix
        | Rule::prefix
        | Rule::string_inner => return None,
        Rule::EOI => match context {
            Context::Policy => Phrase::NewItem,
            Context::Expression => Phrase::EndOfLine,
        },
        Rule::kw_title
        | Rule::kw_issuer
        | Rule::kw_document
        | Rule::kw_issued
        | Rule::kw_effective
        | Rule::kw_valid_for
        | Rule::kw_uses
        | Rule::kw_calendar
        | Rule::kw_source_text
        | Rule::kw_amends
        | Rule::kw_until
        | Rule::header_entry
        | Rule::amends_entry
        | Rule::until_entry
        | Rule::title_entry
        | Rule::issuer_entry
        | Rule::document_entry
        | Rule::issued_entry
        | Rule::effective_entry
        | Rule::valid_for_entry
        | Rule::uses_entry
        | Rule::calendar_entry
        | Rule::source_text_entry
        | Rule::note_entry => Phrase::HeaderEntry,
        Rule::kw_enum
        | Rule::kw_case
        | Rule::kw_param
        | Rule::kw_table
        | Rule::kw_define
        | Rule::kw_decision
        | Rule::kw_replace
        | Rule::kw_repeal
        | Rule::item
        | Rule::replace_decl
        | Rule::repeal_decl
        | Rule::repeal_rule
        | Rule::repeal_define
        | Rule::repeal_field
        | Rule::field_word
        | Rule::enum_decl
        | Rule::case_decl
        | Rule::param_decl
        | Rule::define_decl
        | Rule::table_decl
        | Rule::rule_decl
        | Rule::decision_decl => Phrase::NewItem,
        Rule::kw_when
        | Rule::kw_severity
        | Rule::kw_message
        | Rule::kw_yields
        | Rule::rule_entry
        | Rule::when_entry
        | Rule::severity_entry
        | Rule::message_entry
        | Rule::yields_entry => Phrase::RuleEntry,
        Rule::kw_and
        | Rule::kw_or
        | Rule::kw_div
        | Rule::infix
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
        | Rule::op_default => Phrase::Operator,
        Rule::kw_if
        | Rule::kw_match
        | Rule::kw_holds
        | Rule::kw_true
        | Rule::kw_false
        | Rule::aggregate_op
        | Rule::aggregate_word
        | Rule::expr
        | Rule::primary
        | Rule::literal
        | Rule::if_expr
        | Rule::match_expr
        | Rule::aggregate
        | Rule::holds_expr
        | Rule::call
        | Rule::list_literal
        | Rule::op_not
        | Rule::op_neg => Phrase::Value,
        Rule::kw_policy | Rule::header => Phrase::HeaderStart,
        // `note "…"` is a rule of its own; its word is `kw_note`'s.
        Rule::kw_note | Rule::note => return addition(Rule::kw_note),
        Rule::kw_en => return addition(Rule::kw_en),
        Rule::kw_unspecified
        | Rule::kw_list
        | Rule::kw_of
        | Rule::kw_from
        | Rule::kw_by
        | Rule::kw_not
        | Rule::kw_absent
        | Rule::kw_present
        | Rule::kw_then
        | Rule::kw_else
        | Rule::kw_in
        | Rule::kw_where
        | Rule::kw_order
        | Rule::negation => return token().or(Some(Phrase::Name)),
        Rule::range_end => Phrase::Token(".."),
        Rule::kw_is | Rule::is_test => Phrase::Is,
        Rule::rule_kind => Phrase::RuleKind,
        Rule::severity_level => Phrase::Severity,
        Rule::unit | Rule::unit_suffix => Phrase::Unit,
        Rule::ident | Rule::path | Rule::variant_ref => Phrase::Name,
        Rule::field_name | Rule::field_path => Phrase::FieldName,
        Rule::variant_name | Rule::enum_variant => Phrase::EnumValue,
        Rule::string | Rule::label => Phrase::Text,
        Rule::date => Phrase::Date,
        Rule::month => Phrase::Month,
        Rule::integer => Phrase::Number,
        Rule::order_decl | Rule::field_decl | Rule::record_body => Phrase::FieldDecl,
        Rule::type_expr
        | Rule::list_type
        | Rule::list_record
        | Rule::named_type
        | Rule::shape_type
        | Rule::shape_field => Phrase::Type,
        Rule::optional_mark => Phrase::OptionalMark,
        Rule::field_default => Phrase::DefaultValue,
        Rule::derive_clause => Phrase::Derive,
        Rule::parameters | Rule::parameter => Phrase::Parameters,
        Rule::table_row | Rule::row_from => Phrase::TableRow,
        Rule::record_entry | Rule::yield_field => Phrase::RecordEntry,
        Rule::citation | Rule::kw_cites => Phrase::Citation,
        Rule::record_literal => Phrase::Record,
        Rule::rule_id => Phrase::RuleId,
        Rule::decision_field => Phrase::DecisionField,
        Rule::match_arm => Phrase::MatchArm,
        Rule::field_access => Phrase::FieldAccess,
        Rule::index_access => Phrase::Index,
    })
}

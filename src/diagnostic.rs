//! Diagnostics: every problem found in a policy file or a case file, or reported by a
//! policy's own `check` rules, as plain data. Drawing them is the renderers' job.

use crate::lang::Text;
use crate::source::Span;
use std::sync::Arc;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input is used, but someone should look at it.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// The lower-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The stable code of a diagnostic: what kind of problem it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code {
    // Policy files.
    /// The policy text does not follow the grammar.
    Syntax,
    /// A name that is not defined anywhere.
    UnknownName,
    /// A value of one type where another is needed.
    TypeMismatch,
    /// A field path that the case schema does not declare.
    UnknownField,
    /// A name declared twice.
    DuplicateName,
    /// Two rules of one kind with the same id.
    DuplicateRule,
    /// A rule that does not cite the clause it encodes.
    MissingCitation,
    /// Policy files that build on each other in a circle.
    ImportCycle,
    /// A policy file that cannot be read.
    FileNotFound,
    /// A policy that names no source text (`source_text`), for a command that shows it.
    NoSourceText,
    /// Definitions that depend on each other in a circle.
    DefinitionCycle,
    /// A table that misses a row or whose rows disagree.
    BadTable,
    /// A construct used in a way the language does not allow.
    InvalidConstruct,
    /// Expressions nested deeper than the language allows (`ast::MAX_DEPTH`).
    TooDeep,
    // Case files.
    /// The YAML text cannot be parsed.
    YamlSyntax,
    /// A line of JSON Lines is not JSON.
    JsonSyntax,
    /// Bytes that are not UTF-8 text.
    InvalidUtf8,
    /// One case larger than the limit (`--max-case-bytes`).
    CaseTooLarge,
    /// A file larger than its limit, or not a regular file.
    FileRefused,
    /// A key the schema does not declare.
    UnknownKey,
    /// A key given twice in one mapping.
    DuplicateKey,
    /// Full-width punctuation (`：`, `　`, `，`) read as ASCII.
    FullWidthPunctuation,
    /// A case file still as `zhengce new case` wrote it, its sample values unchanged.
    TemplateUnfilled,
    /// A date that does not exist or is badly written.
    InvalidDate,
    /// A value of the wrong type.
    WrongType,
    /// A value that is not one of the enum's values.
    UnknownEnumValue,
    /// A required field that is absent.
    MissingField,
    /// A resident ID whose check character is wrong.
    BadIdChecksum,
    /// A resident ID that is malformed.
    BadIdNumber,
    /// A field that disagrees with the field it can be derived from.
    FieldDisagrees,
    /// A case id used twice in one batch.
    DuplicateCaseId,
    /// Neither `--as-of` nor the case's `as_of` gives an evaluation date.
    NoEvaluationDate,
    /// The evaluation date is today's date, read from the clock.
    AsOfToday,
    /// A value that cannot be computed (an impossible date, an overflow).
    EvaluationFailed,
    /// A file that cannot be read.
    Io,
    /// A calendar file that is malformed.
    BadCalendar,
    /// A working-day computation needs a year that no calendar covers.
    CalendarMissing,
    /// Dates of a case that must be in order are not.
    DatesOutOfOrder,
    /// A definition or case field nothing reads.
    Unused,
    /// A rule whose condition is always false.
    NeverHolds,
    /// Two tiers that hold for the same input.
    TierOverlap,
    /// An input for which no tier holds.
    TierGap,
    /// The evaluation date is outside the policy's period in force.
    PolicyNotInForce,
    /// A policy repository's `zhengce.toml` that cannot be used.
    BadSettings,
    /// A use of a definition or case field that an amendment repeals.
    Repealed,
    /// A case gives a field that an amendment repeals (read, and not used).
    RemovedField,
    /// A case gives an enum value that the version of the policy in force does not have.
    ValueNotInForce,
    // Tests.
    /// A decision differs from a test case's `expect` block.
    ExpectationFailed,
    /// A code named by a `check` rule of the policy.
    Policy(Arc<str>),
}

impl Code {
    /// Every code of zhengce itself (those of a policy's `check` rules are the policy's),
    /// for telling a code written in an `expect` block from a typo.
    pub const ENGINE: [Code; 47] = [
        Code::Syntax,
        Code::UnknownName,
        Code::TypeMismatch,
        Code::UnknownField,
        Code::DuplicateName,
        Code::DuplicateRule,
        Code::MissingCitation,
        Code::ImportCycle,
        Code::FileNotFound,
        Code::NoSourceText,
        Code::DefinitionCycle,
        Code::BadTable,
        Code::InvalidConstruct,
        Code::TooDeep,
        Code::YamlSyntax,
        Code::JsonSyntax,
        Code::CaseTooLarge,
        Code::FileRefused,
        Code::UnknownKey,
        Code::DuplicateKey,
        Code::FullWidthPunctuation,
        Code::TemplateUnfilled,
        Code::InvalidDate,
        Code::WrongType,
        Code::UnknownEnumValue,
        Code::MissingField,
        Code::BadIdChecksum,
        Code::BadIdNumber,
        Code::FieldDisagrees,
        Code::DuplicateCaseId,
        Code::NoEvaluationDate,
        Code::AsOfToday,
        Code::EvaluationFailed,
        Code::Io,
        Code::BadCalendar,
        Code::CalendarMissing,
        Code::DatesOutOfOrder,
        Code::Unused,
        Code::NeverHolds,
        Code::TierOverlap,
        Code::TierGap,
        Code::PolicyNotInForce,
        Code::BadSettings,
        Code::Repealed,
        Code::RemovedField,
        Code::ValueNotInForce,
        Code::ExpectationFailed,
    ];

    /// The code as written in JSON output and in `expect` blocks.
    pub fn as_str(&self) -> &str {
        match self {
            Code::Syntax => "syntax",
            Code::UnknownName => "unknown_name",
            Code::TypeMismatch => "type_mismatch",
            Code::UnknownField => "unknown_field",
            Code::DuplicateName => "duplicate_name",
            Code::DuplicateRule => "duplicate_rule",
            Code::MissingCitation => "missing_citation",
            Code::ImportCycle => "import_cycle",
            Code::FileNotFound => "file_not_found",
            Code::NoSourceText => "no_source_text",
            Code::DefinitionCycle => "definition_cycle",
            Code::BadTable => "bad_table",
            Code::InvalidConstruct => "invalid_construct",
            Code::TooDeep => "too_deep",
            Code::YamlSyntax => "yaml_syntax",
            Code::JsonSyntax => "json_syntax",
            Code::InvalidUtf8 => "invalid_utf8",
            Code::CaseTooLarge => "case_too_large",
            Code::FileRefused => "file_refused",
            Code::UnknownKey => "unknown_key",
            Code::DuplicateKey => "duplicate_key",
            Code::FullWidthPunctuation => "full_width_punctuation",
            Code::TemplateUnfilled => "template_unfilled",
            Code::InvalidDate => "invalid_date",
            Code::WrongType => "wrong_type",
            Code::UnknownEnumValue => "unknown_enum_value",
            Code::MissingField => "missing_field",
            Code::BadIdChecksum => "bad_id_checksum",
            Code::BadIdNumber => "bad_id_number",
            Code::FieldDisagrees => "field_disagrees",
            Code::DuplicateCaseId => "duplicate_case_id",
            Code::NoEvaluationDate => "no_evaluation_date",
            Code::AsOfToday => "as_of_today",
            Code::EvaluationFailed => "evaluation_failed",
            Code::Io => "io",
            Code::BadCalendar => "bad_calendar",
            Code::CalendarMissing => "calendar_missing",
            Code::DatesOutOfOrder => "dates_out_of_order",
            Code::Unused => "unused",
            Code::NeverHolds => "never_holds",
            Code::TierOverlap => "tier_overlap",
            Code::TierGap => "tier_gap",
            Code::PolicyNotInForce => "policy_not_in_force",
            Code::BadSettings => "bad_settings",
            Code::Repealed => "repealed",
            Code::RemovedField => "removed_field",
            Code::ValueNotInForce => "value_not_in_force",
            Code::ExpectationFailed => "expectation_failed",
            Code::Policy(code) => code,
        }
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// One sentence that says what is wrong.
    pub message: Text,
    /// Where it is, when it is somewhere in a file.
    pub span: Option<Span>,
    /// The text under the underline.
    pub label: Option<Text>,
    /// What to do about it.
    pub help: Option<Text>,
    /// The clause of the notice that the diagnostic comes from, for policy checks.
    pub cite: Option<String>,
    /// Other places that explain this one (the first definition of a duplicate).
    pub related: Vec<(Span, Text)>,
}

impl Diagnostic {
    /// The same diagnostic, sharing no text with this one (see [`Text::unshared`]).
    pub fn unshared(&self) -> Diagnostic {
        Diagnostic {
            code: match &self.code {
                Code::Policy(code) => Code::Policy(Arc::from(&**code)),
                code => code.clone(),
            },
            message: self.message.unshared(),
            label: self.label.as_ref().map(Text::unshared),
            help: self.help.as_ref().map(Text::unshared),
            related: self.related.iter().map(|(s, t)| (*s, t.unshared())).collect(),
            ..self.clone()
        }
    }

    /// An error with a message and no location yet.
    pub fn error(code: Code, message: impl Into<Text>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    /// A warning with a message and no location yet.
    pub fn warning(code: Code, message: impl Into<Text>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    /// A diagnostic of any severity.
    pub fn new(severity: Severity, code: Code, message: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span: None,
            label: None,
            help: None,
            cite: None,
            related: Vec::new(),
        }
    }

    /// Points the diagnostic at a span, with a label under it.
    pub fn at(mut self, span: Span, label: impl Into<Text>) -> Diagnostic {
        self.span = Some(span);
        self.label = Some(label.into());
        self
    }

    /// Points the diagnostic at a span when one is known.
    pub fn at_opt(mut self, span: Option<Span>) -> Diagnostic {
        if self.span.is_none() {
            self.span = span;
        }
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<Text>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, span: Span, label: impl Into<Text>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A "did you mean" hint: the candidate closest to `name`, when one is close enough.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    nearest(name, candidates).map(suggestion)
}

/// The candidate closest to `name`, when one is close enough to be what was meant.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(name, candidate);
        if score > 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The hint that offers `word` in place of what was written.
pub fn suggestion(word: &str) -> Text {
    Words::DidYouMean.with([word])
}

/// Texts as a list, with each language's separator: `a、b、c` / `a, b, c`.
pub fn list(items: impl IntoIterator<Item = Text>) -> Text {
    let mut items = items.into_iter();
    let first = items.next().unwrap_or_else(|| Text::from(""));
    items.fold(first, |all, next| Words::ListSeparator.with([all, next]))
}

/// Names as written in a file, in backticks, as a list: `` `a`、`b` `` / `` `a`, `b` ``.
pub fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>) -> Text {
    list(names.into_iter().map(|n| Words::Quoted.with([n])))
}

crate::catalogue! {
    /// What many diagnostics say alike.
    pub enum Words {
        /// offers a word in place of what was written
        DidYouMean => "是否应为 `{}`？", "did you mean `{}`?";
        /// the label under the place a diagnostic points at
        Here => "此处", "here";
        /// the label under a field a diagnostic is about
        ThisField => "此字段", "this field";
        /// a name as written in a file
        Quoted => "`{}`", "`{}`";
        /// between the items of a list
        ListSeparator => "{}、{}", "{}, {}";
        /// a message with its place, when its line is too long to draw (message, place)
        AtPlace => "{}（{}）", "{} ({})";
        /// a hint with the clause it comes from (hint, clause)
        WithCite => "{}（{}）", "{} ({})";
        /// a clause alone, where a hint would be: what the diagnostic rests on
        Cite => "依据条款“{}”", "per clause {}";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        super::Words::check_all().unwrap();
    }

    /// A policy check's diagnostic copied for a thread: equal, its code and words in
    /// texts of its own.
    #[test]
    fn an_unshared_diagnostic_is_equal_and_shares_no_text() {
        let code: Arc<str> = Arc::from("assessment_missing");
        let zh: Arc<str> = Arc::from("缺少分类评估");
        let message = Text::Both {
            zh: zh.clone(),
            en: Arc::from("no assessment"),
        };
        let mut d = Diagnostic::warning(Code::Policy(code.clone()), message);
        d.help = Some(Text::message(
            Words::WithCite.template(),
            [Text::both("核实", "verify"), Text::from("四")],
        ));
        d.cite = Some("四".into());
        let copy = d.unshared();
        assert_eq!(copy, d);
        let Code::Policy(copied) = &copy.code else {
            panic!("a policy code")
        };
        assert!(!Arc::ptr_eq(copied, &code));
        let Text::Both { zh: copied, .. } = &copy.message else {
            panic!("words in both languages")
        };
        assert!(!Arc::ptr_eq(copied, &zh));
    }
}

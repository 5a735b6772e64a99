//! Test expectations: a case's `expect:` block is a partial decision record; each key
//! given must match the record (lists compare as sets; objects by the keys the
//! expectation gives; a plain id matches the object of the rule with that id).
//! `diagnostics` lists codes that must be present: a case may raise more (a warning it
//! does not test); `diagnostics_absent` lists codes that must not be raised.

use crate::ast::RuleKind;
use crate::case::messages::{CaseMsg, EnvelopeMsg};
use crate::case::{ScalarStyle, YamlKind, YamlNode};
use crate::diagnostic::{Code, Diagnostic, did_you_mean, quoted_list};
use crate::lang::Text;
use crate::program::Program;
use crate::report::changes::{Words, value_words};
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use crate::report::{Lang, RenderOptions, Trace, decision_json};
use crate::run::CaseResult;
use crate::source::SourceMap;
use serde_json::{Value as Json, json};

/// Keys of the decision record that every policy has (`trace` with `--trace`, and
/// always in what `test` compares when an expectation asks about it).
const ENGINE_KEYS: [&str; 7] = ["case", "status", "as_of", "policy", "documents", "diagnostics", "trace"];

/// The key of an `expect` block that lists the codes a case must not raise (not a key
/// of the record: what it is compared with is the record's `diagnostics`).
const ABSENT_KEY: &str = "diagnostics_absent";

/// Every key an `expect` block may use with this policy.
pub fn record_keys(program: &Program) -> Vec<String> {
    let mut keys: Vec<String> = ENGINE_KEYS.iter().chain([&ABSENT_KEY]).map(|k| k.to_string()).collect();
    keys.extend(program.decision.iter().map(|d| d.name.to_string()));
    for kind in RuleKind::ALL.into_iter().filter(|k| *k != RuleKind::Check) {
        if program.rules_of(kind).next().is_some() {
            keys.push(kind.record_key().to_string());
        }
    }
    keys
}

/// Unknown keys of an `expect` block, and an `expect` that is not a mapping.
pub fn validate(versions: &[Program], expect: &YamlNode) -> Vec<Diagnostic> {
    let Some(program) = versions.last() else {
        return Vec::new();
    };
    let keys = record_keys(program);
    let Some(map) = expect.as_map() else {
        return vec![
            Diagnostic::error(Code::WrongType, EnvelopeMsg::ExpectNotRecordKeys)
                .at(expect.span, EnvelopeMsg::LabelNotMapping),
        ];
    };
    let mut found: Vec<Diagnostic> = map
        .iter()
        .filter(|(k, _)| {
            k.as_scalar()
                .is_some_and(|(name, _)| name == "diagnostics" || name == ABSENT_KEY)
        })
        .flat_map(|(_, codes)| unknown_codes(versions, codes))
        .collect();
    found.extend(map.iter().filter_map(|(k, _)| {
        let (name, _) = k.as_scalar()?;
        if keys.iter().any(|known| known == name) {
            return None;
        }
        // The likely typo goes into the message itself: `test` lists messages only.
        let message = match did_you_mean(name, keys.iter().map(String::as_str)) {
            Some(guess) => EnvelopeMsg::ExpectUnknownKeyGuess.with([Text::from(name), guess]),
            None => EnvelopeMsg::ExpectUnknownKey.with([name]),
        };
        let help = EnvelopeMsg::HelpRecordHas.with([quoted_list(keys.iter().map(String::as_str))]);
        Some(
            Diagnostic::error(Code::UnknownKey, message)
                .at(k.span, CaseMsg::LabelUnknownKey)
                .with_help(help),
        )
    }));
    found
}

/// The codes listed under `diagnostics` or `diagnostics_absent` that no diagnostic has
/// (neither zhengce's own nor one of the checks of any version of the policy): a typo there would make the
/// expectation one that can never fail, or never pass.
fn unknown_codes(versions: &[Program], codes: &YamlNode) -> Vec<Diagnostic> {
    let items = match &codes.kind {
        YamlKind::Seq(items) => items.iter().collect(),
        _ => vec![codes],
    };
    // The checks of every version: a case may expect one an amendment repealed.
    let rules = versions.iter().flat_map(|p| &p.rules);
    let policy = rules.filter_map(|r| r.raised.as_ref()).map(|d| d.code.as_str());
    let known: Vec<&str> = Code::ENGINE.iter().map(Code::as_str).chain(policy).collect();
    items
        .into_iter()
        .filter_map(|item| {
            let (code, _) = item.as_scalar()?;
            if known.contains(&code) {
                return None;
            }
            let message = match did_you_mean(code, known.iter().copied()) {
                Some(guess) => EnvelopeMsg::ExpectUnknownCodeGuess.with([Text::from(code), guess]),
                None => EnvelopeMsg::ExpectUnknownCode.with([code]),
            };
            Some(
                Diagnostic::error(Code::UnknownEnumValue, message)
                    .at(item.span, EnvelopeMsg::LabelUnknownCode)
                    .with_help(EnvelopeMsg::HelpCodes),
            )
        })
        .collect()
}

/// A record key as people name it, in each language: the policy's label with the key
/// as written in `expect` (`就业困难人员（eligible）`), or the key alone when it has no
/// label.
fn named_key(program: &Program, key: &str) -> Text {
    let in_lang = |lang| {
        let label = Words {
            program,
            lang,
            former: &[],
        }
        .key(key);
        if label == key {
            format!("`{key}`")
        } else {
            format!("{label}{}", msg_with(Msg::InBrackets, lang, &format!("`{key}`")))
        }
    };
    Text::both(in_lang(Lang::Zh), in_lang(Lang::En))
}

/// How a decision record fails an expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MismatchKind {
    /// It says something else than expected.
    Differs,
    /// It has diagnostics the expectation says must be absent.
    Raised,
}

/// One difference between an expectation and the decision record.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// The record key.
    pub key: String,
    /// The record key as people name it: the policy's label and the key, in each
    /// language.
    pub named: Text,
    /// What the case expects.
    pub expected: Json,
    /// What the decision record says (for [`MismatchKind::Raised`]: the codes raised
    /// that must not be).
    pub actual: Json,
    /// How the record differs.
    pub kind: MismatchKind,
    /// Where the expectation is written.
    pub span: crate::source::Span,
}

/// A case's result against its `expect` block: the differences, and whether the block
/// itself has an error (an unknown key or code), which fails the case as surely: it
/// would otherwise test nothing. `None` for a case without an `expect` block. The
/// decision record is built with the trace only when the block asks about the trace
/// (the explanations of every rule are most of a record's cost).
pub fn check_case(r: &CaseResult, program: &Program, sources: &SourceMap, options: &RenderOptions) -> Option<Checked> {
    let expect = r.case.expect.as_ref()?;
    let trace = if expect.get("trace").is_some() {
        Trace::Included
    } else {
        Trace::Omitted
    };
    let options = RenderOptions { trace, ..*options };
    let mismatches = compare(program, expect, &decision_json(r, program, sources, &options));
    let within =
        |s: crate::source::Span| s.file == expect.span.file && expect.span.start <= s.start && s.end <= expect.span.end;
    let broken = r.diagnostics.iter().any(|d| d.is_error() && d.span.is_some_and(within));
    Some(Checked { mismatches, broken })
}

/// What [`check_case`] found.
#[derive(Debug)]
pub struct Checked {
    /// Where the decision record differs from the expectation.
    pub mismatches: Vec<Mismatch>,
    /// Whether the `expect` block itself has an error.
    pub broken: bool,
}

impl Checked {
    /// Whether the case passes.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty() && !self.broken
    }
}

/// Compares an `expect` block with a decision record. An enum value may be written as
/// its Chinese label, as in case files.
pub fn compare(program: &Program, expect: &YamlNode, record: &Json) -> Vec<Mismatch> {
    let Some(map) = expect.as_map() else { return Vec::new() };
    let mut out = Vec::new();
    for (k, v) in map {
        let Some((key, _)) = k.as_scalar() else { continue };
        let mut expected = yaml_json(v);
        labels_to_values(program, &mut expected);
        let codes = || {
            let codes = record["diagnostics"]
                .as_array()
                .map(|a| a.iter().filter_map(|d| d.get("code").cloned()).collect());
            codes.map_or(Json::Null, Json::Array)
        };
        let (ok, actual, kind) = match key {
            "diagnostics" => {
                let actual = codes();
                (contains(&expected, &actual), actual, MismatchKind::Differs)
            }
            ABSENT_KEY => {
                let raised = raised_of(&expected, &codes());
                (raised.is_empty(), Json::Array(raised), MismatchKind::Raised)
            }
            _ => {
                let actual = record.get(key).cloned().unwrap_or(Json::Null);
                (matches(&expected, &actual), actual, MismatchKind::Differs)
            }
        };
        if !ok {
            out.push(Mismatch {
                key: key.to_string(),
                named: named_key(program, key),
                expected,
                actual,
                kind,
                span: v.span,
            });
        }
    }
    out
}

/// Replaces each string of `expected` that is the Chinese label of exactly one enum value
/// of the policy (`未履行`) by that value's name (`unmet`), as the record writes it.
fn labels_to_values(program: &Program, expected: &mut Json) {
    match expected {
        Json::String(text) => {
            let mut named = program.enums.iter().filter_map(|e| {
                let i = e.variant_by_label(text)?;
                e.variants().get(usize::from(i)).map(|(name, _)| name)
            });
            if let (Some(name), None) = (named.next(), named.next()) {
                *text = name.clone();
            } else if matches!(text.as_str(), "是" | "否") {
                // Yes and no as staff write them, as in a case file.
                *expected = Json::Bool(text == "是");
            }
        }
        Json::Array(items) => items.iter_mut().for_each(|x| labels_to_values(program, x)),
        Json::Object(fields) => fields.values_mut().for_each(|x| labels_to_values(program, x)),
        _ => {}
    }
}

/// The codes of `forbidden` (a list, or one code) that are among the codes `raised`.
fn raised_of(forbidden: &Json, raised: &Json) -> Vec<Json> {
    let forbidden = match forbidden {
        Json::Array(codes) => codes.clone(),
        one => vec![one.clone()],
    };
    let raised = raised.as_array().map(Vec::as_slice).unwrap_or_default();
    forbidden.into_iter().filter(|code| raised.contains(code)).collect()
}

fn contains(expected: &Json, actual: &Json) -> bool {
    match (expected, actual) {
        (Json::Array(e), Json::Array(a)) => e.iter().all(|x| a.contains(x)),
        _ => expected == actual,
    }
}

/// Whether `actual` matches `expected`: objects by the keys `expected` gives (in any
/// order), lists as sets, scalars exactly.
fn matches(expected: &Json, actual: &Json) -> bool {
    match (expected, actual) {
        // A plain id stands for the object of the rule with that id.
        (Json::String(_) | Json::Number(_), Json::Object(a)) => {
            a.get("id").or_else(|| a.get("step")).is_some_and(|id| id == expected)
        }
        (Json::Object(e), Json::Object(a)) => e.iter().all(|(k, v)| a.get(k).is_some_and(|av| matches(v, av))),
        (Json::Array(e), Json::Array(a)) if e.iter().chain(a).any(Json::is_object) => {
            // Lists of objects: the same number of items, each expected item matched by
            // a different actual one.
            let mut unused: Vec<&Json> = a.iter().collect();
            e.len() == a.len()
                && e.iter().all(|x| match unused.iter().position(|y| matches(x, y)) {
                    Some(i) => {
                        unused.remove(i);
                        true
                    }
                    None => false,
                })
        }
        (Json::Array(e), Json::Array(a)) => {
            let mut e: Vec<String> = e.iter().map(Json::to_string).collect();
            let mut a: Vec<String> = a.iter().map(Json::to_string).collect();
            e.sort();
            e.dedup();
            a.sort();
            a.dedup();
            e == a
        }
        _ => expected == actual,
    }
}

/// A YAML node as JSON, reading plain scalars by the YAML 1.2 core schema.
pub fn yaml_json(node: &YamlNode) -> Json {
    match &node.kind {
        YamlKind::Scalar {
            text,
            style: ScalarStyle::Plain,
        } => match text.as_str() {
            "true" => json!(true),
            "false" => json!(false),
            "null" | "~" | "" => Json::Null,
            t => t.parse::<i64>().map_or_else(|_| json!(t), |n| json!(n)),
        },
        YamlKind::Scalar { text, .. } => json!(text),
        YamlKind::Seq(items) => Json::Array(items.iter().map(yaml_json).collect()),
        YamlKind::Map(pairs) => Json::Object(
            pairs
                .iter()
                .filter_map(|(k, v)| Some((k.as_scalar()?.0.to_string(), yaml_json(v))))
                .collect(),
        ),
    }
}

/// How one test case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestResult {
    /// Its expectations hold.
    Passed,
    /// An expectation does not hold, or the case cannot be evaluated.
    Failed,
    /// It has no `expect` block.
    Skipped,
}

impl TestResult {
    /// The lower-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            TestResult::Passed => "passed",
            TestResult::Failed => "failed",
            TestResult::Skipped => "skipped",
        }
    }
}

/// One test case's outcome, for the test reports.
#[derive(Debug, Clone, PartialEq)]
pub struct TestOutcome {
    /// The case id.
    pub case: String,
    /// The case file.
    pub file: String,
    /// The line of its id.
    pub line: Option<usize>,
    /// How it ended.
    pub result: TestResult,
    /// What differed from its expectations.
    pub mismatches: Vec<Mismatch>,
    /// Why it could not be evaluated.
    pub errors: Vec<String>,
}

impl TestOutcome {
    /// One line saying what went wrong (empty when it passed).
    pub fn summary(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = self
            .mismatches
            .iter()
            .map(|m| {
                let (expected, actual) = (value_words(&m.expected, lang), value_words(&m.actual, lang));
                match m.kind {
                    MismatchKind::Differs => {
                        msg_args(Msg::ExpectedGot, lang, &[&m.named.get(lang), &expected, &actual])
                    }
                    MismatchKind::Raised => {
                        let codes = m.actual.as_array().into_iter().flatten().filter_map(Json::as_str);
                        msg_args(
                            Msg::RaisedAnyway,
                            lang,
                            &[&m.named.get(lang), &quoted_list(codes).get(lang)],
                        )
                    }
                }
            })
            .collect();
        if parts.is_empty()
            && let Some(first) = self.errors.first()
        {
            parts.push(msg_with(Msg::CannotBeEvaluatedColon, lang, first));
        }
        parts.join(msg(Msg::Separator, lang))
    }
}

//! A policy repository: a folder whose `zhengce.toml` names the policy file, the case
//! folders and the coverage minimum, so that `check`, `test`, `diff` and `repl` need no
//! file argument there. It is found by walking up from the current folder, as Cargo
//! finds `Cargo.toml`; paths in it are relative to its folder.
//!
//! ```toml
//! policy = "policies/hunan/2025-employment-assistance.policy"
//! cases = ["cases"]
//! coverage_min = 95
//! ```

mod messages;

use crate::diagnostic::{Code, Diagnostic, did_you_mean, quoted_list};
use crate::input::{DecodedText, read_regular_file};
use crate::lang::Text;
use crate::source::{FileId, SourceMap, Span};
use messages::SettingsMsg;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The file that makes a folder a policy repository.
pub const SETTINGS_FILE: &str = "zhengce.toml";

/// The largest `zhengce.toml` read: a few settings.
const MAX_SETTINGS_BYTES: u64 = 1 << 20;

/// The settings of a policy repository, each path as seen from the current folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyRepository {
    /// Where its `zhengce.toml` is.
    pub settings: String,
    /// `policy`: the policy file its commands use.
    pub policy: Option<String>,
    /// `cases`: the case folders (or files) `test` and `diff` run.
    pub cases: Vec<String>,
    /// `coverage_min`: the rule coverage `test` requires, in percent.
    pub coverage_min: Option<f64>,
    /// `mutants_min`: the share of mutants `test --mutants` must kill, in percent.
    pub mutants_min: Option<f64>,
    /// `equivalent_mutants`: the file that lists the mutants that cannot change an
    /// outcome, with reasons.
    pub equivalent_mutants: Option<String>,
}

/// A `zhengce.toml` that cannot be used: its diagnostics, located in its text.
#[derive(Debug)]
pub struct SettingsProblem {
    /// The settings file's text, for drawing the diagnostics.
    pub sources: SourceMap,
    /// What is wrong, each at its place.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathKind {
    File,
    Folder,
}

/// The keys `zhengce.toml` may have.
const KEYS: [&str; 5] = ["policy", "cases", "coverage_min", "mutants_min", "equivalent_mutants"];

impl PolicyRepository {
    /// The repository the current folder is in, if any.
    pub fn find() -> Result<Option<PolicyRepository>, SettingsProblem> {
        match std::env::current_dir() {
            Ok(dir) => PolicyRepository::find_from(&dir),
            // No current folder (it was removed): no repository to be in.
            Err(_) => Ok(None),
        }
    }

    /// The repository `dir` is in: the nearest `zhengce.toml` in `dir` or a folder above.
    pub fn find_from(dir: &Path) -> Result<Option<PolicyRepository>, SettingsProblem> {
        for (depth, folder) in dir.ancestors().enumerate() {
            let path = folder.join(SETTINGS_FILE);
            if path.is_file() {
                let prefix = "../".repeat(depth);
                return PolicyRepository::read(&path, &prefix).map(Some);
            }
        }
        Ok(None)
    }

    /// The repository whose folder is `dir` (given as a path from the current folder),
    /// if it has a `zhengce.toml`: `diff` compares with another checkout this way.
    pub fn at(dir: &str) -> Result<Option<PolicyRepository>, SettingsProblem> {
        let path = Path::new(dir).join(SETTINGS_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        PolicyRepository::read(&path, &prefix).map(Some)
    }

    /// Reads the `zhengce.toml` at `path`; `prefix` leads from the current folder to
    /// its folder (`../../`).
    fn read(path: &Path, prefix: &str) -> Result<PolicyRepository, SettingsProblem> {
        let shown = format!("{prefix}{SETTINGS_FILE}");
        let mut sources = SourceMap::new();
        let text = match read_regular_file(path, Some(MAX_SETTINGS_BYTES)) {
            Ok(bytes) => DecodedText::decode(bytes).text,
            Err(e) => {
                let d = Diagnostic::error(
                    Code::BadSettings,
                    SettingsMsg::CannotRead.with([Text::from(shown.as_str()), e.text()]),
                )
                .with_help(SettingsMsg::CannotReadHelp);
                return Err(SettingsProblem {
                    sources,
                    diagnostics: vec![d],
                });
            }
        };
        let file = sources.add(shown.clone(), text.as_str());
        let folder = path.parent().unwrap_or(Path::new("."));
        let kind = |written: &str| {
            let path = folder.join(written);
            if path.is_file() {
                Some(PathKind::File)
            } else if path.is_dir() {
                Some(PathKind::Folder)
            } else {
                None
            }
        };
        match settings(file, &text, prefix, kind) {
            Ok(mut repository) => {
                repository.settings = shown;
                Ok(repository)
            }
            Err(diagnostics) => Err(SettingsProblem { sources, diagnostics }),
        }
    }
}

/// The settings in `text` (the file `file`), paths led by `prefix`; every problem at
/// once otherwise. `kind` says what a path (as written, from the file's folder) is,
/// if it exists.
fn settings(
    file: FileId,
    text: &str,
    prefix: &str,
    kind: impl Fn(&str) -> Option<PathKind>,
) -> Result<PolicyRepository, Vec<Diagnostic>> {
    let table = match DeTable::parse(text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let at = e.span().unwrap_or(0..0);
            let at = Span::new(file, at.start, at.end.max(at.start));
            let d = Diagnostic::error(Code::BadSettings, SettingsMsg::NotToml.with([e.message().trim()]))
                .at(at, SettingsMsg::HereLabel)
                .with_help(SettingsMsg::TomlHelp);
            return Err(vec![d]);
        }
    };
    let mut repository = PolicyRepository::default();
    let mut problems = Vec::new();
    let span = |s: std::ops::Range<usize>| Span::new(file, s.start, s.end);
    // A path setting: a text naming a file (a folder too for `cases`) that exists.
    let path = |key: &str, value: &Spanned<DeValue>, problems: &mut Vec<Diagnostic>| -> Option<String> {
        let DeValue::String(written) = value.get_ref() else {
            problems.push(wrong_kind(key, SettingsMsg::AText, span(value.span())));
            return None;
        };
        let resolved = resolve(prefix, written);
        let found = if written.trim().is_empty() { None } else { kind(written) };
        let problem = match found {
            None => SettingsMsg::NoSuchPath,
            Some(PathKind::Folder) if key != "cases" => SettingsMsg::NotAFile,
            Some(_) => return Some(resolved),
        };
        let d = Diagnostic::error(Code::BadSettings, problem.with([key, resolved.as_str()]))
            .at(span(value.span()), SettingsMsg::ThisPath)
            .with_help(SettingsMsg::PathsHelp);
        problems.push(d);
        None
    };
    for (key, value) in &table {
        match key.get_ref().as_ref() {
            "policy" => repository.policy = path("policy", value, &mut problems),
            "equivalent_mutants" => repository.equivalent_mutants = path("equivalent_mutants", value, &mut problems),
            "cases" => match value.get_ref() {
                DeValue::Array(items) if items.is_empty() => {
                    problems.push(wrong_kind("cases", SettingsMsg::AListOfTexts, span(value.span())))
                }
                DeValue::Array(items) => {
                    for item in items {
                        if let Some(p) = path("cases", item, &mut problems) {
                            repository.cases.push(p);
                        }
                    }
                }
                // One folder, written without the brackets.
                DeValue::String(_) => repository.cases.extend(path("cases", value, &mut problems)),
                _ => problems.push(wrong_kind("cases", SettingsMsg::AListOfTexts, span(value.span()))),
            },
            "coverage_min" => {
                repository.coverage_min = percent("coverage_min", value, span(value.span()), &mut problems)
            }
            "mutants_min" => repository.mutants_min = percent("mutants_min", value, span(value.span()), &mut problems),
            other => {
                let mut d = Diagnostic::error(Code::BadSettings, SettingsMsg::UnknownKey.with([other]))
                    .at(span(key.span()), SettingsMsg::HereLabel);
                d = match did_you_mean(other, KEYS) {
                    Some(hint) => d.with_help(hint),
                    None => d.with_help(SettingsMsg::KnownKeys.with([quoted_list(KEYS)])),
                };
                problems.push(d);
            }
        }
    }
    if problems.is_empty() {
        Ok(repository)
    } else {
        Err(problems)
    }
}

/// A percentage setting: a number from 0 to 100.
fn percent(key: &str, value: &Spanned<DeValue>, at: Span, problems: &mut Vec<Diagnostic>) -> Option<f64> {
    let number = match value.get_ref() {
        DeValue::Integer(n) => n.as_str().replace('_', "").parse::<f64>().ok(),
        DeValue::Float(n) => n.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    let number = number.filter(|n| (0.0..=100.0).contains(n));
    if number.is_none() {
        problems.push(wrong_kind(key, SettingsMsg::APercent, at));
    }
    number
}

/// A setting of the wrong kind, with an example of the right one.
fn wrong_kind(key: &str, kind: SettingsMsg, at: Span) -> Diagnostic {
    let example = match (kind, key) {
        (_, "cases") => "cases = [\"cases\"]".to_string(),
        (SettingsMsg::APercent, _) => format!("{key} = 95"),
        (_, "equivalent_mutants") => format!("{key} = \"cases/equivalent-mutants.toml\""),
        _ => format!("{key} = \"policies/province.policy\""),
    };
    Diagnostic::error(
        Code::BadSettings,
        SettingsMsg::WrongKind.with([Text::from(key), kind.into()]),
    )
    .at(at, SettingsMsg::ThisValue)
    .with_help(SettingsMsg::Example.with([example]))
}

/// A path written in `zhengce.toml`, as seen from the current folder.
fn resolve(prefix: &str, written: &str) -> String {
    if written.starts_with('/') || prefix.is_empty() {
        return written.to_string();
    }
    let mut written = written;
    while let Some(rest) = written.strip_prefix("./") {
        written = rest;
    }
    format!("{prefix}{written}")
}

#[cfg(test)]
mod tests;

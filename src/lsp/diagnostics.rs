//! What the editor shows under the text: a policy's diagnostics (syntax, check and
//! lints, as `zhengce check` finds them) in each file they are in, and a case file's
//! against the schema of its policy, in the language asked for.

use super::documents::{Documents, uri_of};
use super::position::range_of;
use crate::diagnostic::{Diagnostic, Severity};
use crate::input::InputLimits;
use crate::lang::Lang;
use crate::lint::lint;
use crate::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy_open, load_policy_with};
use crate::report::messages::{Msg, msg_with};
use crate::repository::PolicyRepository;
use crate::source::{FileId, SourceMap};
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The diagnostics of each file, by file: every file a load read is listed, with none
/// where it has none, so that the editor clears what it showed before.
pub type ByFile = BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>>;

/// The policy at `path` loaded with the open documents in place of their files (once
/// per change of them).
pub fn load_open_policy(path: &Path, documents: &Documents) -> Rc<LoadedPolicy> {
    documents.loaded(path, || {
        let name = path.to_string_lossy();
        load_policy_open(&name, PolicySource::Disk, InputLimits::default(), &documents.texts())
    })
}

/// The diagnostics of the policy at `path` and of each file it reads.
pub fn of_policy(path: &Path, documents: &Documents, lang: Lang) -> ByFile {
    let loaded = load_open_policy(path, documents);
    let mut found: Vec<Diagnostic> = loaded.diagnostics.clone();
    if let Some(program) = &loaded.program {
        found.extend(lint(program));
    }
    let mut out = ByFile::new();
    for n in 0..loaded.sources.len() {
        out.insert(PathBuf::from(&loaded.sources.get(FileId(n as u32)).name), Vec::new());
    }
    let fallback = out.keys().last().cloned().unwrap_or_else(|| path.to_path_buf());
    for d in &found {
        let file = d.span.map(|s| PathBuf::from(&loaded.sources.get(s.file).name));
        let lsp = to_lsp(d, &loaded.sources, lang);
        out.entry(file.unwrap_or_else(|| fallback.clone()))
            .or_default()
            .push(lsp);
    }
    out
}

/// The diagnostics of the case file at `path` (its text `text`), read against the
/// policy of its repository (the `zhengce.toml` of its folder or one above), else the
/// built-in one. A YAML file that is no case (a calendar, a CI workflow) has none; a
/// case whose policy has errors has one that says it cannot be read until they are
/// fixed.
pub fn of_case(path: &Path, text: &str, documents: &Documents, lang: Lang) -> Vec<lsp_types::Diagnostic> {
    let loaded = policy_of_case(path, documents);
    let Some(program) = loaded.versions.last() else {
        if !looks_like_a_case(path, text, None) {
            return Vec::new();
        }
        let policy = loaded.sources.get(crate::source::FileId(0)).name.clone();
        return vec![lsp_types::Diagnostic {
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some("zhengce".to_string()),
            message: msg_with(Msg::LspPolicyBroken, lang, &policy),
            ..Default::default()
        }];
    };
    if !looks_like_a_case(path, text, Some(program)) {
        return Vec::new();
    }
    let mut sources = SourceMap::new();
    let cases = crate::case::load_cases(program, &mut sources, &path.to_string_lossy(), text);
    cases
        .iter()
        .flat_map(|c| c.diagnostics.iter())
        .map(|d| to_lsp(d, &sources, lang))
        .collect()
}

/// Whether a YAML file is a case file: under a case folder its repository's
/// `zhengce.toml` names, or with a key of the case format at its top (`id`, `as_of`,
/// `expect`, or a top-level field of the policy's case).
fn looks_like_a_case(path: &Path, text: &str, program: Option<&crate::program::Program>) -> bool {
    let dir = path.parent().unwrap_or(Path::new("/"));
    if let Ok(Some(repository)) = PolicyRepository::find_from(dir) {
        let here = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let in_cases = repository.cases.iter().any(|folder| {
            let folder = dir.join(folder);
            let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
            here.starts_with(folder)
        });
        if in_cases {
            return true;
        }
    }
    let top_fields: Vec<&str> = program
        .and_then(|p| p.records.get(crate::program::Program::ROOT.0 as usize))
        .map(|r| r.fields().iter().map(|f| f.name.as_str()).collect())
        .unwrap_or_default();
    text.lines().any(|line| {
        let key = line.split(':').next().unwrap_or("");
        line.contains(':')
            && !line.starts_with([' ', '\t', '#', '-'])
            && (crate::case::ENVELOPE_KEYS.contains(&key) || top_fields.contains(&key))
    })
}

/// The policy a case file is read against: its repository's (the `zhengce.toml` of its
/// folder or one above), else the built-in one.
pub fn policy_of_case(path: &Path, documents: &Documents) -> Rc<LoadedPolicy> {
    let dir = path.parent().unwrap_or(Path::new("/"));
    match PolicyRepository::find_from(dir) {
        Ok(Some(PolicyRepository {
            policy: Some(policy), ..
        })) => load_open_policy(&dir.join(policy), documents),
        _ => documents.loaded(Path::new(DEFAULT_POLICY), || {
            load_policy_with(DEFAULT_POLICY, PolicySource::Builtin, InputLimits::default())
        }),
    }
}

/// A diagnostic as the protocol has it: its message with its label and hint, its code,
/// the places it relates to.
fn to_lsp(d: &Diagnostic, sources: &SourceMap, lang: Lang) -> lsp_types::Diagnostic {
    let range = match d.span {
        Some(s) => range_of(&sources.get(s.file).text, s.start as usize, s.end as usize),
        None => lsp_types::Range::default(),
    };
    let mut message = d.message.get(lang).into_owned();
    // The label, when it says more than the message (`未知的名称` under `未知的名称 `x``
    // says nothing new).
    if let Some(label) = &d.label {
        let label = label.get(lang);
        if !message.contains(label.as_ref()) {
            message.push_str(&format!("\n{label}"));
        }
    }
    if let Some(help) = &d.help {
        let help = help.get(lang);
        let line = msg_with(Msg::DiagnosticHelp, lang, &help);
        message.push_str(&format!("\n{}", line.trim_start()));
    }
    let related = d
        .related
        .iter()
        .filter_map(|(span, text)| {
            let file = sources.get(span.file);
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri_of(Path::new(&file.name))?,
                    range_of(&file.text, span.start as usize, span.end as usize),
                ),
                message: text.get(lang).into_owned(),
            })
        })
        .collect::<Vec<_>>();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        source: Some("zhengce".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

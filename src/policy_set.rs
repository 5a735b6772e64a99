//! Loading a policy with the policy files it builds on (`uses`), from disk or from the
//! copies built into the binary, and checking them together.

use crate::ast::PolicyFile;
use crate::check;
use crate::diagnostic::{Code, Diagnostic};
use crate::program::Program;
use crate::source::{SourceMap, Span};
use crate::syntax::parse_policy;

/// The policy files built into the binary: the default policy and what it builds on.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "policies/cn/retirement-2025.policy",
        include_str!("../policies/cn/retirement-2025.policy"),
    ),
    (
        "policies/hunan/2025-employment-assistance.policy",
        include_str!("../policies/hunan/2025-employment-assistance.policy"),
    ),
];

/// The built-in default policy.
pub const DEFAULT_POLICY: &str = "policies/hunan/2025-employment-assistance.policy";

/// Where policy files are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicySource {
    /// The copies built into the binary.
    Builtin,
    /// The file system.
    Disk,
}

impl PolicySource {
    fn read(self, path: &str) -> Result<String, String> {
        match self {
            PolicySource::Builtin => BUILTIN
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| "no such built-in policy file".to_string()),
            PolicySource::Disk => std::fs::read_to_string(path).map_err(|e| e.to_string()),
        }
    }
}

/// A policy and its dependencies, parsed and checked.
#[derive(Debug)]
pub struct LoadedPolicy {
    /// Every file read (policy files; case files are added later).
    pub sources: SourceMap,
    /// The parsed files, dependencies first, the main policy last.
    pub files: Vec<PolicyFile>,
    /// The checked program, when there is no error.
    pub program: Option<Program>,
    /// Every syntax and check diagnostic.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads, parses and checks the policy at `path` with everything it uses.
pub fn load_policy(path: &str, source: PolicySource) -> LoadedPolicy {
    let mut loader = Loader {
        source,
        sources: SourceMap::new(),
        files: Vec::new(),
        diagnostics: Vec::new(),
        stack: Vec::new(),
        done: Vec::new(),
    };
    loader.load(&normalize(path), None);
    let syntax_ok = !loader.diagnostics.iter().any(Diagnostic::is_error);
    let program = if syntax_ok && !loader.files.is_empty() {
        let (program, mut diagnostics) = check::check(&loader.files);
        loader.diagnostics.append(&mut diagnostics);
        program
    } else {
        None
    };
    LoadedPolicy {
        sources: loader.sources,
        files: loader.files,
        program,
        diagnostics: loader.diagnostics,
    }
}

struct Loader {
    source: PolicySource,
    sources: SourceMap,
    files: Vec<PolicyFile>,
    diagnostics: Vec<Diagnostic>,
    stack: Vec<String>,
    done: Vec<String>,
}

impl Loader {
    fn load(&mut self, path: &str, used_at: Option<Span>) {
        if self.done.iter().any(|d| d == path) {
            return;
        }
        if let Some(pos) = self.stack.iter().position(|p| p == path) {
            let cycle = self.stack[pos..].join(" → ");
            let d = Diagnostic::error(
                Code::ImportCycle,
                format!("policy files build on each other in a circle: {cycle} → {path}"),
            )
            .at_opt(used_at)
            .with_help("a policy may build on another only when that one does not build on it, directly or indirectly");
            self.diagnostics.push(d);
            return;
        }
        let text = match self.source.read(path) {
            Ok(t) => t,
            Err(e) => {
                let d = Diagnostic::error(Code::FileNotFound, format!("cannot read policy file `{path}`: {e}"))
                    .at_opt(used_at)
                    .with_help("paths in `uses` are relative to the file that names them");
                self.diagnostics.push(d);
                return;
            }
        };
        let file = self.sources.add(path, text.as_str());
        let (parsed, mut errors) = parse_policy(file, &text);
        self.diagnostics.append(&mut errors);
        let Some(parsed) = parsed else { return };
        self.stack.push(path.to_string());
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for used in parsed.header.uses.clone() {
            let target = normalize(&if dir.is_empty() {
                used.node.clone()
            } else {
                format!("{dir}/{}", used.node)
            });
            self.load(&target, Some(used.span));
        }
        self.stack.pop();
        self.done.push(path.to_string());
        self.files.push(parsed);
    }
}

/// Resolves `.` and `..` in a relative or absolute path written with `/`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." | "" if !parts.is_empty() || part == "." => {}
            ".." if parts.last().is_some_and(|p| *p != ".." && !p.is_empty()) => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalize("policies/hunan/../cn/r.policy"), "policies/cn/r.policy");
        assert_eq!(normalize("./a/b"), "a/b");
        assert_eq!(normalize("/abs/x/../y"), "/abs/y");
        assert_eq!(normalize("../up/x"), "../up/x");
    }

    #[test]
    fn the_builtin_policy_checks_cleanly() {
        let loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert!(loaded.program.is_some());
        assert_eq!(loaded.files.len(), 2);
    }
}

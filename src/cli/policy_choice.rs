//! Which policy a command uses and what it says about it: a policy repository's
//! settings standing in for what the command line leaves out, the built-in policy told
//! as such, and the policy loaded and checked with its diagnostics drawn.

use super::{Command, CommonArgs, Console, EXIT_USAGE, draw_options};
use crate::diagnostic::Diagnostic;
use crate::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy_with};
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use crate::report::{Lang, render_diagnostic};
use crate::repository::PolicyRepository;
use crate::source::SourceMap;

impl Command {
    /// Takes a policy repository's settings for what the command line leaves out:
    /// its policy for commands given no `--policy` (or `check` given no file), its case
    /// folders and coverage minimum for `test` and `diff`.
    pub(super) fn use_repository(&mut self, repository: PolicyRepository) {
        let policy = repository.policy.clone();
        match self {
            Command::Check { policies, .. } => {
                if policies.is_empty() {
                    policies.extend(policy);
                }
            }
            Command::Fmt(args) => {
                // As `cargo fmt` formats a whole crate: every policy file of the repository.
                if args.files.is_empty() {
                    let root = std::path::Path::new(&repository.settings)
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(std::path::Path::new("."));
                    super::inputs::walk(root, &mut args.files, &|name| name.ends_with(".policy"));
                    args.files.sort();
                }
            }
            Command::Eval { common, .. }
            | Command::Repl { common, .. }
            | Command::Schema { common }
            | Command::New { common, .. } => {
                common.policy = common.policy.take().or(policy);
            }
            Command::Batch(args) => args.common.policy = args.common.policy.take().or(policy),
            Command::Doc(args) => args.policy = args.policy.take().or(policy),
            Command::Test {
                paths,
                coverage_min,
                mutants,
                common,
                ..
            } => {
                common.policy = common.policy.take().or(policy);
                if paths.is_empty() {
                    paths.clone_from(&repository.cases);
                }
                // A mutants run measures the corpus another way: coverage is not asked.
                if mutants.mutants {
                    mutants.mutants_min = mutants.mutants_min.or(repository.mutants_min);
                    mutants.equivalent_mutants = mutants
                        .equivalent_mutants
                        .take()
                        .or(repository.equivalent_mutants.clone());
                } else {
                    *coverage_min = coverage_min.or(repository.coverage_min);
                }
            }
            Command::Diff { cases, .. } => {
                if cases.is_empty() {
                    cases.clone_from(&repository.cases);
                }
            }
            // The server finds `zhengce.toml` itself, as it would run on its own.
            Command::Completions { .. }
            | Command::Man { .. }
            | Command::Lsp { .. }
            | Command::Serve(_)
            | Command::Match(_) => {}
        }
        if let Some(common) = self.common_mut() {
            common.repository = Some(repository);
        }
    }
}

/// Draws diagnostics on standard error, in `lang`.
pub(super) fn draw_diagnostics(diagnostics: &[Diagnostic], sources: &SourceMap, lang: Lang, console: &mut Console) {
    let options = draw_options(lang, console);
    for d in diagnostics {
        console.err(&render_diagnostic(d, sources, options));
    }
}

/// Loads the policy named by `--policy`, or the built-in one. Prints its diagnostics
/// to standard error; `None` when it has errors.
pub(super) fn load_checked_policy(common: &CommonArgs, console: &mut Console) -> Option<LoadedPolicy> {
    let loaded = match &common.policy {
        Some(path) => load_policy_with(path, PolicySource::Disk, common.limits()),
        None => load_policy_with(DEFAULT_POLICY, PolicySource::Builtin, common.limits()),
    };
    draw_diagnostics(&loaded.diagnostics, &loaded.sources, common.lang(), console);
    builtin_edited_note(&loaded, common.lang(), console);
    if loaded.program.is_none() {
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        let errors = errors.to_string();
        console.err(&format!("{}\n", msg_with(Msg::PolicyHasErrors, common.lang(), &errors)));
        return None;
    }
    Some(loaded)
}

/// Says on standard error that the built-in policy is in use, for outputs that do not
/// name the policy as such (`test`, `batch`, `eval --format json`).
pub(super) fn say_if_builtin(loaded: &LoadedPolicy, lang: Lang, console: &mut Console) {
    if let Some(program) = loaded.versions.last().filter(|p| p.info.builtin) {
        console.err(&format!("{}\n", msg_with(Msg::UsingBuiltin, lang, &program.info.id)));
    }
}

/// Tells a policy writer who edits a built-in file on disk that the built-in copy, not
/// their file, is what the command used.
pub(super) fn builtin_edited_note(loaded: &LoadedPolicy, lang: Lang, console: &mut Console) {
    for path in loaded.builtin_files_edited_on_disk() {
        let note = msg_args(Msg::BuiltinDiffersFromDisk, lang, &[&path, &path, &path, &path]);
        console.err(&format!("{note}\n"));
    }
}

/// Says that `what` (a message naming it) was not given and that no policy repository
/// sets it as `key`; the exit code of a usage error.
pub(super) fn not_given(what: Msg, key: &str, common: &CommonArgs, console: &mut Console) -> u8 {
    let lang = common.lang();
    let what = msg(what, lang);
    let line = match &common.repository {
        Some(repository) => msg_args(Msg::NotGivenNotSet, lang, &[what, &repository.settings, key]),
        None => msg_with(Msg::NotGivenNoRepository, lang, what),
    };
    console.err(&format!("{line}\n"));
    EXIT_USAGE
}

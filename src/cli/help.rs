//! The command line's `--help` in the user's language: the texts clap shows (what each
//! command does, each argument, the headings) are set from the message catalogue, so
//! they are told in Chinese or English like everything else. clap's own error messages
//! stay as clap writes them.

use super::Cli;
use super::help_messages::HelpMsg;
use crate::lang::Lang;
use clap::{Arg, ArgAction, CommandFactory};
use std::ffi::OsString;
use std::io::IsTerminal;

/// What each subcommand does.
const ABOUT: [(&str, HelpMsg); 13] = [
    ("check", HelpMsg::CliCheck),
    ("fmt", HelpMsg::CliFmt),
    ("lsp", HelpMsg::CliLsp),
    ("new", HelpMsg::CliNew),
    ("schema", HelpMsg::CliSchema),
    ("doc", HelpMsg::CliDoc),
    ("completions", HelpMsg::CliCompletions),
    ("man", HelpMsg::CliMan),
    ("eval", HelpMsg::CliEval),
    ("batch", HelpMsg::CliBatch),
    ("diff", HelpMsg::CliDiff),
    ("repl", HelpMsg::CliRepl),
    ("test", HelpMsg::CliTest),
];

/// The help of each argument: the subcommand, the argument's id, the text.
const ARGS: &[(&str, &str, HelpMsg)] = &[
    ("check", "policies", HelpMsg::ArgPolicies),
    ("check", "strict", HelpMsg::ArgStrict),
    ("check", "max_policy_bytes", HelpMsg::ArgMaxPolicyBytes),
    ("check", "lang", HelpMsg::ArgLang),
    ("lsp", "lang", HelpMsg::ArgLspLang),
    ("fmt", "files", HelpMsg::ArgFmtFiles),
    ("fmt", "check", HelpMsg::ArgFmtCheck),
    ("fmt", "keywords", HelpMsg::ArgFmtKeywords),
    ("fmt", "max_policy_bytes", HelpMsg::ArgMaxPolicyBytes),
    ("fmt", "lang", HelpMsg::ArgLang),
    ("eval", "cases", HelpMsg::ArgEvalCases),
    ("eval", "as_of", HelpMsg::ArgAsOf),
    ("eval", "format", HelpMsg::ArgFormat),
    ("eval", "explain", HelpMsg::ArgExplain),
    ("batch", "inputs", HelpMsg::ArgBatchInputs),
    ("batch", "out", HelpMsg::ArgOut),
    ("batch", "jobs", HelpMsg::ArgJobs),
    ("batch", "as_of", HelpMsg::ArgAsOf),
    ("batch", "trace", HelpMsg::ArgTrace),
    ("batch", "summary", HelpMsg::ArgSummary),
    ("batch", "validate_only", HelpMsg::ArgValidateOnly),
    ("batch", "quiet", HelpMsg::ArgQuiet),
    ("diff", "old", HelpMsg::ArgDiffOld),
    ("diff", "new", HelpMsg::ArgDiffNew),
    ("diff", "cases", HelpMsg::ArgCases),
    ("diff", "as_of", HelpMsg::ArgAsOf),
    ("diff", "format", HelpMsg::ArgFormat),
    ("repl", "case", HelpMsg::ArgReplCase),
    ("repl", "no_history", HelpMsg::ArgNoHistory),
    ("test", "paths", HelpMsg::ArgCases),
    ("test", "as_of", HelpMsg::ArgAsOf),
    ("test", "format", HelpMsg::ArgFormat),
    ("test", "junit", HelpMsg::ArgJunit),
    ("test", "coverage", HelpMsg::ArgCoverage),
    ("test", "coverage_min", HelpMsg::ArgCoverageMin),
    ("new", "what", HelpMsg::ArgNewWhat),
    ("completions", "shell", HelpMsg::ArgShell),
    ("completions", "lang", HelpMsg::ArgLang),
    ("man", "out", HelpMsg::ArgManOut),
    ("doc", "policy", HelpMsg::ArgDocPolicy),
    ("doc", "out", HelpMsg::ArgDocOut),
    ("doc", "check", HelpMsg::ArgDocCheck),
    ("doc", "lang", HelpMsg::ArgLang),
    ("doc", "max_policy_bytes", HelpMsg::ArgMaxPolicyBytes),
    ("man", "lang", HelpMsg::ArgLang),
    ("test", "mutants", HelpMsg::ArgMutants),
    ("test", "mutants_min", HelpMsg::ArgMutantsMin),
    ("test", "equivalent_mutants", HelpMsg::ArgEquivalentMutants),
];

/// The arguments every evaluating subcommand shares (`CommonArgs`).
const COMMON: [(&str, HelpMsg); 5] = [
    ("policy", HelpMsg::ArgPolicy),
    ("lang", HelpMsg::ArgLang),
    ("show_pii", HelpMsg::ArgShowPii),
    ("max_policy_bytes", HelpMsg::ArgMaxPolicyBytes),
    ("max_case_bytes", HelpMsg::ArgMaxCaseBytes),
];

/// The id of `--lang` given before the subcommand.
pub const LANG_BEFORE_SUBCOMMAND: &str = "lang_before_subcommand";

/// The language a command line asks for: its `--lang`, else the environment's. Read
/// before clap parses it, since the help is written in it.
pub fn lang_of(args: &[OsString]) -> Lang {
    let words: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let given = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.strip_prefix("--lang") {
            Some("") => words.get(i + 1).copied(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        });
    match given {
        Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        _ => Lang::from_env(),
    }
}

/// The width help is laid out in: the terminal's, 80 columns in a pipe.
fn help_width() -> usize {
    if std::io::stdout().is_terminal() {
        textwrap::termwidth()
    } else {
        80
    }
}

/// `text` broken into lines of at most `columns` (clap cannot break Chinese, which has
/// no spaces; it indents the lines given to it).
fn fit(text: &str, columns: usize) -> String {
    // A text no longer than the line (in bytes, which are never fewer than its columns)
    // has nothing to break: most texts of an unbroken command, which every start builds.
    let fits = text.len() <= columns && text.lines().all(|l| l.len() == l.trim_end().len());
    if fits {
        return text.to_string();
    }
    textwrap::wrap(text, crate::report::layout::wrap_options(columns.max(20))).join("\n")
}

/// Parses the command line (`args`, the program's name first). A start builds the
/// command with its texts unbroken, which is quick; only when there is something to
/// show instead of running (help, the version, a mistake) is it built again laid out
/// for the terminal, and the line parsed again for the text.
pub fn parse(args: &[OsString], lang: Lang) -> Result<clap::ArgMatches, clap::Error> {
    command_at(lang, UNBROKEN).try_get_matches_from(args).map_err(|unlaid| {
        match command(lang).try_get_matches_from(args) {
            Err(laid) => laid,
            // The texts' layout cannot change what parses; should it, the first word stands.
            Ok(_) => unlaid,
        }
    })
}

/// The command line's clap command with its help in `lang`, laid out for the terminal
/// (or 80 columns).
pub fn command(lang: Lang) -> clap::Command {
    command_at(lang, help_width())
}

/// The command with its texts unbroken, for tools that lay them out themselves (man
/// pages, shell completions). Never parses a command line: its arguments' values are
/// listed without the descriptions clap takes from their types' doc comments, which
/// are in English only (each argument's own help, in `lang`, tells them).
pub fn command_unbroken(lang: Lang) -> clap::Command {
    values_undescribed(command_at(lang, UNBROKEN))
}

/// `cmd` with every argument's possible values listed by name only, in every
/// subcommand.
fn values_undescribed(mut cmd: clap::Command) -> clap::Command {
    let ids: Vec<(clap::Id, Vec<String>)> = cmd
        .get_arguments()
        .map(|a| {
            let names = a
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            (a.get_id().clone(), names)
        })
        .filter(|(_, names): &(clap::Id, Vec<String>)| !names.is_empty())
        .collect();
    for (id, names) in ids {
        cmd = cmd.mut_arg(id, |a| a.value_parser(clap::builder::PossibleValuesParser::new(names)));
    }
    let subcommands: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subcommands {
        cmd = cmd.mut_subcommand(name, values_undescribed);
    }
    cmd
}

/// A width no help text reaches: nothing is broken.
const UNBROKEN: usize = 100_000;

/// The command with its help in `lang`, laid out in `width` columns.
fn command_at(lang: Lang, width: usize) -> clap::Command {
    // A subcommand's description stands after its name in the list (two spaces, the
    // longest name, two spaces), or alone at the top of its help.
    let names = ABOUT.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let text = |m: HelpMsg| fit(m.text(lang), width.saturating_sub(names + 4));
    let cmd = with_help_flags(Cli::command(), lang)
        .about(text(HelpMsg::CliAbout))
        .help_template(text(HelpMsg::HelpTemplateTop))
        // `--help` is the one way to ask for help (the `help` subcommand's text is clap's,
        // in English only).
        .disable_help_subcommand(true)
        // The help fits the terminal; 80 columns in a pipe (clap's own default is 100).
        .term_width(width)
        // `--lang` before the subcommand too (`zhengce --lang en check`).
        .arg(
            Arg::new(LANG_BEFORE_SUBCOMMAND)
                .long("lang")
                .value_name("LANG")
                .value_parser(clap::value_parser!(Lang))
                // Its values are told in its help, in the language asked for.
                .hide_possible_values(true)
                // After `      --lang <LANG>  ` (21 columns), on the same line.
                .help(fit(HelpMsg::ArgLang.text(lang), width.saturating_sub(22))),
        );
    let mut cmd = with_version_flag(cmd, text(HelpMsg::ArgVersion));
    // `serve` and `match` pass every argument to their programs, `--help` too: no help
    // flag of their own.
    for (name, about, args) in [
        ("serve", HelpMsg::CliServe, HelpMsg::ArgServeArgs),
        ("match", HelpMsg::CliMatch, HelpMsg::ArgMatchArgs),
    ] {
        cmd = cmd.mut_subcommand(name, |sub| {
            sub.about(text(about))
                .long_about(None::<&str>)
                .next_line_help(true)
                .help_template(text(HelpMsg::HelpTemplateSub))
                .mut_arg("args", |a| described(a, args, lang, width))
        });
    }
    for (name, about) in ABOUT {
        cmd = cmd.mut_subcommand(name, |sub| {
            let mut sub = with_help_flags(sub, lang)
                .about(text(about))
                .long_about(None::<&str>)
                // Each option's help on the line under it, where the texts were broken
                // to fit (clap would otherwise choose by its own count of columns).
                .next_line_help(true)
                .help_template(text(HelpMsg::HelpTemplateSub));
            for (id, m) in COMMON {
                if sub.get_arguments().any(|a| a.get_id() == id) {
                    sub = sub.mut_arg(id, |a| described(a, m, lang, width));
                }
            }
            for (_, id, m) in ARGS.iter().filter(|(s, _, _)| *s == name) {
                sub = sub.mut_arg(*id, |a| described(a, *m, lang, width));
            }
            sub
        });
    }
    cmd
}

/// The command of a program of the workspace that takes options only (`zhengce-match`,
/// `zhengce-serve`),
/// with its help in `lang` as the core's commands have theirs: `about`, each option's
/// text by its id, the headings, `-h`, `-V` and the defaults in the language's words.
pub fn program_command(cmd: clap::Command, lang: Lang, about: &str, options: &[(&str, &str)]) -> clap::Command {
    let width = help_width();
    let cmd = with_help_flags(cmd, lang)
        .about(fit(about, width))
        .help_template(HelpMsg::HelpTemplateProgram.text(lang))
        .next_line_help(true)
        .term_width(width);
    let mut cmd = with_version_flag(cmd, HelpMsg::ArgVersion.text(lang).to_string());
    for (id, text) in options {
        cmd = cmd.mut_arg(*id, |a| described_in(a, text, lang, width));
    }
    cmd
}

/// What a program shows instead of running: its help, its version, or a mistake on its
/// command line, in the user's language.
#[derive(Debug, Default)]
pub struct Told {
    /// The text.
    pub text: String,
    /// Whether it goes to standard error (a mistake) or standard output.
    pub to_stderr: bool,
    /// The exit code.
    pub exit_code: i32,
}

impl Told {
    /// Shows it, masked (a mistyped argument may be an ID number), and gives the exit
    /// code.
    pub fn show(&self) -> std::process::ExitCode {
        let text = crate::privacy::mask_ids(&self.text);
        if self.to_stderr {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
        std::process::ExitCode::from(u8::try_from(self.exit_code).unwrap_or(2))
    }
}

/// Parses a program's command line (`args`, the program's name first) with `cmd`, made
/// by [`program_command`]; the help, the version and mistakes are what to show instead.
pub fn parse_program<T: clap::FromArgMatches>(cmd: clap::Command, args: &[OsString], lang: Lang) -> Result<T, Told> {
    cmd.try_get_matches_from(args)
        .and_then(|m| T::from_arg_matches(&m))
        .map_err(|e| Told {
            text: super::usage::usage_error_text(&e, lang, false),
            to_stderr: e.use_stderr(),
            exit_code: e.exit_code(),
        })
}

/// An argument with one help text in `lang`, its possible values told in the text
/// itself and its default in the language's words.
fn described(arg: Arg, help: HelpMsg, lang: Lang, width: usize) -> Arg {
    described_in(arg, help.text(lang), lang, width)
}

/// [`described`] with the help text given.
fn described_in(arg: Arg, help: &str, lang: Lang, width: usize) -> Arg {
    let takes_values = arg.get_action().takes_values();
    let default = arg
        .get_default_values()
        .first()
        .and_then(|d| d.to_str())
        .map(str::to_string);
    let arg = arg.long_help(None::<&str>).hide_possible_values(takes_values);
    // An option's help stands on the line under it, 10 columns in; a positional
    // argument's after its name, up to about 18 columns in.
    let room = width - if arg.is_positional() { 18 } else { 10 };
    match default {
        Some(d) if takes_values => {
            let help = format!("{}{}", help, HelpMsg::ArgDefault.with([d.as_str()]).get(lang));
            arg.help(fit(&help, room)).hide_default_value(true)
        }
        _ => arg.help(fit(help, room)),
    }
}

/// `-V`/`--version` with its text (clap's own is in English).
fn with_version_flag(cmd: clap::Command, help: String) -> clap::Command {
    cmd.disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(help),
    )
}

/// `-h`/`--help` with its text in `lang`.
fn with_help_flags(cmd: clap::Command, lang: Lang) -> clap::Command {
    cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(HelpMsg::ArgHelp.text(lang)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(lang: Lang, args: &[&str]) -> String {
        match command(lang).try_get_matches_from(args) {
            Err(e) => e.render().to_string(),
            Ok(_) => String::new(),
        }
    }

    #[test]
    fn the_help_is_told_in_the_language_asked_for() {
        let zh = help(Lang::Zh, &["zhengce", "eval", "--help"]);
        for wanted in [
            "评估案件文件并说明每项结果",
            "用法：",
            "评估日（YYYY-MM-DD）",
            "显示帮助",
            "文本格式显示多少说明",
        ] {
            assert!(zh.contains(wanted), "{wanted}\n{zh}");
        }
        assert!(!zh.contains("Evaluation date"), "{zh}");
        let en = help(Lang::En, &["zhengce", "eval", "--help"]);
        assert!(
            en.contains("Evaluation date (YYYY-MM-DD)") && en.contains("Usage:"),
            "{en}"
        );
        let top = help(Lang::Zh, &["zhengce", "--help"]);
        assert!(top.contains("命令：") && top.contains("探索一个案件"), "{top}");
        // Every subcommand's every argument has its help in Chinese.
        let cmd = command(Lang::Zh);
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            for arg in sub.get_arguments() {
                let text = arg.get_help().map(ToString::to_string).unwrap_or_default();
                assert!(
                    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{} --{}: {text:?}",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn a_text_that_fits_is_given_back_as_textwrap_would() {
        for m in HelpMsg::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let text = m.text(lang);
                for columns in [20, 60, 80, text.len(), UNBROKEN] {
                    let wrapped = textwrap::wrap(text, crate::report::layout::wrap_options(columns.max(20))).join("\n");
                    assert_eq!(fit(text, columns), wrapped, "{m:?} in {columns} columns");
                }
            }
        }
    }

    #[test]
    fn parsing_tells_what_the_laid_out_command_tells() {
        let args = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        for words in [
            &["zhengce", "--help"][..],
            &["zhengce", "eval", "--help"],
            &["zhengce", "eval", "--frob", "x"],
            &["zhengce", "batch"],
            &["zhengce", "--version"],
        ] {
            let laid = command(Lang::En).try_get_matches_from(args(words));
            let (Err(parsed), Err(laid)) = (parse(&args(words), Lang::En), laid) else {
                panic!("{words:?} should be refused");
            };
            assert_eq!(parsed.render().to_string(), laid.render().to_string(), "{words:?}");
        }
        let matches = parse(&args(&["zhengce", "eval", "--as-of", "2025-07-01", "a.yaml"]), Lang::Zh);
        assert!(matches.is_ok_and(|m| m.subcommand_name() == Some("eval")));
    }

    #[test]
    fn the_language_is_read_from_the_arguments_first() {
        let args = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["zhengce", "eval", "--lang", "en", "x"])), Lang::En);
        assert_eq!(lang_of(&args(&["zhengce", "eval", "--lang=zh", "x"])), Lang::Zh);
    }
}

//! Mistakes on the command line (an unknown argument, a value that does not read), told
//! in the user's language. clap finds them and says them in English; in Chinese they
//! are told here from what clap found (its error's context), and clap's own text is
//! kept for what is not a mistake (the help, the version) and in English.

use crate::lang::{Lang, Text};
use crate::report::messages::Msg;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::fmt;

/// A command-line value that does not read, in both languages (the error of zhengce's
/// own value parsers, so that a Chinese usage error can say why).
#[derive(Debug)]
pub struct BadValue(pub Text);

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.en())
    }
}

impl std::error::Error for BadValue {}

/// The text of a clap error in `lang`: clap's own in English, and for help and version;
/// told from its context in Chinese.
pub fn usage_error_text(e: &clap::Error, lang: Lang, styled: bool) -> String {
    let clap_text = || {
        let rendered = e.render();
        if styled {
            rendered.ansi().to_string()
        } else {
            rendered.to_string()
        }
    };
    if lang == Lang::En {
        return clap_text();
    }
    match told_in(e, lang) {
        Some(text) => text,
        None => clap_text(),
    }
}

/// A value of the error's context as text (lists joined with `、`).
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The error told from its context, or `None` for what is not a mistake or not known.
fn told_in(e: &clap::Error, lang: Lang) -> Option<String> {
    let say = |m: Msg, args: &[&str]| Msg::with(m, args.iter().copied()).get(lang).into_owned();
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![match e.kind() {
        ErrorKind::UnknownArgument => say(Msg::UsageUnknownArgument, &[&arg]),
        ErrorKind::InvalidSubcommand => say(
            Msg::UsageUnknownSubcommand,
            &[&context(e, ContextKind::InvalidSubcommand)?],
        ),
        ErrorKind::InvalidValue if value.is_empty() => say(Msg::UsageValueMissing, &[&arg]),
        ErrorKind::InvalidValue => say(Msg::UsageInvalidValue, &[&value, &arg]),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .and_then(|s| s.downcast_ref::<BadValue>())
                .map(|b| b.0.get(lang).into_owned());
            match why {
                Some(why) => say(Msg::UsageBadValue, &[&arg, &why]),
                None => say(Msg::UsageInvalidValue, &[&value, &arg]),
            }
        }
        ErrorKind::MissingRequiredArgument => say(Msg::UsageMissingArguments, &[&arg]),
        ErrorKind::ArgumentConflict => say(
            Msg::UsageConflict,
            &[&arg, &context(e, ContextKind::PriorArg).unwrap_or_default()],
        ),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            say(Msg::UsageValueCount, &[&arg])
        }
        _ => return None,
    }];
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        lines.push(say(Msg::UsagePossibleValues, &[&valid]));
    }
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| context(e, k));
    if let Some(s) = suggested {
        let s = if s.starts_with('`') { s } else { format!("`{s}`") };
        lines.push(say(Msg::UsageDidYouMean, &[&s]));
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        let usage = usage.trim().strip_prefix("Usage:").map_or(usage.trim(), str::trim);
        lines.push(String::new());
        lines.push(say(Msg::UsageLine, &[usage]));
    }
    lines.push(String::new());
    lines.push(say(Msg::UsageMoreInformation, &[]));
    Some(lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> clap::Error {
        match super::super::help::command(Lang::Zh).try_get_matches_from(args) {
            Ok(_) => panic!("{args:?} should be refused"),
            Err(e) => e,
        }
    }

    #[test]
    fn mistakes_on_the_command_line_are_told_in_chinese() {
        let text = |args: &[&str]| usage_error_text(&error(args), Lang::Zh, false);
        let unknown = text(&["zhengce", "eval", "--frob", "x"]);
        assert!(unknown.starts_with("错误：不认识的参数 `--frob`"), "{unknown}");
        assert!(unknown.contains("用法：zhengce eval"), "{unknown}");
        let subcommand = text(&["zhengce", "evl"]);
        assert!(subcommand.contains("没有子命令 `evl`"), "{subcommand}");
        assert!(subcommand.contains("eval"), "{subcommand}");
        let format = text(&["zhengce", "eval", "--format", "xml", "a"]);
        assert!(
            format.contains("`xml`") && format.contains("可选的值：`text`、`json`"),
            "{format}"
        );
        let missing = text(&["zhengce", "batch"]);
        assert!(missing.contains("缺少必需的参数：`<INPUTS>...`"), "{missing}");
    }

    #[test]
    fn a_value_that_does_not_read_says_why_in_the_language_asked_for() {
        let e = error(&["zhengce", "eval", "--as-of", "2025-13-01", "a.yaml"]);
        let zh = usage_error_text(&e, Lang::Zh, false);
        assert!(zh.contains("`--as-of <DATE>` 的值无效：`2025-13-01` 不是日期"), "{zh}");
        let en = usage_error_text(&e, Lang::En, false);
        assert!(en.contains("`2025-13-01` is not a date (YYYY-MM-DD)"), "{en}");
    }

    #[test]
    fn help_and_version_are_not_mistakes() {
        let e = error(&["zhengce", "--help"]);
        assert_eq!(e.kind(), ErrorKind::DisplayHelp);
        assert_eq!(usage_error_text(&e, Lang::Zh, false), e.render().to_string());
    }
}

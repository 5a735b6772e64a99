//! REPL commands: what the user typed, parsed into a command, and the help for each.

use crate::report::Lang;
use crate::report::layout::{wrap_lines, wrap_table};
use crate::report::messages::{Msg, msg, msg_args, msg_with};

/// A command of the REPL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `:load FILE [ID]`: load a case (the first in the file, or the one with this id).
    Load(String, Option<String>),
    /// `:policy FILE` (`:policy builtin` for the built-in one).
    Policy(String),
    /// `:reload`: read the policy files again, keep the case.
    Reload,
    /// `:as-of DATE` (`:as-of` alone: back to the case's own date).
    AsOf(Option<String>),
    /// `:undo`: take back the last change.
    Undo,
    /// `:save FILE`: write the case as YAML.
    Save(String),
    /// `:missing`: absent fields the decision depends on.
    Missing,
    /// `:case`: show the case as YAML.
    Show,
    /// `:help [COMMAND]`.
    Help(Option<String>),
    /// `:quit`.
    Quit,
    /// `eval`: the whole decision, as `zhengce eval` shows it.
    Eval,
    /// `why RULE`: one rule's full explanation.
    Why(String),
    /// `set PATH = VALUE`.
    Set(String, String),
    /// `unset PATH`.
    Unset(String),
    /// `push PATH VALUE`.
    Push(String, String),
    /// Anything else: an expression of the policy language.
    Expression(String),
    /// An empty line.
    Nothing,
}

/// Every command: how it is written and what it does.
pub const HELP: &[(&str, &str, Msg)] = &[
    (":load", ":load FILE [ID]", Msg::HelpLoad),
    (":policy", ":policy FILE | builtin", Msg::HelpPolicy),
    (":reload", ":reload", Msg::HelpReload),
    (":as-of", ":as-of [DATE]", Msg::HelpAsOf),
    ("set", "set PATH = VALUE", Msg::HelpSet),
    ("unset", "unset PATH", Msg::HelpUnset),
    ("push", "push PATH VALUE", Msg::HelpPush),
    (":undo", ":undo", Msg::HelpUndo),
    ("eval", "eval", Msg::HelpEval),
    ("why", "why RULE", Msg::HelpWhy),
    (":missing", ":missing", Msg::HelpMissing),
    (":case", ":case", Msg::HelpCase),
    (":save", ":save FILE", Msg::HelpSave),
    (":help", ":help [COMMAND]", Msg::HelpHelp),
    (":quit", ":quit", Msg::HelpQuit),
];

/// Parses one (complete) input; an error is told in `lang`.
pub fn parse(line: &str, lang: Lang) -> Result<Command, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(Command::Nothing);
    }
    let (word, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(w, r)| (w, r.trim()));
    let needs = |what: Msg| -> Result<String, String> {
        if rest.is_empty() {
            Err(msg_args(Msg::NeedsArgument, lang, &[word, msg(what, lang), word]))
        } else {
            Ok(rest.to_string())
        }
    };
    Ok(match word {
        ":load" | ":l" => {
            let mut parts = needs(Msg::ArgCaseFile)?
                .splitn(2, char::is_whitespace)
                .map(str::to_string)
                .collect::<Vec<_>>();
            let id = (parts.len() > 1).then(|| parts.remove(1).trim().to_string());
            Command::Load(parts.remove(0), id)
        }
        ":policy" | ":p" => Command::Policy(needs(Msg::ArgPolicyFile)?),
        ":reload" | ":r" => Command::Reload,
        ":as-of" | ":asof" => Command::AsOf((!rest.is_empty()).then(|| rest.to_string())),
        ":undo" | ":u" => Command::Undo,
        ":save" | ":s" => Command::Save(needs(Msg::ArgFileName)?),
        ":missing" | ":m" => Command::Missing,
        ":case" | ":c" => Command::Show,
        ":help" | ":h" | "help" | "?" => Command::Help((!rest.is_empty()).then(|| rest.to_string())),
        ":quit" | ":q" | ":exit" | "quit" | "exit" => Command::Quit,
        "eval" if rest.is_empty() => Command::Eval,
        "why" => Command::Why(needs(Msg::ArgRule)?),
        "set" => {
            let (path, value) = needs(Msg::ArgSet)?
                .split_once('=')
                .map(|(p, v)| (p.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| msg(Msg::SetUsage, lang).to_string())?;
            if path.is_empty() || value.is_empty() {
                return Err(msg(Msg::SetUsage, lang).into());
            }
            Command::Set(path, value)
        }
        "unset" => Command::Unset(needs(Msg::ArgFieldPath)?),
        "push" => {
            let rest = needs(Msg::ArgPush)?;
            let (path, value) = rest
                .split_once(char::is_whitespace)
                .ok_or_else(|| msg(Msg::PushUsage, lang).to_string())?;
            Command::Push(path.trim().to_string(), value.trim().to_string())
        }
        w if w.starts_with(':') => {
            let known: Vec<&str> = HELP.iter().map(|(n, _, _)| *n).collect();
            let hint = match crate::diagnostic::nearest(w, known.iter().copied()) {
                Some(near) => msg_with(Msg::DidYouMean, lang, near),
                None => msg(Msg::SeeHelp, lang).to_string(),
            };
            return Err(msg_args(Msg::UnknownCommand, lang, &[w, &hint]));
        }
        _ => Command::Expression(line.to_string()),
    })
}

/// Whether an input is unfinished: an open bracket or string, or an `if` still waiting
/// for its `else`. The front end then reads another line.
pub fn unfinished(input: &str) -> bool {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    // `if`s not yet matched by an `else`.
    let mut open_ifs = 0i32;
    let mut word = String::new();
    let mut end_word = |word: &mut String| {
        match word.as_str() {
            "if" => open_ifs += 1,
            "else" => open_ifs -= 1,
            _ => {}
        }
        word.clear();
    };
    for c in input.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        end_word(&mut word);
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' | '（' => depth += 1,
            ')' | ']' | '}' | '）' => depth -= 1,
            _ => {}
        }
    }
    end_word(&mut word);
    in_string || depth > 0 || open_ifs > 0 || ends_with_operator(input)
}

/// Whether an expression (not a command) ends with an operator that needs its right
/// side: `age >=`, `a and`, `as_of +` go on on the next line.
fn ends_with_operator(input: &str) -> bool {
    let text = input.trim();
    let first = text.split_whitespace().next().unwrap_or("");
    if text.starts_with(':') || ["set", "unset", "push", "why", "eval"].contains(&first) {
        return false;
    }
    const SIGNS: [&str; 12] = ["+", "-", "*", "/", ">=", "<=", ">", "<", "=", "!=", "??", ","];
    const WORDS: [&str; 6] = ["and", "or", "not", "then", "else", "in"];
    SIGNS.iter().any(|s| text.ends_with(s))
        || WORDS.iter().any(|w| {
            text.strip_suffix(w)
                .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
        })
}

/// The help text in `lang`: every command, or one.
pub fn help(topic: Option<&str>, lang: Lang, width: usize) -> String {
    match topic {
        Some(t) => {
            let t = if t.starts_with(':') || HELP.iter().any(|(n, _, _)| *n == t) {
                t.to_string()
            } else {
                format!(":{t}")
            };
            match HELP.iter().find(|(n, _, _)| *n == t) {
                Some((_, usage, what)) => wrap_lines(&format!("{usage}\n  {}\n", msg(*what, lang)), width),
                None => format!("{}\n", msg_with(Msg::NoSuchCommand, lang, &t)),
            }
        }
        None => {
            let mut table = String::new();
            for (_, usage, what) in HELP {
                table.push_str(&format!("  {usage:<28} {}\n", msg(*what, lang)));
            }
            // Continuation lines under the descriptions.
            wrap_lines(&format!("{}\n", msg(Msg::HelpIntro, lang)), width) + &wrap_table(&table, width, 31)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(
            parse("set a.b = true", Lang::En),
            Ok(Command::Set("a.b".into(), "true".into()))
        );
        assert_eq!(
            parse("push services {date: 2025-04-02, kind: job_posting}", Lang::En),
            Ok(Command::Push(
                "services".into(),
                "{date: 2025-04-02, kind: job_posting}".into()
            ))
        );
        assert_eq!(parse("why 第1条", Lang::En), Ok(Command::Why("第1条".into())));
        assert_eq!(
            parse(":as-of 2025-10-01", Lang::En),
            Ok(Command::AsOf(Some("2025-10-01".into())))
        );
        assert_eq!(
            parse("age >= 50 years", Lang::En),
            Ok(Command::Expression("age >= 50 years".into()))
        );
        assert!(parse("set a.b", Lang::En).is_err());
        assert_eq!(
            parse(":lod x", Lang::En).unwrap_err(),
            "unknown command `:lod`: did you mean `:load`?"
        );
    }

    #[test]
    fn open_brackets_and_strings_are_unfinished() {
        assert!(unfinished("count(s in services"));
        assert!(unfinished("push services {date: 2025-04-02,"));
        assert!(unfinished("\"abc"));
        assert!(!unfinished("count(s in services where s.refused)"));
        assert!(!unfinished("\"a(b\""));
        assert!(unfinished("if age > 40 years"));
        assert!(unfinished("if age > 40 years then 1\n"));
        assert!(!unfinished("if age > 40 years then 1 else 2"));
        // An expression that ends with an operator goes on; a command does not.
        assert!(unfinished("age >="));
        assert!(unfinished("dibao and"));
        assert!(unfinished("as_of + "));
        assert!(!unfinished("age >= 50 years"));
        assert!(!unfinished("band"));
        assert!(!unfinished("set person.gender ="));
        assert!(!unfinished(":as-of"));
        assert!(!unfinished("if_x + verify"));
        assert!(!unfinished("\"if\""));
    }
}

//! REPL commands: what the user typed, parsed into a command, and the help for each.

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
pub const HELP: &[(&str, &str, &str)] = &[
    (
        ":load",
        ":load FILE [ID]",
        "load a case file (its first case, or the case with ID)",
    ),
    (
        ":policy",
        ":policy FILE | builtin",
        "use another policy (the case is kept)",
    ),
    (
        ":reload",
        ":reload",
        "read the policy files again after an edit; the case is kept",
    ),
    (
        ":as-of",
        ":as-of [DATE]",
        "evaluate on DATE (YYYY-MM-DD); alone: on the case's own as_of",
    ),
    (
        "set",
        "set PATH = VALUE",
        "change a field: the value is written as in a case file",
    ),
    (
        "unset",
        "unset PATH",
        "leave a field out, as if the case file did not give it",
    ),
    (
        "push",
        "push PATH VALUE",
        "add an item to a list: push LIST {field: value, …}",
    ),
    (":undo", ":undo", "take back the last change"),
    ("eval", "eval", "the whole decision with every explanation"),
    (
        "why",
        "why RULE",
        "one rule explained, named by its clause, by kind and id (why category 1) or by name",
    ),
    (
        ":missing",
        ":missing",
        "absent fields the decision depends on, and which could change it",
    ),
    (":case", ":case", "show the case as YAML"),
    (":save", ":save FILE", "write the case (with your changes) as YAML"),
    (":help", ":help [COMMAND]", "this list, or one command"),
    (":quit", ":quit", "leave (Ctrl-D too)"),
];

/// Parses one (complete) input.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(Command::Nothing);
    }
    let (word, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(w, r)| (w, r.trim()));
    let needs = |what: &str| -> Result<String, String> {
        if rest.is_empty() {
            Err(format!("`{word}` needs {what}; see `:help {word}`"))
        } else {
            Ok(rest.to_string())
        }
    };
    Ok(match word {
        ":load" | ":l" => {
            let mut parts = needs("a case file")?
                .splitn(2, char::is_whitespace)
                .map(str::to_string)
                .collect::<Vec<_>>();
            let id = (parts.len() > 1).then(|| parts.remove(1).trim().to_string());
            Command::Load(parts.remove(0), id)
        }
        ":policy" | ":p" => Command::Policy(needs("a policy file")?),
        ":reload" | ":r" => Command::Reload,
        ":as-of" | ":asof" => Command::AsOf((!rest.is_empty()).then(|| rest.to_string())),
        ":undo" | ":u" => Command::Undo,
        ":save" | ":s" => Command::Save(needs("a file name")?),
        ":missing" | ":m" => Command::Missing,
        ":case" | ":c" => Command::Show,
        ":help" | ":h" | "help" | "?" => Command::Help((!rest.is_empty()).then(|| rest.to_string())),
        ":quit" | ":q" | ":exit" | "quit" | "exit" => Command::Quit,
        "eval" if rest.is_empty() => Command::Eval,
        "why" => Command::Why(needs("a rule: its clause, its kind and id, or its name")?),
        "set" => {
            let (path, value) = needs("`PATH = VALUE`")?
                .split_once('=')
                .map(|(p, v)| (p.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| {
                    "write `set PATH = VALUE`, the path as in the case file (a.b.c, list[0].d)".to_string()
                })?;
            if path.is_empty() || value.is_empty() {
                return Err("write `set PATH = VALUE`, the path as in the case file (a.b.c, list[0].d)".into());
            }
            Command::Set(path, value)
        }
        "unset" => Command::Unset(needs("a field path")?),
        "push" => {
            let rest = needs("`PATH VALUE`")?;
            let (path, value) = rest
                .split_once(char::is_whitespace)
                .ok_or_else(|| "write `push PATH VALUE`, e.g. `push LIST {field: value}`".to_string())?;
            Command::Push(path.trim().to_string(), value.trim().to_string())
        }
        w if w.starts_with(':') => {
            let known: Vec<&str> = HELP.iter().map(|(n, _, _)| *n).collect();
            let hint =
                crate::diagnostic::did_you_mean(w, known.iter().copied()).unwrap_or_else(|| "see `:help`".into());
            return Err(format!("unknown command `{w}`: {hint}"));
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
    in_string || depth > 0 || open_ifs > 0
}

/// The help text: every command, or one.
pub fn help(topic: Option<&str>) -> String {
    match topic {
        Some(t) => {
            let t = if t.starts_with(':') || HELP.iter().any(|(n, _, _)| *n == t) {
                t.to_string()
            } else {
                format!(":{t}")
            };
            match HELP.iter().find(|(n, _, _)| *n == t) {
                Some((_, usage, what)) => format!("{usage}\n  {what}\n"),
                None => format!("no command `{t}`; `:help` lists them\n"),
            }
        }
        None => {
            let mut out = String::from(
                "commands (anything else is evaluated as an expression, e.g. `age` or `as_of + 5 working_days`):\n",
            );
            for (_, usage, what) in HELP {
                out.push_str(&format!("  {usage:<28} {what}\n"));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(parse("set a.b = true"), Ok(Command::Set("a.b".into(), "true".into())));
        assert_eq!(
            parse("push services {date: 2025-04-02, kind: job_posting}"),
            Ok(Command::Push(
                "services".into(),
                "{date: 2025-04-02, kind: job_posting}".into()
            ))
        );
        assert_eq!(parse("why 第1条"), Ok(Command::Why("第1条".into())));
        assert_eq!(parse(":as-of 2025-10-01"), Ok(Command::AsOf(Some("2025-10-01".into()))));
        assert_eq!(
            parse("age >= 50 years"),
            Ok(Command::Expression("age >= 50 years".into()))
        );
        assert!(parse("set a.b").is_err());
        assert_eq!(
            parse(":lod x").unwrap_err(),
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
        assert!(!unfinished("if_x + verify"));
        assert!(!unfinished("\"if\""));
    }
}

//! The REPL's front ends: plain (lines from any reader, results to any writer) and
//! interactive (rustyline, with completion, history and multi-line input).

use super::command::{HELP, unfinished};
use super::{Reply, Session};
use crate::privacy::{MaskingWriter, Pii};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Editor, Helper};
use std::io::{BufRead, Write};

/// Reads commands line by line (an unfinished one continues on the next line) and
/// writes the replies, with no prompt: for scripts, pipes and tests.
pub fn plain(session: &mut Session, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    for input in inputs(input) {
        match session.handle(&input?) {
            Reply::Quit => break,
            Reply::Print(text) => output.write_all(text.as_bytes())?,
        }
    }
    output.flush()
}

/// The inputs a script's lines make, as [`plain`] hands them to the session, one at a
/// time: a line that is not UTF-8 read as far as it is (the bad bytes replaced, so the
/// session answers it rather than ending), a `\r` before the newline dropped, an
/// unfinished input (an open bracket or string) continued on the next line, unless that
/// line is a command (`:save`…), which is never the rest of an expression: the
/// unfinished input is handed on first. Blank inputs at the end are left out.
pub fn inputs(input: impl BufRead) -> impl Iterator<Item = std::io::Result<String>> {
    let mut lines = input.split(b'\n');
    let mut pending = String::new();
    // A command line that ended an unfinished input, to start the next one with.
    let mut next: Option<String> = None;
    std::iter::from_fn(move || {
        loop {
            let line = match next.take() {
                Some(line) => line,
                None => match lines.next() {
                    Some(Ok(bytes)) => {
                        let line = String::from_utf8_lossy(&bytes);
                        line.strip_suffix('\r').unwrap_or(&line).to_string()
                    }
                    Some(Err(e)) => return Some(Err(e)),
                    None if pending.trim().is_empty() => return None,
                    None => return Some(Ok(std::mem::take(&mut pending))),
                },
            };
            if !pending.is_empty() && line.trim_start().starts_with(':') {
                next = Some(line);
                return Some(Ok(std::mem::take(&mut pending)));
            }
            pending.push_str(&line);
            if unfinished(&pending) {
                pending.push('\n');
                continue;
            }
            return Some(Ok(std::mem::take(&mut pending)));
        }
    })
}

/// Words to complete, by what the line is: commands at its start, rules and definitions
/// after `why`, field paths after `set`/`unset`/`push`, enum values after `=`, and the
/// policy's names in an expression.
struct ReplHelper {
    commands: Vec<String>,
    paths: Vec<String>,
    values: Vec<String>,
    /// What `why` accepts, each with a short title.
    why: Vec<(String, String)>,
    /// Names an expression may use: field paths and definitions.
    names: Vec<String>,
}

impl ReplHelper {
    fn new(session: &Session) -> ReplHelper {
        let program = session.program();
        let commands = HELP.iter().map(|(name, _, _)| name.to_string()).collect();
        let mut paths = Vec::new();
        field_paths(program, crate::program::Program::ROOT, "", &mut paths, 0);
        paths.sort();
        let mut values: Vec<String> = program
            .enums
            .iter()
            .flat_map(|e| e.variants().iter().flat_map(|(name, l)| [name.clone(), l.zh.clone()]))
            .collect();
        values.sort();
        values.dedup();
        let mut names: Vec<String> = paths.clone();
        names.extend(
            program
                .definitions
                .iter()
                .filter(|d| !d.repealed && !d.name.starts_with("__"))
                .map(|d| d.name.clone()),
        );
        names.sort();
        names.dedup();
        ReplHelper {
            commands,
            paths,
            values,
            why: super::lookup::completions(program, ""),
            names,
        }
    }

    /// The completions of the text before the cursor: where the word starts, and the
    /// candidates.
    fn candidates(&self, before: &str) -> (usize, Vec<Pair>) {
        let plain = |start: usize, words: &[String], word: &str| {
            let pairs = words
                .iter()
                .filter(|w| w.starts_with(word))
                .map(|w| Pair {
                    display: w.clone(),
                    replacement: w.clone(),
                })
                .collect();
            (start, pairs)
        };
        let command = before.split_whitespace().next().unwrap_or("");
        let Some(first_space) = before.find(char::is_whitespace) else {
            return plain(0, &self.commands, before);
        };
        if command == "why" {
            // A clause has brackets in it: the whole rest of the line is the word.
            let start = first_space + before[first_space..].len() - before[first_space..].trim_start().len();
            let word = &before[start..];
            let pairs = self
                .why
                .iter()
                .filter(|(w, _)| w.starts_with(word))
                .map(|(w, title)| Pair {
                    display: format!("{w}  {title}"),
                    replacement: w.clone(),
                })
                .collect();
            return (start, pairs);
        }
        let start = before
            .rfind(|c: char| c.is_whitespace() || "(){}[],=".contains(c))
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let word = &before[start..];
        match command {
            "set" | "unset" | "push" if !before.contains('=') => plain(start, &self.paths, word),
            "set" => plain(start, &self.values, word),
            ":load" | ":save" | ":policy" | ":as-of" | ":help" => (start, Vec::new()),
            _ if word.is_empty() => (start, Vec::new()),
            _ => plain(start, &self.names, word),
        }
    }
}

fn field_paths(
    program: &crate::program::Program,
    record: crate::program::RecordId,
    prefix: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    for field in program.record(record).fields() {
        let path = if prefix.is_empty() {
            field.name.clone()
        } else {
            format!("{prefix}.{}", field.name)
        };
        if let crate::program::Type::Record(r) = field.ty {
            field_paths(program, r, &path, out, depth + 1);
        }
        out.push(path);
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.candidates(line.get(..pos).unwrap_or(line)))
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if unfinished(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}
impl Highlighter for ReplHelper {}
impl Helper for ReplHelper {}

/// Where history is kept: the user's data directory.
fn history_file() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    Some(base.join("zhengce").join("history"))
}

/// Whether a line holds what looks like a resident ID number: such lines are never
/// written to the history file.
fn holds_id_number(line: &str) -> bool {
    let mut run = 0;
    for c in line.chars() {
        if c.is_ascii_digit() || (run == 17 && (c == 'X' || c == 'x')) {
            run += 1;
            if run >= 18 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The interactive front end: prompt, completion, history (unless `keep_history` is
/// false), multi-line input.
pub fn interactive(session: &mut Session, keep_history: bool, pii: Pii) -> Result<(), String> {
    // What the session prints goes through the same masking as every other output.
    let mut out = MaskingWriter::new(std::io::stdout(), pii);
    let mut editor: Editor<ReplHelper, rustyline::history::DefaultHistory> =
        Editor::new().map_err(|e| format!("cannot start the line editor: {e}"))?;
    editor.set_helper(Some(ReplHelper::new(session)));
    let history = if keep_history { history_file() } else { None };
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let _ = writeln!(
        out,
        "zhengce {} — `:help` lists the commands, Tab completes, Ctrl-D leaves",
        env!("CARGO_PKG_VERSION")
    );
    let _ = out.flush();
    loop {
        match editor.readline("政策> ") {
            Ok(line) => {
                if !holds_id_number(&line) {
                    let _ = editor.add_history_entry(line.as_str());
                }
                match session.handle(&line) {
                    Reply::Quit => break,
                    Reply::Print(text) => {
                        let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
                    }
                }
                if let Some(helper) = editor.helper_mut() {
                    *helper = ReplHelper::new(session);
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(format!("cannot read input: {e}")),
        }
    }
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{ReplHelper, Session};
    use crate::report::Lang;

    #[test]
    fn completion_follows_the_command() {
        let session = Session::new(None, Lang::En, false).unwrap();
        let helper = ReplHelper::new(&session);
        let words =
            |before: &str| -> Vec<String> { helper.candidates(before).1.into_iter().map(|p| p.replacement).collect() };
        let why = words("why ");
        assert!(why.contains(&"一（一）".to_string()) && why.contains(&"eligible".to_string()));
        assert!(!why.iter().any(|w| w.starts_with(':')), "{why:?}");
        let why_one = words("why 一");
        assert!(why_one.contains(&"一（七）".to_string()), "{why_one:?}");
        assert_eq!(helper.candidates("why 一（").0, "why ".len());
        assert!(words("set person.gen").contains(&"person.gender".to_string()));
        assert!(words("set person.gender = ").contains(&"female".to_string()));
        assert!(words("set person.gender = 女").contains(&"女".to_string()));
        assert_eq!(words(":lo"), [":load"]);
        assert!(words("age + reg").contains(&"registration.unemployed_since".to_string()));
        assert!(words(":load exa").is_empty());
    }

    #[test]
    fn inputs_are_cut_as_the_session_gets_them() {
        let inputs = |script: &[u8]| -> Vec<String> { super::inputs(script).map(Result::unwrap).collect() };
        // An open bracket continues on the next line; a `\r` before the newline goes.
        assert_eq!(inputs(b"age + (\r\n1 year)\r\n:case\n"), ["age + (\n1 year)", ":case"]);
        // A command line is never the rest of an unfinished input: that is handed on
        // first, and the command is an input of its own.
        assert_eq!(inputs(b"(\n:s file\nx\n"), ["(\n", ":s file", "x"]);
        assert_eq!(inputs(b"(\n  :quit"), ["(\n", "  :quit"]);
        // A blank line is an input; blanks at the end are not; bad bytes are replaced.
        assert_eq!(inputs(b"\n:case\n\n"), ["", ":case", ""]);
        assert_eq!(inputs(b"(\n \n"), ["(\n \n"]);
        assert_eq!(inputs(b"(\n"), ["(\n"]);
        assert_eq!(inputs(b"x\xff"), ["x\u{fffd}"]);
        assert!(inputs(b"").is_empty());
    }

    #[test]
    fn id_numbers_stay_out_of_history() {
        assert!(super::holds_id_number("set person.id_number = \"11010519491231002X\""));
        assert!(!super::holds_id_number("set person.birth_date = 1975-03-10"));
    }
}

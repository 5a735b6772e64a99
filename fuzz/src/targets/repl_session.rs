//! A REPL script: the input's lines fed to the plain front end (`repl::front::plain`,
//! which `zhengce repl` uses when standard input is not a terminal) over a session on
//! the built-in policy, its replies written through a masking writer as the command
//! line's console does, and the PII oracle applied to what comes out.
//!
//! Commands that touch the disk or reload the policy are left out: `:load`, `:save`,
//! `:policy` and `:reload` (found as the session finds them: the lines are joined into
//! inputs as the front end joins them, and each input parsed with the REPL's parser).
//! The session has no case to start with; a script builds one with `set` and `push`.
//! A first line `:lang en` (a directive of this target, not a command) makes the
//! session English.
//!
//! A session costs a policy load (about 14 ms), so one session per language is kept
//! and re-used: after each input every change is taken back with `:undo`, which leaves
//! the session as it was made. The session's source map grows by a file per evaluation,
//! so the session is made again every `FRESH_EVERY` inputs.

use super::super::assert_no_id;
use std::cell::RefCell;
use zhengce::privacy::{MaskingWriter, Pii};
use zhengce::repl::command::{Command, parse, unfinished};
use zhengce::repl::{Reply, Session, front};
use zhengce::report::Lang;

/// Inputs a session serves before it is made again.
const FRESH_EVERY: u32 = 256;

thread_local! {
    /// A session per language (Chinese, English), with the inputs it has served.
    static SESSIONS: RefCell<[Option<(Session, u32)>; 2]> = const { RefCell::new([None, None]) };
}

/// The target's work on one input: a panic is a finding.
pub fn run(data: &[u8]) {
    let (lang, script) = script(data);
    SESSIONS.with_borrow_mut(|sessions| {
        let slot = &mut sessions[usize::from(lang == Lang::En)];
        if slot.as_ref().is_none_or(|(_, served)| *served >= FRESH_EVERY) {
            let session = Session::new(None, lang, false).expect("the built-in policy checks");
            *slot = Some((session, 0));
        }
        let Some((session, served)) = slot.as_mut() else {
            unreachable!()
        };
        *served += 1;
        let mut output = Vec::new();
        {
            let mut writer = MaskingWriter::new(&mut output, Pii::Mask);
            front::plain(session, script.as_slice(), &mut writer).expect("writing to memory");
        }
        assert_no_id("the REPL's output", &output, data);
        if !undo_all(session, data.len()) {
            *served = FRESH_EVERY;
        }
    });
}

/// The input as a script for the plain front end: its lines, less the inputs that
/// would read or write files or load the policy again; and the language.
fn script(data: &[u8]) -> (Lang, Vec<u8>) {
    let mut lines: Vec<&[u8]> = data.split(|b| *b == b'\n').collect();
    // `split` gives an empty last piece after a final newline; the front end does not.
    if data.ends_with(b"\n") {
        lines.pop();
    }
    let mut lang = Lang::Zh;
    if lines.first().is_some_and(|l| l.trim_ascii() == b":lang en") {
        lang = Lang::En;
        lines.remove(0);
    }
    let mut script = Vec::with_capacity(data.len());
    let mut pending = String::new();
    let mut held: Vec<&[u8]> = Vec::new();
    let mut keep = |held: &mut Vec<&[u8]>, input: &str| {
        if allowed(input) {
            for line in held.iter() {
                script.extend_from_slice(line);
                script.push(b'\n');
            }
        }
        held.clear();
    };
    for line in lines {
        // As `front::plain` reads: lossy UTF-8, a `\r` before the newline dropped, an
        // unfinished input (open bracket or string) continued on the next line.
        let text = String::from_utf8_lossy(line);
        pending.push_str(text.strip_suffix('\r').unwrap_or(&text));
        held.push(line);
        if unfinished(&pending) {
            pending.push('\n');
            continue;
        }
        keep(&mut held, &pending);
        pending.clear();
    }
    if !pending.trim().is_empty() {
        keep(&mut held, &pending);
    }
    (lang, script)
}

/// Whether the session may be given this input: not one that reads or writes a file or
/// loads a policy.
fn allowed(input: &str) -> bool {
    !matches!(
        // The language only words the errors: either reads the same commands.
        parse(input, Lang::Zh),
        Ok(Command::Load(..) | Command::Save(_) | Command::Policy(_) | Command::Reload)
    )
}

/// Takes back every change (each is on the undo stack: the commands that are not are
/// left out). False when the stack did not run out, which cannot be: then the session
/// is made again.
fn undo_all(session: &mut Session, changes_at_most: usize) -> bool {
    for _ in 0..=changes_at_most {
        if let Reply::Print(text) = session.handle(":undo")
            && text == "nothing to undo\n"
        {
            return true;
        }
    }
    false
}

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
use zhengce::repl::command::{Command, parse};
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

/// The input as a script for the plain front end: its inputs as the front end makes
/// them (`front::inputs`), less those that would read or write files or load the
/// policy again; and the language. The inputs kept, joined again, could in principle
/// join differently (an unfinished input meeting the next one kept): a script that
/// would then hand the session a left-out command is given no input at all.
fn script(data: &[u8]) -> (Lang, Vec<u8>) {
    let (first, rest) = match data.iter().position(|b| *b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (data, &data[data.len()..]),
    };
    let (lang, data) = if first.trim_ascii() == b":lang en" {
        (Lang::En, rest)
    } else {
        (Lang::Zh, data)
    };
    let mut script = Vec::with_capacity(data.len());
    for input in front::inputs(data).map_while(Result::ok).filter(|i| allowed(i)) {
        script.extend_from_slice(input.as_bytes());
        script.push(b'\n');
    }
    if !front::inputs(script.as_slice())
        .map_while(Result::ok)
        .all(|i| allowed(&i))
    {
        script.clear();
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

#[cfg(test)]
mod tests {
    use super::script;

    /// The script kept, as text.
    fn kept(data: &[u8]) -> String {
        String::from_utf8_lossy(&script(data).1).into_owned()
    }

    #[test]
    fn a_command_after_an_unfinished_input_is_left_out() {
        // The front end hands `(` on as an input of its own when the next line is a
        // command, so `:s FILE` is a command there, not the rest of an expression: it
        // wrote a file in the current folder when this target joined the two.
        let kept = kept(b"set person.birth_date = 1975-03-10\n(\n:s written-by-the-fuzzer\n:case\n");
        assert!(!kept.contains(":s "), "{kept}");
        assert!(
            kept.contains("set person.birth_date") && kept.contains(":case"),
            "{kept}"
        );
        for left_out in [":save f", ":load f", ":l f", ":policy p", ":reload", ":r"] {
            let kept = self::kept(format!("{left_out}\n:case\n").as_bytes());
            assert_eq!(kept, ":case\n", "{left_out}");
        }
    }

    #[test]
    fn the_language_line_is_read_and_left_out() {
        let (lang, kept) = script(b" :lang en \n:case\n");
        assert_eq!(
            (lang, kept.as_slice()),
            (zhengce::report::Lang::En, b":case\n".as_slice())
        );
        let (lang, _) = script(b":case\n:lang en\n");
        assert_eq!(lang, zhengce::report::Lang::Zh);
    }
}

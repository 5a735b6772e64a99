//! `zhengce completions SHELL` and `zhengce man [--out DIR]`: what a shell and `man`
//! need, made by clap's companions from the command line's own definition, with its
//! texts in the language asked for.

use super::{Console, EXIT_FAILED, EXIT_OK, help};
use crate::lang::Lang;
use crate::report::messages::{Msg, msg, msg_args, msg_with};

/// The name the command is installed under.
const BIN: &str = "zhengce";

/// Writes the completion script of `shell` to standard output.
pub fn completions(shell: clap_complete::Shell, lang: Lang, console: &mut Console) -> u8 {
    let mut command = help::command_unbroken(lang);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut script);
    console.out(&String::from_utf8_lossy(&script));
    EXIT_OK
}

/// Writes the manual page to standard output, or with `out` one page per command into
/// that folder (`zhengce.1`, `zhengce-check.1`, …).
pub fn man(out: Option<&str>, lang: Lang, console: &mut Console) -> u8 {
    let command = help::command_unbroken(lang).name(BIN);
    let Some(dir) = out else {
        return match page(&command, lang) {
            Ok(text) => {
                console.out(&text);
                EXIT_OK
            }
            Err(e) => failed("-", &e, lang, console),
        };
    };
    let mut pages = vec![(format!("{BIN}.1"), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("{BIN}-{}", sub.get_name());
        // The page is zhengce-fmt(1); its synopsis is what is typed, `zhengce fmt`.
        let typed = format!("{BIN} {}", sub.get_name());
        pages.push((format!("{name}.1"), sub.clone().name(name).bin_name(typed)));
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        return failed(dir, &e, lang, console);
    }
    for (file, command) in pages {
        let path = std::path::Path::new(dir).join(&file);
        let shown = path.display().to_string();
        if let Err(e) = page(&command, lang).and_then(|text| std::fs::write(&path, text)) {
            return failed(&shown, &e, lang, console);
        }
        console.err(&format!("{}\n", msg_with(Msg::ManWritten, lang, &shown)));
    }
    EXIT_OK
}

/// One command's page, in roff, its headings in `lang`; the main page also says what
/// the exit codes mean, which variables and files count, and gives examples.
fn page(command: &clap::Command, lang: Lang) -> std::io::Result<String> {
    let mut text = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut text)?;
    if command.get_name() == BIN {
        text.extend_from_slice(msg(Msg::ManMore, lang).as_bytes());
    }
    let text = String::from_utf8_lossy(&text);
    // Left-aligned and unhyphenated from the title on: justifying Chinese, which has no
    // spaces to stretch, opened gaps at the few spaces it has.
    let text = match text
        .find("\n.TH ")
        .and_then(|at| text[at + 1..].find('\n').map(|end| at + 1 + end + 1))
    {
        Some(after_title) => format!("{}.ad l\n.nh\n{}", &text[..after_title], &text[after_title..]),
        None => text.into_owned(),
    };
    Ok(match lang {
        Lang::En => text,
        Lang::Zh => in_chinese(&text),
    })
}

/// The headings clap_mangen writes in English, and their Chinese.
const HEADINGS_ZH: [(&str, &str); 8] = [
    (".SH NAME", ".SH 名称"),
    (".SH SYNOPSIS", ".SH 概要"),
    (".SH DESCRIPTION", ".SH 说明"),
    (".SH OPTIONS", ".SH 选项"),
    (".SH SUBCOMMANDS", ".SH 子命令"),
    (".SH VERSION", ".SH 版本"),
    (".SH AUTHORS", ".SH 作者"),
    (".SH EXTRA", ".SH 其他"),
];

/// A page's fixed English words (its section headings, the list of an option's values)
/// in Chinese, so that a Chinese page is all in Chinese.
fn in_chinese(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len());
    for line in roff.lines() {
        let line = HEADINGS_ZH
            .iter()
            .find(|(en, _)| line == *en)
            .map_or(line, |(_, zh)| zh);
        let line = line
            .replace("Possible values:", "可选值：")
            .replace("Default value:", "默认值：")
            .replace("<\\fIsubcommands\\fR>", "<\\fI子命令\\fR>");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn failed(path: &str, e: &std::io::Error, lang: Lang, console: &mut Console) -> u8 {
    let why = crate::input::write_error(path, e).get(lang).to_string();
    console.err(&format!("{}\n", msg_args(Msg::ManCannotWrite, lang, &[path, &why])));
    EXIT_FAILED
}

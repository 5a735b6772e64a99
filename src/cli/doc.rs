//! `zhengce doc [POLICY] -o DIR`: the notice a policy encodes beside its rules, as one
//! HTML page, `DIR/index.html` (see [`crate::doc`]). The policy is chosen as the other
//! commands choose it; its notice is the file its header names with `source_text` (for
//! an amendment that names none, the amended policy's). Besides the page it writes a
//! summary on standard error, and with `--check` fails on citations the notice does
//! not bear out.

use super::policy_choice::{draw_diagnostics, load_checked_policy, say_if_builtin};
use super::{CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY};
use crate::input::InputLimits;
use crate::lang::Lang;
use crate::policy_set::PolicySource;
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use std::path::Path;

/// The page's file in the folder given.
pub const PAGE: &str = "index.html";

/// `zhengce doc`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct DocArgs {
    /// Policy file (default: the one zhengce.toml names, else the built-in Hunan policy).
    pub policy: Option<String>,
    /// Write the page into DIR (made if missing).
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: String,
    /// For CI: exit with 1 when an item cites a clause the notice lacks, or quotes
    /// words its clause does not have (clauses no rule cites alone do not fail).
    #[arg(long)]
    pub check: bool,
    /// Language of every message (default: `ZHENGCE_LANG`, else `LANG`: zh for `zh_*`).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Largest policy or source text file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = InputLimits::DEFAULT_POLICY_BYTES)]
    pub max_policy_bytes: u64,
}

impl DocArgs {
    /// The language asked for, else the environment's.
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_else(Lang::from_env)
    }
}

/// Writes the page; the exit code.
pub fn run(args: &DocArgs, console: &mut Console) -> u8 {
    let lang = args.lang();
    let common = CommonArgs {
        policy: args.policy.clone(),
        lang: Some(lang),
        show_pii: false,
        max_policy_bytes: args.max_policy_bytes,
        max_case_bytes: InputLimits::DEFAULT_CASE_BYTES,
        repository: None,
    };
    let Some(mut loaded) = load_checked_policy(&common, console) else {
        return EXIT_POLICY;
    };
    say_if_builtin(&loaded, lang, console);
    let source = match args.policy {
        Some(_) => PolicySource::Disk,
        None => PolicySource::Builtin,
    };
    let notice = match loaded.read_source_text(source, common.limits()) {
        Ok(notice) => notice,
        Err(d) => {
            draw_diagnostics(&[*d], &loaded.sources, lang, console);
            return EXIT_POLICY;
        }
    };
    let Some(program) = loaded.versions.last() else {
        return EXIT_POLICY;
    };
    let doc = crate::doc::page(&loaded, program, &notice, lang);
    if let Some(file) = file_in_the_way(Path::new(&args.out)) {
        let file = file.display().to_string();
        console.err(&format!("{}\n", msg_args(Msg::DocOutIsFile, lang, &[&args.out, &file])));
        return EXIT_FAILED;
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        return cannot_write(&args.out, &e, lang, console);
    }
    let shown = Path::new(&args.out).join(PAGE).display().to_string();
    if let Err(e) = console.write_file(&shown, &doc.html) {
        return cannot_write(&shown, &e, lang, console);
    }
    console.err(&format!("{}\n", msg_with(Msg::ManWritten, lang, &shown)));
    console.err(&doc.summary.text(lang));
    if args.check && doc.summary.fails_check() {
        console.err(&format!("{}\n", msg(Msg::DocCheckFailed, lang)));
        return EXIT_FAILED;
    }
    EXIT_OK
}

/// The file that stands where `dir` or a folder above it should be, if one does (the
/// folder cannot be made then).
fn file_in_the_way(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find(|p| p.exists())
        .filter(|p| !p.is_dir())
}

/// Says that `path` could not be written, and why; the exit code.
fn cannot_write(path: &str, e: &std::io::Error, lang: Lang, console: &mut Console) -> u8 {
    let why = crate::input::write_error(path, e).get(lang).to_string();
    console.err(&format!("{}\n", msg_args(Msg::ManCannotWrite, lang, &[path, &why])));
    EXIT_FAILED
}

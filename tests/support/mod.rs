//! What several test files share: running the command line in-process on captured
//! output. (A folder, so that Cargo does not take it for a test of its own.)

use clap::Parser;
use zhengce::cli::{Cli, Console, run_with};
use zhengce::privacy::Pii;

/// Runs `zhengce ARGS…` in-process, ID numbers masked; returns the exit code, standard
/// output and standard error.
pub fn zhengce(args: &[&str]) -> (u8, String, String) {
    let cli = Cli::try_parse_from(std::iter::once("zhengce").chain(args.iter().copied())).expect("valid arguments");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = {
        let mut console = Console::captured(&mut out, &mut err, Pii::Mask);
        run_with(cli, &mut console)
    };
    let text = |b: Vec<u8>| String::from_utf8(b).expect("output is UTF-8");
    (code, text(out), text(err))
}

/// [`zhengce`] with `--lang en` after the arguments.
#[allow(dead_code)] // Not every test file that shares this module tells in English.
pub fn zhengce_en(args: &[&str]) -> (u8, String, String) {
    zhengce(&[args, &["--lang", "en"]].concat())
}

/// Copies the folder `from` to `to`, with everything in it.
#[allow(dead_code)] // Not every test file that shares this module copies folders.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the built binary, `zhengce ARGS…`, with messages in English; returns the exit
/// code (-1 when a signal ended it), standard output and standard error.
#[allow(dead_code)] // Not every test file that shares this module runs the binary.
pub fn zhengce_binary_en(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(args)
        .env("ZHENGCE_LANG", "en")
        .output()
        .expect("zhengce runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

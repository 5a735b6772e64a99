//! `zhengce lsp` tried as a new author would (issue 14): `editors/neovim/try.sh` opens
//! a copy of the Hunan policy in a real Neovim inside tmux, with the shipped
//! `editors/neovim/zhengce.lua` and this test's binary as the server, makes a typo
//! (`registerd_unemployed`) with a search and `cw`, and prints the screen. The
//! checker's Chinese message for an unknown name must be on it (beside the typo as
//! virtual text, or in the diagnostic float). Without Neovim or tmux the test fails under `CI=true` (`.ci/run` installs
//! them) and is skipped elsewhere, saying so.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const TRY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/neovim/try.sh");

/// How many times the script is looked at, 100 ms apart, before it is stopped: far more
/// than it needs (it bounds its own waits by counts too).
const POLLS: u32 = 1200;

/// Whether `program` is on the `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// Whether Neovim and tmux are here; under CI they must be.
fn editor_available() -> bool {
    let missing: Vec<&str> = ["nvim", "tmux"].into_iter().filter(|p| !on_path(p)).collect();
    assert!(
        missing.is_empty() || std::env::var("CI").is_err(),
        "{} needed under CI (.ci/run installs them)",
        missing.join(" and ")
    );
    if !missing.is_empty() {
        eprintln!("skipped: {} not installed", missing.join(" and "));
    }
    missing.is_empty()
}

#[test]
fn a_typo_in_the_hunan_policy_shows_its_chinese_message_in_neovim() {
    if !editor_available() {
        return;
    }
    assert!(Path::new(TRY).is_file(), "{TRY} is shipped");
    let mut child = Command::new(TRY)
        .arg(env!("CARGO_BIN_EXE_zhengce"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("try.sh starts");
    // Its output is read while it runs (a full pipe would stop it).
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("its output")));
    let stderr = read(Box::new(child.stderr.take().expect("its errors")));
    let mut status = None;
    for _ in 0..POLLS {
        status = child.try_wait().expect("try.sh can be waited for");
        if status.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let Some(status) = status else {
        // Stopped as it asks to be (its trap ends the tmux session and removes its
        // folder), then the test fails.
        let _ = Command::new("kill").arg(child.id().to_string()).status();
        let _ = child.wait();
        panic!("try.sh did not finish:\n{}", stdout.join().unwrap_or_default());
    };
    let screen = stdout.join().expect("the output is read");
    let errors = stderr.join().expect("the errors are read");
    assert!(status.success(), "try.sh failed ({status}):\n{screen}\n{errors}");
    // The typo, and the checker's message about it.
    assert!(
        screen.contains("when person.dibao and registerd_unemployed"),
        "the typo is on the screen:\n{screen}"
    );
    assert!(
        screen.contains("未知的名称 `registerd_unemployed`"),
        "the message is on the screen:\n{screen}"
    );
    assert!(screen.contains("[zhengce]"), "the server is attached:\n{screen}");
}

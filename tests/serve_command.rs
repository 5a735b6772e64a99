//! `zhengce serve` runs the `zhengce-serve` program found beside the `zhengce` that runs
//! (else on `PATH`) with every argument as given, as cargo runs its external
//! subcommands; without one it says, in the language asked for, how to build it. A
//! stand-in server (a shell script that prints what it was given) takes the real one's
//! place, in a folder of the test's own with a copy of `zhengce`.
#![cfg(unix)]

mod scratch;

use scratch::Scratch;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// A folder with a copy of the `zhengce` executable, and with a stand-in server beside
/// it when `with_server`.
fn folder(name: &str, with_server: bool) -> Scratch {
    let dir = Scratch::new(&format!("serve-command-{name}"));
    std::fs::copy(env!("CARGO_BIN_EXE_zhengce"), dir.join("zhengce")).unwrap();
    if with_server {
        stand_in(&dir);
    }
    dir
}

/// A `zhengce-serve` that prints its arguments, one a line, and its `ZHENGCE_LANG`,
/// and exits with 7.
fn stand_in(dir: &Path) {
    let script = dir.join("zhengce-serve");
    std::fs::write(
        &script,
        "#!/bin/sh\nfor a in \"$@\"; do echo \"arg:$a\"; done\necho \"lang:$ZHENGCE_LANG\"\nexit 7\n",
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs the copied `zhengce` with `args`, `PATH` set to `path` and no language asked
/// by the environment.
fn run(dir: &Path, args: &[&str], path: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(dir.join("zhengce"));
    command.args(args).env("PATH", path).current_dir(dir);
    for var in ["ZHENGCE_LANG", "LANG", "LC_ALL", "LC_MESSAGES"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    // A copy just written may be held open for a moment by a child another test thread
    // forked meanwhile (until that child execs): "text file busy" passes.
    let mut tries = 0;
    let out = loop {
        match command.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.unwrap(),
        }
    };
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn the_server_beside_zhengce_is_run_with_every_argument_and_its_exit_code() {
    let dir = folder("beside", true);
    let (code, out, _) = run(
        &dir,
        &["serve", "--listen", "127.0.0.1:0", "--help", "-x", "两 词"],
        "/nonexistent",
        &[],
    );
    assert_eq!(code, 7);
    assert_eq!(
        out,
        "arg:--listen\narg:127.0.0.1:0\narg:--help\narg:-x\narg:两 词\nlang:\n"
    );
    // `--lang` before `serve` reaches the server as its language.
    let (_, out, _) = run(&dir, &["--lang", "en", "serve"], "/nonexistent", &[]);
    assert_eq!(out, "lang:en\n");
}

#[test]
fn else_the_first_server_on_path_is_run() {
    let dir = folder("path", false);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    stand_in(&bin);
    let path = format!("/nonexistent:{}", bin.display());
    let (code, out, _) = run(&dir, &["serve", "--policy", "p.policy"], &path, &[]);
    assert_eq!((code, out.as_str()), (7, "arg:--policy\narg:p.policy\nlang:\n"));
}

#[test]
fn without_a_server_it_says_how_to_build_one_in_the_language_asked_for() {
    let dir = folder("missing", false);
    let (code, out, err) = run(&dir, &["serve", "--listen", "127.0.0.1:0"], "/nonexistent", &[]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("没有找到决定服务程序 `zhengce-serve`"), "{err}");
    assert!(err.contains("cargo build --release -p zhengce-serve"), "{err}");
    assert!(!err.contains("not found"), "no English in Chinese: {err}");
    for (args, env) in [
        (&["serve", "--lang", "en"][..], &[][..]),
        (&["--lang", "en", "serve"][..], &[][..]),
        (&["serve"][..], &[("ZHENGCE_LANG", "en")][..]),
    ] {
        let (code, _, err) = run(&dir, args, "/nonexistent", env);
        assert_eq!(code, 2);
        assert!(
            err.starts_with("error: the decision service's program `zhengce-serve` was not found"),
            "{args:?}: {err}"
        );
        assert!(err.contains("cargo build --release -p zhengce-serve"), "{err}");
    }
}

#[test]
fn the_help_lists_serve_in_either_language() {
    let dir = folder("help", false);
    let (_, zh, _) = run(&dir, &["--help"], "/nonexistent", &[]);
    assert!(zh.contains("serve") && zh.contains("运行决定服务"), "{zh}");
    let (_, en, _) = run(&dir, &["--help", "--lang", "en"], "/nonexistent", &[]);
    assert!(en.contains("Run the decision service"), "{en}");
}

/// `zhengce match` is run the same way, as `zhengce-match`: its stand-in is the serve
/// stand-in under the other name.
#[test]
fn match_runs_zhengce_match_beside_zhengce_and_says_how_to_build_it_when_missing() {
    let dir = folder("match", false);
    let (code, _, err) = run(&dir, &["match", "--mapping", "m.toml"], "/nonexistent", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("没有找到信息比对程序 `zhengce-match`"), "{err}");
    assert!(err.contains("cargo build --release -p zhengce-match"), "{err}");
    let (_, _, err) = run(&dir, &["--lang", "en", "match"], "/nonexistent", &[]);
    assert!(
        err.starts_with("error: the registry-matching program `zhengce-match` was not found"),
        "{err}"
    );

    stand_in(&dir);
    std::fs::rename(dir.join("zhengce-serve"), dir.join("zhengce-match")).unwrap();
    let (code, out, _) = run(
        &dir,
        &["match", "--mapping", "m.toml", "--out", "推送名单.csv"],
        "/nonexistent",
        &[],
    );
    assert_eq!(code, 7, "the program's exit code");
    assert_eq!(out, "arg:--mapping\narg:m.toml\narg:--out\narg:推送名单.csv\nlang:\n");
    let (_, zh, _) = run(&dir, &["--help"], "/nonexistent", &[]);
    assert!(zh.contains("match") && zh.contains("信息比对"), "{zh}");
}

#[test]
fn a_tests_folder_is_removed_when_it_ends() {
    let dir = folder("removed", true);
    let path = dir.to_path_buf();
    assert!(path.join("zhengce").is_file() && path.join("zhengce-serve").is_file());
    drop(dir);
    assert!(!path.exists(), "{} left behind", path.display());
}

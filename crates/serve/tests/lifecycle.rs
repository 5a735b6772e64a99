//! Starting and stopping: the help in either language, a policy with errors (exit 3), a
//! broken `zhengce.toml` or admin token (exit 2), an address in use (exit 1), a
//! repository's policy used, an address other machines reach said so, and `SIGTERM`
//! letting the request in progress finish before the server exits with 0.

mod support;

use std::io::Write;
use std::process::{Command, Output};
use support::Server;
use support::cases::*;

/// Runs the server to its end (it must stop on its own) in `dir`.
fn run_to_end(args: &[&str], dir: &std::path::Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhengce-serve"));
    command.args(args).current_dir(dir);
    for var in ["ZHENGCE_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "ZHENGCE_ADMIN_TOKEN"] {
        command.env_remove(var);
    }
    command.envs(env.iter().copied()).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_help_is_told_in_the_language_asked_for() {
    let dir = std::env::temp_dir();
    let zh = run_to_end(&["--help"], &dir, &[]);
    let text = String::from_utf8_lossy(&zh.stdout).into_owned();
    assert!(
        text.contains("用法：") && text.contains("同时处理的决定请求的上限"),
        "{text}"
    );
    let en = run_to_end(&["--help", "--lang", "en"], &dir, &[]);
    let text = String::from_utf8_lossy(&en.stdout).into_owned();
    assert!(
        text.contains("Usage:") && text.contains("Most decision requests in progress at once"),
        "{text}"
    );
    let wrong = run_to_end(&["--listen", "here"], &dir, &[]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("here"), "{}", stderr(&wrong));
}

#[test]
fn what_stops_it_from_starting_is_told_with_its_exit_code() {
    let dir = support::temp_dir("start");
    let broken = dir.join("broken.policy");
    std::fs::write(
        &broken,
        "policy \"x\" {\n  title \"t\"\n}\ndefine a \"a\" = no_such_name\n",
    )
    .unwrap();
    let policy = run_to_end(&["--policy", broken.to_str().unwrap(), "--lang", "en"], &dir, &[]);
    assert_eq!(policy.status.code(), Some(3), "{}", stderr(&policy));
    assert!(stderr(&policy).contains("no_such_name"), "{}", stderr(&policy));
    let empty_token = run_to_end(&[], &dir, &[("ZHENGCE_ADMIN_TOKEN", " ")]);
    assert_eq!(empty_token.status.code(), Some(2));
    assert!(
        stderr(&empty_token).contains("管理令牌为空"),
        "{}",
        stderr(&empty_token)
    );
    let taken = Server::start(&[]);
    let busy = run_to_end(&["--listen", &taken.addr], &dir, &[]);
    assert_eq!(busy.status.code(), Some(1));
    assert!(stderr(&busy).contains("无法监听"), "{}", stderr(&busy));
    let repo = support::temp_dir("bad-repository");
    std::fs::write(repo.join("zhengce.toml"), "polcy = \"x.policy\"\n").unwrap();
    let settings = run_to_end(&[], &repo, &[]);
    assert_eq!(settings.status.code(), Some(2), "{}", stderr(&settings));
    assert!(stderr(&settings).contains("polcy"), "{}", stderr(&settings));
}

#[test]
fn a_repositorys_policy_is_used_and_the_builtin_one_is_said_so() {
    let builtin = Server::start(&[]);
    assert!(builtin.log_text().contains("使用内置政策"), "{}", builtin.log_text());
    let repo = support::temp_dir("repository");
    support::copy_dir(&support::root().join("policies"), &repo.join("policies"));
    let settings = "policy = \"policies/hunan/2025-employment-assistance.policy\"\n";
    std::fs::write(repo.join("zhengce.toml"), settings).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_zhengce-serve"));
    let mut child = command
        .args(["--listen", "127.0.0.1:0", "--lang", "en"])
        .current_dir(&repo)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stderr.take().unwrap()), &mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.starts_with("zhengce serve listening on http://127.0.0.1:"),
        "{first}"
    );
}

#[test]
fn an_address_other_machines_reach_is_said_so() {
    let open = Server::start(&["--listen", "0.0.0.0:0"]);
    assert!(open.log_text().contains("不是本机回环地址"), "{}", open.log_text());
}

#[test]
fn sigterm_lets_the_request_in_progress_finish_then_stops() {
    let server = Server::start(&[]);
    // A request in progress: its body's first bytes sent.
    let body = format!("{MAN_50}{}", " ".repeat(32));
    let mut conn = support::Connection::open(&server.addr);
    let head = format!(
        "POST /v1/decisions HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    conn.stream.write_all(head.as_bytes()).unwrap();
    conn.stream.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    let term = Command::new("kill").args(["-TERM", &server.pid().to_string()]).status();
    assert!(term.is_ok_and(|s| s.success()));
    server.wait_for_log("收到 SIGTERM");
    conn.stream.write_all(&body.as_bytes()[10..]).unwrap();
    let r = conn.read_response();
    assert_eq!(r.status(), 200, "{}", r.text());
    // It no longer takes connections, and exits with 0.
    let mut stopped = server;
    let status = stopped.wait();
    assert_eq!(status, Some(0));
    assert!(std::net::TcpStream::connect(&stopped.addr).is_err());
}

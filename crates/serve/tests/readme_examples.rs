//! The README's curl examples, run as written against a server (its address put in for
//! `127.0.0.1:8080`), from the repository's root: each must be answered 200 with a body,
//! and together they must reach every route. Without curl the test fails under
//! `CI=true` (`.ci/run` installs it) and is passed over elsewhere, saying so.

mod support;

use std::process::Command;
use support::Server;
use zhengce_serve::routes::ROUTES;

/// The curl lines of the README's "Every route, with curl" block.
fn examples() -> Vec<String> {
    let readme = String::from_utf8(support::read("README.md")).unwrap();
    let section = readme
        .split("### Every route, with curl")
        .nth(1)
        .expect("the README's section of curl examples");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap();
    block
        .lines()
        .filter(|l| l.starts_with("curl "))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_curl_example_of_the_readme_is_answered() {
    if Command::new("curl").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "curl is needed under CI (.ci/run installs it)"
        );
        eprintln!("curl is not installed: the README's examples were not run");
        return;
    }
    let lines = examples();
    for route in ROUTES {
        let url = format!("http://127.0.0.1:8080{}", route.path);
        assert!(lines.iter().any(|l| l.contains(&url)), "no example of {}", route.path);
    }
    let server = Server::start_with(&[], &[("ZHENGCE_ADMIN_TOKEN", "readme-token")]);
    let out = support::temp_dir("readme").join("body");
    for line in lines {
        let line = line.replace("127.0.0.1:8080", &server.addr);
        let script = format!("{line} -o '{}' -w '%{{http_code}}'", out.display());
        let run = Command::new("bash")
            .args(["-c", &script])
            .current_dir(support::root())
            .env("ZHENGCE_ADMIN_TOKEN", "readme-token")
            .output()
            .unwrap();
        let status = String::from_utf8_lossy(&run.stdout).into_owned();
        let body = std::fs::read_to_string(&out).unwrap_or_default();
        assert_eq!(
            status,
            "200",
            "{line}\n{body}\n{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(!body.trim().is_empty(), "{line}");
    }
}

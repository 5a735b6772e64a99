//! Reloading the policy without downtime: `SIGHUP` and `POST /v1/admin/reload` (the
//! admin token) put changed files in force, refuse files with errors (the old policy
//! keeps serving), and lose no request made while they swap.

mod support;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use support::cases::*;
use support::{Connection, Server};

/// A copy of the policy files in a folder of the test's own; the main policy's path.
fn policy_copy(name: &str) -> PathBuf {
    let dir = support::temp_dir(name);
    support::copy_dir(&support::root().join("policies"), &dir.join("policies"));
    dir.join("policies/hunan/2025-employment-assistance.policy")
}

/// Replaces a file's text in one step (a reload never reads it half written).
fn write(path: &PathBuf, text: &str) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn hash(server: &Server) -> String {
    server.get("/healthz").json()["policy_hash"]
        .as_str()
        .unwrap()
        .to_string()
}

fn reload(server: &Server, token: Option<&str>) -> support::Response {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = bearer.iter().map(|b| ("authorization", b.as_str())).collect();
    server.request("POST", "/v1/admin/reload?lang=en", &headers, b"")
}

#[test]
fn sighup_puts_a_changed_policy_in_force_and_refuses_a_broken_one() {
    let policy = policy_copy("sighup");
    let original = std::fs::read_to_string(&policy).unwrap();
    let server = Server::start(&["--policy", policy.to_str().unwrap()]);
    let first = hash(&server);
    write(&policy, &format!("{original}\n// 修订说明\n"));
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &server.pid().to_string()])
        .status();
    assert!(hup.is_ok_and(|s| s.success()));
    server.wait_for_log("已重新加载政策");
    let second = hash(&server);
    assert_ne!(first, second);
    assert!(
        server.log_text().contains(&format!("{first} → {second}")),
        "{}",
        server.log_text()
    );
    write(&policy, &format!("{original}\nthis is not a policy\n"));
    std::process::Command::new("kill")
        .args(["-HUP", &server.pid().to_string()])
        .status()
        .unwrap();
    server.wait_for_log("未重新加载");
    assert_eq!(hash(&server), second, "the old policy keeps serving");
    let decided = server.post_json("/v1/decisions", MAN_50.as_bytes());
    assert_eq!(
        (decided.status(), decided.header("zhengce-policy-hash")),
        (200, Some(second.as_str()))
    );
    let metrics = server.get("/metrics").text();
    assert!(
        metrics.contains("zhengce_policy_reloads_total{result=\"swapped\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("zhengce_policy_reloads_total{result=\"refused\"} 1"),
        "{metrics}"
    );
}

#[test]
fn the_reload_route_needs_the_token_and_tells_what_it_did() {
    let policy = policy_copy("token");
    let original = std::fs::read_to_string(&policy).unwrap();
    let path = policy.to_str().unwrap();
    let server = Server::start_with(&["--policy", path], &[("ZHENGCE_ADMIN_TOKEN", "s3cret")]);
    let missing = reload(&server, None);
    assert_eq!(
        (missing.status(), missing.error_code()),
        (401, "admin_token_missing".to_string())
    );
    let wrong = reload(&server, Some("s3creT"));
    assert_eq!(
        (wrong.status(), wrong.error_code()),
        (401, "admin_token_wrong".to_string())
    );
    let same = reload(&server, Some("s3cret"));
    assert_eq!(same.status(), 200, "{}", same.text());
    assert_eq!(same.json()["changed"], false);
    write(
        &policy,
        &format!("{original}\ncategory 99 cites \"一\" \"x\" {{ when no_such_name }}\n"),
    );
    let refused = reload(&server, Some("s3cret"));
    assert_eq!(
        (refused.status(), refused.error_code()),
        (422, "policy_has_errors".to_string())
    );
    let body = refused.json();
    let d = &body["error"]["diagnostics"][0];
    assert!(
        d["line"].as_u64().is_some() && d["file"].as_str().unwrap().ends_with(".policy"),
        "{body}"
    );
    assert!(body["error"]["message"].as_str().unwrap().contains("still"), "{body}");
    assert_eq!(
        refused.header("zhengce-policy-hash"),
        Some(same.json()["policy_hash"].as_str().unwrap())
    );
    write(&policy, &format!("{original}\n// changed\n"));
    let swapped = reload(&server, Some("s3cret")).json();
    assert_eq!(swapped["changed"], true);
    assert_eq!(swapped["policy_hash"].as_str().unwrap(), hash(&server));
    // A server started with no token reloads on SIGHUP only; one with a token file reads it.
    let untokened = Server::start(&["--policy", path]);
    let off = reload(&untokened, Some("s3cret"));
    assert_eq!((off.status(), off.error_code()), (403, "reload_disabled".to_string()));
    let token_file = policy.with_file_name("token.txt");
    std::fs::write(&token_file, "from-a-file\n").unwrap();
    let filed = Server::start(&["--policy", path, "--admin-token-file", token_file.to_str().unwrap()]);
    assert_eq!(reload(&filed, Some("from-a-file")).status(), 200);
}

#[test]
fn requests_made_while_the_policy_is_reloaded_are_all_answered() {
    let policy = policy_copy("concurrent");
    let original = std::fs::read_to_string(&policy).unwrap();
    let path = policy.to_str().unwrap();
    let server = Arc::new(Server::start_with(&["--policy", path], &[("ZHENGCE_ADMIN_TOKEN", "t")]));
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(std::collections::BTreeSet::new()));
    let mut clients = Vec::new();
    for _ in 0..8 {
        let (server, stop, seen) = (server.clone(), stop.clone(), seen.clone());
        clients.push(std::thread::spawn(move || {
            let mut conn = Connection::open(&server.addr);
            let headers = [("content-type", "application/json")];
            let (mut answered, mut failed) = (0u32, Vec::new());
            while !stop.load(Ordering::Relaxed) || answered < 50 {
                let r = conn.send("POST", "/v1/decisions", &headers, MAN_50.as_bytes());
                answered += 1;
                if r.status() != 200 || r.json()["eligible"] != true {
                    failed.push(r.text());
                }
                seen.lock()
                    .unwrap()
                    .insert(r.header("zhengce-policy-hash").unwrap_or("").to_string());
            }
            (answered, failed)
        }));
    }
    let mut swapped = 0;
    for n in 0..10u32 {
        let text = if n.is_multiple_of(2) {
            format!("{original}\n// reload {n}\n")
        } else {
            original.clone()
        };
        write(&policy, &text);
        let r = reload(&server, Some("t"));
        assert_eq!(r.status(), 200, "{}", r.text());
        swapped += usize::from(r.json()["changed"] == true);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    stop.store(true, Ordering::Relaxed);
    let mut total = 0;
    for client in clients {
        let (answered, failed) = client.join().unwrap();
        assert!(failed.is_empty(), "{failed:?}");
        total += answered;
    }
    assert_eq!(swapped, 10);
    assert!(total >= 400);
    // The requests were answered by both texts of the policy (the hash they name).
    assert!(seen.lock().unwrap().len() >= 2, "{:?}", seen.lock().unwrap());
}

//! The server under load: started from the release build beside this benchmark (its
//! address read from its first line), its memory read from /proc, and its policy file
//! changed and reloaded while requests run.

use crate::client::{Conn, Stats, closed_loop};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-token";

pub struct Server {
    child: Child,
    pub addr: String,
    /// The policy file a reloadable server reads.
    pub policy: Option<PathBuf>,
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        Server::spawn(args, None)
    }

    /// A server on a copy of the policy files, which the benchmark may change.
    pub fn start_reloadable() -> Server {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dir = std::env::temp_dir().join(format!("zhengce-serve-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&root.join("policies"), &dir.join("policies"));
        let policy = dir.join("policies/hunan/2025-employment-assistance.policy");
        let path = policy.to_string_lossy().into_owned();
        Server::spawn(&["--policy", &path], Some(policy))
    }

    fn spawn(args: &[&str], policy: Option<PathBuf>) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce-serve"))
            .args(["--listen", "127.0.0.1:0", "--lang", "en"])
            .args(args)
            .env("ZHENGCE_ADMIN_TOKEN", TOKEN)
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts (cargo bench builds it)");
        let stderr = child.stderr.take().expect("its standard error");
        let mut lines = BufReader::new(stderr).lines();
        let addr = loop {
            let line = lines
                .next()
                .and_then(Result::ok)
                .expect("the server says where it listens");
            if let Some(at) = line.split("http://").nth(1) {
                break at.split(' ').next().unwrap_or("").to_string();
            }
        };
        // Its later lines (reloads) are read and let go, so that it never blocks on them.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr, policy }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("a temporary folder");
    for entry in std::fs::read_dir(from).expect("the policies folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("a copy");
        }
    }
}

/// The resident memory of a process, in MiB.
fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// A steady load of 16 connections for `seconds`, the server's memory read every 5 s.
pub async fn soak(addr: &str, bodies: &[Vec<u8>], seconds: u64, pid: Option<u32>) -> Stats {
    let sampler = tokio::spawn(async move {
        let mut samples = Vec::new();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(seconds) {
            if let Some(mib) = pid.and_then(rss_mib) {
                samples.push((start.elapsed().as_secs(), mib));
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        samples
    });
    let mut stats = closed_loop(addr, bodies, 16, Duration::from_secs(seconds)).await;
    let samples = sampler.await.unwrap_or_default();
    if let Some(pid) = pid {
        let end = rss_mib(pid).unwrap_or(0.0);
        let shown: Vec<String> = samples.iter().map(|(s, m)| format!("{s}s {m:.1}")).collect();
        stats
            .notes
            .push(format!("RSS MiB: {} | end {end:.1}", shown.join(", ")));
    }
    stats
}

/// 64 connections for `duration` while the policy file alternates between two texts
/// and is reloaded every 100 ms.
pub async fn reload_under_load(server: &Server, bodies: &[Vec<u8>], duration: Duration) -> Stats {
    let policy = server.policy.clone().expect("a reloadable server");
    let original = std::fs::read_to_string(&policy).expect("the policy file");
    let addr = server.addr.clone();
    let reloader = tokio::spawn(async move {
        let (mut ok, mut refused, mut hashes) = (0u32, 0u32, std::collections::BTreeSet::new());
        let start = Instant::now();
        let mut n = 0u32;
        while start.elapsed() < duration {
            n += 1;
            let text = if n.is_multiple_of(2) {
                original.clone()
            } else {
                format!("{original}\n// reload {n}\n")
            };
            let tmp = policy.with_extension("tmp");
            std::fs::write(&tmp, text).expect("write");
            std::fs::rename(&tmp, &policy).expect("rename");
            let reload = format!(
                "POST /v1/admin/reload HTTP/1.1\r\nhost: bench\r\nauthorization: Bearer {TOKEN}\r\ncontent-length: 0\r\n\r\n"
            );
            if let Ok(mut conn) = Conn::open(&addr).await {
                match conn.send(reload.as_bytes(), "zhengce-policy-hash").await {
                    Ok((200, hash)) => {
                        ok += 1;
                        hashes.extend(hash);
                    }
                    _ => refused += 1,
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        std::fs::write(&policy, original).expect("restore");
        (ok, refused, hashes.len())
    });
    let mut stats = closed_loop(&server.addr, bodies, 64, duration).await;
    let (ok, refused, hashes) = reloader.await.unwrap_or_default();
    stats.notes.push(format!(
        "reloads: {ok} answered 200, {refused} not; {hashes} distinct policy hashes put in force"
    ));
    stats
}

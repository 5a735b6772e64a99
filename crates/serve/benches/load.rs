//! The load generator of BENCHMARKS.md ("zhengce serve"): a bounded client on loopback,
//! keep-alive connections each sending one request at a time, against a release build
//! of the server it starts (or `--url`). Four runs:
//!
//! - `throughput`: 64 connections as fast as the server answers: requests/s, p50/p99.
//! - `overload`: 4× that rate offered on many connections, paced (open loop): how many
//!   are shed with 503 and the latency of the rest; then 64 connections again, to see
//!   that it recovers.
//! - `soak`: a steady load for `--soak-seconds`, the server's RSS read every 5 s.
//! - `reload`: 64 connections while the policy file changes and is reloaded 10 times a
//!   second: every request must be answered 200.
//!
//! ```sh
//! bench/serve.sh            # generates the cases, builds, runs everything
//! cargo bench -p zhengce-serve --bench load -- --cases /tmp/cases.jsonl [--only throughput]
//! ```

#[path = "load/client.rs"]
mod client;
#[allow(dead_code)]
#[path = "../tests/support/http_head.rs"]
mod http_head;
#[path = "load/server.rs"]
mod server;

use client::{Stats, closed_loop, open_loop};
use std::time::Duration;

struct Options {
    cases: String,
    url: Option<String>,
    only: Option<String>,
    seconds: u64,
    soak_seconds: u64,
    connections: usize,
    /// `--workers` of the server started (default: its own, the number of cores).
    server_workers: Option<String>,
    /// Threads of the load generator's runtime.
    client_threads: usize,
}

fn options() -> Options {
    let mut o = Options {
        cases: "/tmp/serve-cases.jsonl".into(),
        url: None,
        only: None,
        seconds: 10,
        soak_seconds: 60,
        connections: 64,
        server_workers: None,
        client_threads: 1,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().unwrap_or_default();
        match a.as_str() {
            "--cases" => o.cases = value(),
            "--url" => o.url = Some(value()),
            "--only" => o.only = Some(value()),
            "--seconds" => o.seconds = value().parse().unwrap_or(10),
            "--soak-seconds" => o.soak_seconds = value().parse().unwrap_or(60),
            "--connections" => o.connections = value().parse().unwrap_or(64),
            "--server-workers" => o.server_workers = Some(value()),
            "--client-threads" => o.client_threads = value().parse().unwrap_or(1),
            // `cargo bench` passes `--bench`.
            _ => {}
        }
    }
    o
}

fn main() {
    let o = options();
    let bodies = client::bodies(&o.cases);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(o.client_threads.max(1))
        .enable_all()
        .build()
        .expect("a runtime");
    let run = |name: &str| o.only.as_deref().is_none_or(|only| only == name);
    let mut started = None;
    let addr = match &o.url {
        Some(url) => url.trim_start_matches("http://").trim_end_matches('/').to_string(),
        None => {
            let workers = o.server_workers.as_deref().map(|w| ["--workers", w]);
            let s = server::Server::start(workers.as_ref().map_or(&[][..], |w| &w[..]));
            let addr = s.addr.clone();
            started = Some(s);
            addr
        }
    };
    println!("server {addr}; {} cases; {}", bodies.len(), machine());
    let seconds = Duration::from_secs(o.seconds);
    let mut capacity = 0.0;
    if run("throughput") || run("overload") {
        runtime.block_on(closed_loop(&addr, &bodies, o.connections, Duration::from_secs(2)));
        let mut s = runtime.block_on(closed_loop(&addr, &bodies, o.connections, seconds));
        report("throughput, 64 keep-alive connections", &mut s);
        capacity = s.rate();
    }
    if run("overload") {
        let offered = capacity * 4.0;
        let mut s = runtime.block_on(open_loop(&addr, &bodies, 512, offered, seconds));
        report(&format!("overload, {offered:.0}/s offered on 512 connections"), &mut s);
        let mut s = runtime.block_on(closed_loop(&addr, &bodies, o.connections, seconds));
        report("after the overload, 64 connections", &mut s);
    }
    if run("soak") {
        let pid = started.as_ref().map(|s| s.pid());
        let mut s = runtime.block_on(server::soak(&addr, &bodies, o.soak_seconds, pid));
        report(&format!("soak, {} s, 16 connections", o.soak_seconds), &mut s);
    }
    if run("reload") {
        let s = server::Server::start_reloadable();
        let mut stats = runtime.block_on(server::reload_under_load(&s, &bodies, seconds));
        report("reload 10×/s under 64 connections", &mut stats);
    }
    drop(started);
}

fn report(name: &str, s: &mut Stats) {
    println!("{name}:");
    println!(
        "  {} requests in {:.1} s: {:.0}/s answered; 200: {}, 503: {}, other: {}, failed: {}",
        s.total(),
        s.elapsed.as_secs_f64(),
        s.rate(),
        s.ok,
        s.shed,
        s.other,
        s.failed
    );
    println!(
        "  latency of 200s: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; of 503s: p99 {:.2} ms",
        s.percentile_ok(50.0),
        s.percentile_ok(99.0),
        s.percentile_ok(100.0),
        s.percentile_shed(99.0)
    );
    for line in &s.notes {
        println!("  {line}");
    }
}

/// The machine, for the record: cores, model, load.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("?")
        .trim()
        .to_string();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!(
        "{cores} cores ({model}); load {}",
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    )
}

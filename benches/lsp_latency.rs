//! How long an author waits, in an editor, for the diagnostics of the Hunan policy after
//! a change (issue 14's target: within 50 ms on this machine). `zhengce lsp`'s server
//! runs on a thread of this process, on an in-memory connection, and each change
//! (alternately with and without a typo) is timed from the `didChange` sent to the
//! last `publishDiagnostics` of the batch (the answer to a request sent after it, which
//! the server answers in order). The tests never time anything; this does:
//!
//! ```text
//! cargo bench --bench lsp_latency
//! ```

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Changes timed.
const RUNS: usize = 60;

fn main() {
    let root = std::env::temp_dir().join(format!("zhengce-lsp-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        &root.join("policies"),
    );
    let path = root.join("policies/hunan/2025-employment-assistance.policy");
    let text = std::fs::read_to_string(&path).expect("the Hunan policy");
    let typo = text.replacen(
        "when person.dibao and registered_unemployed",
        "when person.dibao and registerd_unemployed",
        1,
    );
    let uri = format!("file://{}", path.display());

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || zhengce::lsp::serve(server, Some(zhengce::lang::Lang::Zh)));
    let mut id = 0;
    let mut ask = |client: &Connection, method: &str, params: Value| {
        id += 1;
        let request = Request::new(RequestId::from(id), method.to_string(), params);
        client.sender.send(Message::Request(request)).expect("sent");
        let mut published = 0;
        loop {
            match client.receiver.recv().expect("an answer") {
                Message::Response(r) if r.id == RequestId::from(id) => return published,
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => published += 1,
                _ => {}
            }
        }
    };
    ask(&client, "initialize", json!({"capabilities": {}}));
    notify(&client, "initialized", json!({}));
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "zhengce", "version": 1, "text": text}}),
    );
    ask(&client, "zhengce/sync", Value::Null);

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for n in 0..RUNS {
        let changed = if n % 2 == 0 { &typo } else { &text };
        let start = Instant::now();
        notify(
            &client,
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": n + 2}, "contentChanges": [{"text": changed}]}),
        );
        let published = ask(&client, "zhengce/sync", Value::Null);
        times.push(start.elapsed());
        assert!(published > 0, "diagnostics published");
    }
    ask(&client, "shutdown", Value::Null);
    notify(&client, "exit", Value::Null);
    let _ = thread.join();
    times.sort();
    println!(
        "didChange → diagnostics of the Hunan policy and the files it reads: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms ({RUNS} changes)",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1])
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn notify(client: &Connection, method: &str, params: Value) {
    let n = Notification::new(method.to_string(), params);
    client.sender.send(Message::Notification(n)).expect("sent");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copied");
        }
    }
}

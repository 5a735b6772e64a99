//! The tests' server and client: the real `zhengce-serve` started on an ephemeral
//! loopback port (its address read from the line it writes), its later lines kept for
//! the tests that read the log, and a plain blocking HTTP/1.1 client.
#![allow(dead_code)]

pub mod cases;
pub mod http_head;

use http_head::{Head, parse_head};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// The repository's root (for its example cases and policies).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the repository, read.
pub fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Its standard error after the line that names its address.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the server with these arguments (and an ephemeral loopback port unless they
    /// give `--listen`).
    pub fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[])
    }

    /// [`Server::start`] with variables set in its environment; the language variables
    /// of the test's own environment are taken away, so that it speaks its default.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhengce-serve"));
        if !args.contains(&"--listen") {
            command.args(["--listen", "127.0.0.1:0"]);
        }
        command
            .args(args)
            .current_dir(std::env::temp_dir())
            .stderr(Stdio::piped());
        for var in ["ZHENGCE_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "ZHENGCE_ADMIN_TOKEN"] {
            command.env_remove(var);
        }
        command.envs(env.iter().copied());
        let mut child = command.spawn().expect("zhengce-serve starts");
        let stderr = child.stderr.take().expect("its standard error");
        let mut lines = BufReader::new(stderr).lines();
        let mut before = Vec::new();
        let addr = loop {
            let line = match lines.next() {
                Some(Ok(line)) => line,
                _ => panic!("the server stopped before listening:\n{}", before.join("\n")),
            };
            if let Some(at) = line.split("http://").nth(1) {
                break at.split([' ', '（', '(']).next().unwrap_or("").to_string();
            }
            before.push(line);
        };
        let log = Arc::new(Mutex::new(before));
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Server { child, addr, log }
    }

    /// Sends one request on a connection of its own; the whole response.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let mut conn = Connection::open(&self.addr);
        conn.send(method, path, headers, body)
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &[u8]) -> Response {
        self.request("POST", path, &[("content-type", "application/json")], body)
    }

    /// `POST path` with a YAML body.
    pub fn post_yaml(&self, path: &str, body: &[u8]) -> Response {
        self.request("POST", path, &[("content-type", "application/yaml")], body)
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[], b"")
    }

    /// Its log so far.
    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Its process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for it to exit on its own, a bounded number of looks; its exit code, or
    /// `None` if it has not exited.
    pub fn wait(&mut self) -> Option<i32> {
        for _ in 0..600 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }

    /// Waits until its log has a line containing `text` (the server writes it), or
    /// fails after a generous number of looks.
    pub fn wait_for_log(&self, text: &str) {
        for _ in 0..600 {
            if self.log_text().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("no line with {text:?} in the log:\n{}", self.log_text());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, whole.
#[derive(Debug, Clone)]
pub struct Response {
    /// Its head.
    pub head: Head,
    /// Its body (a chunked one decoded).
    pub body: Vec<u8>,
    /// Every byte as received.
    pub raw: Vec<u8>,
}

impl Response {
    /// The status.
    pub fn status(&self) -> u16 {
        self.head.status
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// A header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.header(name)
    }

    /// The error code of an error response.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or("").to_string()
    }
}

/// One keep-alive connection.
pub struct Connection {
    pub stream: TcpStream,
    buf: Vec<u8>,
}

impl Connection {
    /// Connects.
    pub fn open(addr: &str) -> Connection {
        let stream = TcpStream::connect(addr).expect("the server accepts");
        Connection {
            stream,
            buf: Vec::new(),
        }
    }

    /// Sends a request and reads its response.
    pub fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        self.stream
            .write_all(&request_bytes(method, path, headers, body))
            .unwrap();
        if method == "HEAD" {
            return self.read_head_only();
        }
        self.read_response()
    }

    /// Reads the head of a response that has no body (to `HEAD`).
    fn read_head_only(&mut self) -> Response {
        let head = loop {
            if let Some(head) = parse_head(&self.buf) {
                break head;
            }
            self.fill();
        };
        let raw: Vec<u8> = self.buf.drain(..head.body_start).collect();
        Response {
            head,
            body: Vec::new(),
            raw,
        }
    }

    /// Waits for the head of the next response and gives its status, leaving the
    /// response to be read (a response that starts before its request's body has all
    /// come: a batch).
    pub fn status_of_next(&mut self) -> u16 {
        loop {
            if let Some(head) = parse_head(&self.buf) {
                return head.status;
            }
            self.fill();
        }
    }

    /// Reads the next response.
    pub fn read_response(&mut self) -> Response {
        let head = loop {
            if let Some(head) = parse_head(&self.buf) {
                break head;
            }
            self.fill();
        };
        let mut at = head.body_start;
        let body = if head.chunked() {
            let mut body = Vec::new();
            loop {
                let line_end = loop {
                    match self.buf[at..].windows(2).position(|w| w == b"\r\n") {
                        Some(p) => break at + p,
                        None => self.fill(),
                    }
                };
                let size =
                    usize::from_str_radix(std::str::from_utf8(&self.buf[at..line_end]).unwrap().trim(), 16).unwrap();
                while self.buf.len() < line_end + 2 + size + 2 {
                    self.fill();
                }
                body.extend_from_slice(&self.buf[line_end + 2..line_end + 2 + size]);
                at = line_end + 2 + size + 2;
                if size == 0 {
                    break body;
                }
            }
        } else {
            let len = head.content_length().unwrap_or(0);
            while self.buf.len() < at + len {
                self.fill();
            }
            at += len;
            self.buf[head.body_start..at].to_vec()
        };
        let raw: Vec<u8> = self.buf.drain(..at).collect();
        Response { head, body, raw }
    }

    fn fill(&mut self) {
        let mut chunk = [0u8; 65536];
        let n = self.stream.read(&mut chunk).expect("the server answers");
        assert!(n > 0, "the connection closed before the response ended");
        self.buf.extend_from_slice(&chunk[..n]);
    }
}

/// A request's bytes, with its length.
pub fn request_bytes(method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nhost: test\r\n");
    for (name, value) in headers {
        r.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("transfer-encoding")) {
        r.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    r.push_str("\r\n");
    let mut bytes = r.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Waits until `ready` holds, asking a bounded number of times (what the test waits for
/// happens at the server's own pace); fails after the last.
pub fn until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..400 {
        if ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("never: {what}");
}

/// Sends with `send` until the answer has `status`, a bounded number of times (what the
/// test waits for happens at the server's own pace); fails after the last.
pub fn until_status(status: u16, mut send: impl FnMut() -> Response) -> Response {
    for _ in 0..400 {
        let r = send();
        if r.status() == status {
            return r;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("never answered {status}");
}

/// A temporary folder of the test's own.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhengce-serve-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies a folder.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

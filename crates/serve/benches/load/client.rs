//! The load generator's client: keep-alive HTTP/1.1 connections on loopback, one
//! request at a time each, either as fast as answered (closed loop) or paced to an
//! offered rate (open loop), with each answer's status and latency.

use crate::http_head::{parse_head, status_and_length};
use std::io;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What a run got back.
#[derive(Debug, Default)]
pub struct Stats {
    pub ok: u64,
    pub shed: u64,
    pub other: u64,
    pub failed: u64,
    pub elapsed: Duration,
    /// Microseconds, of the 200s and of the 503s.
    pub ok_latency: Vec<u32>,
    pub shed_latency: Vec<u32>,
    pub notes: Vec<String>,
}

impl Stats {
    pub fn total(&self) -> u64 {
        self.ok + self.shed + self.other + self.failed
    }

    pub fn rate(&self) -> f64 {
        (self.ok + self.shed + self.other) as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn percentile_ok(&mut self, p: f64) -> f64 {
        percentile(&mut self.ok_latency, p)
    }

    pub fn percentile_shed(&mut self, p: f64) -> f64 {
        percentile(&mut self.shed_latency, p)
    }

    fn add(&mut self, other: Stats) {
        self.ok += other.ok;
        self.shed += other.shed;
        self.other += other.other;
        self.failed += other.failed;
        self.ok_latency.extend(other.ok_latency);
        self.shed_latency.extend(other.shed_latency);
    }

    fn count(&mut self, status: u16, latency: Duration) {
        let micros = u32::try_from(latency.as_micros()).unwrap_or(u32::MAX);
        match status {
            200 => {
                self.ok += 1;
                self.ok_latency.push(micros);
            }
            503 => {
                self.shed += 1;
                self.shed_latency.push(micros);
            }
            _ => self.other += 1,
        }
    }
}

/// The `p`th percentile in milliseconds.
fn percentile(v: &mut [u32], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_unstable();
    let k = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    f64::from(v[k.min(v.len() - 1)]) / 1000.0
}

/// The decision requests, one per case line of the JSON Lines file at `path`.
pub fn bodies(path: &str) -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{path}: {e} (make it with `cargo run --release --example gen_cases -- --count 10000 --seed 7 > {path}`)"
        )
    });
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| request("/v1/decisions", "application/json", line.as_bytes()))
        .collect()
}

/// A POST request's bytes.
pub fn request(path: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "POST {path} HTTP/1.1\r\nhost: bench\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// One keep-alive connection.
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub async fn open(addr: &str) -> io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(1 << 16),
        })
    }

    /// Sends a request and reads its whole response: the status, and the named header
    /// when one is named.
    pub async fn send(&mut self, request: &[u8], header: &str) -> io::Result<(u16, Option<String>)> {
        self.stream.write_all(request).await?;
        self.buf.clear();
        loop {
            if let Some((status, body_start, len)) = status_and_length(&self.buf)
                && self.buf.len() >= body_start + len
            {
                let named = (!header.is_empty())
                    .then(|| parse_head(&self.buf).and_then(|h| h.header(header).map(str::to_string)))
                    .flatten();
                return Ok((status, named));
            }
            let mut chunk = [0u8; 16384];
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// `connections` connections, each sending the next request as soon as the last is
/// answered, for `duration`.
pub async fn closed_loop(addr: &str, bodies: &[Vec<u8>], connections: usize, duration: Duration) -> Stats {
    paced(addr, bodies, connections, None, duration).await
}

/// `connections` connections sending `rate` requests a second between them, each on
/// its own schedule (a request late for its time is sent at once, and the schedule
/// starts again from then), for `duration`.
pub async fn open_loop(addr: &str, bodies: &[Vec<u8>], connections: usize, rate: f64, duration: Duration) -> Stats {
    let interval = Duration::from_secs_f64(connections as f64 / rate.max(1.0));
    paced(addr, bodies, connections, Some(interval), duration).await
}

async fn paced(
    addr: &str,
    bodies: &[Vec<u8>],
    connections: usize,
    interval: Option<Duration>,
    duration: Duration,
) -> Stats {
    let start = Instant::now();
    let deadline = start + duration;
    let bodies = std::sync::Arc::new(bodies.to_vec());
    let mut tasks = Vec::new();
    for c in 0..connections {
        let (addr, bodies) = (addr.to_string(), bodies.clone());
        tasks.push(tokio::spawn(async move {
            let mut stats = Stats::default();
            let mut conn = None;
            let mut i = c * 7919;
            // Connections start spread over the first interval, not all at once.
            let mut next = start + interval.map_or(Duration::ZERO, |iv| iv.mul_f64(c as f64 / connections as f64));
            while Instant::now() < deadline {
                if let Some(iv) = interval {
                    tokio::time::sleep_until(next.into()).await;
                    next = (next + iv).max(Instant::now());
                }
                if conn.is_none() {
                    conn = Conn::open(&addr).await.ok();
                }
                let Some(open) = conn.as_mut() else {
                    stats.failed += 1;
                    continue;
                };
                let body = &bodies[i % bodies.len()];
                i += 1;
                let sent = Instant::now();
                match open.send(body, "").await {
                    Ok((status, _)) => stats.count(status, sent.elapsed()),
                    Err(_) => {
                        stats.failed += 1;
                        conn = None;
                    }
                }
            }
            stats
        }));
    }
    let mut all = Stats::default();
    for t in tasks {
        if let Ok(s) = t.await {
            all.add(s);
        }
    }
    all.elapsed = start.elapsed();
    all
}

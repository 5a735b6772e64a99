//! A batch (contract §5): many cases in one run, read, evaluated and written in
//! bounded chunks by parallel workers, one record per input case, in input order,
//! byte-identical for any number of workers.
//!
//! ```text
//! reader thread ──chunks of pieces──▶ workers (N) ──records──▶ writer (this thread)
//!      ▲                                                        │ in input order,
//!      └────────────── a permit per chunk written ──────────────┘ duplicate ids
//! ```
//!
//! The reader takes a permit before it hands out a chunk and the writer gives one back
//! when it has written one, so at most [`CHUNKS_IN_FLIGHT`] per worker are held at any
//! time: memory follows the chunk size and the number of workers, never the input.
//! Duplicate ids are found by the writer, which sees the cases in input order.

pub mod ids;
pub mod messages;
pub mod source;
pub mod summary;
mod worker;

pub use source::{InputFormat, Piece, PieceContent, PieceReader};
pub use summary::Summary;
use summary::Tally;

use crate::input::InputLimits;
use crate::lang::Text;
use crate::privacy::MaskedLines;
use crate::program::Program;
use crate::report::{Lang, RenderOptions, diagnostic_json_at};
use crate::run::{Stage, Status, duplicate_id};
use crate::source::SourceMap;
use chrono::NaiveDate;
use ids::{FirstSeen, SeenIds};
use messages::BatchMsg;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use worker::{ChunkIn, ChunkOut, Worker};

/// Cases a chunk holds at most.
pub const CHUNK_CASES: usize = 512;
/// Bytes of case text a chunk holds at most (a chunk always takes at least one case).
pub const CHUNK_BYTES: usize = 1 << 20;
/// Worker threads at most, whatever `--jobs` asks.
pub const MAX_JOBS: usize = 64;
/// Chunks per worker handed out and not yet written, at most.
pub const CHUNKS_IN_FLIGHT: usize = 4;

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads (at least one).
    pub jobs: usize,
    /// `--as-of`, which wins over each case's own date.
    pub as_of: Option<NaiveDate>,
    /// Evaluate, or only validate.
    pub stage: Stage,
    /// How records are written (language, ID numbers, trace).
    pub render: RenderOptions,
    /// Size limits (`--max-case-bytes`).
    pub limits: InputLimits,
}

/// One input of a batch: its name, its format, and a way to read it (opened when its
/// turn comes).
pub struct BatchInput {
    /// The name in records (a path, or `<stdin>`).
    pub name: Arc<str>,
    /// How it is written.
    pub format: InputFormat,
    /// Its bytes, or why it cannot be opened.
    pub open: Box<dyn FnOnce() -> Result<Box<dyn BufRead + Send>, Text> + Send>,
}

/// Runs a batch over `inputs`, writing one JSON record per case to `out` in input
/// order; `progress` is told the summary so far after each chunk. Returns the
/// summary, or the error that stopped writing.
pub fn run(
    inputs: Vec<BatchInput>,
    versions: &[Program],
    policy_sources: &SourceMap,
    options: &BatchOptions,
    out: &mut dyn MaskedLines,
    progress: &mut dyn FnMut(&Summary),
) -> io::Result<Summary> {
    let started = Instant::now();
    // A thread per worker: more than MAX_JOBS would only wait on each other, and a
    // thread the system refuses would stop the batch.
    let jobs = options.jobs.clamp(1, MAX_JOBS);
    let window = jobs * CHUNKS_IN_FLIGHT;
    let (chunk_tx, chunk_rx) = sync_channel::<(u64, ChunkIn)>(window);
    let (done_tx, done_rx) = sync_channel::<(u64, ChunkOut)>(window);
    let (permit_tx, permit_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = permit_tx.send(());
    }
    let chunk_rx = Mutex::new(chunk_rx);
    // Chunks written, given back for the workers to fill again: a chunk's records are
    // most of a megabyte, and a new buffer for each was memory the system had to clear
    // (a few per cent of a batch's time). At most the chunks in flight are kept.
    let spare = Spare {
        chunks: Mutex::new(Vec::new()),
        most: window,
    };
    let spare = &spare;
    let max_case = usize::try_from(options.limits.case_bytes).unwrap_or(usize::MAX);
    std::thread::scope(|scope| {
        scope.spawn(move || read_chunks(inputs, max_case, &chunk_tx, &permit_rx));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let chunk_rx = &chunk_rx;
            scope.spawn(move || {
                let mut worker = Worker::new(versions, policy_sources, options);
                while let Some((seq, chunk)) = next_chunk(chunk_rx) {
                    if done_tx.send((seq, worker.chunk(chunk, spare.take()))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut writer = OrderedWriter::new(versions, out, options.render.lang);
        let result = writer.write_all(&done_rx, &permit_tx, spare, progress, started);
        // On a write error the workers and the reader stop at their next send.
        drop(done_rx);
        drop(permit_tx);
        result
    })
}

/// Chunks written and not yet filled again.
struct Spare {
    chunks: Mutex<Vec<ChunkOut>>,
    /// How many are kept at most.
    most: usize,
}

impl Spare {
    /// A chunk to fill: one given back, or a new one.
    fn take(&self) -> ChunkOut {
        self.chunks.lock().ok().and_then(|mut c| c.pop()).unwrap_or_default()
    }

    /// Gives a written chunk back.
    fn give(&self, mut chunk: ChunkOut) {
        chunk.clear();
        if let Ok(mut chunks) = self.chunks.lock()
            && chunks.len() < self.most
        {
            chunks.push(chunk);
        }
    }
}

fn next_chunk(rx: &Mutex<Receiver<(u64, ChunkIn)>>) -> Option<(u64, ChunkIn)> {
    rx.lock().ok()?.recv().ok()
}

/// The reader: cuts every input into pieces and hands them out in chunks, each after
/// taking a permit.
fn read_chunks(inputs: Vec<BatchInput>, max_case: usize, chunks: &SyncSender<(u64, ChunkIn)>, permits: &Receiver<()>) {
    let mut seq = 0u64;
    let mut chunk = ChunkIn::default();
    let mut bytes = 0usize;
    let mut send = |chunk: &mut ChunkIn, bytes: &mut usize| -> bool {
        *bytes = 0;
        if permits.recv().is_err() {
            return false;
        }
        let ok = chunks.send((seq, std::mem::take(chunk))).is_ok();
        seq += 1;
        ok
    };
    for input in inputs {
        let pieces: Box<dyn Iterator<Item = Piece>> = match (input.open)() {
            Ok(reader) => Box::new(PieceReader::new(reader, input.format, max_case)),
            Err(e) => Box::new(std::iter::once(Piece {
                lines_before: 0,
                content: PieceContent::Unreadable(e),
            })),
        };
        for piece in pieces {
            if chunk
                .inputs
                .last()
                .is_none_or(|(_, name)| !Arc::ptr_eq(name, &input.name))
            {
                chunk.inputs.push((chunk.pieces.len(), input.name.clone()));
            }
            bytes += piece.size();
            chunk.pieces.push(piece);
            if (chunk.pieces.len() >= CHUNK_CASES || bytes >= CHUNK_BYTES) && !send(&mut chunk, &mut bytes) {
                return;
            }
        }
    }
    if !chunk.pieces.is_empty() {
        send(&mut chunk, &mut bytes);
    }
}

impl Piece {
    fn size(&self) -> usize {
        match &self.content {
            PieceContent::JsonText(t) => t.len(),
            PieceContent::JsonLine(b) | PieceContent::Yaml(b) => b.len(),
            PieceContent::TooLarge { head, .. } => head.len(),
            // The record of an unreadable input is small, as its words are.
            PieceContent::Unreadable(_) => 64,
        }
    }
}

/// Writes chunks in input order, replacing the record of every case whose id an
/// earlier case has, and keeps the summary.
struct OrderedWriter<'a> {
    versions: &'a [Program],
    out: &'a mut dyn MaskedLines,
    /// Where each case id was first seen.
    seen: SeenIds,
    /// The inputs' names, in the order read.
    inputs: Vec<Arc<str>>,
    summary: Summary,
    /// What held and what was yes, by index.
    tally: Tally,
    /// The language of error records made here.
    lang: Lang,
}

impl<'a> OrderedWriter<'a> {
    fn new(versions: &'a [Program], out: &'a mut dyn MaskedLines, lang: Lang) -> OrderedWriter<'a> {
        OrderedWriter {
            lang,
            versions,
            out,
            seen: SeenIds::default(),
            inputs: Vec::new(),
            summary: Summary::default(),
            tally: Tally::new(versions),
        }
    }

    fn write_all(
        &mut self,
        done: &Receiver<(u64, ChunkOut)>,
        permits: &SyncSender<()>,
        spare: &Spare,
        progress: &mut dyn FnMut(&Summary),
        started: Instant,
    ) -> io::Result<Summary> {
        let mut next = 0u64;
        let mut waiting: BTreeMap<u64, ChunkOut> = BTreeMap::new();
        for (seq, chunk) in done.iter() {
            waiting.insert(seq, chunk);
            while let Some(chunk) = waiting.remove(&next) {
                self.write_chunk(&chunk)?;
                spare.give(chunk);
                next += 1;
                let _ = permits.send(());
                self.summary.elapsed = started.elapsed();
                self.summary.count(&self.tally, self.versions);
                progress(&self.summary);
            }
        }
        self.out.flush()?;
        self.summary.elapsed = started.elapsed();
        self.summary.count(&self.tally, self.versions);
        Ok(self.summary.clone())
    }

    /// Writes a chunk's records, a run of them at a time (one write for a chunk without
    /// a duplicate id: standard output flushes at each write).
    fn write_chunk(&mut self, chunk: &ChunkOut) -> io::Result<()> {
        let (mut start, mut run_start) = (0, 0);
        // The input each case comes from: a chunk says where each run of cases starts.
        let unnamed: Arc<str> = Arc::from("");
        let mut inputs = chunk.inputs.iter().peekable();
        let mut input = &unnamed;
        for (i, case) in chunk.cases.iter().enumerate() {
            while let Some((_, name)) = inputs.next_if(|(first, _)| *first <= i) {
                input = name;
            }
            let record_start = start;
            start = case.end;
            self.summary.cases += 1;
            if let Some(first) = self.duplicate_of(case, input) {
                self.out
                    .write_lines(&chunk.bytes[run_start..record_start], chunk.masked)?;
                run_start = case.end;
                self.summary.errors += 1;
                self.summary.duplicates += 1;
                self.out.write_all(first.as_bytes())?;
                continue;
            }
            if case.evaluated {
                self.summary.evaluated += 1;
                let held = chunk.held.get(case.held.clone()).unwrap_or_default();
                let yes = chunk.yes.get(case.yes.clone()).unwrap_or_default();
                self.tally.add(case.version, held, yes);
            }
            match case.status {
                Status::Error => self.summary.errors += 1,
                Status::Ok if !case.evaluated => self.summary.valid += 1,
                Status::Ok => {}
            }
        }
        self.out.write_lines(&chunk.bytes[run_start..start], chunk.masked)
    }

    /// The error record of a case whose id an earlier case has (contract §5: the first
    /// is evaluated, every later one is an error naming the line of the first).
    fn duplicate_of(&mut self, case: &worker::CaseMeta, name: &Arc<str>) -> Option<String> {
        if self.inputs.last().is_none_or(|last| !Arc::ptr_eq(last, name)) {
            self.inputs.push(name.clone());
        }
        let (id, digest) = (case.id.as_ref()?, case.id_digest?);
        let here = FirstSeen {
            input: (self.inputs.len() - 1) as u32,
            line: case.id_at.map_or(0, |at| u32::try_from(at.line).unwrap_or(u32::MAX)),
        };
        let first = self.seen.first_or_insert(digest, here)?;
        let file = self.inputs.get(first.input as usize).map_or("", |f| f.as_ref());
        let first = BatchMsg::FirstAt.with([file.to_string(), first.line.to_string()]);
        let d = duplicate_id(id, None, first);
        let at = case.id_at.map(|at| (name.as_ref(), at));
        let record = json!({
            "case": id.as_ref(),
            "status": "error",
            "diagnostics": [diagnostic_json_at(&d, at, self.lang)],
        });
        Some(format!("{record}\n"))
    }
}

//! One worker of a batch: takes a chunk of pieces, reads each case (JSON Lines through
//! the JSON reader, YAML through the YAML reader, both into the one case loader),
//! evaluates it and renders its record. A worker goes through a chunk a group of
//! [`GROUP`] cases at a time, one stage after another: it reads the group, then decides
//! it, then writes its records, and lets go of the group's texts once they are written.

use super::BatchOptions;
use super::source::{Piece, PieceContent};
use crate::case::{LinePlan, LoadedCase, cases, load_document, read_json_line_planned};
use crate::diagnostic::{Diagnostic, Words};
use crate::eval::Explanation;
use crate::input::DecodedText;
use crate::privacy::{Masked, mask_in_place};
use crate::program::Program;
use crate::report::{Trace, write_final_decision_json};
use crate::run::{CaseResult, MissingDate, Runner, Status, unreadable};
use crate::source::{FileId, LineCol, SourceMap, Span};
use crate::value::Value;
use crate::yaml::{DocumentChecks, YamlDocument, case_too_large, not_utf8, parse_json_document};
use std::sync::Arc;

/// Cases a worker reads before it decides them, and decides before it writes their
/// records. Each stage's code and data stay in the processor's caches for the whole
/// group rather than being pushed out by the other two at every case: 4% off a batch
/// (callgrind's model of the caches: about 290 instruction-cache misses a case instead
/// of 910). A group's cases are small next to a chunk's (a few kilobytes each).
pub(crate) const GROUP: usize = 16;

/// A case of the group being gone through: read, or already its result (a piece that
/// could not be read: rare, so boxed).
#[expect(
    clippy::large_enum_variant,
    reason = "nearly every case is read: boxing it would allocate once a case"
)]
enum Pending {
    Read(LoadedCase),
    Done(Box<CaseResult>),
}

/// What the writer needs to know of one case besides its record.
#[derive(Debug)]
pub(crate) struct CaseMeta {
    /// Its id, when it has one.
    pub id: Option<Box<str>>,
    /// Its id's digest, for the writer's table of ids seen.
    pub id_digest: Option<super::ids::IdDigest>,
    /// Where its id is written.
    pub id_at: Option<LineCol>,
    /// Whether it was read (and evaluated, unless only validating) without error.
    pub status: Status,
    /// The policy version it was evaluated with.
    pub version: usize,
    /// Where, in the chunk's [`ChunkOut::held`], the rules of the summarised kinds that
    /// hold are (indices into that version's rules).
    pub held: std::ops::Range<usize>,
    /// Where, in the chunk's [`ChunkOut::yes`], the decision's yes/no fields that are
    /// yes are (indices into its outputs).
    pub yes: std::ops::Range<usize>,
    /// Whether a decision was made.
    pub evaluated: bool,
    /// Where its record ends in the chunk's bytes.
    pub end: usize,
}

/// A chunk of pieces as the reader hands it out, with the inputs they come from.
/// Names travel a chunk at a time: a name given with each case was a count shared by
/// every thread, changed twice a case (about 1.5% of a batch).
#[derive(Debug, Default)]
pub(crate) struct ChunkIn {
    pub pieces: Vec<Piece>,
    /// For each run of pieces of one input: where it starts, and the input's name.
    pub inputs: Vec<(usize, Arc<str>)>,
}

/// A chunk's records (one JSON line each) and what the writer needs of each case.
/// What held and what was yes is kept for the whole chunk, each case a range of it:
/// two allocations a chunk rather than two a case (which the writer thread freed).
#[derive(Debug, Default)]
pub(crate) struct ChunkOut {
    pub bytes: Vec<u8>,
    /// Whether ID numbers in `bytes` are masked already (see
    /// [`crate::privacy::mask_in_place`]): unless the user asked to see them.
    pub masked: Option<Masked>,
    pub cases: Vec<CaseMeta>,
    pub held: Vec<u32>,
    pub yes: Vec<u16>,
    /// For each run of cases of one input: where it starts, and the input's name.
    pub inputs: Vec<(usize, Arc<str>)>,
}

impl ChunkOut {
    /// Empties it, keeping its buffers.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.masked = None;
        self.cases.clear();
        self.held.clear();
        self.yes.clear();
        self.inputs.clear();
    }
}

/// A worker's state, kept from chunk to chunk.
pub(crate) struct Worker<'p> {
    runner: Runner<'p>,
    versions: &'p [Program],
    /// The policy's files, then those of the group being gone through.
    sources: SourceMap,
    policy_files: usize,
    options: &'p BatchOptions,
    /// For each version, its rules of the kinds the summary counts.
    summarised: Vec<Vec<u32>>,
    /// The bytes of a record in the last chunk, with a margin: the next chunk's buffer
    /// is made that large. Records with a trace are several times the size of those
    /// without, and a buffer that grew as they were written was copied again each time.
    record_size: usize,
    /// The name of the input being read (the worker's own copy).
    input: String,
    /// What the JSON fast path knows of the latest version's schema.
    line_plan: LinePlan,
    /// The group's cases, in order (see [`GROUP`]); kept from group to group.
    pending: Vec<Pending>,
    /// The group's results, in order, before their records are written.
    results: Vec<CaseResult>,
}

impl<'p> Worker<'p> {
    /// A worker over the policy's versions; `sources` are the policy's files.
    pub fn new(versions: &'p [Program], sources: &SourceMap, options: &'p BatchOptions) -> Worker<'p> {
        let mut runner = Runner::with_versions(versions, options.as_of, MissingDate::Error);
        runner.limits = options.limits;
        if options.render.trace == Trace::Omitted {
            runner.explanation = Explanation::NotNeeded;
        }
        runner.decide_typed();
        let summarised = versions
            .iter()
            .map(|p| {
                (0..p.rules.len() as u32)
                    .filter(|i| super::summary::SUMMARISED.contains(&p.rules[*i as usize].kind))
                    .collect()
            })
            .collect();
        Worker {
            runner,
            versions,
            sources: sources.clone(),
            policy_files: sources.len(),
            options,
            summarised,
            record_size: 1024,
            input: String::new(),
            line_plan: versions.last().map(LinePlan::of).unwrap_or_default(),
            pending: Vec::with_capacity(GROUP),
            results: Vec::with_capacity(GROUP),
        }
    }

    /// The records of a chunk's cases, in order, written into `out` (an empty chunk, or
    /// one written and given back, whose buffers are filled again), their ID numbers
    /// masked unless the user asked to see them.
    pub fn chunk(&mut self, chunk: ChunkIn, mut out: ChunkOut) -> ChunkOut {
        let ChunkIn { pieces, inputs } = chunk;
        let n = pieces.len();
        out.clear();
        out.bytes.reserve(n.saturating_mul(self.record_size));
        out.cases.reserve(n);
        let mut inputs = inputs.into_iter().peekable();
        for (i, piece) in pieces.into_iter().enumerate() {
            while let Some((_, name)) = inputs.next_if(|(first, _)| *first <= i) {
                self.input.clear();
                self.input.push_str(&name);
                out.inputs.push((out.cases.len() + self.pending.len(), name));
            }
            self.piece(piece, &mut out);
            if self.pending.len() >= GROUP {
                self.group(&mut out);
                self.sources.truncate(self.policy_files);
            }
        }
        self.group(&mut out);
        self.sources.truncate(self.policy_files);
        if n > 0 {
            let size = out.bytes.len().div_ceil(n);
            self.record_size = size + size / 8;
        }
        // Whole records, each a line: masking never looks past a line's end, so
        // lines masked here are what the masking writer would make of them.
        debug_assert!(out.bytes.last().is_none_or(|b| *b == b'\n'));
        if !self.options.render.show_pii {
            out.masked = Some(mask_in_place(&mut out.bytes));
        }
        out
    }

    /// Decides the group's cases and writes their records, in order. Their files stay
    /// in the source map until the piece being read is done (see [`Worker::chunk`]).
    fn group(&mut self, out: &mut ChunkOut) {
        let mut pending = std::mem::take(&mut self.pending);
        let mut results = std::mem::take(&mut self.results);
        results.extend(pending.drain(..).map(|p| match p {
            Pending::Read(case) => self.runner.evaluate_case(case, None, self.options.stage),
            Pending::Done(result) => *result,
        }));
        for result in results.drain(..) {
            self.result(result, out);
        }
        (self.pending, self.results) = (pending, results);
    }

    /// Reads a piece's cases into the group; a piece of many YAML documents is gone
    /// through a group at a time as it is read, so that no more than a group is held.
    fn piece(&mut self, piece: Piece, out: &mut ChunkOut) {
        let versions = self.versions;
        let latest = &versions[versions.len() - 1];
        match piece.content {
            PieceContent::JsonText(text) => self.json_line(text, Vec::new(), piece.lines_before),
            PieceContent::JsonLine(bytes) => {
                // A line that is all UTF-8 (checked with SIMD) is copied once, into the
                // text the case keeps; any other is decoded.
                let (text, invalid): (Arc<str>, _) = match simdutf8::basic::from_utf8(&bytes) {
                    Ok(text) => (text.into(), Vec::new()),
                    Err(_) => {
                        let decoded = DecodedText::decode(bytes);
                        (decoded.text.into(), decoded.invalid)
                    }
                };
                self.json_line(text, invalid, piece.lines_before);
            }
            PieceContent::Yaml(bytes) => {
                let decoded = DecodedText::decode(bytes);
                let file = self
                    .sources
                    .add_piece(self.input.as_str(), decoded.text, piece.lines_before);
                let text = self.sources.get(file).text.clone();
                let checks = DocumentChecks {
                    max_bytes: usize::MAX,
                    invalid_bytes: &decoded.invalid,
                };
                for case in cases(latest, file, &text, checks) {
                    self.pending.push(Pending::Read(case));
                    if self.pending.len() >= GROUP {
                        self.group(out);
                    }
                }
            }
            PieceContent::TooLarge { head, size } => {
                let first_line = head.iter().position(|b| *b == b'\n').unwrap_or(head.len());
                let decoded = DecodedText::decode(head);
                let file = self
                    .sources
                    .add_piece(self.input.as_str(), decoded.text, piece.lines_before);
                let limit = usize::try_from(self.options.limits.case_bytes).unwrap_or(usize::MAX);
                let why = case_too_large(size, limit).at(Span::new(file, 0, first_line), Words::Here);
                self.unread(file, why);
            }
            PieceContent::Unreadable(error) => {
                let file = self.sources.add_piece(self.input.as_str(), "", piece.lines_before);
                // Where reading stopped: the line after the last piece read.
                let why = unreadable(&self.input, error).at(Span::new(file, 0, 0), Words::Here);
                self.unread(file, why);
            }
        }
    }

    /// A piece that could not be read, in its place in the group.
    fn unread(&mut self, file: FileId, why: Diagnostic) {
        self.pending
            .push(Pending::Done(Box::new(CaseResult::unread(file, why))));
    }

    /// A line of JSON Lines as text; `invalid` are the places of bytes that were not
    /// UTF-8 in it.
    fn json_line(&mut self, text: Arc<str>, invalid: Vec<usize>, lines_before: usize) {
        let latest = &self.versions[self.versions.len() - 1];
        let file = self.sources.add_line(self.input.as_str(), text, lines_before);
        let text = self.sources.get(file).text.clone();
        let case = match invalid.first() {
            // Not parsed: nothing of a line with a byte that is not text is read.
            Some(&bad) => {
                let at = Span::new(file, bad, bad + 1);
                load_document(latest, file, YamlDocument::refused(not_utf8(), at, at))
            }
            // The fast path, and the located loader for what it gives up on.
            None => read_json_line_planned(latest, self.line_plan, file, &text)
                .unwrap_or_else(|| load_document(latest, file, parse_json_document(file, &text))),
        };
        self.pending.push(Pending::Read(case));
    }

    fn result(&mut self, mut r: CaseResult, out: &mut ChunkOut) {
        let program = &self.versions[r.version];
        write_final_decision_json(&mut out.bytes, &mut r, program, &self.sources, &self.options.render);
        let (held_from, yes_from) = (out.held.len(), out.yes.len());
        if let Some(decision) = &r.decision {
            let summarised = self.summarised[r.version].iter().copied();
            out.held
                .extend(summarised.filter(|i| decision.outcomes.get(*i as usize).is_some_and(|o| o.holds)));
            out.yes.extend(
                (0..decision.outputs.len() as u16)
                    .filter(|i| matches!(decision.outputs[*i as usize], Value::Bool(true))),
            );
        }
        out.cases.push(CaseMeta {
            id_digest: r.id.as_deref().map(super::ids::IdDigest::of),
            // The result's own id, not a copy: the result is dropped here.
            id: r.id.take().map(String::into_boxed_str),
            id_at: r.case.id_span.map(|s| self.sources.line_col(s)),
            status: r.status,
            version: r.version,
            held: held_from..out.held.len(),
            yes: yes_from..out.yes.len(),
            evaluated: r.decision.is_some(),
            end: out.bytes.len(),
        });
    }
}

#[cfg(test)]
mod tests;

//! A worker goes through a chunk a group at a time (see [`GROUP`]): the records are
//! those of its pieces gone through one at a time, and no more than a group is held.

use super::{ChunkIn, ChunkOut, GROUP, Worker};
use crate::batch::{BatchOptions, Piece, PieceContent};
use crate::input::InputLimits;
use crate::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use crate::report::RenderOptions;
use crate::run::{Stage, Status};
use std::sync::Arc;

/// The example cases (YAML documents) and the example register (JSON lines).
fn examples() -> (Vec<String>, Vec<String>) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(root.join("cases"))
        .expect("the examples")
        .map(|e| e.expect("an entry").path())
        .collect();
    paths.sort();
    let yaml = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("an example"))
        .collect();
    let register = std::fs::read_to_string(root.join("serve/register.jsonl")).expect("the register");
    (yaml, register.lines().map(str::to_string).collect())
}

/// The cases in piece `i` of [`piece`].
fn documents(i: usize) -> usize {
    match i {
        30 => 3 * GROUP - 5,
        _ if i % 9 == 5 => 2,
        _ => 1,
    }
}

/// Piece `i` of a mixed chunk: mostly JSON lines, with a line that is not UTF-8, one
/// too large, YAML pieces of two documents and one of several groups' worth, and an
/// input that could not be read.
fn piece(i: usize, (yaml, json): &(Vec<String>, Vec<String>)) -> Piece {
    let line = &json[i % json.len()];
    let content = match i % 9 {
        _ if documents(i) > 1 => {
            let docs: Vec<&str> = (0..documents(i)).map(|d| yaml[(i + d) % yaml.len()].as_str()).collect();
            PieceContent::Yaml(docs.join("\n---\n").into_bytes())
        }
        3 => PieceContent::JsonLine([line.as_bytes(), b"\xff"].concat()),
        7 if i.is_multiple_of(2) => PieceContent::TooLarge {
            head: line.as_bytes()[..20].to_vec(),
            size: 1 << 30,
        },
        7 => PieceContent::Unreadable("the disk failed".into()),
        _ => PieceContent::JsonText(line.as_str().into()),
    };
    Piece {
        lines_before: i * 3,
        content,
    }
}

/// What the writer is told of each case: its id, status, whether it was evaluated,
/// what held and was yes, and the size of its record.
type Meta = (Option<Box<str>>, Status, bool, Vec<u32>, Vec<u16>, usize);

fn metas(out: &ChunkOut) -> Vec<Meta> {
    let mut start = 0;
    out.cases
        .iter()
        .map(|case| {
            let size = case.end - start;
            start = case.end;
            let held = out.held[case.held.clone()].to_vec();
            let yes = out.yes[case.yes.clone()].to_vec();
            (case.id.clone(), case.status, case.evaluated, held, yes, size)
        })
        .collect()
}

#[test]
fn a_chunk_gone_through_by_groups_writes_the_records_of_its_pieces_one_at_a_time() {
    let loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    let options = BatchOptions {
        jobs: 1,
        as_of: None,
        stage: Stage::Evaluate,
        render: RenderOptions::default(),
        limits: InputLimits::default(),
    };
    let examples = examples();
    let name = |i: usize| -> Arc<str> { if i < 23 { "a.jsonl".into() } else { "b.jsonl".into() } };
    let pieces = 3 * GROUP + 5;

    let mut worker = Worker::new(&loaded.versions, &loaded.sources, &options);
    let chunk = ChunkIn {
        pieces: (0..pieces).map(|i| piece(i, &examples)).collect(),
        inputs: vec![(0, name(0)), (23, name(23))],
    };
    let whole = worker.chunk(chunk, ChunkOut::default());
    // Nothing is held past the chunk, and no more than a group at a time.
    assert_eq!(worker.sources.len(), loaded.sources.len());
    assert!(worker.pending.capacity() <= GROUP + 1, "{}", worker.pending.capacity());

    let mut alone = Worker::new(&loaded.versions, &loaded.sources, &options);
    let (mut bytes, mut cases) = (Vec::new(), Vec::new());
    for i in 0..pieces {
        let chunk = ChunkIn {
            pieces: vec![piece(i, &examples)],
            inputs: vec![(0, name(i))],
        };
        let out = alone.chunk(chunk, ChunkOut::default());
        cases.extend(metas(&out));
        bytes.extend_from_slice(&out.bytes);
    }

    assert!(whole.bytes == bytes, "the records differ");
    let grouped = metas(&whole);
    assert_eq!(grouped, cases);
    // One record per case, every kind of piece among them, and several groups' worth.
    assert_eq!(grouped.len(), (0..pieces).map(documents).sum::<usize>());
    assert_eq!(whole.bytes.iter().filter(|b| **b == b'\n').count(), grouped.len());
    assert!(grouped.len() > 5 * GROUP);
    assert!(grouped.iter().any(|c| c.1 == Status::Ok && c.2 && !c.3.is_empty()));
    assert!(grouped.iter().filter(|c| c.1 == Status::Error).count() >= 6);
    // The second input's cases start where it does.
    let before: usize = (0..23).map(documents).sum();
    assert_eq!(whole.inputs.iter().map(|(at, _)| *at).collect::<Vec<_>>(), [0, before]);
    let text = String::from_utf8_lossy(&whole.bytes);
    assert!(text.contains("b.jsonl") && text.contains("a.jsonl"), "{text}");
}

#[test]
fn a_worker_masks_its_records_unless_ids_are_to_be_shown() {
    let loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    let (_, register) = examples();
    let id = "430102197503101234";
    let line = register[0].replacen("\"id\":\"", &format!("\"id\":\"{id}"), 1);
    assert_ne!(line, register[0], "the example line has an id");
    let chunk = |line: &str| ChunkIn {
        pieces: vec![Piece {
            lines_before: 0,
            content: PieceContent::JsonText(line.into()),
        }],
        inputs: vec![(0, "a.jsonl".into())],
    };
    for show_pii in [false, true] {
        let options = BatchOptions {
            jobs: 1,
            as_of: None,
            stage: Stage::Evaluate,
            render: RenderOptions {
                show_pii,
                ..RenderOptions::default()
            },
            limits: InputLimits::default(),
        };
        let mut worker = Worker::new(&loaded.versions, &loaded.sources, &options);
        let out = worker.chunk(chunk(&line), ChunkOut::default());
        let text = String::from_utf8_lossy(&out.bytes);
        assert_eq!(out.masked.is_some(), !show_pii);
        assert_eq!(text.contains(id), show_pii, "{text}");
        assert_eq!(text.contains("430102********1234"), !show_pii, "{text}");
    }
}

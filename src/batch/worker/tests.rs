//! A worker goes through a chunk a group at a time (see [`GROUP`]): the records are
//! those of its pieces gone through one at a time.

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

/// Piece `i` of a mixed chunk: mostly JSON lines, with a line that is not UTF-8, one
/// too large, a YAML piece of two documents, and an input that could not be read.
fn piece(i: usize, (yaml, json): &(Vec<String>, Vec<String>)) -> Piece {
    let line = &json[i % json.len()];
    let content = match i % 9 {
        3 => PieceContent::JsonLine([line.as_bytes(), b"\xff"].concat()),
        5 => PieceContent::Yaml(format!("{}\n---\n{}", yaml[i % yaml.len()], yaml[(i + 1) % yaml.len()]).into_bytes()),
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

    let mut alone = Worker::new(&loaded.versions, &loaded.sources, &options);
    let (mut bytes, mut cases) = (Vec::new(), Vec::new());
    for i in 0..pieces {
        let chunk = ChunkIn {
            pieces: vec![piece(i, &examples)],
            inputs: vec![(0, name(i))],
        };
        let out = alone.chunk(chunk, ChunkOut::default());
        let mut start = 0;
        for case in &out.cases {
            let held = out.held[case.held.clone()].to_vec();
            let yes = out.yes[case.yes.clone()].to_vec();
            cases.push((
                case.id.clone(),
                case.status,
                case.evaluated,
                held,
                yes,
                case.end - start,
            ));
            start = case.end;
        }
        bytes.extend_from_slice(&out.bytes);
    }

    assert!(whole.bytes == bytes, "the records differ");
    let grouped: Vec<_> = {
        let mut start = 0;
        whole
            .cases
            .iter()
            .map(|case| {
                let held = whole.held[case.held.clone()].to_vec();
                let yes = whole.yes[case.yes.clone()].to_vec();
                let size = case.end - start;
                start = case.end;
                (case.id.clone(), case.status, case.evaluated, held, yes, size)
            })
            .collect()
    };
    assert_eq!(grouped, cases);
    // One record per case (a YAML piece has two), every kind of piece among them, and
    // more than three groups' worth.
    let yaml_pieces = (0..pieces).filter(|i| i % 9 == 5).count();
    assert_eq!(grouped.len(), pieces + yaml_pieces);
    assert_eq!(whole.bytes.iter().filter(|b| **b == b'\n').count(), grouped.len());
    assert!(grouped.len() > 3 * GROUP);
    assert!(grouped.iter().any(|c| c.1 == Status::Ok && c.2 && !c.3.is_empty()));
    assert!(grouped.iter().filter(|c| c.1 == Status::Error).count() >= 6);
    // The second input's cases start where it does (a YAML piece before it has two).
    let yaml_before = (0..23).filter(|i| i % 9 == 5).count();
    assert_eq!(
        whole.inputs.iter().map(|(at, _)| *at).collect::<Vec<_>>(),
        [0, 23 + yaml_before]
    );
    let text = String::from_utf8_lossy(&whole.bytes);
    assert!(text.contains("b.jsonl") && text.contains("a.jsonl"), "{text}");
}

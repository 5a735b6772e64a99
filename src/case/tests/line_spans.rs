//! Where a diagnostic points in a JSON line the fast path read: found from the root key
//! the reader noted, without reading the line again, at the place the located loader
//! gives.

use super::program;
use crate::case::line_spans::{self, NOT_GIVEN};
use crate::case::{LoadedCase, read_json_line, schema_paths};
use crate::program::Program;
use crate::source::{FileId, SourceMap};
use std::sync::Arc;

/// `line` added to `sources` and read by the fast path, which must take it and keep the
/// line (a failure names it).
fn read_fast(program: &Program, sources: &mut SourceMap, line: &str) -> (FileId, Arc<str>, LoadedCase) {
    let text: Arc<str> = line.into();
    let file = sources.add("cases.jsonl", line);
    let case = read_json_line(program, file, &text).unwrap_or_else(|| panic!("the fast path reads {line}"));
    assert!(case.json_line.is_some(), "the case keeps its line: {line}");
    (file, text, case)
}

#[test]
fn fields_are_found_from_their_root_key_where_the_located_loader_finds_them() {
    let program = program();
    let all = schema_paths(&program);
    let lines = [
        // Compact, the envelope first, an escaped and a Chinese text before later keys.
        r#"{"id":"c1","as_of":"2025-01-01","person":{"id_number":"430102197503101234","remark":"湖南\"x\"","children":2},"employment":{"status":"employed","since":"2024-05-01"},"services":[{"date":"2025-01-02","kind":"training"}],"subsidy_months":["2024-01"]}"#,
        // The schema's fields first and reversed, the envelope last, derived fields given.
        r#"{"subsidy_months":[],"services":[],"employment":{"since":null,"status":"unemployed"},"person":{"birth_date":"1975-03-10","gender":"male"},"as_of":"2025-01-01","id":"c2"}"#,
        // Blanks and tabs around every token; fields left out.
        "{ \"id\" : \"c3\" ,\t\"person\" : { \"id_number\" : \"430102197503101234\" } , \"employment\" : { \"status\" : \"unemployed\" }  } ",
        // The envelope between fields.
        r#"{"employment":{"status":"unemployed"},"id":"c4","person":{"id_number":"430102197503101234"},"as_of":"2025-01-01"}"#,
    ];
    for line in lines {
        let mut sources = SourceMap::new();
        let (file, text, case) = read_fast(&program, &mut sources, line);
        let read = case.json_line.as_ref().expect("the case keeps its line");
        // Each root field written is noted, and only those.
        let schema = program.schemas[0].as_deref().unwrap_or_default();
        for (field, at) in schema.iter().zip(read.root_keys.iter()) {
            let written = line.contains(&format!("\"{}\"", field.name));
            assert_eq!(*at != NOT_GIVEN, written, "{} in {line}", field.name);
        }
        let located = line_spans::located_spans(&program, file, &text);
        for path in &all {
            let fast = line_spans::nearest_span(&program, file, read, path);
            assert!(fast.is_some(), "{path:?} is found in the line itself: {line}");
            let indices = path.iter().map(|i| *i as usize);
            assert_eq!(fast, located.nearest_span(indices), "{path:?} of {line}");
        }
    }
}

/// A root field named as one of the loader's own keys (`id`) is never given: its key is
/// the case's id. A diagnostic about it points at the whole case, as the located loader
/// says (before the reader noted the keys, the fast way pointed at the id).
#[test]
fn a_field_named_id_is_not_the_case_id() {
    let text = "policy \"p\" {}\ncase {\n  a: int? \"甲\"\n  id: text? \"编号\"\n  b: int? \"乙\"\n}\n";
    let mut sources = SourceMap::new();
    let file = sources.add("t.policy", text);
    let (parsed, errors) = crate::syntax::parse_policy(file, text);
    assert!(errors.is_empty(), "{errors:?}");
    let (program, diagnostics) = crate::check::check(&[parsed.expect("the policy parses")]);
    let Some(program) = program else {
        panic!("the policy checks: {diagnostics:?}");
    };
    let line = r#"{"a":1,"id":"x","b":2,"as_of":"2025-01-01"}"#;
    let (file, text, case) = read_fast(&program, &mut sources, line);
    let read = case.json_line.as_ref().expect("the case keeps its line");
    let fast = line_spans::nearest_span(&program, file, read, &[1]);
    let located = line_spans::located_spans(&program, file, &text).nearest_span([1]);
    assert_eq!(fast, located);
    assert_eq!(
        fast.map(|s| (s.start, s.end)),
        Some((0, line.len() as u32)),
        "the whole case"
    );
}

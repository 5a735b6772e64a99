//! The YAML layer: spans in bytes, documents, and what case files may not use.

use super::*;
use crate::diagnostic::Code;
use crate::source::{FileId, LineCol, SourceMap, Span};

fn parse(text: &str) -> (Vec<YamlDocument>, SourceMap) {
    let mut sources = SourceMap::new();
    let file = sources.add("t.yaml", text);
    (parse_documents(file, text), sources)
}

#[test]
fn spans_are_byte_offsets_even_after_chinese_text() {
    let text = "备注: 中文文本\n年龄: \"五十\"  # 注释\nx: [甲, '乙']\n";
    let (docs, sources) = parse(text);
    assert_eq!(docs.len(), 1);
    let root = &docs[0].root;
    let note = root.get("备注").unwrap();
    assert_eq!(note.as_scalar(), Some(("中文文本", ScalarStyle::Plain)));
    assert_eq!(sources.snippet(note.span), "中文文本");
    let age = root.get("年龄").unwrap();
    assert_eq!(sources.snippet(age.span), "\"五十\"");
    assert_eq!(sources.line_col(age.span), LineCol { line: 2, column: 5 });
    let YamlKind::Seq(items) = &root.get("x").unwrap().kind else {
        panic!()
    };
    assert_eq!(sources.snippet(items[1].span), "'乙'");
    assert_eq!(sources.snippet(root.get("x").unwrap().span), "[甲, '乙']");
}

#[test]
fn a_byte_order_mark_is_allowed() {
    let (docs, sources) = parse("\u{feff}id: 甲\n");
    assert_eq!(sources.snippet(docs[0].root.get("id").unwrap().span), "甲");
}

#[test]
fn documents_are_split_and_empty_ones_kept_as_null() {
    let (docs, sources) = parse("a: 1\n---\n# nothing\n---\nb: 2\n...\n");
    assert_eq!(docs.len(), 3);
    assert!(docs[1].root.is_null());
    assert!(docs.iter().all(|d| d.complete && d.diagnostics.is_empty()));
    assert_eq!(sources.snippet(docs[2].root.get("b").unwrap().span), "2");
    assert!(sources.snippet(docs[0].span).starts_with("a: 1"));
}

#[test]
fn anchors_aliases_and_tags_are_rejected() {
    let (docs, _) = parse("a: &x 1\nb: *x\nc: !!str 3\n");
    let codes: Vec<&str> = docs[0].diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["yaml_syntax"; 3]);
    assert!(docs[0].diagnostics[1].message.en().contains("aliases"));
}

#[test]
fn a_syntax_error_resumes_at_the_next_document() {
    let (docs, sources) = parse("a: [1, 2\n---\nb: 1\n---\nc: d: e\n---\nf: 3\n");
    let complete: Vec<bool> = docs.iter().map(|d| d.complete).collect();
    assert_eq!(complete, [false, true, false, true]);
    let first = &docs[0].diagnostics[0];
    assert_eq!(first.code, Code::YamlSyntax);
    assert!(
        first.message.en().starts_with("YAML syntax error: "),
        "{}",
        first.message.en()
    );
    assert_eq!(sources.line_col(first.span.unwrap()).line, 2);
    assert_eq!(
        sources.line_col(docs[2].diagnostics[0].span.unwrap()),
        LineCol { line: 5, column: 5 }
    );
    assert!(docs[3].root.get("f").is_some());
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!("a: {}{}\n---\nb: 1\n", "[".repeat(200), "]".repeat(200));
    let (docs, _) = parse(&text);
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0].diagnostics[0].message.en().contains("nests deeper"),
        "{:#?}",
        docs[0].diagnostics
    );
    assert!(docs[1].root.get("b").is_some());
}

#[test]
fn quoted_scalars_end_at_their_closing_quote() {
    let (docs, sources) = parse("a: \"x\\\"年\" # c\nb: 'it''s' # c\n");
    assert_eq!(sources.snippet(docs[0].root.get("a").unwrap().span), "\"x\\\"年\"");
    assert_eq!(sources.snippet(docs[0].root.get("b").unwrap().span), "'it''s'");
    assert_eq!(
        docs[0].root.get("b").unwrap().as_scalar(),
        Some(("it's", ScalarStyle::Quoted))
    );
}

#[test]
fn null_forms() {
    let null = |t: &str| YamlNode {
        kind: YamlKind::Scalar {
            text: t.into(),
            style: ScalarStyle::Plain,
        },
        span: Span::new(FileId(0), 0, 0),
    };
    assert!(null("").is_null() && null("~").is_null() && null("NULL").is_null());
    assert!(!null("nil").is_null());
}

/// A key given twice is found by looking through a small mapping's keys and through an
/// index of a large one's: the same diagnostics, each pointing at the first place.
#[test]
fn keys_given_twice_are_found_in_small_and_large_mappings() {
    for keys in [3, 16, 17, 200] {
        let mut text: String = (0..keys).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k0: again\n\"k1\": again\n[x]: 1\nnew: 1\nnew: 2\n");
        let (docs, sources) = parse(&text);
        let found: Vec<(String, String, usize)> = docs[0]
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::DuplicateKey)
            .map(|d| {
                let first = d.related.first().map_or(0, |(s, _)| sources.line_col(*s).line);
                (
                    d.message.en().clone(),
                    sources.snippet(d.span.unwrap()).to_string(),
                    first,
                )
            })
            .collect();
        let expected = [
            ("the key `k0` is given twice".to_string(), "k0".to_string(), 1),
            ("the key `k1` is given twice".to_string(), "\"k1\"".to_string(), 2),
            ("the key `new` is given twice".to_string(), "new".to_string(), keys + 4),
        ];
        assert_eq!(found, expected, "{keys} keys");
        let root = docs[0].root.as_map().unwrap();
        assert_eq!(root.len(), keys + 2, "the first of each is kept, and the list key");
        assert_eq!(docs[0].root.get("k0").unwrap().as_scalar().unwrap().0, "0");
    }
}

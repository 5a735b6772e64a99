//! No input makes the loader panic: every prefix of a realistic file, and many
//! corruptions of it, load to cases and diagnostics.

use super::*;

#[test]
fn no_input_panics() {
    let program = program();
    let base = format!("{GOOD}---\nid: 二\nperson: {{ gender: 男, birth_date: 2025-02-30 }}\n");
    let replacements = [
        "", "\"", "'", "[", "]", "{", "}", ":", "- ", "\n", "\t", "&a ", "*a", "!", "年", "---\n", "#", "|\n", "? ",
    ];
    let mut sources = SourceMap::new();
    let boundaries: Vec<usize> = base.char_indices().map(|(i, _)| i).chain([base.len()]).collect();
    for &cut in &boundaries {
        let _ = load_cases(&program, &mut sources, "prefix.yaml", &base[..cut]);
    }
    // A fixed pseudo-random sequence of single edits.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let mut text = base.clone();
        for _ in 0..1 + next() % 3 {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let at = bounds[(next() % bounds.len() as u64) as usize];
            let end = bounds.iter().copied().find(|&b| b > at).unwrap_or(at);
            let with = replacements[(next() % replacements.len() as u64) as usize];
            text = format!("{}{with}{}", &text[..at], &text[end..]);
        }
        let cases = load_cases(&program, &mut sources, "edited.yaml", &text);
        for case in &cases {
            assert_eq!(case.has_errors(), case.facts.is_none());
            for d in &case.diagnostics {
                if let Some(span) = d.span {
                    assert!(span.start <= span.end && span.end as usize <= text.len());
                    assert!(text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize));
                }
            }
        }
    }
}

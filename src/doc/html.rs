//! The HTML the page is written in: text escaped, and the one style sheet, inline, so
//! that the page is a single file that needs nothing else (no script, no font or
//! picture from elsewhere).

use std::ops::Range;

/// Appends `text` to `out` with the characters HTML gives a meaning escaped.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` escaped, with the byte ranges `marked` (sorted, apart, on character
/// boundaries) in `<mark>`.
pub fn marked_into(out: &mut String, text: &str, marked: &[Range<usize>]) {
    let mut at = 0;
    for r in marked {
        let (Some(before), Some(inside)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue;
        };
        escape_into(out, before);
        out.push_str("<mark>");
        escape_into(out, inside);
        out.push_str("</mark>");
        at = r.end;
    }
    escape_into(out, text.get(at..).unwrap_or(""));
}

/// The page's style: the clause's text on the left, the items that cite it on the
/// right (one above the other on a narrow screen); a clause no item cites marked in red.
pub const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --cited: #2f7d4f; --uncited: #c62828; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 0 24px 48px; color: var(--ink);
  font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
header.policy { padding: 20px 0 8px; border-bottom: 2px solid var(--ink); }
h1 { font-size: 24px; margin: 0 0 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.summary { margin: 16px 0; padding: 12px 16px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; }
.summary p { margin: 4px 0; }
.summary .count { font-size: 17px; font-weight: 600; }
.passage { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); gap: 20px;
  padding: 12px 0; border-top: 1px solid var(--line); }
.passage .text { padding: 4px 12px; border-left: 4px solid transparent; }
.passage.cited .text { border-left-color: var(--cited); }
.passage.uncited .text { border-left-color: var(--uncited); background: #fdecea; }
.passage.heading .text { border-left-color: var(--line); }
.passage.preamble .text, .passage.closing .text { color: var(--muted); }
.text p { margin: 4px 0; }
.text h2 { font-size: 18px; margin: 4px 0; }
.chip { display: inline-block; font-size: 12px; padding: 0 8px; margin-right: 6px; border-radius: 10px;
  background: #e8eef4; color: var(--ink); text-decoration: none; font-weight: normal; }
.badge { display: inline-block; font-size: 12px; padding: 0 8px; border-radius: 10px; color: #fff; }
.badge.uncited { background: var(--uncited); }
.badge.warn { background: #9a6700; }
.badge.heading { background: var(--muted); }
.summary .warn { color: #9a6700; }
mark { background: #fff1a8; padding: 0; }
.items { display: flex; flex-direction: column; gap: 10px; }
.item { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fff; }
.item:target { outline: 3px solid #0969da; }
.item .head { font-weight: 600; }
.item .kind { color: var(--muted); font-weight: normal; margin-right: 6px; }
.item .label { margin-left: 6px; }
.item .cite { font-size: 13px; color: var(--muted); margin: 2px 0; }
.item q { color: var(--ink); }
pre.source { margin: 6px 0 0; padding: 8px; background: #f6f8fa; border-radius: 4px; font-size: 12px;
  line-height: 1.5; white-space: pre-wrap; overflow-wrap: anywhere;
  font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; }
pre.source a { color: #0969da; }
section.others { margin-top: 28px; }
section.others h2 { font-size: 19px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
section.others .items { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; }
.note { color: var(--muted); font-size: 14px; }
table.fields { border-collapse: collapse; width: 100%; font-size: 14px; }
table.fields th, table.fields td { text-align: left; padding: 3px 10px; border-bottom: 1px solid var(--line); }
table.fields th { color: var(--muted); font-weight: normal; }
table.fields tr:target { outline: 3px solid #0969da; }
table.fields td.depth-1 { padding-left: 28px; }
table.fields td.depth-2 { padding-left: 46px; }
table.fields td.depth-3 { padding-left: 64px; }
@media (max-width: 800px) {
  body { padding: 0 12px 32px; }
  .passage { grid-template-columns: minmax(0, 1fr); gap: 8px; }
  section.others .items { grid-template-columns: minmax(0, 1fr); }
  dl.facts { grid-template-columns: minmax(0, 1fr); }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_marked() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        let mut out = String::new();
        marked_into(&mut out, "甲<乙>丙丁", &[3..8, 11..14]);
        assert_eq!(out, "甲<mark>&lt;乙&gt;</mark>丙<mark>丁</mark>");
    }
}

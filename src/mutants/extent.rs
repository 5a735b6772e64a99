//! Where an expression is written, brackets included. The AST's spans leave out the
//! brackets around an operand (`(a or b) and c`: the operand's span is `a or b`, and the
//! `and` node's starts inside the bracket), so a mutation that cuts an operand out uses
//! its *extent*: its span, joined with its children's extents, widened over the
//! brackets that enclose exactly it.

use crate::ast::{Expr, ExprKind};
use rustc_hash::FxHashMap;

/// The brackets of one policy file, matched once (outside strings and comments).
pub struct Brackets<'t> {
    text: &'t str,
    /// The offset of each `(` → the offset of its `)`.
    closing: FxHashMap<usize, usize>,
}

impl<'t> Brackets<'t> {
    /// Matches the round brackets of `text`, skipping `"…"` strings and `//` comments.
    pub fn of(text: &'t str) -> Brackets<'t> {
        let bytes = text.as_bytes();
        let (mut open, mut closing) = (Vec::new(), FxHashMap::default());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'(' => open.push(i),
                b')' => {
                    if let Some(o) = open.pop() {
                        closing.insert(o, i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        Brackets { text, closing }
    }

    /// The file's text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The byte range `expr` is written in, its brackets included.
    pub fn extent(&self, expr: &Expr) -> (usize, usize) {
        let (mut start, mut end) = (expr.span.start as usize, expr.span.end as usize);
        for child in children(expr) {
            let (s, e) = self.extent(child);
            start = start.min(s);
            end = end.max(e);
        }
        self.widen(start, self.code_end(start, end))
    }

    /// The end of the last code in `start..end`: a span may end with the blanks and
    /// comments the parser skipped after it (`as_of  // …`).
    fn code_end(&self, start: usize, end: usize) -> usize {
        let bytes = self.text.as_bytes();
        let (mut i, mut last) = (start, start);
        while i < end.min(bytes.len()) {
            match bytes[i] {
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    last = (i + 1).min(end);
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < end && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b if b.is_ascii_whitespace() => {}
                // A full-width space (U+3000) is a blank too.
                0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => i += 2,
                _ => last = i + 1,
            }
            i += 1;
        }
        // `last` may fall inside a multi-byte character: move it to the character's end.
        while last < end && !self.text.is_char_boundary(last) {
            last += 1;
        }
        last
    }

    /// `start..end` widened over every pair of brackets that encloses exactly it.
    fn widen(&self, mut start: usize, mut end: usize) -> (usize, usize) {
        loop {
            let before = self.text.get(..start).unwrap_or("").trim_end();
            let rest = self.text.get(end..).unwrap_or("");
            let close = end + (rest.len() - rest.trim_start().len());
            let open = before.len().checked_sub(1).filter(|&o| before.as_bytes()[o] == b'(');
            match open {
                Some(o) if self.closing.get(&o) == Some(&close) => {
                    start = o;
                    end = close + 1;
                }
                _ => return (start, end),
            }
        }
    }

    /// The first token between `from` and `to` (after blanks and comments): where an
    /// infix operator between two operands is written.
    pub fn token_between(&self, from: usize, to: usize) -> Option<usize> {
        let gap = self.text.get(from..to)?;
        let mut offset = 0;
        loop {
            let rest = &gap[offset..];
            let trimmed = rest.trim_start();
            offset += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                offset += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if trimmed.is_empty() {
                return None;
            } else {
                return Some(from + offset);
            }
        }
    }
}

/// The sub-expressions of an expression, in the order they are written.
pub fn children(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::Lit(_) | ExprKind::Path(_) | ExprKind::Variant(..) | ExprKind::Holds(..) => Vec::new(),
        ExprKind::Unary(_, e) | ExprKind::WithUnit(e, _) | ExprKind::Field(e, _) => vec![e],
        ExprKind::Is { expr, .. } => vec![expr],
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => vec![a, b],
        ExprKind::If(c, a, b) => vec![c, a, b],
        ExprKind::Match(e, arms) => std::iter::once(&**e).chain(arms.iter().map(|a| &a.body)).collect(),
        ExprKind::Aggregate {
            list,
            filter,
            body,
            until,
            ..
        } => std::iter::once(&**list)
            .chain(filter.as_deref())
            .chain(body.as_deref())
            .chain(until.as_deref())
            .collect(),
        ExprKind::Call(_, args) | ExprKind::List(args) => args.iter().collect(),
        ExprKind::Record(fields) => fields.iter().map(|(_, e)| e).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::Brackets;

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = "(a \")\" // )\n b)";
        let b = Brackets::of(text);
        assert_eq!(b.closing.get(&0), Some(&(text.len() - 1)));
        assert_eq!(b.widen(1, text.len() - 1), (0, text.len()));
    }

    #[test]
    fn an_extent_leaves_out_trailing_blanks_and_comments() {
        let text = "as_of // 注释\n  \n";
        let b = Brackets::of(text);
        assert_eq!(b.code_end(0, text.len()), 5);
        let text = "\"文本\"　";
        assert_eq!(Brackets::of(text).code_end(0, text.len()), "\"文本\"".len());
    }

    #[test]
    fn the_token_after_blanks_and_comments() {
        let b = Brackets::of("a // x\n  and b");
        assert_eq!(b.token_between(1, 14), Some(9));
        assert_eq!(b.token_between(1, 2), None);
    }
}

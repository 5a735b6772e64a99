//! Where the words a citation quotes stand in a clause's text. A quote may leave words
//! out with an ellipsis (`男职工……延迟至六十三周岁`): its pieces are found in order.

use std::ops::Range;

/// The marks that stand for words left out of a quote.
const ELLIPSES: [&str; 3] = ["……", "…", "..."];

/// The byte ranges of `quote`'s pieces in `text`, in order; `None` when a piece is not
/// there (or the quote has no words).
pub fn find(text: &str, quote: &str) -> Option<Vec<Range<usize>>> {
    let mut pieces = vec![quote];
    for ellipsis in ELLIPSES {
        pieces = pieces.iter().flat_map(|p| p.split(ellipsis)).collect();
    }
    let mut found = Vec::new();
    let mut from = 0;
    for piece in pieces.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let at = from + text.get(from..)?.find(piece)?;
        found.push(at..at + piece.len());
        from = at + piece.len();
    }
    (!found.is_empty()).then_some(found)
}

/// `ranges` sorted and merged where they overlap or touch.
pub fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_whole_or_by_its_pieces() {
        let text = "男职工法定退休年龄每四个月延迟一个月，逐步延迟至六十三周岁。";
        let whole = find(text, "每四个月延迟一个月").expect("found");
        assert_eq!((whole.len(), whole[0].start, whole[0].end), (1, 27, 54));
        let pieces = find(text, "男职工……延迟至六十三周岁").expect("found");
        assert_eq!(pieces.len(), 2);
        assert_eq!(&text[pieces[1].clone()], "延迟至六十三周岁");
        // Pieces in the wrong order, a word not there, nothing at all: not found.
        assert_eq!(find(text, "六十三周岁……男职工"), None);
        assert_eq!(find(text, "女职工"), None);
        assert_eq!(find(text, "……"), None);
    }

    #[test]
    fn ranges_are_merged() {
        assert_eq!(merged(vec![5..9, 0..3, 2..4, 9..10]), vec![0..4, 5..10]);
    }
}

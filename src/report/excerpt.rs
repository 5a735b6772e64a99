//! The part of a source file that miette draws for one diagnostic: the lines of its
//! labels and a few around them, not the whole file.
//!
//! miette finds the lines of a span by reading its source from the first byte, and ID
//! numbers used to be masked over the whole file for every diagnostic: a file with a
//! diagnostic on each of its n cases cost n² (issue 9, D2). An [`Excerpt`] is cut at line
//! starts found with the file's line index, masked on its own, and answers miette's
//! questions as the whole file would: offsets, line numbers and columns are those of
//! the file.

use crate::privacy::Pii;
use crate::source::SourceFile;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines kept beyond those miette draws around each label, on each side, so that
/// miette never reads up to an edge of a chunk where the file goes on.
const MARGIN: usize = 2;

/// The lines of a source file that one diagnostic's labels are on, standing in for the
/// whole file.
#[derive(Debug)]
pub(super) struct Excerpt {
    /// The file's name, shown by miette.
    name: String,
    /// Line-aligned pieces of the file, in order, apart from each other.
    chunks: Vec<Chunk>,
}

/// Consecutive lines of a file.
#[derive(Debug)]
struct Chunk {
    /// The text of the lines, masked unless `--show-pii`.
    text: String,
    /// The file offset of the first byte of `text`.
    offset: usize,
    /// The number of lines, as miette counts them, before `text`.
    line: usize,
}

impl Excerpt {
    /// The lines of `file` that the labels (byte ranges) are on, with `context` lines
    /// (miette's) and a margin either side.
    pub(super) fn new(
        file: &SourceFile,
        labels: impl IntoIterator<Item = (usize, usize)>,
        context: usize,
        mask: bool,
    ) -> Self {
        let end = file.text.len();
        let mut lines: Vec<(usize, usize)> = labels
            .into_iter()
            .map(|(start, stop)| (file.line_of(start.min(end)), file.line_of(stop.min(end))))
            .collect();
        lines.sort_unstable();
        // miette draws two labels as one piece when the line its first piece starts on
        // plus the number of lines up to that piece's end reaches the line of the second
        // piece (so far-apart labels low in a file can make one long piece). Labels it
        // may draw as one, and labels whose lines are close, share a chunk; the others
        // get chunks of their own, so that labels far apart do not make the excerpt as
        // long as the file.
        let reach = 2 * (context + MARGIN) + 2;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for (first, last) in lines {
            match groups.last_mut() {
                Some(group) if first <= group.0.saturating_add(group.1).saturating_add(reach) => {
                    group.1 = group.1.max(last);
                }
                _ => groups.push((first, last)),
            }
        }
        let around = context + MARGIN;
        let last_line = groups.last().map_or(0, |g| g.1);
        // miette takes a `\r` alone as a line break and the line index does not: with
        // one about, the lines are numbered as miette numbers them only from the start.
        if !file.counts_lines_like_miette_before(file.line_start(last_line.saturating_add(around + 1))) {
            groups = vec![(0, last_line)];
        }
        let chunks = groups
            .into_iter()
            .map(|(first, last)| {
                let start = file.line_start(first.saturating_sub(around));
                let stop = file.line_start(last.saturating_add(around + 1));
                Chunk::new(file, start, stop, mask)
            })
            .collect();
        Excerpt {
            name: file.name.clone(),
            chunks,
        }
    }
}

impl Chunk {
    /// The text of `file` from `start` to `stop`, both line starts or ends of the text.
    fn new(file: &SourceFile, start: usize, stop: usize, mask: bool) -> Chunk {
        // Line starts (just after a `\n`) and the ends of the text are character
        // boundaries. Masking looks at no byte beyond a line, so a chunk masked on its
        // own is what masking the whole file shows there.
        let slice = file.text.get(start..stop).unwrap_or("");
        let pii = if mask { Pii::Mask } else { Pii::Show };
        let text = pii.apply(slice).into_owned();
        Chunk {
            text,
            offset: start,
            line: file.line_of(start),
        }
    }

    /// The span relative to the chunk, when the chunk holds all of it.
    fn local(&self, span: &SourceSpan) -> Option<SourceSpan> {
        let local = span.offset().checked_sub(self.offset)?;
        (local + span.len() <= self.text.len()).then(|| SourceSpan::new(local.into(), span.len()))
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (chunk, local) = self
            .chunks
            .iter()
            .find_map(|c| c.local(span).map(|local| (c, local)))
            .ok_or(MietteError::OutOfBounds)?;
        let inner = chunk
            .text
            .as_bytes()
            .read_span(&local, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + chunk.offset).into(), inner.span().len()),
            inner.line() + chunk.line,
            inner.column(),
            // miette's line count runs from the start of what it reads.
            inner.line_count() + chunk.line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    /// What miette reads from an excerpt is what it reads from the whole file.
    #[test]
    fn an_excerpt_reads_as_the_whole_file() {
        let text: String = (0..200)
            .map(|i| format!("line {i} 年龄 430102197503101234\n"))
            .collect();
        let mut map = SourceMap::new();
        let id = map.add("f", text.as_str());
        let file = map.get(id);
        for at in [0, 5, 700, 3000, text.len() - 3, text.len()] {
            for context in [0, 1, 2] {
                let excerpt = Excerpt::new(file, [(at, at + 1)], context, false);
                let span = SourceSpan::new(at.into(), 1.min(text.len() - at));
                let whole = text.as_bytes().read_span(&span, context, context).ok();
                let part = excerpt.read_span(&span, context, context).ok();
                let view = |c: &dyn SpanContents| (c.data().to_vec(), *c.span(), c.line(), c.column(), c.line_count());
                assert_eq!(
                    whole.as_deref().map(view),
                    part.as_deref().map(view),
                    "at {at}, context {context}"
                );
            }
        }
    }

    #[test]
    fn an_excerpt_is_short_and_masked() {
        let text: String = (0..10_000).map(|i| format!("{i}: 430102197503101234\n")).collect();
        let mut map = SourceMap::new();
        let id = map.add("f", text.as_str());
        let excerpt = Excerpt::new(map.get(id), [(text.len() / 2, text.len() / 2)], 1, true);
        let text = &excerpt.chunks[0].text;
        assert_eq!(excerpt.chunks.len(), 1);
        assert!(text.lines().count() <= 1 + 2 * (1 + MARGIN));
        assert!(text.contains("430102********1234") && !text.contains("430102197503101234"));
    }

    /// A label at line 30,000 of a 100,000-line file and one at its end (where a rule
    /// was first declared and its duplicate): two short chunks, not the 70,000 lines
    /// between. (Two labels past the middle miette would draw as one long piece.)
    #[test]
    fn labels_far_apart_get_a_short_chunk_each() {
        let text = "x\n".repeat(100_000);
        let mut map = SourceMap::new();
        let id = map.add("f", text.as_str());
        let (early, end) = (2 * 30_000, text.len() - 2);
        let excerpt = Excerpt::new(map.get(id), [(end, end + 1), (early, early + 1)], 1, true);
        let lines: Vec<usize> = excerpt.chunks.iter().map(|c| c.text.lines().count()).collect();
        assert_eq!(lines, [1 + 2 * (1 + MARGIN), 1 + 1 + MARGIN]);
        let at_end = excerpt
            .read_span(&SourceSpan::new(end.into(), 1), 0, 0)
            .map(|c| c.line())
            .ok();
        assert_eq!(at_end, Some(99_999));
    }

    #[test]
    fn a_lone_carriage_return_keeps_miette_line_numbers() {
        let text = format!("a\rb\n{}end\n", "x\n".repeat(50));
        let mut map = SourceMap::new();
        let id = map.add("f", text.as_str());
        let at = text.len() - 2;
        let span = SourceSpan::new(at.into(), 1);
        let excerpt = Excerpt::new(map.get(id), [(at, at + 1)], 1, false);
        let whole = text.as_bytes().read_span(&span, 1, 1).map(|c| c.line()).ok();
        assert_eq!(excerpt.read_span(&span, 1, 1).map(|c| c.line()).ok(), whole);
    }
}

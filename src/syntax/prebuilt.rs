//! Parse trees made at build time. `build.rs` parses the built-in policy files with the
//! same grammar and writes each piece's tree (see `split.rs` for the pieces), so that
//! `zhengce` need not parse them again at every start: pest takes milliseconds on the
//! built-in policy, rebuilding its trees a tenth of that.
//!
//! The format (numbers as LEB128 varints), piece after piece: `start end count`, then
//! `count` nodes in pre-order, each `rule start end descendants` (`rule`: 0 for `EOI`,
//! else one more than the index in `Rule::all_rules()`; `start`, `end`: byte offsets in
//! the piece; `descendants`: how many of the following nodes lie inside it). A `count`
//! of 0: the piece did not parse at build time, and is parsed at run time, for its
//! errors.

use super::Rule;
use pest::iterators::{Pairs, PairsBuilder};

/// Reads the trees of one file's pieces, in order.
pub(super) struct Trees<'b> {
    bytes: &'b [u8],
}

/// One node of a tree as written.
#[derive(Clone, Copy)]
struct Node {
    rule: Rule,
    start: usize,
    end: usize,
    descendants: usize,
}

impl<'b> Trees<'b> {
    /// The trees as `build.rs` wrote them.
    pub fn new(bytes: &'b [u8]) -> Trees<'b> {
        Trees { bytes }
    }

    /// The tree of the next piece, which must be `text[start..end]`; `None` when there
    /// is none or it does not fit the piece (then the piece is parsed as usual).
    pub fn next<'i>(&mut self, text: &'i str, start: usize, end: usize) -> Option<Pairs<'i, Rule>> {
        let piece = text.get(start..end)?;
        let Some((written, nodes)) = self.record(piece) else {
            // Bytes that do not read as a record: none of the rest is trusted.
            self.bytes = &[];
            return None;
        };
        if written != (start, end) || nodes.is_empty() {
            return None;
        }
        let mut at = 0;
        let pairs = build(PairsBuilder::new(piece), &nodes, &mut at, nodes.len())?;
        Some(pairs.build())
    }

    /// The next piece's range and nodes.
    fn record(&mut self, piece: &str) -> Option<((usize, usize), Vec<Node>)> {
        let written = (self.number()?, self.number()?);
        let count = self.number()?;
        let mut nodes = Vec::with_capacity(count.min(self.bytes.len()));
        for _ in 0..count {
            nodes.push(self.node(piece)?);
        }
        Some((written, nodes))
    }

    fn node(&mut self, piece: &str) -> Option<Node> {
        let rule = match self.number()? {
            0 => Rule::EOI,
            n => *Rule::all_rules().get(n - 1)?,
        };
        let (start, end) = (self.number()?, self.number()?);
        let descendants = self.number()?;
        // PairsBuilder panics on a span that is not one of the piece's.
        let fits = start <= end && piece.get(start..end).is_some();
        fits.then_some(Node {
            rule,
            start,
            end,
            descendants,
        })
    }

    /// A LEB128 varint.
    fn number(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            value |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
}

/// Adds `nodes[*at..stop]` (whole subtrees) to `builder`; `None` when a node claims
/// more descendants than there are.
fn build<'i>(
    mut builder: PairsBuilder<'i, Rule>,
    nodes: &[Node],
    at: &mut usize,
    stop: usize,
) -> Option<PairsBuilder<'i, Rule>> {
    while *at < stop {
        let node = *nodes.get(*at)?;
        *at += 1;
        let inner_stop = at.checked_add(node.descendants).filter(|s| *s <= stop)?;
        builder = if node.descendants == 0 {
            builder.rule(node.rule, node.start, node.end)
        } else {
            let mut whole = true;
            let built = builder.rule_with(node.rule, node.start, node.end, |inner| {
                build(inner, nodes, at, inner_stop).unwrap_or_else(|| {
                    whole = false;
                    PairsBuilder::new("")
                })
            });
            if !whole {
                return None;
            }
            built
        };
    }
    Some(builder)
}

#[cfg(test)]
mod tests {
    use super::super::{PolicyParser, split_items};
    use super::*;
    use crate::policy_set::{BUILTIN, BUILTIN_TREES};
    use pest::Parser;

    fn flat(pairs: Pairs<Rule>) -> Vec<(Rule, usize, usize)> {
        pairs
            .flatten()
            .map(|p| (p.as_rule(), p.as_span().start(), p.as_span().end()))
            .collect()
    }

    /// The trees build.rs wrote are the trees pest makes of the same pieces now.
    #[test]
    fn every_piece_of_the_builtin_policy_has_its_parse_tree() {
        let policies: Vec<_> = BUILTIN.iter().filter(|(path, _)| path.ends_with(".policy")).collect();
        assert_eq!(policies.len(), BUILTIN_TREES.len());
        for (path, text) in policies {
            let (_, bytes) = BUILTIN_TREES.iter().find(|(p, _)| p == path).expect("trees");
            let mut trees = Trees::new(bytes);
            for (index, (start, end)) in split_items(text).into_iter().enumerate() {
                let rule = if index == 0 { Rule::header_file } else { Rule::items };
                let parsed = PolicyParser::parse(rule, &text[start..end]).expect("the built-in policy parses");
                let rebuilt = trees.next(text, start, end).expect("a tree for every piece");
                assert_eq!(flat(rebuilt), flat(parsed), "{path} at {start}");
            }
            assert!(trees.bytes.is_empty());
        }
    }

    /// Rebuilt or parsed, a file lowers to the same AST; trees that are cut short,
    /// damaged or another file's are not used, and the pieces they miss are parsed.
    #[test]
    fn rebuilt_trees_lower_as_parsed_ones_and_bad_ones_are_not_used() {
        use super::super::{parse_builtin_policy, parse_policy};
        use crate::source::SourceMap;
        let (_, text) = BUILTIN
            .iter()
            .find(|(p, _)| p.ends_with("2025-employment-assistance.policy"))
            .expect("built in");
        let (_, trees) = BUILTIN_TREES
            .iter()
            .find(|(p, _)| p.ends_with("2025-employment-assistance.policy"))
            .expect("trees");
        let mut map = SourceMap::new();
        let file = map.add("p.policy", *text);
        let parsed = format!("{:?}", parse_policy(file, text));
        assert_eq!(format!("{:?}", parse_builtin_policy(file, text, trees)), parsed);
        let mut damaged = trees.to_vec();
        for (i, byte) in damaged.iter_mut().enumerate().step_by(97) {
            *byte ^= (i % 251) as u8;
        }
        let other = BUILTIN_TREES
            .iter()
            .find(|(p, _)| !p.ends_with("2025-employment-assistance.policy"))
            .expect("another file");
        for bad in [&trees[..trees.len() / 2], &damaged[..], other.1, &[0xff; 40][..], &[]] {
            assert_eq!(format!("{:?}", parse_builtin_policy(file, text, bad)), parsed);
        }
    }
}

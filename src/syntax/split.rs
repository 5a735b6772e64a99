//! Cutting a policy file into the pieces parsed one by one: the header, then runs of
//! items. A file of its own, with no dependency, because `build.rs` cuts the built-in
//! policy files the same way (to parse them at build time).

use super::keywords::in_english;

/// Words that start a top-level item when they stand at the start of a line (or
/// their Chinese twins).
const ITEM_STARTS: &[&str] = &[
    "enum",
    "case",
    "param",
    "table",
    "define",
    "decision",
    "category",
    "exit",
    "tier",
    "deadline",
    "obligation",
    "entitlement",
    "referral",
    "limit",
    "check",
    "replace",
    "repeal",
];

/// Byte ranges of the header and of each run of items, cut before every line that
/// starts with an item keyword in column 0.
pub fn split_items(text: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && starts_item(line) {
            cuts.push(offset);
        }
        offset += line.len();
    }
    cuts.push(text.len());
    // The header is everything before the first item.
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

fn starts_item(line: &str) -> bool {
    // Most lines start with a space or a bracket: no keyword to try.
    if !line.starts_with(|c: char| c.is_ascii_lowercase() || !c.is_ascii()) {
        return false;
    }
    let end = line.find([' ', '\t', '{']).unwrap_or(line.len());
    end < line.len() && ITEM_STARTS.contains(&in_english(&line[..end]))
}

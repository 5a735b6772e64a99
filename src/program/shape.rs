//! A checked program's shape: what it decides, without where it was written.

use super::Program;

/// The checked programs as text with every place (`Span { … }`) left out: two
/// programs with the same shape decide every case alike, whatever their layout,
/// comments and keyword set (`test --mutants`' equivalents, `fmt --keywords`' tests).
pub fn shape_of(versions: &[Program]) -> String {
    let text = format!("{versions:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("Span {") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match after.find('}') {
            Some(close) => rest = &after[close + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

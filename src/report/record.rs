//! The JSON decision record written as bytes (a batch writes a million): the parts
//! zhengce knows the shape of (keys, dates, numbers, rule ids, names) are written as
//! they are, and only texts that need it go through serde_json's escaping. The record
//! is the one [`super::decision_json`] makes, byte for byte (a test checks it on every
//! case under `tests/cases`); diagnostics and the trace are serialized as there.

use super::short_text::extend_short;
use super::{RenderOptions, Trace};
use crate::case::mask_id;
use crate::diagnostic::Diagnostic;
use crate::eval::{Decision, Memo};
use crate::lang::Lang;
use crate::program::{Program, RuleIdx};
use crate::run::{CaseResult, Status};
use crate::source::SourceMap;
use crate::value::{IsoDate, Value, YearMonth};

/// Appends one case's decision record to `out`, as one line of JSON.
/// `memo` is the decision's memo when it is given for the trace rather than copied.
pub(super) fn write_record(
    out: &mut Vec<u8>,
    r: &CaseResult,
    memo: Option<Memo>,
    program: &Program,
    sources: &SourceMap,
    options: &RenderOptions,
) {
    out.extend_from_slice(b"{\"case\":");
    match &r.id {
        Some(id) => text(out, id),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(if r.status == Status::Ok {
        b",\"status\":\"ok\""
    } else {
        b",\"status\":\"error\""
    });
    if let (Some(decision), Some(facts)) = (&r.decision, r.facts()) {
        out.extend_from_slice(b",\"as_of\":");
        date(out, decision.as_of);
        out.extend_from_slice(&program.record_bytes.header);
        for (key, v) in program.record_bytes.outputs.iter().zip(&decision.outputs) {
            extend_short(out, key);
            value(out, v, program, options.show_pii);
        }
        held_rules(out, decision, program, options.show_pii);
        diagnostics(out, r, sources, options.lang);
        if options.trace == Trace::Included {
            let trace = super::json::trace_of(program, decision, memo, facts, options);
            out.extend_from_slice(b",\"trace\":[");
            // One look at the whole trace for what needs escaping, rather than one a line.
            let escape = needs_escaping(trace.text().as_bytes());
            for (i, line) in trace.lines().enumerate() {
                comma(out, i);
                if escape {
                    text(out, line);
                } else {
                    quoted(out, line.as_bytes());
                }
            }
            out.push(b']');
        }
    } else {
        diagnostics(out, r, sources, options.lang);
    }
    out.extend_from_slice(b"}\n");
}

/// The rules that hold, a list per kind (checks aside); for tiers, the one that holds
/// or null. A kind whose rules yield values lists objects, one per rule that holds.
/// The kinds, keys and ids are the program's bytes (see [`crate::program::RecordBytes`]).
fn held_rules(out: &mut Vec<u8>, decision: &Decision, program: &Program, show_pii: bool) {
    let bytes = &program.record_bytes;
    let holds = |i: &RuleIdx| decision.outcomes.get(i.0 as usize).is_some_and(|o| o.holds);
    for kind in &bytes.kinds {
        extend_short(out, &kind.key);
        if !kind.single {
            out.push(b'[');
        }
        let mut n = 0;
        for i in kind.rules.iter().filter(|i| holds(i)) {
            if kind.single && n == 1 {
                break;
            }
            comma(out, n);
            n += 1;
            let id = bytes.rule_ids.get(i.0 as usize).map_or(&b"null"[..], |id| &id[..]);
            let Some(start) = &kind.object_start else {
                extend_short(out, id);
                continue;
            };
            extend_short(out, start);
            extend_short(out, id);
            let yields = decision.yields_of(*i);
            if let (Some(keys), Some(values)) = (bytes.yield_keys.get(i.0 as usize), yields) {
                for (key, v) in keys.iter().zip(values) {
                    extend_short(out, key);
                    value(out, v, program, show_pii);
                }
            }
            out.push(b'}');
        }
        match (kind.single, n) {
            (true, 0) => out.extend_from_slice(b"null"),
            (true, _) => {}
            (false, _) => out.push(b']'),
        }
    }
}

/// `,"diagnostics":[…]`, each placed in its file.
fn diagnostics(out: &mut Vec<u8>, r: &CaseResult, sources: &SourceMap, lang: Lang) {
    out.extend_from_slice(b",\"diagnostics\":[");
    for (i, d) in r.diagnostics.iter().enumerate() {
        comma(out, i);
        diagnostic(out, d, sources, lang);
    }
    out.push(b']');
}

/// A diagnostic as `DiagnosticJson` serializes it: severity, code, message, the
/// clause it cites, where it is, and the hint (written here, as the rest of the record
/// is, rather than through serde_json's map serializer).
fn diagnostic(out: &mut Vec<u8>, d: &Diagnostic, sources: &SourceMap, lang: Lang) {
    out.extend_from_slice(b"{\"severity\":");
    text(out, d.severity.as_str());
    out.extend_from_slice(b",\"code\":");
    text(out, d.code.as_str());
    out.extend_from_slice(b",\"message\":");
    text(out, &d.message.get(lang));
    if let Some(cite) = &d.cite {
        out.extend_from_slice(b",\"cite\":");
        text(out, cite);
    }
    if let Some(span) = d.span {
        out.extend_from_slice(b",\"file\":");
        text(out, &sources.get(span.file).name);
        let at = sources.line_col(span);
        out.extend_from_slice(b",\"line\":");
        number(out, i64::try_from(at.line).unwrap_or(i64::MAX));
        out.extend_from_slice(b",\"column\":");
        number(out, i64::try_from(at.column).unwrap_or(i64::MAX));
    }
    if let Some(help) = &d.help {
        out.extend_from_slice(b",\"help\":");
        text(out, &help.get(lang));
    }
    out.push(b'}');
}

/// A value: dates and months as text, periods as numbers, enum values by name.
fn value(out: &mut Vec<u8>, v: &Value, program: &Program, show_pii: bool) {
    match v {
        Value::List(items) | Value::Record(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                comma(out, i);
                // The items of most lists (months, dates, names) written here, without
                // a call each.
                match item {
                    Value::List(_) | Value::Record(_) => value(out, item, program, show_pii),
                    _ => scalar(out, item, program, show_pii),
                }
            }
            out.push(b']');
        }
        _ => scalar(out, v, program, show_pii),
    }
}

/// A value that is not a list or a record (see [`value`]).
#[inline(always)]
fn scalar(out: &mut Vec<u8>, v: &Value, program: &Program, show_pii: bool) {
    match v {
        Value::Absent => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Int(n) | Value::Quantity(n, _) => number(out, *n),
        Value::Text(t) => text(out, t),
        Value::ResidentId(id) if show_pii => text(out, id),
        Value::ResidentId(id) => text(out, &mask_id(id)),
        Value::Date(d) => date(out, *d),
        Value::Month(m) => month(out, *m),
        Value::Enum(e, i) => match program
            .record_bytes
            .variants
            .get(e.0 as usize)
            .and_then(|t| t.get(*i as usize))
        {
            Some(name) => extend_short(out, name),
            None => out.extend_from_slice(b"null"),
        },
        Value::List(_) | Value::Record(_) => value(out, v, program, show_pii),
    }
}

/// A comma before every item but the first.
fn comma(out: &mut Vec<u8>, i: usize) {
    if i > 0 {
        out.push(b',');
    }
}

/// A JSON string. Most texts need no escaping (no quote, backslash or control
/// character: serde_json writes other characters as they are) and are copied.
fn text(out: &mut Vec<u8>, s: &str) {
    if needs_escaping(s.as_bytes()) {
        // Into a Vec: no I/O error.
        let _ = serde_json::to_writer(&mut *out, s);
        return;
    }
    quoted(out, s.as_bytes());
}

/// Whether `bytes` hold a quote, a backslash or a control character. A trace is
/// kilobytes a case, all looked at here: 64 bytes at a time, compared without an early
/// exit so that the compiler compares them all at once (SIMD: about a third of the
/// instructions of eight bytes at a time); what is left eight bytes at a time (a byte
/// is one of them when it is below 0x20 or equal to one of two values), then one by one.
fn needs_escaping(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let special = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let mut blocks = bytes.chunks_exact(64);
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | special(b)) {
            return true;
        }
    }
    // A byte of `x` is zero (or, for `below`, under `n`): its high bit in the result.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let mut chunks = blocks.remainder().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| special(b))
}

/// A whole number in decimal.
fn number(out: &mut Vec<u8>, n: i64) {
    extend_short(out, itoa::Buffer::new().format(n).as_bytes());
}

/// A date as `"YYYY-MM-DD"`: made on the stack and copied once.
fn date(out: &mut Vec<u8>, d: chrono::NaiveDate) {
    // The quotes and the text written at once: a record writes a dozen dates and
    // months, and each byte pushed on its own checked the room left.
    match IsoDate(d).ascii() {
        Some([y0, y1, y2, y3, h0, m0, m1, h1, d0, d1]) => {
            out.extend_from_slice(&[b'"', y0, y1, y2, y3, h0, m0, m1, h1, d0, d1, b'"']);
        }
        None => text(out, &IsoDate(d).to_string()),
    }
}

/// A month as `"YYYY-MM"` (written as [`date`] writes a date).
fn month(out: &mut Vec<u8>, m: YearMonth) {
    match m.ascii() {
        Some([y0, y1, y2, y3, h, m0, m1]) => out.extend_from_slice(&[b'"', y0, y1, y2, y3, h, m0, m1, b'"']),
        None => text(out, &m.to_string()),
    }
}

/// Text that needs no escaping (ASCII, or checked), between quotes.
fn quoted(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    extend_short(out, bytes);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::needs_escaping;

    /// 64 and eight bytes at a time find what one byte at a time finds, at every place
    /// of a block or a word and in the remainder, among bytes of every value (UTF-8
    /// ones too).
    #[test]
    fn escaping_is_found_as_byte_by_byte() {
        let naive = |bytes: &[u8]| bytes.iter().any(|b| *b < 0x20 || *b == b'"' || *b == b'\\');
        for len in (1..=19).chain([63, 64, 65, 72, 79, 130]) {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![0xe4u8; len];
                    bytes[at] = b;
                    assert_eq!(needs_escaping(&bytes), naive(&bytes), "{b:#x} at {at} of {len}");
                    bytes.iter_mut().for_each(|x| *x = b'a');
                    bytes[at] = b;
                    assert_eq!(needs_escaping(&bytes), naive(&bytes), "{b:#x} at {at} of {len}");
                }
            }
        }
        assert!(!needs_escaping("就业困难人员 2025-09-01".as_bytes()));
    }
}

//! Where a diagnostic points in a case the fast path read (see `json_line`): the fast
//! path keeps no spans, so the place of a field is found in the line when a diagnostic
//! asks for it, as [`CaseSpans::nearest_span`](super::CaseSpans::nearest_span) would
//! give it.

use super::CaseSpans;
use super::record::schema;
use crate::program::{Program, SchemaShape};
use crate::source::{FileId, Span};
use crate::yaml::json_key_span;
use jiter::{Jiter, Peek};
use std::sync::Arc;

/// A line the fast path read as a case, with where it found the keys of the case's
/// root: the field a diagnostic points at is then found from its key, without going
/// through the values before it (`assessment` comes after most of a case).
#[derive(Debug, Clone)]
pub struct JsonLine {
    /// The line.
    pub text: Arc<str>,
    /// For each field of the root record of the version that read the line (the
    /// latest: amendments keep every field's place), where the reader was before its
    /// key — at the object's `{`, or just after the value before it (blanks, then the
    /// `,`) — or [`NOT_GIVEN`].
    pub root_keys: Box<[u32]>,
}

/// In [`JsonLine::root_keys`]: the field is not in the line.
pub const NOT_GIVEN: u32 = u32::MAX;

/// Where the located loader would point for the value at `path` (field indices through
/// records from the case root) of a line the fast path read: as
/// [`CaseSpans::nearest_span`](super::CaseSpans::nearest_span) says, its value when it
/// was written (for a field derived from an ID number and left out, that ID), else the
/// key of the nearest record around it that was written, else the whole case. `None`
/// when the path leaves the records (the caller then reads the line located).
pub(crate) fn nearest_span(program: &Program, file: FileId, line: &JsonLine, path: &[u16]) -> Option<Span> {
    let text: &str = &line.text;
    // From the root's key on the path, where the reader noted it: the reader below
    // starts there, and `base` makes its places the line's.
    let first = line.root_keys.get(usize::from(*path.first()?)).copied();
    let base = first.filter(|at| *at != NOT_GIVEN).map_or(0, |at| at as usize);
    let mut jiter = Jiter::new(text.as_bytes().get(base..)?);
    let mut record = Program::ROOT;
    let mut around: Option<Span> = None;
    for (depth, &i) in path.iter().enumerate() {
        let field = schema(program, record).get(i as usize)?;
        let last = depth + 1 == path.len();
        let found = match first {
            Some(NOT_GIVEN) if depth == 0 => None,
            Some(_) if depth == 0 => next_key(&mut jiter, base, file, text, &field.name)?,
            _ => find_key(&mut jiter, base, file, text, &field.name)?,
        };
        // A field derived from an ID number, left out or null, points at the ID it
        // came from, when that is written.
        if last
            && let Some(derive) = &field.derive
            && found.is_none_or(|(_, peek)| peek == Peek::Null)
            && let Some(source) = nearest_value(program, file, text, &derive.source)?
        {
            return Some(source);
        }
        // Left out: the nearest written record around it.
        let Some((key, peek)) = found else {
            return Some(around.unwrap_or(root_span(file, text)?));
        };
        let start = base + jiter.current_index();
        match (&field.shape, peek) {
            _ if last => {
                jiter.known_skip(peek).ok()?;
                return Some(Span::new(file, start, base + jiter.current_index()));
            }
            (SchemaShape::Record(r), Peek::Object) => {
                around = Some(key);
                record = *r;
            }
            // A record given as null: nothing under it was written.
            (SchemaShape::Record(_), Peek::Null) => return Some(key),
            _ => return None,
        }
    }
    root_span(file, text)
}

/// The span of the value at `path` when it is written and not null; `Some(None)` when
/// it is not.
fn nearest_value(program: &Program, file: FileId, line: &str, path: &[u16]) -> Option<Option<Span>> {
    let mut jiter = Jiter::new(line.as_bytes());
    jiter.peek().ok()?;
    let mut record = Program::ROOT;
    for (depth, &i) in path.iter().enumerate() {
        let field = schema(program, record).get(i as usize)?;
        let Some((_, peek)) = find_key(&mut jiter, 0, file, line, &field.name)? else {
            return Some(None);
        };
        let start = jiter.current_index();
        match (&field.shape, peek) {
            (_, Peek::Null) => return Some(None),
            _ if depth + 1 == path.len() => {
                jiter.known_skip(peek).ok()?;
                return Some(Some(Span::new(file, start, jiter.current_index())));
            }
            (SchemaShape::Record(r), Peek::Object) => record = *r,
            _ => return None,
        }
    }
    None
}

/// From an object's `{`, the key `name` (its span, and a peek at its value, which the
/// reader is then at), or `Some(None)` when the object does not have it. The reader
/// reads `line` from `base`.
fn find_key(jiter: &mut Jiter, base: usize, file: FileId, line: &str, name: &str) -> Option<Option<(Span, Peek)>> {
    let mut before = jiter.current_index();
    let mut key = jiter.known_object().ok()?.map(|k| k == name);
    while let Some(found) = key {
        let at = json_key_span(file, line.as_bytes(), base + before, base + jiter.current_index());
        let peek = jiter.peek().ok()?;
        if found {
            return Some(Some((at, peek)));
        }
        jiter.known_skip(peek).ok()?;
        before = jiter.current_index();
        key = jiter.next_key().ok()?.map(|k| k == name);
    }
    Some(None)
}

/// [`find_key`] from just before a key, where the fast path noted it: at its object's
/// `{`, or just after the value before it (blanks, then the `,`). `None` (for the
/// caller's located reading) when the key there is not `name`.
fn next_key(jiter: &mut Jiter, base: usize, file: FileId, line: &str, name: &str) -> Option<Option<(Span, Peek)>> {
    let rest = line.as_bytes().get(base..)?;
    if rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return find_key(jiter, base, file, line, name);
    }
    let before = jiter.current_index();
    // Anything but the key noted is for the caller's located reading.
    jiter.next_key().ok()?.filter(|k| *k == name)?;
    let at = json_key_span(file, line.as_bytes(), base + before, base + jiter.current_index());
    Some(Some((at, jiter.peek().ok()?)))
}

/// The span of the case's mapping, as the JSON reader gives it (to the end of the line's
/// trailing blanks).
///
/// The fast path read the line as one JSON object, so it runs from its first non-blank
/// byte to the line's end: found without reading the line again (a check that a field
/// is missing asks for it in most cases of a register).
fn root_span(file: FileId, line: &str) -> Option<Span> {
    let start = line.len() - line.trim_start_matches([' ', '\t', '\r', '\n']).len();
    (start < line.len()).then(|| Span::new(file, start, line.len()))
}

/// The located spans of a line the fast path read, by reading it again located (for
/// what [`nearest_span`] does not find).
pub(crate) fn located_spans(program: &Program, file: FileId, line: &str) -> CaseSpans {
    let doc = crate::yaml::parse_json_document(file, line);
    super::load_document(program, file, doc).spans
}

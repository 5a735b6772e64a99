//! The fast path for a line of JSON Lines: the common case of a batch is a valid case,
//! so it is read straight into the schema's slots, with no tree and no spans. Anything
//! the fast path does not find plain (a key it does not know, a key given twice, a value
//! of the wrong kind, a bad date, a missing field, dates out of order, an `expect`) makes
//! it give up, and the line is read again by the located loader, which reports the
//! problem with its place. So the fast path decides nothing about bad input: for every
//! line it accepts, it gives the facts the located loader gives.
//!
//! Where a diagnostic must point into such a case (a `check` that holds points at the
//! field it reads first), `line_spans` finds the place in the line when it is asked.
//!
//! The line is read through a [`LineCursor`] (compact JSON in place, the rest by
//! jiter), and the fields of the records being read wait on one stack for the whole
//! line, so that a record or a list is allocated once, at its final size.

use super::LoadedCase;
use super::derive;
use super::line_cursor::{LineCursor, same_bytes};
use super::line_spans::{JsonLine, NOT_GIVEN};
use super::load::ENVELOPE_KEYS;
use super::record::schema;
use super::resident_id;
use super::scalar::{Core, parse_date, parse_month, resolve};
use super::slots::{Fast, GiveUp, Marks, complete, fill, in_order, open, ordered_records, variant};
use crate::program::{Program, RecordId, SchemaField, SchemaShape, Type};
use crate::source::{FileId, Span};
use crate::value::Value;
use crate::yaml::ScalarStyle;
use jiter::Peek;
use std::sync::Arc;

impl From<jiter::JiterError> for GiveUp {
    fn from(_: jiter::JiterError) -> GiveUp {
        GiveUp
    }
}

/// What the fast path knows of a program's schema before it reads a line: made once
/// for many lines (a batch's worker keeps one), or with each line by [`read_json_line`].
#[derive(Debug, Clone, Copy)]
pub struct LinePlan {
    /// The record types (of the first 64) that have a date order: most records read
    /// have none, and need not look through the program's orders.
    ordered: u64,
    /// The root fields (of the first 64) named like one of the loader's own keys, whose
    /// key is that key and not the field's.
    envelope_named: u64,
}

/// A plan that assumes nothing: every record's dates looked at, every root key read
/// the long way.
impl Default for LinePlan {
    fn default() -> LinePlan {
        LinePlan {
            ordered: u64::MAX,
            envelope_named: u64::MAX,
        }
    }
}

impl LinePlan {
    /// The plan for `program`'s schema.
    pub fn of(program: &Program) -> LinePlan {
        let envelope_named = schema(program, Program::ROOT)
            .iter()
            .enumerate()
            .filter(|(_, f)| ENVELOPE_KEYS.contains(&f.name.as_str()))
            .fold(0u64, |set, (i, _)| set | 1u64.checked_shl(i as u32).unwrap_or(0));
        LinePlan {
            ordered: ordered_records(program),
            envelope_named,
        }
    }
}

/// Reads one JSON line as a case, when it is a plain valid one; `None` sends it to the
/// located loader. `line` is the text of `file` (kept by the case, to find spans in it
/// later).
pub fn read_json_line(program: &Program, file: FileId, line: &Arc<str>) -> Option<LoadedCase> {
    read_json_line_planned(program, LinePlan::of(program), file, line)
}

/// [`read_json_line`] with the program's plan made beforehand.
pub fn read_json_line_planned(program: &Program, plan: LinePlan, file: FileId, line: &Arc<str>) -> Option<LoadedCase> {
    let mut reader = LineReader {
        program,
        cursor: LineCursor::new(line),
        items: Vec::with_capacity(32),
        ordered: plan.ordered,
        envelope_named: plan.envelope_named,
    };
    let envelope = reader.root().ok()?;
    let mut facts = envelope.facts;
    let mut diagnostics = Vec::new();
    derive::apply(program, &mut facts, None, &mut diagnostics);
    if !diagnostics.is_empty() {
        return None;
    }
    let mut case = LoadedCase::empty(file);
    case.span = Span::new(file, 0, line.len());
    case.id = Some(envelope.id.0);
    case.id_span = Some(Span::new(file, envelope.id.1, envelope.id.2));
    case.as_of = envelope.as_of;
    case.facts = Some(facts);
    case.json_line = Some(JsonLine {
        text: line.clone(),
        root_keys: envelope.root_keys,
    });
    Some(case)
}

/// What the root of a line gives.
struct Envelope {
    /// The id, and where its value starts and ends.
    id: (String, usize, usize),
    as_of: Option<chrono::NaiveDate>,
    facts: Value,
    /// Where the reader was before each root field's key (see [`JsonLine::root_keys`]).
    root_keys: Box<[u32]>,
}

/// What a key of a record is.
enum Key {
    /// One of the loader's own keys at the root (its place in [`ENVELOPE_KEYS`]).
    Envelope(usize),
    /// A field of the record's schema (its place there).
    Field(usize),
    /// Anything else: for the located loader, which reports it.
    Unknown,
}

impl Key {
    /// A key at the root, where `next` is the field after the last one read.
    fn at_root(fields: &[SchemaField], next: usize, name: &str) -> Key {
        match ENVELOPE_KEYS.iter().position(|e| *e == name) {
            Some(k) => Key::Envelope(k),
            None => Key::in_record(fields, next, name),
        }
    }

    /// A key of a record with these fields, where `next` is the field after the last
    /// one read: keys are most often written in the schema's order, so that field is
    /// tried first. Then the fields are looked along (a record has few, and comparing
    /// lengths first is quicker than hashing the name), the first of a name winning as
    /// in the record type's index the located loader uses.
    fn in_record(fields: &[SchemaField], next: usize, name: &str) -> Key {
        if fields.get(next).is_some_and(|f| f.name == name) {
            return Key::Field(next);
        }
        let name = name.as_bytes();
        match fields.iter().position(|f| same_bytes(f.name.as_bytes(), name)) {
            Some(i) => Key::Field(i),
            None => Key::Unknown,
        }
    }
}

struct LineReader<'p, 't> {
    program: &'p Program,
    cursor: LineCursor<'t>,
    /// The items of the lists being read, innermost last: each list takes its items
    /// from the top as its value.
    items: Vec<Value>,
    /// [`LinePlan::ordered`].
    ordered: u64,
    /// [`LinePlan::envelope_named`].
    envelope_named: u64,
}

impl LineReader<'_, '_> {
    fn root(&mut self) -> Fast<Envelope> {
        if self.cursor.peek()? != Peek::Object {
            return Err(GiveUp);
        }
        let program = self.program;
        let fields = schema(program, Program::ROOT);
        let mut record = open(fields)?;
        let slots = Arc::get_mut(&mut record).ok_or(GiveUp)?;
        let mut marks = Marks::default();
        let mut envelope_given = [false; ENVELOPE_KEYS.len()];
        let (mut id, mut as_of) = (None, None);
        let mut root_keys = vec![NOT_GIVEN; fields.len()].into_boxed_slice();
        let mut next = 0;
        let mut before = self.cursor.pos();
        let mut key = self.root_key(fields, true, next)?;
        while let Some(found) = key {
            match found {
                Key::Envelope(k) if std::mem::replace(&mut envelope_given[k], true) => return Err(GiveUp),
                Key::Envelope(k) => match ENVELOPE_KEYS[k] {
                    "id" => id = Some(self.id()?),
                    "as_of" => as_of = self.as_of()?,
                    // The expectations of a test case: for the located loader.
                    _ => return Err(GiveUp),
                },
                Key::Field(i) => {
                    root_keys[i] = u32::try_from(before).ok().filter(|at| *at != NOT_GIVEN).ok_or(GiveUp)?;
                    fill(&mut slots[i], self.member(&fields[i], i, &mut marks)?);
                    next = i + 1;
                }
                Key::Unknown => return Err(GiveUp),
            }
            before = self.cursor.pos();
            key = self.root_key(fields, false, next)?;
        }
        self.cursor.finish()?;
        complete(self.program, self.ordered, fields, slots, marks)?;
        let facts = in_order(self.program, self.ordered, Program::ROOT, Value::Record(record))?;
        Ok(Envelope {
            id: id.ok_or(GiveUp)?,
            as_of,
            facts,
            root_keys,
        })
    }

    /// The next key at the root (the first when `first`), where `next` is the field
    /// after the last one read; `None` at the end. Mostly it is that field.
    #[inline]
    fn root_key(&mut self, fields: &[SchemaField], first: bool, next: usize) -> Fast<Option<Key>> {
        // The loader's own keys come before the schema's, whatever it names.
        if let Some(f) = fields.get(next)
            && next < 64
            && self.envelope_named & (1 << next) == 0
            && self.cursor.key_is(first, &f.name)
        {
            return Ok(Some(Key::Field(next)));
        }
        self.other_root_key(fields, first, next)
    }

    /// [`Self::root_key`] when the key is not the one expected.
    #[inline(never)]
    fn other_root_key(&mut self, fields: &[SchemaField], first: bool, next: usize) -> Fast<Option<Key>> {
        let key = |k: &str| Key::at_root(fields, next, k);
        Ok(if first {
            self.cursor.object_first(key)?
        } else {
            self.cursor.object_next(key)?
        })
    }

    /// The next key of a record (the first when `first`), where `next` is the field
    /// after the last one read; `None` at the end. Mostly it is that field, or the end.
    #[inline]
    fn record_key(&mut self, fields: &[SchemaField], first: bool, next: usize) -> Fast<Option<Key>> {
        if fields.get(next).is_some_and(|f| self.cursor.key_is(first, &f.name)) {
            return Ok(Some(Key::Field(next)));
        }
        if !first && self.cursor.object_end() {
            return Ok(None);
        }
        self.other_key(fields, first, next)
    }

    /// [`Self::record_key`] when the key is not the one expected.
    #[inline(never)]
    fn other_key(&mut self, fields: &[SchemaField], first: bool, next: usize) -> Fast<Option<Key>> {
        let key = |k: &str| Key::in_record(fields, next, k);
        Ok(if first {
            self.cursor.object_first(key)?
        } else {
            self.cursor.object_next(key)?
        })
    }

    /// The id: text that is not blank (anything else is for the located loader).
    fn id(&mut self) -> Fast<(String, usize, usize)> {
        if self.cursor.peek()? != Peek::String {
            return Err(GiveUp);
        }
        let start = self.cursor.pos();
        let text = self.cursor.string(|text| text.trim().to_owned())?;
        if text.is_empty() {
            return Err(GiveUp);
        }
        Ok((text, start, self.cursor.pos()))
    }

    fn as_of(&mut self) -> Fast<Option<chrono::NaiveDate>> {
        match self.cursor.peek()? {
            Peek::Null => {
                self.cursor.null()?;
                Ok(None)
            }
            Peek::String => Ok(Some(self.cursor.string(parse_date)?.map_err(|_| GiveUp)?)),
            _ => Err(GiveUp),
        }
    }

    /// The value of field `i` (a key given twice is for the located loader, which
    /// reports it).
    #[inline(always)]
    fn member(&mut self, field: &SchemaField, i: usize, marks: &mut Marks) -> Fast<Value> {
        let bit = 1 << i;
        if marks.given & bit != 0 {
            return Err(GiveUp);
        }
        marks.given |= bit;
        // Null is the one value read as absent.
        let peek = self.cursor.peek()?;
        if peek == Peek::Null {
            self.cursor.null()?;
            marks.null |= bit;
            return Ok(Value::Absent);
        }
        self.field(field, peek)
    }

    /// A record from its `{`.
    fn record(&mut self, record: RecordId) -> Fast<Value> {
        let fields = schema(self.program, record);
        let mut value = open(fields)?;
        let slots = Arc::get_mut(&mut value).ok_or(GiveUp)?;
        let mut marks = Marks::default();
        let mut key = self.record_key(fields, true, 0)?;
        while let Some(found) = key {
            let Key::Field(i) = found else {
                return Err(GiveUp);
            };
            fill(&mut slots[i], self.member(&fields[i], i, &mut marks)?);
            key = self.record_key(fields, false, i + 1)?;
        }
        complete(self.program, self.ordered, fields, slots, marks)?;
        in_order(self.program, self.ordered, record, Value::Record(value))
    }

    /// The value of a field, other than null, from its first byte (`peek`). Inlined
    /// into the reading of its record, which a scalar field (most fields) then costs no
    /// call; records and lists are read by [`Self::nested`], a call of its own.
    #[inline(always)]
    fn field(&mut self, field: &SchemaField, peek: Peek) -> Fast<Value> {
        // A repealed field given is warned of: the located loader's to do.
        if field.removed.is_some() {
            return Err(GiveUp);
        }
        match &field.shape {
            SchemaShape::Scalar(ty) => self.scalar(ty, peek),
            _ => self.nested(field, peek),
        }
    }

    /// The value of a field of a record or a list, from its first byte (`peek`).
    #[inline(never)]
    fn nested(&mut self, field: &SchemaField, peek: Peek) -> Fast<Value> {
        match &field.shape {
            SchemaShape::Record(r) if peek == Peek::Object => self.record(*r),
            SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_) if peek == Peek::Array => {
                let base = self.items.len();
                let mut next = self.cursor.array_first()?;
                while let Some(peek) = next {
                    let item = match &field.shape {
                        SchemaShape::ListOfRecords(r) if peek == Peek::Object => self.record(*r)?,
                        SchemaShape::ListOf(ty) if peek != Peek::Null => self.scalar(ty, peek)?,
                        _ => return Err(GiveUp),
                    };
                    self.items.push(item);
                    next = self.cursor.array_next()?;
                }
                Ok(Value::List(self.items.drain(base..).collect()))
            }
            _ => Err(GiveUp),
        }
    }

    /// A scalar of type `ty`, as `read_scalar` reads the same JSON value (a string is
    /// quoted text; a number is read by the core schema from its digits).
    #[inline(always)]
    fn scalar(&mut self, ty: &Type, peek: Peek) -> Fast<Value> {
        let program = self.program;
        match peek {
            Peek::True | Peek::False => match (ty, self.cursor.bool(peek)?) {
                (Type::Bool, b) => Ok(Value::Bool(b)),
                _ => Err(GiveUp),
            },
            Peek::String
                if matches!(ty, Type::Date)
                    && let Some(date) = self.cursor.plain_date() =>
            {
                Ok(Value::Date(date))
            }
            Peek::String
                if matches!(ty, Type::Month)
                    && let Some(month) = self.cursor.plain_month() =>
            {
                Ok(Value::Month(month))
            }
            Peek::String => self.cursor.string(|text| match ty {
                Type::Text => Ok(Value::Text(text.into())),
                Type::Date => Ok(Value::Date(parse_date(text).map_err(|_| GiveUp)?)),
                Type::Month => Ok(Value::Month(parse_month(text).map_err(|_| GiveUp)?)),
                Type::ResidentId if resident_id::validate(text).is_ok() => Ok(Value::ResidentId(text.into())),
                Type::Enum(e) => variant(program, *e, text),
                _ => Err(GiveUp),
            })?,
            Peek::Object | Peek::Array | Peek::Null => Err(GiveUp),
            _ => self.cursor.number(peek, |bytes| {
                let text = std::str::from_utf8(bytes).map_err(|_| GiveUp)?;
                match (ty, resolve(text, ScalarStyle::Plain)) {
                    (Type::Int, Core::Int(Some(n))) => Ok(Value::Int(n)),
                    (Type::Quantity(u), Core::Int(Some(n))) => Ok(Value::Quantity(n, *u)),
                    (Type::Text, Core::Int(_) | Core::Float | Core::Str) => Ok(Value::Text(text.into())),
                    // An enum's values may be numbers (an age of 50 or 55).
                    (Type::Enum(e), _) => variant(program, *e, text),
                    _ => Err(GiveUp),
                }
            })?,
        }
    }
}

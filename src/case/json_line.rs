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

use super::LoadedCase;
use super::derive;
use super::load::ENVELOPE_KEYS;
use super::record::{order_breaks, schema};
use super::resident_id;
use super::scalar::{Core, parse_date, parse_month, resolve};
use crate::program::{Program, RecordId, SchemaField, SchemaShape, Type};
use crate::source::{FileId, Span};
use crate::value::{EnumId, Value};
use crate::yaml::ScalarStyle;
use jiter::{Jiter, Peek};
use std::sync::Arc;

/// Why the fast path gave up: the line is for the located loader.
struct GiveUp;

type Fast<T> = Result<T, GiveUp>;

impl From<jiter::JiterError> for GiveUp {
    fn from(_: jiter::JiterError) -> GiveUp {
        GiveUp
    }
}

/// Reads one JSON line as a case, when it is a plain valid one; `None` sends it to the
/// located loader. `line` is the text of `file` (kept by the case, to find spans in it
/// later).
pub fn read_json_line(program: &Program, file: FileId, line: &Arc<str>) -> Option<LoadedCase> {
    let mut reader = LineReader {
        program,
        jiter: Jiter::new(line.as_bytes()),
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
    case.json_line = Some(line.clone());
    Some(case)
}

/// What the root of a line gives.
struct Envelope {
    /// The id, and where its value starts and ends.
    id: (String, usize, usize),
    as_of: Option<chrono::NaiveDate>,
    facts: Value,
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
    fn at_root(program: &Program, next: usize, name: &str) -> Key {
        match ENVELOPE_KEYS.iter().position(|e| *e == name) {
            Some(k) => Key::Envelope(k),
            None => Key::in_record(program, Program::ROOT, next, name),
        }
    }

    /// A key of a record, where `next` is the field after the last one read: keys are
    /// most often written in the schema's order, so that field is tried before the index.
    fn in_record(program: &Program, record: RecordId, next: usize, name: &str) -> Key {
        let fields = schema(program, record);
        if fields.get(next).is_some_and(|f| f.name == name) {
            return Key::Field(next);
        }
        match program.record(record).field(name) {
            Some(i) if fields.get(i).is_some_and(|f| f.name == name) => Key::Field(i),
            _ => Key::Unknown,
        }
    }
}

struct LineReader<'p, 't> {
    program: &'p Program,
    jiter: Jiter<'t>,
}

impl LineReader<'_, '_> {
    fn root(&mut self) -> Fast<Envelope> {
        if self.jiter.peek()? != Peek::Object {
            return Err(GiveUp);
        }
        let program = self.program;
        let fields = schema(program, Program::ROOT);
        let mut slots = vec![Value::Absent; fields.len()];
        let mut given = vec![false; fields.len()];
        let mut envelope_given = [false; ENVELOPE_KEYS.len()];
        let (mut id, mut as_of) = (None, None);
        let mut next = 0;
        let mut key = self.jiter.known_object()?.map(|k| Key::at_root(program, next, k));
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
                    self.member(&fields[i], i, &mut slots, &mut given)?;
                    next = i + 1;
                }
                Key::Unknown => return Err(GiveUp),
            }
            key = self.jiter.next_key()?.map(|k| Key::at_root(program, next, k));
        }
        self.jiter.finish()?;
        let facts = self.complete(Program::ROOT, fields, slots, &given)?;
        Ok(Envelope {
            id: id.ok_or(GiveUp)?,
            as_of,
            facts,
        })
    }

    /// The id: text that is not blank (anything else is for the located loader).
    fn id(&mut self) -> Fast<(String, usize, usize)> {
        if self.jiter.peek()? != Peek::String {
            return Err(GiveUp);
        }
        let start = self.jiter.current_index();
        let text = self.jiter.known_str()?.trim();
        if text.is_empty() {
            return Err(GiveUp);
        }
        let text = text.to_owned();
        Ok((text, start, self.jiter.current_index()))
    }

    fn as_of(&mut self) -> Fast<Option<chrono::NaiveDate>> {
        match self.jiter.peek()? {
            Peek::Null => {
                self.jiter.known_null()?;
                Ok(None)
            }
            Peek::String => Ok(Some(parse_date(self.jiter.known_str()?).map_err(|_| GiveUp)?)),
            _ => Err(GiveUp),
        }
    }

    /// The value of field `i` of a record, into its slot (a key given twice is for the
    /// located loader, which reports it).
    fn member(&mut self, field: &SchemaField, i: usize, slots: &mut [Value], given: &mut [bool]) -> Fast<()> {
        if std::mem::replace(&mut given[i], true) {
            return Err(GiveUp);
        }
        slots[i] = self.field(field)?;
        Ok(())
    }

    /// A record from its `{`.
    fn record(&mut self, record: RecordId) -> Fast<Value> {
        let program = self.program;
        let fields = schema(program, record);
        let mut slots = vec![Value::Absent; fields.len()];
        let mut given = vec![false; fields.len()];
        let mut key = self
            .jiter
            .known_object()?
            .map(|k| Key::in_record(program, record, 0, k));
        while let Some(found) = key {
            let Key::Field(i) = found else {
                return Err(GiveUp);
            };
            self.member(&fields[i], i, &mut slots, &mut given)?;
            key = self
                .jiter
                .next_key()?
                .map(|k| Key::in_record(program, record, i + 1, k));
        }
        self.complete(record, fields, slots, &given)
    }

    /// The record once its keys are read: what was left out or null takes its default,
    /// and its dates must be in order.
    fn complete(&self, record: RecordId, fields: &[SchemaField], mut slots: Vec<Value>, given: &[bool]) -> Fast<Value> {
        for (i, field) in fields.iter().enumerate() {
            if given[i] && !slots[i].is_absent() {
                continue;
            }
            slots[i] = match &field.shape {
                // A record left out (or null) is read as an empty one.
                SchemaShape::Record(r) => {
                    let inner = schema(self.program, *r);
                    self.complete(*r, inner, vec![Value::Absent; inner.len()], &vec![false; inner.len()])?
                }
                SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_) => Value::List(Vec::new().into()),
                SchemaShape::Scalar(_) if field.derive.is_some() => Value::Absent,
                SchemaShape::Scalar(_) => match &field.default {
                    Some(default) => default.clone(),
                    None if field.optional => Value::Absent,
                    None => return Err(GiveUp),
                },
            };
        }
        let value = Value::Record(slots.into());
        let orders = self.program.orders.iter().filter(|(r, _)| *r == record);
        if orders
            .into_iter()
            .any(|(_, order)| order_breaks(order, &value).next().is_some())
        {
            return Err(GiveUp);
        }
        Ok(value)
    }

    /// A field's value; null is left absent, for [`Self::complete`].
    fn field(&mut self, field: &SchemaField) -> Fast<Value> {
        let peek = self.jiter.peek()?;
        if peek == Peek::Null {
            self.jiter.known_null()?;
            return Ok(Value::Absent);
        }
        match &field.shape {
            SchemaShape::Scalar(ty) => self.scalar(ty, peek),
            SchemaShape::Record(r) if peek == Peek::Object => self.record(*r),
            SchemaShape::ListOf(_) | SchemaShape::ListOfRecords(_) if peek == Peek::Array => {
                let mut items = Vec::new();
                let mut next = self.jiter.known_array()?;
                while let Some(peek) = next {
                    items.push(match &field.shape {
                        SchemaShape::ListOfRecords(r) if peek == Peek::Object => self.record(*r)?,
                        SchemaShape::ListOf(ty) if peek != Peek::Null => self.scalar(ty, peek)?,
                        _ => return Err(GiveUp),
                    });
                    next = self.jiter.array_step()?;
                }
                Ok(Value::List(items.into()))
            }
            _ => Err(GiveUp),
        }
    }

    /// A scalar of type `ty`, as `read_scalar` reads the same JSON value (a string is
    /// quoted text; a number is read by the core schema from its digits).
    fn scalar(&mut self, ty: &Type, peek: Peek) -> Fast<Value> {
        let value = match peek {
            Peek::True | Peek::False => {
                let b = self.jiter.known_bool(peek)?;
                match ty {
                    Type::Bool => Value::Bool(b),
                    _ => return Err(GiveUp),
                }
            }
            Peek::String => {
                let text = self.jiter.known_str()?;
                match ty {
                    Type::Text => Value::Text(text.into()),
                    Type::Date => Value::Date(parse_date(text).map_err(|_| GiveUp)?),
                    Type::Month => Value::Month(parse_month(text).map_err(|_| GiveUp)?),
                    Type::ResidentId if resident_id::validate(text).is_ok() => Value::ResidentId(text.into()),
                    Type::Enum(e) => variant(self.program, *e, text)?,
                    _ => return Err(GiveUp),
                }
            }
            Peek::Object | Peek::Array | Peek::Null => return Err(GiveUp),
            _ => {
                let bytes = self.jiter.known_number_bytes(peek)?;
                let text = std::str::from_utf8(bytes).map_err(|_| GiveUp)?;
                match (ty, resolve(text, ScalarStyle::Plain)) {
                    (Type::Int, Core::Int(Some(n))) => Value::Int(n),
                    (Type::Quantity(u), Core::Int(Some(n))) => Value::Quantity(n, *u),
                    (Type::Text, Core::Int(_) | Core::Float | Core::Str) => Value::Text(text.into()),
                    // An enum's values may be numbers (an age of 50 or 55).
                    (Type::Enum(e), _) => variant(self.program, *e, text)?,
                    _ => return Err(GiveUp),
                }
            }
        };
        Ok(value)
    }
}

/// The value of enum `e` named `text`.
fn variant(program: &Program, e: EnumId, text: &str) -> Fast<Value> {
    let variant = program.enums.get(e.0 as usize).and_then(|t| t.variant(text));
    Ok(Value::Enum(e, variant.ok_or(GiveUp)?))
}

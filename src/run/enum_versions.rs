//! Enum values across the versions of an amended policy. Cases are read with the
//! latest version's schema (amendments keep every field's place), but `replace enum`
//! gives an enum a new set of values, so a value read is not at the same place in an
//! earlier version's enum. Before an earlier version evaluates a case, each value is
//! put at the place that version gives the value of the same name; a value it does not
//! have is absent there, with a located warning.

use super::messages::RunMsg;
use crate::case::LoadedCase;
use crate::diagnostic::{Code, Diagnostic, quoted_list};
use crate::lang::Text;
use crate::program::Program;
use crate::value::{EnumId, Value};
use std::sync::Arc;

/// For one version: for each enum of the latest version whose values differ, the
/// place of each of its values in the version's enum (`None`: the version lacks it).
#[derive(Debug)]
pub(super) struct EnumPlaces {
    /// By enum id; `None` where the enum is the same in both.
    places: Vec<Option<Vec<Option<u16>>>>,
    /// Whether every enum is the same (found once: asked for every case).
    identity: bool,
}

impl Default for EnumPlaces {
    fn default() -> EnumPlaces {
        EnumPlaces {
            places: Vec::new(),
            identity: true,
        }
    }
}

impl EnumPlaces {
    /// The places of the latest version's enum values in `version`.
    pub(super) fn between(latest: &Program, version: &Program) -> EnumPlaces {
        let places = latest
            .enums
            .iter()
            .enumerate()
            .map(|(e, new)| {
                let old = version.enums.get(e)?;
                let same = old.name == new.name
                    && new.retired().is_empty()
                    && old.variants().len() == new.variants().len()
                    && old.variants().iter().zip(new.variants()).all(|(a, b)| a.0 == b.0);
                let names = new.variants().iter().map(|(name, _)| name).chain(new.retired());
                (!same).then(|| names.map(|name| old.variant(name)).collect())
            })
            .collect::<Vec<_>>();
        let identity = places.iter().all(Option::is_none);
        EnumPlaces { places, identity }
    }

    /// Whether every enum is the same in both versions (nothing to do).
    pub(super) fn is_identity(&self) -> bool {
        self.identity
    }

    /// The case's facts with each enum value at its place in the version, and a
    /// warning for each value the version does not have.
    pub(super) fn apply(&self, case: &mut LoadedCase, latest: &Program, version: &Program) -> Vec<Diagnostic> {
        let Some(facts) = &case.facts else {
            return Vec::new();
        };
        let mut lost = Vec::new();
        let mut path = Vec::new();
        let moved = self.value(facts, &mut path, &mut lost);
        case.facts = Some(moved);
        lost.into_iter()
            .map(|(path, e, v)| {
                let enum_type = latest.enum_type(e);
                let mut names = enum_type.variants().iter().map(|(n, _)| n).chain(enum_type.retired());
                let value = names.nth(v as usize).map_or("", String::as_str);
                let values = version.enums.get(e.0 as usize).map_or_else(
                    || Text::from(""),
                    |t| quoted_list(t.variants().iter().map(|(n, _)| n.as_str())),
                );
                Diagnostic::warning(
                    Code::ValueNotInForce,
                    RunMsg::ValueNotInForce.with([value, enum_type.name.as_str(), version.info.id.as_str()]),
                )
                .at_opt(case.nearest_span(latest, &path).or(case.id_span))
                .with_help(RunMsg::HelpValueNotInForce.with([Text::from(&enum_type.name), values]))
            })
            .collect()
    }

    fn value(&self, v: &Value, path: &mut Vec<u16>, lost: &mut Vec<(Vec<u16>, EnumId, u16)>) -> Value {
        match v {
            Value::Enum(e, i) => match self.places.get(e.0 as usize) {
                Some(Some(places)) => match places.get(*i as usize).copied().flatten() {
                    Some(place) => Value::Enum(*e, place),
                    None => {
                        lost.push((path.clone(), *e, *i));
                        Value::Absent
                    }
                },
                _ => v.clone(),
            },
            Value::Record(items) | Value::List(items) => {
                let moved: Arc<[Value]> = items
                    .iter()
                    .enumerate()
                    .map(|(k, item)| {
                        path.push(k as u16);
                        let out = self.value(item, path, lost);
                        path.pop();
                        out
                    })
                    .collect();
                if matches!(v, Value::Record(_)) {
                    Value::Record(moved)
                } else {
                    Value::List(moved)
                }
            }
            other => other.clone(),
        }
    }
}

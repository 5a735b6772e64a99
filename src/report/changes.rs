//! What a what-if change did to the decision, in short (`认定类别 +1`,
//! `帮扶分类 2 → 3`, `investigate: status pending → overdue`), each part of the record
//! named by the policy's label in the session's language.

use super::messages::{Msg, kind_heading, label, msg};
use crate::ast::RuleKind;
use crate::lang::Lang;
use crate::program::{Program, Type};
use serde_json::Value as Json;

/// How a change names the record's parts and yes/no values.
#[derive(Clone, Copy)]
pub struct Words<'p> {
    /// The policy, for its labels.
    pub program: &'p Program,
    /// The language.
    pub lang: Lang,
    /// The policies (versions) the old values may come from, where they are others
    /// (`diff`): what only they have (a repealed rule) is named with their labels.
    pub former: &'p [Program],
}

impl Words<'_> {
    /// A record key as people name it: a decision's label, a kind's heading, or the
    /// evaluation date, the case, the diagnostics.
    pub fn key(&self, key: &str) -> String {
        let lang = self.lang;
        if let Some(output) = self.program.decision.iter().find(|d| &*d.name == key)
            && let Some(l) = &output.expr.label
        {
            return label(l, lang).to_string();
        }
        if let Some(kind) = RuleKind::ALL.into_iter().find(|k| k.record_key() == key) {
            return kind_heading(kind, lang).to_string();
        }
        match key {
            "case" => msg(Msg::Case, lang).to_string(),
            "as_of" => msg(Msg::EvaluationDate, lang).to_string(),
            "status" => msg(Msg::CaseStatus, lang).to_string(),
            "diagnostics" => msg(Msg::Diagnostics, lang).to_string(),
            "diagnostics_absent" => msg(Msg::DiagnosticsAbsent, lang).to_string(),
            other => other.to_string(),
        }
    }

    /// A record value in words: yes and no, none for null.
    pub fn value(&self, v: &Json) -> String {
        value_words(v, self.lang)
    }

    /// A value of the record under `key` as people read it: a rule id by the rule's
    /// name (一（一）), a list item by item, none for an empty list.
    pub fn shown(&self, key: &str, v: &Json) -> String {
        match v {
            Json::Array(items) if items.is_empty() => msg(Msg::None, self.lang).to_string(),
            Json::Array(items) => {
                let shown: Vec<String> = items.iter().map(|x| self.item(key, x)).collect();
                shown.join(msg(Msg::ListSeparator, self.lang))
            }
            other => self.item(key, other),
        }
    }

    /// One value under `key`: the rule it names when `key` is a kind's, else as it is.
    fn item(&self, key: &str, v: &Json) -> String {
        let id = match v {
            Json::Number(n) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(crate::ast::RuleId::Number),
            Json::String(s) => Some(crate::ast::RuleId::Name(s.clone())),
            _ => None,
        };
        let rule = RuleKind::ALL.into_iter().find(|k| k.record_key() == key).zip(id);
        let named = std::iter::once(self.program).chain(self.former).find_map(|program| {
            let (kind, id) = rule.as_ref()?;
            let idx = program.rule_lookup.get(*kind, id)?;
            Some(super::rule_name(&program.rules[idx.0 as usize], program))
        });
        named.unwrap_or_else(|| self.value(v))
    }

    /// The line that opens a session: the case, its date, the yes/no decisions and the
    /// categories and tier that hold.
    pub fn summary_line(&self, record: &Json) -> String {
        let yes_no = self
            .program
            .decision
            .iter()
            .filter(|d| d.expr.ty == Type::Bool)
            .map(|d| d.name.to_string());
        let kinds = [RuleKind::Category, RuleKind::Tier].map(|k| k.record_key().to_string());
        let keys = ["case".to_string(), "as_of".to_string()]
            .into_iter()
            .chain(yes_no)
            .chain(kinds);
        let parts: Vec<String> = keys
            .filter_map(|key| Some(format!("{} {}", self.key(&key), self.shown(&key, record.get(&key)?))))
            .collect();
        format!("{}\n", parts.join(" · "))
    }
}

/// A value of a decision record in words: yes and no, none for null, text as it is;
/// lists and numbers as JSON.
pub fn value_words(v: &Json, lang: Lang) -> String {
    match v {
        Json::Bool(b) => msg(if *b { Msg::Yes } else { Msg::No }, lang).to_string(),
        Json::Null => msg(Msg::None, lang).to_string(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Keys that are inputs or bookkeeping, not decisions.
const SKIPPED: [&str; 4] = ["case", "policy", "documents", "trace"];

/// The differences between two decision records, one line each.
pub fn short_diff(before: &Json, after: &Json, words: Words) -> Vec<String> {
    let (Json::Object(b), Json::Object(a)) = (before, after) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, new) in a {
        if !SKIPPED.contains(&key.as_str()) {
            words.change(key, b.get(key).unwrap_or(&Json::Null), new, &mut out);
        }
    }
    out
}

impl Words<'_> {
    /// The change of one record key, in lines (none when the values are equal): a
    /// set's additions and removals, a list of objects item by item, else old → new.
    pub fn change(&self, key: &str, old: &Json, new: &Json, out: &mut Vec<String>) {
        if old == new {
            return;
        }
        match (old, new) {
            (Json::Array(o), Json::Array(n)) if key == "diagnostics" => {
                // Whole diagnostics or their codes: compared by code.
                let codes =
                    |list: &[Json]| -> Vec<Json> { list.iter().map(|d| d.get("code").unwrap_or(d).clone()).collect() };
                set_changes(&self.key(key), &codes(o), &codes(n), &show, out);
            }
            (Json::Array(o), Json::Array(n)) if o.iter().chain(n).any(Json::is_object) => {
                self.object_changes(key, o, n, out)
            }
            (Json::Array(o), Json::Array(n)) => set_changes(&self.key(key), o, n, &|v| self.item(key, v), out),
            // A list on one side only (a case evaluated on one side): what it holds.
            (Json::Null, Json::Array(n)) => set_changes(&self.key(key), &[], n, &|v| self.item(key, v), out),
            (Json::Array(o), Json::Null) => set_changes(&self.key(key), o, &[], &|v| self.item(key, v), out),
            _ if key == "status" => out.push(format!("{} {} → {}", self.key(key), self.status(old), self.status(new))),
            _ => out.push(format!(
                "{} {} → {}",
                self.key(key),
                self.shown(key, old),
                self.shown(key, new)
            )),
        }
    }

    /// A case's status in words: evaluated, or not.
    fn status(&self, v: &Json) -> String {
        match v.as_str() {
            Some("ok") => msg(Msg::StatusOk, self.lang).to_string(),
            Some("error") => msg(Msg::StatusError, self.lang).to_string(),
            _ => self.value(v),
        }
    }

    /// The changes of a list of objects (deadlines, entitlements…), matched by id:
    /// those added and removed, and for the others each field that changed, named by
    /// its label, enum values by theirs.
    fn object_changes(&self, key: &str, old: &[Json], new: &[Json], out: &mut Vec<String>) {
        let kind = RuleKind::ALL.into_iter().find(|k| k.record_key() == key);
        for n in new {
            let id = id_of(n);
            match old.iter().find(|o| id_of(o) == id) {
                None => out.push(format!("{} +{}", self.key(key), show(&id))),
                Some(o) => {
                    let (Some(om), Some(nm)) = (o.as_object(), n.as_object()) else {
                        continue;
                    };
                    for (field, value) in nm {
                        let before = om.get(field).unwrap_or(&Json::Null);
                        if before != value {
                            let (name, shown) = self.yielded(kind, field);
                            out.push(format!(
                                "{}{}{name} {} → {}",
                                show(&id),
                                msg(Msg::Colon, self.lang),
                                shown(before),
                                shown(value)
                            ));
                        }
                    }
                }
            }
        }
        for o in old {
            if !new.iter().any(|n| id_of(n) == id_of(o)) {
                out.push(format!("{} −{}", self.key(key), show(&id_of(o))));
            }
        }
    }

    /// A value a rule of `kind` yields under `field`: its label, and how its values are
    /// shown (an enum's by their labels).
    fn yielded(&self, kind: Option<RuleKind>, field: &str) -> (String, impl Fn(&Json) -> String + '_) {
        let found = kind
            .into_iter()
            .flat_map(|k| self.program.rules_of(k))
            .filter_map(|(_, r)| r.yields.as_ref())
            .flatten()
            .find(|y| y.name == field);
        let name = found.map_or_else(|| field.to_string(), |y| label(&y.label, self.lang).to_string());
        let enum_type = found.and_then(|y| match &y.expr.ty {
            Type::Enum(e) => self.program.enums.get(e.0 as usize),
            _ => None,
        });
        let shown = move |v: &Json| match (enum_type, v.as_str()) {
            (Some(e), Some(text)) => e
                .variants()
                .iter()
                .find(|(name, _)| name == text)
                .map_or_else(|| text.to_string(), |(_, l)| label(l, self.lang).to_string()),
            _ => self.value(v),
        };
        (name, shown)
    }
}

fn show(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A set's additions and removals (`认定类别 +一（一） −一（六）`), each item shown by
/// `shown`.
fn set_changes(key: &str, old: &[Json], new: &[Json], shown: &dyn Fn(&Json) -> String, out: &mut Vec<String>) {
    let added: Vec<String> = new
        .iter()
        .filter(|v| !old.contains(v))
        .map(|v| format!("+{}", shown(v)))
        .collect();
    let removed: Vec<String> = old
        .iter()
        .filter(|v| !new.contains(v))
        .map(|v| format!("−{}", shown(v)))
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        out.push(format!(
            "{key} {}",
            added.into_iter().chain(removed).collect::<Vec<_>>().join(" ")
        ));
    }
}

fn id_of(v: &Json) -> Json {
    v.get("step").or_else(|| v.get("id")).cloned().unwrap_or(Json::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
    use serde_json::json;

    #[test]
    fn changes_are_short_and_named_by_the_policys_labels() {
        let program = load_policy(DEFAULT_POLICY, PolicySource::Builtin).program.unwrap();
        let before = json!({"eligible": false, "categories": [6], "tier": 2,
            "deadlines": [{"step": "investigate", "due": "2025-10-10", "status": "pending"}],
            "diagnostics": [{"code": "a"}], "trace": ["x"]});
        let after = json!({"eligible": true, "categories": [1, 6], "tier": 3,
            "deadlines": [{"step": "investigate", "due": "2025-10-10", "status": "overdue"}],
            "diagnostics": [], "trace": ["y"]});
        let words = |lang| Words {
            former: &[],
            program: &program,
            lang,
        };
        assert_eq!(
            short_diff(&before, &after, words(Lang::Zh)),
            [
                "就业困难人员 否 → 是",
                "认定类别 +一（一）",
                "帮扶分类 四（二） → 四（三）",
                "investigate：状态 办理中 → 已逾期未完成",
                "诊断信息 −a"
            ]
        );
        assert_eq!(
            short_diff(&before, &after, words(Lang::En))[0],
            "person with employment difficulty no → yes"
        );
        let record = json!({"case": "c1", "as_of": "2025-09-01", "eligible": true, "categories": [1], "tier": null});
        assert_eq!(
            words(Lang::Zh).summary_line(&record),
            "案件 c1 · 评估日 2025-09-01 · 就业困难人员 是 · 认定类别 一（一） · 帮扶分类 无\n"
        );
    }
}

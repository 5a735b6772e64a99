//! What a what-if change did to the decision, in short (`categories +1`,
//! `tier 2 → 3`, `investigate: status pending → overdue`).

use serde_json::Value as Json;

/// Keys that are inputs or bookkeeping, not decisions.
const SKIPPED: [&str; 4] = ["case", "policy", "documents", "trace"];

/// The differences between two decision records, one line each.
pub fn short_diff(before: &Json, after: &Json) -> Vec<String> {
    let (Json::Object(b), Json::Object(a)) = (before, after) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, new) in a {
        if SKIPPED.contains(&key.as_str()) {
            continue;
        }
        let old = b.get(key).unwrap_or(&Json::Null);
        if old == new {
            continue;
        }
        match (old, new) {
            (Json::Array(o), Json::Array(n)) if key == "diagnostics" => {
                let codes = |list: &Vec<Json>| list.iter().filter_map(|d| d.get("code").cloned()).collect::<Vec<_>>();
                set_changes(key, &codes(o), &codes(n), &mut out);
            }
            (Json::Array(o), Json::Array(n)) if o.iter().chain(n).any(Json::is_object) => {
                object_changes(o, n, &mut out)
            }
            (Json::Array(o), Json::Array(n)) => set_changes(key, o, n, &mut out),
            _ => out.push(format!("{key} {} → {}", show(old), show(new))),
        }
    }
    out
}

fn show(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn set_changes(key: &str, old: &[Json], new: &[Json], out: &mut Vec<String>) {
    let added: Vec<String> = new
        .iter()
        .filter(|v| !old.contains(v))
        .map(|v| format!("+{}", show(v)))
        .collect();
    let removed: Vec<String> = old
        .iter()
        .filter(|v| !new.contains(v))
        .map(|v| format!("−{}", show(v)))
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

fn object_changes(old: &[Json], new: &[Json], out: &mut Vec<String>) {
    for n in new {
        let id = id_of(n);
        match old.iter().find(|o| id_of(o) == id) {
            None => out.push(format!("+{}", show(&id))),
            Some(o) => {
                let (Some(om), Some(nm)) = (o.as_object(), n.as_object()) else {
                    continue;
                };
                for (field, value) in nm {
                    let before = om.get(field).unwrap_or(&Json::Null);
                    if before != value {
                        out.push(format!("{}: {field} {} → {}", show(&id), show(before), show(value)));
                    }
                }
            }
        }
    }
    for o in old {
        if !new.iter().any(|n| id_of(n) == id_of(o)) {
            out.push(format!("−{}", show(&id_of(o))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_are_short() {
        let before = json!({"eligible": false, "categories": [6], "tier": 2,
            "deadlines": [{"step": "investigate", "due": "2025-10-10", "status": "pending"}],
            "diagnostics": [{"code": "a"}], "trace": ["x"]});
        let after = json!({"eligible": true, "categories": [1, 6], "tier": 3,
            "deadlines": [{"step": "investigate", "due": "2025-10-10", "status": "overdue"}],
            "diagnostics": [], "trace": ["y"]});
        assert_eq!(
            short_diff(&before, &after),
            [
                "eligible false → true",
                "categories +1",
                "tier 2 → 3",
                "investigate: status pending → overdue",
                "diagnostics −a"
            ]
        );
    }
}

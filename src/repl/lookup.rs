//! What `why` names: a rule by its clause (`一（一）`, also written with ASCII brackets),
//! by kind and id (`category 1`) or by name (`monthly_follow_up`), or a definition by
//! name or label (`eligible`, `就业困难人员`). A clause that is also the start of other
//! clauses (`一` of `一（一）`…) names no one rule: the candidates are listed instead.

use crate::ast::{RuleId, RuleKind};
use crate::program::{DefId, Program, RuleIdx};

/// What a `why` query names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    /// These rules (all of one clause, or the one rule named).
    Rules(Vec<RuleIdx>),
    /// A definition.
    Definition(DefId),
    /// Several things the query could mean: what to type for each, and its title.
    Choose(Vec<(String, String)>),
    /// Nothing.
    Nothing,
}

/// The rules or definition `query` names.
pub fn find(program: &Program, query: &str) -> Named {
    let query: String = query
        .trim()
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let rules = || program.rules.iter().enumerate().map(|(i, r)| (RuleIdx(i as u32), r));
    if let Some((kind, id)) = query.split_once(char::is_whitespace)
        && let Some(kind) = RuleKind::from_keyword(crate::syntax::keywords::in_english(kind))
    {
        let found: Vec<RuleIdx> = rules()
            .filter(|(_, r)| r.kind == kind && r.id.to_string() == id.trim())
            .map(|(i, _)| i)
            .collect();
        return if found.is_empty() {
            Named::Nothing
        } else {
            Named::Rules(found)
        };
    }
    let by_name: Vec<RuleIdx> = rules()
        .filter(|(_, r)| matches!(&r.id, RuleId::Name(n) if *n == query))
        .map(|(i, _)| i)
        .collect();
    if !by_name.is_empty() {
        return Named::Rules(by_name);
    }
    let definition = program
        .definitions
        .iter()
        .position(|d| d.arity == 0 && !d.repealed && (d.name == query || d.label.zh == query));
    if let Some(i) = definition {
        return Named::Definition(DefId(i as u32));
    }
    let exact: Vec<RuleIdx> = rules()
        .filter(|(_, r)| r.cite.clause.node == query)
        .map(|(i, _)| i)
        .collect();
    let longer: Vec<RuleIdx> = rules()
        .filter(|(_, r)| r.cite.clause.node != query && r.cite.clause.node.starts_with(query.as_str()))
        .map(|(i, _)| i)
        .collect();
    match (exact.is_empty(), longer.len()) {
        (false, 0) => Named::Rules(exact),
        (true, 0) => Named::Nothing,
        (true, 1) => Named::Rules(longer),
        _ => Named::Choose(exact.into_iter().chain(longer).map(|i| choice(program, i)).collect()),
    }
}

/// What to type to name one rule alone, and its title.
fn choice(program: &Program, idx: RuleIdx) -> (String, String) {
    let rule = &program.rules[idx.0 as usize];
    let clause = &rule.cite.clause.node;
    let alone = program.rules.iter().filter(|r| r.cite.clause.node == *clause).count() == 1;
    let typed = match &rule.id {
        RuleId::Name(name) => name.clone(),
        RuleId::Number(_) if alone => clause.clone(),
        RuleId::Number(n) => format!("{} {n}", rule.kind.keyword()),
    };
    let title: String = rule.cite.text.as_deref().unwrap_or("").chars().take(30).collect();
    (typed, format!("{clause} {title}"))
}

/// Every word `why` accepts that starts with `prefix`: clauses, rule names, kinds with
/// ids, definitions; each with a short title.
pub fn completions(program: &Program, prefix: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, rule) in program.rules.iter().enumerate() {
        let (typed, title) = choice(program, RuleIdx(i as u32));
        out.push((typed, title.clone()));
        out.push((rule.cite.clause.node.clone(), title));
    }
    for d in program
        .definitions
        .iter()
        .filter(|d| d.arity == 0 && !d.repealed && !d.name.starts_with("__"))
    {
        out.push((d.name.clone(), d.label.zh.clone()));
    }
    out.retain(|(typed, _)| typed.starts_with(prefix));
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};

    fn program() -> Program {
        let loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
        loaded.program.expect("the built-in policy checks")
    }

    fn clauses(program: &Program, named: &Named) -> Vec<String> {
        match named {
            Named::Rules(rules) => rules
                .iter()
                .map(|i| program.rules[i.0 as usize].cite.clause.node.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn clauses_with_either_brackets_kinds_names_and_definitions_are_found() {
        let p = program();
        assert_eq!(clauses(&p, &find(&p, "一（一）")), ["一（一）"]);
        assert_eq!(clauses(&p, &find(&p, " 一(一) ")), ["一（一）"]);
        assert_eq!(clauses(&p, &find(&p, "category 1")), ["一（一）"]);
        assert_eq!(clauses(&p, &find(&p, "类别 1")), ["一（一）"]);
        assert!(matches!(find(&p, "monthly_follow_up"), Named::Rules(r) if r.len() == 1));
        let Named::Definition(id) = find(&p, "eligible") else {
            panic!("eligible is a definition")
        };
        assert_eq!(p.definitions[id.0 as usize].name, "eligible");
        assert_eq!(find(&p, "就业困难人员"), Named::Definition(id));
        assert_eq!(find(&p, "九（九）"), Named::Nothing);
    }

    #[test]
    fn a_clause_that_begins_others_lists_the_candidates() {
        let p = program();
        let Named::Choose(choices) = find(&p, "一") else {
            panic!("一 is ambiguous")
        };
        let typed: Vec<&str> = choices.iter().map(|(t, _)| t.as_str()).collect();
        assert!(typed.contains(&"monthly_follow_up"), "{typed:?}");
        // 一（七） is also the clause of a check, so category 7 is named by kind and id.
        assert!(
            typed.contains(&"一（一）") && typed.contains(&"category 7"),
            "{typed:?}"
        );
        // Each candidate, typed, names exactly one rule.
        for t in typed {
            assert!(matches!(find(&p, t), Named::Rules(r) if r.len() == 1), "{t}");
        }
    }

    #[test]
    fn completions_offer_clauses_names_and_definitions() {
        let p = program();
        let words: Vec<String> = completions(&p, "一").into_iter().map(|(w, _)| w).collect();
        assert!(words.contains(&"一（一）".to_string()), "{words:?}");
        let words: Vec<String> = completions(&p, "elig").into_iter().map(|(w, _)| w).collect();
        assert!(words.contains(&"eligible".to_string()), "{words:?}");
    }
}

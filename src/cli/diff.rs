//! `zhengce diff OLD NEW CASES...`: every case whose decision changes between two
//! policies (or one policy on two dates), grouped by the rule that changed, with both
//! explanations; then a summary.

use crate::report::Lang;
use crate::report::changes::Words;
use crate::report::layout::wrap_lines;
use crate::report::messages::{Msg, msg, msg_args, msg_with};

use super::{CommonArgs, Console, EXIT_FAILED, EXIT_OK, EXIT_POLICY, EXIT_USAGE, Format, inputs, render_options};
use crate::diff::{CaseDiff, RuleChange, RuleChangeKind, Side, diff_case};
use crate::input::InputLimits;
use crate::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy_with};
use crate::report::render_diagnostic;
use crate::repository::PolicyRepository;
use crate::run::{CaseResult, MissingDate, Runner, Status};
use chrono::NaiveDate;
use serde_json::json;
use std::collections::BTreeMap;

/// `POLICY[@DATE]`: a policy file (or `builtin`) and, optionally, the date to evaluate
/// every case on.
#[derive(Debug, Clone)]
pub struct PolicyAt {
    path: Option<String>,
    date: Option<NaiveDate>,
}

/// Parses `POLICY[@DATE]`.
pub fn parse_policy_at(s: &str) -> Result<PolicyAt, super::usage::BadValue> {
    let (path, date) = match s.rsplit_once('@') {
        Some((p, d)) => (p, Some(super::parse_date(d)?)),
        None => (s, None),
    };
    let path = (path != "builtin").then(|| path.to_string());
    Ok(PolicyAt { path, date })
}

impl PolicyAt {
    /// The policy a folder with a `zhengce.toml` names, in place of the folder (another
    /// checkout of a policy repository); any other spec as it is.
    fn resolved(&self, lang: Lang, console: &mut Console) -> Result<PolicyAt, u8> {
        let Some(dir) = self.path.as_deref().filter(|p| std::path::Path::new(p).is_dir()) else {
            return Ok(self.clone());
        };
        match PolicyRepository::at(dir) {
            Ok(Some(repository)) => match repository.policy {
                Some(path) => Ok(PolicyAt {
                    path: Some(path),
                    date: self.date,
                }),
                None => {
                    let line = msg_args(
                        Msg::NotGivenNotSet,
                        lang,
                        &[msg(Msg::WhatNewPolicy, lang), &repository.settings, "policy"],
                    );
                    console.err(&format!("{line}\n"));
                    Err(EXIT_USAGE)
                }
            },
            // A folder that is no repository: read as a file, it says why it cannot be.
            Ok(None) => Ok(self.clone()),
            Err(problem) => {
                super::draw_diagnostics(&problem.diagnostics, &problem.sources, lang, console);
                Err(EXIT_USAGE)
            }
        }
    }
}

/// Whether a NEW given looks like cases rather than a policy: a case file, or a folder
/// that is no policy repository.
fn looks_like_cases(path: &str) -> bool {
    let p = std::path::Path::new(path);
    if p.is_dir() {
        return !p.join("zhengce.toml").is_file();
    }
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "jsonl" | "ndjson"))
}

/// NEW: as given, else the policy repository's policy.
fn new_policy(new: Option<&PolicyAt>, common: &CommonArgs, console: &mut Console) -> Result<PolicyAt, u8> {
    let lang = common.lang();
    if let Some(new) = new {
        return new.resolved(lang, console);
    }
    match common.repository.as_ref().and_then(|r| r.policy.clone()) {
        Some(path) => Ok(PolicyAt {
            path: Some(path),
            date: None,
        }),
        None => Err(super::not_given(Msg::WhatNewPolicy, "policy", common, console)),
    }
}

struct Run {
    loaded: LoadedPolicy,
    versions: Vec<crate::program::Program>,
    results: Vec<CaseResult>,
}

fn run_side(
    spec: &PolicyAt,
    as_of: Option<NaiveDate>,
    inputs: &[inputs::Input],
    limits: InputLimits,
    lang: Lang,
    console: &mut Console,
) -> Option<Run> {
    let mut loaded = match &spec.path {
        Some(p) => load_policy_with(p, PolicySource::Disk, limits),
        None => load_policy_with(DEFAULT_POLICY, PolicySource::Builtin, limits),
    };
    for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        console.err(&render_diagnostic(
            d,
            &loaded.sources,
            super::draw_options(lang, console),
        ));
    }
    let versions = std::mem::take(&mut loaded.versions);
    if versions.is_empty() {
        return None;
    }
    let mut runner = Runner::with_versions(&versions, spec.date.or(as_of), MissingDate::Error);
    runner.limits = limits;
    let mut results = Vec::new();
    for input in inputs {
        match &input.bytes {
            Ok(bytes) => results.extend(runner.run_file(&mut loaded.sources, &input.name, bytes)),
            Err(e) => results.push(runner.unreadable(&mut loaded.sources, &input.name, e.clone())),
        }
    }
    drop(runner);
    Some(Run {
        loaded,
        versions,
        results,
    })
}

/// Runs `diff`.
pub fn run(
    old: &PolicyAt,
    new: Option<&PolicyAt>,
    cases: &[String],
    as_of: Option<NaiveDate>,
    format: Format,
    common: &CommonArgs,
    console: &mut Console,
) -> u8 {
    // The policies are OLD and NEW; a `--policy` here would be silently unused.
    if common.policy.is_some() {
        console.err(&format!("{}\n", msg(Msg::DiffTakesNoPolicy, common.lang())));
        return EXIT_USAGE;
    }
    if cases.is_empty() {
        // `diff OLD CASES`: the cases taken for NEW, which is easy to do and hard to see.
        if let Some(given) = new.and_then(|n| n.path.as_deref()).filter(|p| looks_like_cases(p)) {
            let old = old.path.as_deref().unwrap_or("builtin");
            let line = msg_args(Msg::DiffNewLooksLikeCases, common.lang(), &[given, old, given]);
            console.err(&format!("{line}\n"));
            return EXIT_USAGE;
        }
        return super::not_given(Msg::WhatCasePaths, "cases", common, console);
    }
    let (old, new) = match (old.resolved(common.lang(), console), new_policy(new, common, console)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let (old, new) = (&old, &new);
    // Read once for both sides: standard input (`-`) can be read only once.
    let inputs: Vec<inputs::Input> = inputs::collect(cases).collect();
    let (Some(a), Some(b)) = (
        run_side(old, as_of, &inputs, common.limits(), common.lang(), console),
        run_side(new, as_of, &inputs, common.limits(), common.lang(), console),
    ) else {
        return EXIT_POLICY;
    };
    let options = render_options(common, console);
    // Nothing to compare is a failure, as for `eval` and `test`: a wrong path in a
    // script must not pass unnoticed.
    if a.results.is_empty() {
        console.err(&format!(
            "{}\n",
            msg_with(Msg::NoCasesUnder, options.lang, &cases.join(" "))
        ));
        return EXIT_FAILED;
    }
    // Cases that neither policy could evaluate (a broken case file) change nothing, but
    // they were not compared: said, and the run fails.
    let not_evaluated = a
        .results
        .iter()
        .zip(&b.results)
        .filter(|(ra, rb)| ra.status == Status::Error && rb.status == Status::Error)
        .count();
    let mut diffs: Vec<CaseDiff> = Vec::new();
    for (ra, rb) in a.results.iter().zip(&b.results) {
        let sa = Side {
            program: &a.versions[ra.version],
            sources: &a.loaded.sources,
            result: ra,
        };
        let sb = Side {
            program: &b.versions[rb.version],
            sources: &b.loaded.sources,
            result: rb,
        };
        diffs.extend(diff_case(sa, sb, &options));
    }
    let evaluated = a.results.len();
    // Changes are named by the new policy's labels (its latest version: versions are
    // oldest first).
    let Some(newest) = b.versions.last() else {
        return EXIT_POLICY;
    };
    let words = Words {
        former: &a.versions,
        program: newest,
        lang: options.lang,
    };
    // Group by the rule that changed; a change no rule explains goes under its fields.
    let mut groups: Groups = BTreeMap::new();
    for d in &diffs {
        if d.rules.is_empty() {
            // A case that can be evaluated on one side only is a change of status.
            let keys: Vec<String> = d.changes.iter().map(|c| c.key.clone()).collect();
            let group = if keys.iter().any(|k| k == "status") {
                Group::Fields(vec!["status".to_string()])
            } else {
                Group::Fields(keys)
            };
            groups.entry(group).or_default().push((d, None));
        }
        for r in &d.rules {
            groups
                .entry(Group::Rule(r.rule.clone(), r.kind))
                .or_default()
                .push((d, Some(r)));
        }
    }
    match format {
        Format::Json => console.out(&format!("{}\n", diff_json(&diffs, &groups, evaluated, not_evaluated))),
        Format::Text => console.out(&wrap_lines(
            &diff_text(&groups, [diffs.len(), evaluated, not_evaluated], words),
            options.width,
        )),
    }
    if not_evaluated > 0 { EXIT_FAILED } else { EXIT_OK }
}

/// The changed cases by the rule that changed (or the fields, when no rule did), each
/// with its change of that rule: a case is not searched for it again for each rule.
type Groups<'d> = BTreeMap<Group, Vec<(&'d CaseDiff, Option<&'d RuleChange>)>>;

/// What a group of changed cases has in common.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    /// A rule whose outcome changed (as named to people), or that one policy has and
    /// the other does not.
    Rule(String, RuleChangeKind),
    /// Fields of the record that changed with no rule to explain them (`status`: the
    /// case is evaluated on one side only).
    Fields(Vec<String>),
}

impl Group {
    /// The group's name in JSON: the rule, or the record keys.
    fn key(&self) -> String {
        match self {
            Group::Rule(rule, _) => rule.clone(),
            Group::Fields(keys) => keys.join(", "),
        }
    }

    /// The group's name for people: the rule, or the fields' labels.
    fn named(&self, words: Words) -> String {
        match self {
            Group::Rule(rule, RuleChangeKind::Changed) => rule.clone(),
            Group::Rule(rule, RuleChangeKind::Added) => format!("{rule}{}", msg(Msg::DiffAdded, words.lang)),
            Group::Rule(rule, RuleChangeKind::Repealed) => format!("{rule}{}", msg(Msg::DiffRepealed, words.lang)),
            Group::Fields(keys) => {
                let named: Vec<String> = keys.iter().map(|k| words.key(k)).collect();
                named.join(msg(Msg::ListSeparator, words.lang))
            }
        }
    }
}

/// What changed in a case's record, told with the policy's labels.
fn change_text(d: &CaseDiff, words: Words) -> String {
    let mut parts = Vec::new();
    for c in &d.changes {
        words.change(&c.key, &c.old, &c.new, &mut parts);
    }
    parts.join(msg(Msg::Separator, words.lang))
}

/// The text report; `counts` are the cases changed, evaluated, and not evaluated by
/// either policy.
fn diff_text(groups: &Groups, counts: [usize; 3], words: Words) -> String {
    let [changed, evaluated, not_evaluated] = counts;
    let lang = words.lang;
    let mut out = String::new();
    for (group, cases) in groups {
        let rule = &group.named(words);
        out.push_str(&format!(
            "{}\n",
            msg_args(Msg::DiffGroup, lang, &[rule, &cases.len().to_string()])
        ));
        for (d, change) in cases {
            out.push_str(&format!(
                "  {}{}{}\n",
                d.case,
                msg(Msg::Colon, lang),
                change_text(d, words)
            ));
            if let Some(r) = change {
                out.push_str(&format!(
                    "    {}\n",
                    msg_with(Msg::DiffOld, lang, r.old.as_deref().unwrap_or("—"))
                ));
                out.push_str(&format!(
                    "    {}\n",
                    msg_with(Msg::DiffNew, lang, r.new.as_deref().unwrap_or("—"))
                ));
            }
        }
    }
    let by_rule: Vec<String> = groups
        .iter()
        .map(|(g, c)| format!("{} {}", g.named(words), c.len()))
        .collect();
    let by_rule = by_rule.join(msg(Msg::ListSeparator, lang));
    let totals = [evaluated.to_string(), changed.to_string()];
    out.push_str(&msg_args(Msg::DiffTotals, lang, &[&totals[0], &totals[1]]));
    if not_evaluated > 0 {
        out.push_str(&msg_with(Msg::DiffNotEvaluated, lang, &not_evaluated.to_string()));
    }
    if !by_rule.is_empty() {
        out.push_str(&msg_with(Msg::DiffByRule, lang, &by_rule));
    }
    out.push('\n');
    out
}

/// How a rule changed, as JSON writes it.
fn change_word(kind: RuleChangeKind) -> &'static str {
    match kind {
        RuleChangeKind::Changed => "changed",
        RuleChangeKind::Added => "added",
        RuleChangeKind::Repealed => "repealed",
    }
}

fn diff_json(diffs: &[CaseDiff], groups: &Groups, evaluated: usize, not_evaluated: usize) -> serde_json::Value {
    let cases: Vec<serde_json::Value> = diffs
        .iter()
        .map(|d| {
            json!({
                "case": d.case,
                "changes": d.changes.iter().map(|c| json!({"key": c.key, "old": c.old, "new": c.new})).collect::<Vec<_>>(),
                "rules": d.rules.iter().map(|r| json!({"rule": r.rule, "change": change_word(r.kind), "old": r.old, "new": r.new})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let by_rule: serde_json::Map<String, serde_json::Value> =
        groups.iter().map(|(g, c)| (g.key(), json!(c.len()))).collect();
    json!({"cases": cases, "summary": {"evaluated": evaluated, "changed": diffs.len(), "not_evaluated": not_evaluated, "by_rule": by_rule}})
}

//! A record's trace is explained from what the decision's evaluation computed
//! (`Explainer::of_decision`): it must say exactly what a fresh explanation
//! (`Explainer::new`) says, for every case of the suite, and near the step budget,
//! where a fresh explanation runs out of steps and the memo's must be given up.

use zhengce::ast::RuleKind;
use zhengce::eval::{Explainer, MAX_STEPS};
use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy, load_policy_text};
use zhengce::program::{Program, RuleIdx};
use zhengce::report::{
    Lang, RenderOptions, Trace, ValueStyle, decision_json, rule_trace, trace_lines, write_decision_json,
    write_final_decision_json,
};
use zhengce::run::{CaseResult, MissingDate, Runner};

/// How values are told in a trace in `lang`, ID numbers masked.
fn style(program: &Program, lang: Lang) -> ValueStyle<'_> {
    ValueStyle {
        program,
        lang,
        show_pii: false,
    }
}

/// The record's trace and the fresh explanation's, for each result evaluated.
fn traces(loaded: &LoadedPolicy, results: &[CaseResult], lang: Lang) -> Vec<(Vec<String>, Vec<String>)> {
    let options = RenderOptions {
        lang,
        ..RenderOptions::default()
    };
    results
        .iter()
        .filter_map(|r| {
            let (decision, facts) = (r.decision.as_ref()?, r.facts()?);
            let program = &loaded.versions[r.version];
            let record = decision_json(r, program, &loaded.sources, &options);
            let recorded: Vec<String> = record["trace"]
                .as_array()?
                .iter()
                .map(|l| l.as_str().unwrap_or_default().to_string())
                .collect();
            let style = style(program, lang);
            let mut fresh = Explainer::new(program, facts, decision.as_of);
            let expected = trace_lines(program, decision, &mut fresh, &style);
            Some((recorded, expected))
        })
        .collect()
}

fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// Every case file of the suite, in order.
fn suite_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    yaml_files(std::path::Path::new("tests/cases"), &mut files);
    files.sort();
    files
}

/// The results of one case file, decided with the built-in policy.
fn decided(loaded: &mut LoadedPolicy, file: &std::path::Path) -> Vec<CaseResult> {
    let bytes = std::fs::read(file).expect("a case file");
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    runner.run_file(&mut loaded.sources, &file.to_string_lossy(), bytes)
}

#[test]
fn every_suite_case_has_the_trace_of_a_fresh_explanation() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let mut compared = 0;
    for file in &suite_files() {
        let results = decided(&mut loaded, file);
        for lang in [Lang::Zh, Lang::En] {
            for (recorded, expected) in traces(&loaded, &results, lang) {
                assert_eq!(recorded, expected, "{}", file.display());
                compared += 1;
            }
        }
    }
    assert!(compared >= 200, "only {compared} traces compared");
}

/// A trace copies the words of a definition told under several rules from where it
/// first wrote them: every rule's line is what the rule's trace alone says, for every
/// case of the suite, in both languages.
#[test]
fn a_traces_lines_are_each_rules_own_trace() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let (mut compared, mut repeated) = (0, 0);
    for (file, lang) in suite_files().iter().flat_map(|f| [(f, Lang::Zh), (f, Lang::En)]) {
        for r in decided(&mut loaded, file) {
            let (Some(decision), Some(facts)) = (r.decision.as_ref(), r.facts()) else {
                continue;
            };
            let program = &loaded.versions[r.version];
            let style = style(program, lang);
            let mut explainer = Explainer::new(program, facts, decision.as_of);
            let lines = trace_lines(program, decision, &mut explainer, &style);
            let rules: Vec<RuleIdx> = (0..program.rules.len() as u32)
                .map(RuleIdx)
                .filter(|i| program.rules[i.0 as usize].kind != RuleKind::Check)
                .collect();
            let rule_lines = &lines[lines.len() - rules.len()..];
            for (idx, line) in rules.iter().zip(rule_lines) {
                let mut alone = Explainer::new(program, facts, decision.as_of);
                assert_eq!(
                    line,
                    &rule_trace(program, decision, *idx, &mut alone, &style),
                    "{}",
                    file.display()
                );
                compared += 1;
            }
            // Cases where some words were copied: a parenthesis told twice.
            let text = lines.concat();
            repeated += usize::from(text.matches("（在法定劳动年龄内").count() > 1);
        }
    }
    assert!(compared >= 5_000, "only {compared} lines compared");
    assert!(repeated > 0, "no trace tells a definition twice");
}

/// A batch writes each record as the result's last use, its trace explained from the
/// decision's memo itself rather than a copy: the same bytes as the record written
/// from a borrowed result, and no memo left after.
#[test]
fn a_record_written_as_the_results_last_use_is_the_same_record() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let mut compared = 0;
    for (file, lang) in suite_files().iter().flat_map(|f| [(f, Lang::Zh), (f, Lang::En)]) {
        for mut r in decided(&mut loaded, file) {
            let program = &loaded.versions[r.version];
            let options = RenderOptions {
                lang,
                trace: Trace::Included,
                ..RenderOptions::default()
            };
            let (mut borrowed, mut last) = (Vec::new(), Vec::new());
            write_decision_json(&mut borrowed, &r, program, &loaded.sources, &options);
            let had_memo = r.decision.as_ref().is_some_and(|d| d.memo.is_some());
            write_final_decision_json(&mut last, &mut r, program, &loaded.sources, &options);
            assert_eq!(
                String::from_utf8_lossy(&borrowed),
                String::from_utf8_lossy(&last),
                "{}",
                file.display()
            );
            assert!(r.decision.as_ref().is_none_or(|d| d.memo.is_none()));
            compared += usize::from(had_memo);
        }
    }
    assert!(compared >= 400, "only {compared} records written from a memo");
}

/// A policy with a check and a tier, each a count over the months from 1000-01 to
/// `check_to` and to `tier_to`. A trace explains the tier (not the check), and
/// explaining it evaluates its count again.
fn costly(check_to: &str, tier_to: &str) -> LoadedPolicy {
    let text = format!(
        "policy \"memo\" {{}}\ndecision {{ y = holds(tier) }}\n\
         check c cites \"二\" \"x\" {{ when count(m in months_from_to(1000-01, {check_to}) where m > 1500-01) < 0 }}\n\
         tier 1 cites \"一\" \"x\" {{ when count(m in months_from_to(1000-01, {tier_to}) where m > 1600-01) > 0 }}\n"
    );
    let loaded = load_policy_text("memo.policy", &text, PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    loaded
}

/// Decides the one case under `loaded` and compares the traces: the decision's steps,
/// and whether it stopped.
fn assert_same_trace(mut loaded: LoadedPolicy) -> (u64, bool) {
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", "id: c\nas_of: 2025-09-01\n");
    let decision = results[0].decision.as_ref().expect("decided");
    let (steps, stopped) = (decision.steps, decision.memo.is_none());
    let traces = traces(&loaded, &results, Lang::Zh);
    assert_eq!(traces.len(), 1);
    for (recorded, expected) in traces {
        assert_eq!(recorded, expected);
    }
    (steps, stopped)
}

#[test]
fn a_decision_that_took_most_of_the_steps_is_explained_afresh() {
    // The decision takes most of the budget, for the check; explaining the tier takes
    // less than the budget, but more than the decision left. Counting on from the
    // decision's steps, the memo's explainer runs out: a fresh one is used, which
    // does not.
    let (steps, stopped) = assert_same_trace(costly("9999-12", "5999-12"));
    assert!(!stopped && steps > MAX_STEPS * 3 / 4, "{steps} steps");
}

#[test]
fn a_decision_that_ran_out_of_steps_is_explained_afresh() {
    let mut text = String::from("policy \"memo\" {}\ndecision { y = holds(tier) }\n");
    text.push_str(
        "tier 1 cites \"一\" \"x\" { when count(a in months_from_to(1000-01, 9999-12) where \
         count(b in months_from_to(1000-01, 1100-12) where b > a) > 0) > 0 }\n",
    );
    let loaded = load_policy_text("memo.policy", &text, PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    let (_, stopped) = assert_same_trace(loaded);
    assert!(stopped);
}

#[test]
fn a_decision_far_from_the_budget_is_explained_from_its_memo_alike() {
    let (steps, stopped) = assert_same_trace(costly("1700-12", "1700-12"));
    assert!(!stopped && steps < MAX_STEPS / 10, "{steps} steps");
}

/// A definition told under two rules at two depths: `d` is a rule's own condition in
/// tier 1, and two definitions down in tier 2, where explaining stops one level sooner.
/// Explained once per case and shared after, its reasons must still be those of its
/// depth: each line of the trace is the line a fresh explainer gives for that rule alone.
#[test]
fn a_definition_told_at_two_depths_has_the_reasons_of_each() {
    let mut text = String::from("policy \"shared\" {}\ndecision { y = holds(tier) }\n");
    let chain = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f")];
    text.push_str("define a \"甲\" en \"a\" = as_of > 2000-01-01\n");
    for (k, (before, name)) in chain.iter().enumerate() {
        text.push_str(&format!(
            "define {name} \"{name}项\" en \"{name}\" = {before} and as_of > 200{}-01-01\n",
            k + 1
        ));
    }
    text.push_str("tier 1 cites \"一\" \"x\" { when d }\ntier 2 cites \"二\" \"x\" { when f }\n");
    let mut loaded = load_policy_text("shared.policy", &text, PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", "id: c\nas_of: 2025-09-01\n");
    let (decision, facts) = (
        results[0].decision.as_ref().expect("decided"),
        results[0].facts().expect("facts"),
    );
    let program = &loaded.versions[0];
    let style = style(program, Lang::En);
    let lines = trace_lines(
        program,
        decision,
        &mut Explainer::new(program, facts, decision.as_of),
        &style,
    );
    let rules = lines.len() - 2..lines.len();
    for (idx, line) in (0..2).map(RuleIdx).zip(&lines[rules]) {
        let mut fresh = Explainer::new(program, facts, decision.as_of);
        assert_eq!(*line, rule_trace(program, decision, idx, &mut fresh, &style));
    }
    // Tier 2 tells `d` without the reasons of what `d` is made of; tier 1 with them.
    assert!(lines[lines.len() - 1].contains("d: yes (c: yes;"), "{lines:#?}");
    assert!(lines[lines.len() - 2].contains("d: yes (c: yes (b: yes"), "{lines:#?}");
}

//! No input makes zhengce panic, loop without end or overflow its stack: mutations of
//! the real policy files and case files, and hand-written hostile policies and case
//! files, all end in a program, a decision or diagnostics. Deterministic (fixed seeds).
//!
//! Work is bounded by counts, never timed: how many inputs there are, how large they
//! are, how deep they nest (`ast::MAX_DEPTH`) and how many steps an evaluation may take
//! (`eval::MAX_STEPS`). Each hostile input must come to its bound's diagnostic
//! (`too_deep`, the step budget's `evaluation_failed`) or evaluate normally. An input
//! that looped without end would keep the test from finishing: the test harness, not a
//! clock, reports that. `cargo bench --bench hostile` times the hostile inputs.
//!
//! The fuzzed inputs come in full sweeps: about 370 policy loads (each reads, parses and
//! checks three files, then lints, evaluates two example cases and renders everything)
//! and about 3300 case files evaluated and rendered against the built-in policy. The
//! default run takes a sample of each sweep, the inputs that together reach every kind
//! of outcome the whole sweep reaches (see [`Sweep`]); the tests marked `#[ignore]` run
//! the whole sweeps and check that the samples still reach all of it:
//! `cargo test --test robustness -- --ignored`.
//!
//! Each input runs under `catch_unwind` on a worker thread with a 2 MiB stack (what a
//! thread gets by default); a panic is recorded with an excerpt of the input around the
//! change, and the test fails listing them all. A stack overflow aborts the whole
//! process: the worker thread's name says which test it was, and the input it was on is
//! the one last written to that test's folder.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use zhengce::diagnostic::{Code, Diagnostic};
use zhengce::eval::MAX_STEPS;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};
use zhengce::program::Program;
use zhengce::report::{Lang, RenderOptions, decision_json, diagnostic_json, render_diagnostic, render_text};
use zhengce::run::{CaseResult, MissingDate, Runner};
use zhengce::source::SourceMap;

#[path = "common/hostile.rs"]
mod hostile;
mod scratch;

use hostile::{CASE, CaseExpect, Expect, HEADER, define, definitions_chain, hostile_cases, hostile_policies, nested};
use scratch::Scratch;

const HUNAN: &str = "policies/hunan/2025-employment-assistance.policy";
const RETIREMENT: &str = "policies/cn/retirement-2025.policy";
const SUBSIDY: &str = "policies/cn/employment-subsidy-2017.policy";

/// The example cases evaluated against every policy that loads.
const EXAMPLE_CASES: [&str; 2] = ["examples/cases/li-qiang.yaml", "examples/cases/chen-jing-workflow.yaml"];

/// Case files whose mutations are evaluated against the built-in policy.
const CASE_FILES: [&str; 8] = [
    "examples/cases/chen-jing-workflow.yaml",
    "examples/cases/li-qiang.yaml",
    "examples/cases/wang-fang.yaml",
    "examples/cases/zhao-min.yaml",
    "tests/cases/eligibility/base-conditions/13-base-all-seven-categories.yaml",
    "tests/cases/input-errors/id-number/08-id-with-agreeing-fields.yaml",
    "tests/cases/input-errors/keys/03-err-duplicate-key-birth-date.yaml",
    "tests/cases/eligibility/cat2-zero-employment-household/01-cat2-all-unemployed-6m-day-before.yaml",
];

/// Tokens inserted into policy text.
const POLICY_TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    ".",
    "and ",
    " or ",
    "not ",
    " months",
    " working_days",
    " years",
    "holds(",
    "holds(category 1)",
    "category 1",
    "\ndefine x \"x\" = x\n",
    "\ndefine y \"y\" = y + 1\n",
    "replace ",
    "\nrepeal exit 9 cites \"x\"\n",
    " 1 div 0 ",
    " (0 - 9223372036854775807 - 1) div (0 - 1) ",
    "9999999999999999999999",
    "9223372036854775807",
    "2025-02-30",
    "0001-01",
    "9999-12",
    "é",
    "一（",
    "\u{3000}",
    "\n",
    "//",
    " ?? ",
    " is absent",
    "::",
    "=>",
    "_",
    "",
];

/// Tokens inserted into case YAML.
const CASE_TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "? ",
    "|\n",
    ">",
    "#",
    "---\n",
    "...\n",
    "~",
    "null",
    "true",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "1000-01",
    "1e400",
    "0x1F",
    "-9223372036854775808",
    "9999999999999999999999",
    "男",
    "é",
    "一（",
    "11010519491231002X",
    "as_of: 2025-01-01\n",
    "",
];

/// The stack of every worker thread: the default of a spawned thread, said out loud
/// because the nesting limits are checked against it.
const STACK: usize = 2 << 20;

// ───────────────────────── Inputs and mutations ─────────────────────────

/// A fixed-seed xorshift64 generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One input to try: what was done to it, its text, and where it was changed.
#[derive(Clone)]
struct Input {
    what: String,
    text: String,
    at: usize,
}

impl Input {
    /// A short excerpt around the change, for the failure report.
    fn excerpt(&self) -> String {
        let start = floor_boundary(&self.text, self.at.saturating_sub(60));
        let end = floor_boundary(&self.text, (self.at + 60).min(self.text.len()));
        format!("{:?}", &self.text[start..end])
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A char boundary of `text` picked at random.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    floor_boundary(text, rng.below(text.len() + 1))
}

/// A byte range of `text` at char boundaries, at most `max` bytes long.
fn range(rng: &mut Rng, text: &str, max: usize) -> (usize, usize) {
    let a = boundary(rng, text);
    let b = floor_boundary(text, a + 1 + rng.below(max));
    (a, b.max(a))
}

/// Applies one to three random edits to `base`: deletion, duplication or swap of byte
/// ranges, insertion or replacement with a token. Returns the input, with the place of
/// the last edit.
fn mutate(rng: &mut Rng, base: &str, tokens: &[&str], n: usize) -> Input {
    let mut text = base.to_string();
    let mut what = Vec::new();
    let mut at = 0;
    // Ranges up to 200 bytes, shorter in a short file.
    let longest = (base.len() / 16).clamp(4, 200);
    for _ in 0..1 + rng.below(3) {
        match rng.below(5) {
            0 => {
                let (a, b) = range(rng, &text, longest);
                text.replace_range(a..b, "");
                what.push(format!("delete {a}..{b}"));
                at = a;
            }
            1 => {
                let (a, b) = range(rng, &text, longest);
                let copy = text[a..b].to_string();
                text.insert_str(b, &copy);
                what.push(format!("duplicate {a}..{b}"));
                at = b;
            }
            2 => {
                let (a, b) = range(rng, &text, longest);
                let (c, d) = range(rng, &text, longest);
                let ((a, b), (c, d)) = if a <= c { ((a, b), (c, d)) } else { ((c, d), (a, b)) };
                if b <= c {
                    let (first, second) = (text[a..b].to_string(), text[c..d].to_string());
                    text.replace_range(c..d, &first);
                    text.replace_range(a..b, &second);
                    what.push(format!("swap {a}..{b} with {c}..{d}"));
                    at = a;
                }
            }
            3 => {
                let token = rng.pick(tokens);
                let a = boundary(rng, &text);
                text.insert_str(a, token);
                what.push(format!("insert {token:?} at {a}"));
                at = a;
            }
            _ => {
                let token = rng.pick(tokens);
                let (a, b) = range(rng, &text, 8);
                text.replace_range(a..b, token);
                what.push(format!("replace {a}..{b} with {token:?}"));
                at = a;
            }
        }
    }
    Input {
        what: format!("mutation {n}: {}", what.join(", ")),
        text,
        at,
    }
}

/// Cuts of `text` at (about) every `step` bytes, at char boundaries.
fn prefixes(text: &str, step: usize) -> Vec<Input> {
    (0..text.len())
        .step_by(step)
        .map(|cut| floor_boundary(text, cut))
        .map(|cut| Input {
            what: format!("prefix of {cut} bytes"),
            text: text[..cut].to_string(),
            at: cut,
        })
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A fresh folder for one test, removed when it is dropped.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("robustness-{name}"))
}

// ───────────────────────── Running guarded ─────────────────────────

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// A worker thread named `name`, with the stack of [`STACK`].
fn worker(name: String) -> std::thread::Builder {
    std::thread::Builder::new().name(name).stack_size(STACK)
}

/// What one input came to: whether it went all the way through (a checked program, an
/// evaluated case), and the kinds of outcome it reached on the way.
#[derive(Debug, Default)]
struct Reached {
    through: bool,
    kinds: BTreeSet<String>,
}

impl Reached {
    /// Notes diagnostics, by stage, code and message with the names (in backquotes) and
    /// numbers left out: those vary from input to input, the kind of problem does not.
    fn diagnostics<'a>(&mut self, stage: &str, diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
        for d in diagnostics {
            let mut message = String::new();
            let mut quoted = false;
            for c in d.message.en().chars() {
                match c {
                    '`' => {
                        quoted = !quoted;
                        message.push(c);
                    }
                    _ if quoted => {}
                    '0'..='9' if message.ends_with('#') => {}
                    '0'..='9' => message.push('#'),
                    _ => message.push(c),
                }
            }
            self.kinds.insert(format!("{stage} {}: {message}", d.code.as_str()));
        }
    }

    /// Notes a case's diagnostics, the rules that held for it and the values of the
    /// decision that were left absent.
    fn result(&mut self, result: &CaseResult, program: &Program) {
        self.diagnostics("case", &result.diagnostics);
        if let Some(decision) = &result.decision {
            self.through = true;
            for (outcome, rule) in decision.outcomes.iter().zip(&program.rules) {
                if outcome.holds {
                    self.kinds.insert(format!("{} {} holds", rule.kind.keyword(), rule.id));
                }
            }
            for (name, value) in decision.named_outputs(program) {
                if value.is_absent() {
                    self.kinds.insert(format!("{name} is absent"));
                }
            }
        }
    }
}

/// Runs `exercise` on every input, on a worker thread named after the test, with state
/// made by `setup` on that thread. Fails with every input that panicked; else returns
/// what each input reached.
fn guarded<S: 'static>(
    name: &str,
    inputs: Vec<Input>,
    setup: impl FnOnce() -> S + Send + 'static,
    exercise: fn(&mut S, &Input) -> Reached,
) -> Vec<Reached> {
    let count = inputs.len();
    let (reached, failures) = worker(format!("robustness: {name}"))
        .spawn(move || {
            let mut state = setup();
            let (mut reached, mut failures) = (Vec::new(), Vec::new());
            for input in &inputs {
                match catch_unwind(AssertUnwindSafe(|| exercise(&mut state, input))) {
                    Ok(r) => reached.push(r),
                    Err(payload) => failures.push(format!(
                        "{} (near byte {}): panicked: {}\n    {}",
                        input.what,
                        input.at,
                        panic_message(payload.as_ref()),
                        input.excerpt()
                    )),
                }
            }
            (reached, failures)
        })
        .expect("a worker thread")
        .join()
        .expect("the worker catches the panics of every input");
    assert!(
        failures.is_empty(),
        "{name}: {} of {count} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let through = reached.iter().filter(|r| r.through).count();
    eprintln!("{name}: {through} of {count} inputs went all the way through");
    reached
}

/// A deterministic sweep of fuzzed inputs, and the sample of it the default run takes.
struct Sweep {
    name: &'static str,
    inputs: Vec<Input>,
    /// The inputs (by index) that together reach every kind of outcome the whole sweep
    /// reaches: a fraction of the inputs for the same diagnostics, rules held and
    /// programs checked. Chosen by [`choose_sample`] from a run of the whole sweep;
    /// the ignored tests run the whole sweeps again and name a new sample when this
    /// one no longer reaches everything (after a change to the files mutated, the
    /// tokens or the engine).
    sample: &'static [usize],
}

impl Sweep {
    /// The inputs of the sample.
    fn sampled(self) -> Vec<Input> {
        let sample = self.sample;
        let inputs = self.inputs.into_iter().enumerate();
        inputs
            .filter(|(i, _)| sample.contains(i))
            .map(|(_, input)| input)
            .collect()
    }

    /// Checks, after a run of the whole sweep, that the sample reaches every kind of
    /// outcome the sweep reached.
    fn check_sample(&self, reached: &[Reached]) {
        let all: BTreeSet<&String> = reached.iter().flat_map(|r| &r.kinds).collect();
        let sampled: BTreeSet<&String> = self
            .sample
            .iter()
            .filter_map(|i| reached.get(*i))
            .flat_map(|r| &r.kinds)
            .collect();
        let missed: Vec<&&String> = all.difference(&sampled).collect();
        assert!(
            missed.is_empty(),
            "{}: the sample misses {} of {} kinds of outcome: {missed:#?}\nA sample that reaches them all: {:?}",
            self.name,
            missed.len(),
            all.len(),
            choose_sample(reached)
        );
    }
}

/// Inputs that together reach every kind of outcome that `reached` holds, chosen
/// greedily: each time the input that adds the most kinds not reached yet.
fn choose_sample(reached: &[Reached]) -> Vec<usize> {
    let mut left: BTreeSet<&String> = reached.iter().flat_map(|r| &r.kinds).collect();
    let mut chosen = Vec::new();
    while !left.is_empty() {
        let gain = |r: &Reached| r.kinds.iter().filter(|k| left.contains(k)).count();
        // The first of equals: `max_by_key` keeps the last, so compare reversed indices.
        let best = (0..reached.len()).max_by_key(|i| (gain(&reached[*i]), std::cmp::Reverse(*i)));
        let Some(best) = best else { break };
        for kind in &reached[best].kinds {
            left.remove(kind);
        }
        chosen.push(best);
    }
    chosen.sort_unstable();
    chosen
}

/// Draws diagnostics as `zhengce check` and `--format json` do.
fn render_diagnostics<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>, sources: &SourceMap) {
    for d in diagnostics {
        let _ = render_diagnostic(
            d,
            sources,
            zhengce::report::DrawOptions {
                lang: zhengce::lang::Lang::Zh,
                color: false,
                show_pii: false,
                width: 80,
            },
        );
        let _ = diagnostic_json(d, sources, zhengce::lang::Lang::En);
    }
}

/// Everything downstream of a loaded policy: its diagnostics drawn, lint, the cases
/// evaluated and rendered as text and JSON in both languages. Notes what was reached;
/// returns the cases' results.
fn exercise_program(loaded: &mut LoadedPolicy, cases: &[(String, String)], reached: &mut Reached) -> Vec<CaseResult> {
    render_diagnostics(&loaded.diagnostics, &loaded.sources);
    reached.diagnostics("policy", &loaded.diagnostics);
    let Some(program) = loaded.program.clone() else {
        assert!(
            loaded.diagnostics.iter().any(Diagnostic::is_error),
            "no program, yet no error diagnostic"
        );
        return Vec::new();
    };
    reached.kinds.insert("the policy checks".into());
    let lints = zhengce::lint::lint(&program);
    render_diagnostics(&lints, &loaded.sources);
    reached.diagnostics("lint", &lints);
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    let mut results = Vec::new();
    for (name, text) in cases {
        for result in runner.run_file(&mut loaded.sources, name, text) {
            // Each result with the version it was evaluated with, as `zhengce eval` does.
            let program = &loaded.versions[result.version];
            render_result(&result, program, &loaded.sources);
            reached.result(&result, program);
            results.push(result);
        }
    }
    results
}

/// A case result rendered as text and JSON in both languages, with its diagnostics.
fn render_result(result: &CaseResult, program: &Program, sources: &SourceMap) {
    for lang in [Lang::Zh, Lang::En] {
        let options = RenderOptions {
            lang,
            ..RenderOptions::default()
        };
        let _ = render_text(result, program, sources, &options);
        let _ = decision_json(result, program, sources, &options);
    }
    render_diagnostics(&result.diagnostics, sources);
}

// ───────────────────────── Policy files ─────────────────────────

/// A folder laid out like policies/ (hunan/, cn/, calendars/), so that `uses` and
/// `calendar` resolve; the Hunan file is rewritten for each input.
struct PolicyTree {
    /// The folder, held only to go when the test is done with it (a process that
    /// aborts leaves it, with the input that broke it).
    _dir: Scratch,
    hunan: PathBuf,
    cases: Vec<(String, String)>,
}

impl PolicyTree {
    fn new(name: &str) -> PolicyTree {
        let dir = scratch(name);
        for sub in ["hunan", "cn", "calendars"] {
            std::fs::create_dir_all(dir.join(sub)).expect("a folder");
        }
        for path in [RETIREMENT, SUBSIDY] {
            let name = Path::new(path).file_name().expect("a file name");
            std::fs::write(dir.join("cn").join(name), read(path)).expect("a copy");
        }
        let calendars = std::fs::read_dir("policies/calendars").expect("policies/calendars");
        for entry in calendars.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                std::fs::copy(&path, dir.join("calendars").join(entry.file_name())).expect("a copy");
            }
        }
        let hunan = dir
            .join("hunan")
            .join(Path::new(HUNAN).file_name().expect("a file name"));
        let cases = EXAMPLE_CASES.iter().map(|p| (p.to_string(), read(p))).collect();
        PolicyTree {
            _dir: dir,
            hunan,
            cases,
        }
    }

    /// Loads the tree with `input` as the Hunan policy, and everything downstream.
    fn exercise(&mut self, input: &Input) -> Reached {
        std::fs::write(&self.hunan, &input.text).expect("the policy file is written");
        let mut loaded = load_policy(&self.hunan.to_string_lossy(), PolicySource::Disk);
        let mut reached = Reached::default();
        let _ = exercise_program(&mut loaded, &self.cases, &mut reached);
        reached.through = loaded.program.is_some();
        reached
    }
}

/// Cuts of the Hunan policy at about every 1/150 of it (each load parses and checks all
/// three files).
fn policy_prefixes() -> Sweep {
    let text = read(HUNAN);
    Sweep {
        name: "policy prefixes",
        inputs: prefixes(&text, text.len() / 150),
        sample: POLICY_PREFIXES_SAMPLE,
    }
}

/// 220 mutations of the Hunan policy.
fn policy_mutations() -> Sweep {
    let text = read(HUNAN);
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    Sweep {
        name: "policy mutations",
        inputs: (0..220).map(|n| mutate(&mut rng, &text, POLICY_TOKENS, n)).collect(),
        sample: POLICY_MUTATIONS_SAMPLE,
    }
}

/// The sample of [`policy_prefixes`] (29 of 151 cuts): see [`Sweep::sample`].
const POLICY_PREFIXES_SAMPLE: &[usize] = &[
    0, 2, 3, 5, 7, 10, 12, 19, 20, 21, 30, 37, 38, 40, 46, 47, 53, 56, 58, 67, 72, 80, 86, 90, 92, 105, 121, 139, 142,
];

/// The sample of [`policy_mutations`] (36 of 220): see [`Sweep::sample`].
const POLICY_MUTATIONS_SAMPLE: &[usize] = &[
    0, 1, 3, 4, 8, 10, 13, 25, 27, 32, 33, 38, 40, 42, 58, 61, 63, 70, 86, 95, 102, 103, 105, 108, 118, 122, 133, 155,
    161, 164, 171, 179, 185, 200, 202, 215,
];

/// Runs policy inputs in a policy tree of their own.
fn run_policy_sweep(inputs: Vec<Input>, name: &'static str) -> Vec<Reached> {
    guarded(name, inputs, move || PolicyTree::new(name), PolicyTree::exercise)
}

#[test]
fn the_unmutated_policy_tree_loads() {
    let mut tree = PolicyTree::new("unmutated");
    std::fs::write(&tree.hunan, read(HUNAN)).unwrap();
    let loaded = load_policy(&tree.hunan.to_string_lossy(), PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.files.len(), 3);
    let input = Input {
        what: "the Hunan policy as it is".into(),
        text: read(HUNAN),
        at: 0,
    };
    assert!(tree.exercise(&input).through);
}

#[test]
fn no_prefix_of_the_policy_panics() {
    let reached = run_policy_sweep(policy_prefixes().sampled(), "policy-prefixes");
    assert_eq!(reached.len(), POLICY_PREFIXES_SAMPLE.len());
}

#[test]
fn no_mutation_of_the_policy_panics() {
    let reached = run_policy_sweep(policy_mutations().sampled(), "policy-mutations");
    // Some mutated policies check, and their cases are evaluated and rendered (in the
    // whole sweep many more, but they reach nothing more).
    assert!(reached.iter().any(|r| r.through), "no mutated policy checked");
}

#[test]
#[ignore = "the whole sweep: run with `cargo test --test robustness -- --ignored`"]
fn no_prefix_of_the_whole_sweep_panics_and_the_sample_reaches_all_it_does() {
    let sweep = policy_prefixes();
    let reached = run_policy_sweep(sweep.inputs.clone(), "all-policy-prefixes");
    sweep.check_sample(&reached);
}

#[test]
#[ignore = "the whole sweep: run with `cargo test --test robustness -- --ignored`"]
fn no_mutation_of_the_whole_sweep_panics_and_the_sample_reaches_all_it_does() {
    let sweep = policy_mutations();
    let reached = run_policy_sweep(sweep.inputs.clone(), "all-policy-mutations");
    let through = reached.iter().filter(|r| r.through).count();
    assert!(through >= 10, "only {through} mutated policies checked");
    sweep.check_sample(&reached);
}

// ───────────────────────── Case files ─────────────────────────

/// The built-in policy, and the folder where the case being evaluated is written.
struct Builtin {
    loaded: LoadedPolicy,
    /// Removed when the test is done with it.
    dir: Scratch,
}

impl Builtin {
    fn new(name: &str) -> Builtin {
        let loaded = load_policy(zhengce::policy_set::DEFAULT_POLICY, PolicySource::Builtin);
        assert!(loaded.program.is_some(), "the built-in policy checks");
        Builtin {
            loaded,
            dir: scratch(name),
        }
    }

    /// Evaluates `input` as a case file.
    fn exercise(&mut self, input: &Input) -> Reached {
        let mut reached = Reached::default();
        for result in self.evaluate(&input.text) {
            reached.result(&result, &self.loaded.versions[result.version]);
        }
        reached
    }

    /// Evaluates and renders the cases of one file.
    fn evaluate(&mut self, text: &str) -> Vec<CaseResult> {
        // The input on disk is the one to look at if the process aborts.
        let _ = std::fs::write(self.dir.join("current.yaml"), text);
        let loaded = &mut self.loaded;
        let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
        let results = runner.run_file(&mut loaded.sources, "mutated.yaml", text);
        for result in &results {
            render_result(result, &loaded.versions[result.version], &loaded.sources);
        }
        results
    }
}

/// Cuts of the case files at every 7 bytes, and 2500 mutations of them.
fn case_files() -> Sweep {
    let bases: Vec<String> = CASE_FILES.iter().map(|p| read(p)).collect();
    let mut inputs: Vec<Input> = bases.iter().flat_map(|text| prefixes(text, 7)).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..2500 {
        let base = &bases[n % bases.len()];
        inputs.push(mutate(&mut rng, base, CASE_TOKENS, n));
    }
    Sweep {
        name: "case files",
        inputs,
        sample: CASE_FILES_SAMPLE,
    }
}

/// The sample of [`case_files`] (73 of 3311: cuts from index 0, mutations from 811):
/// see [`Sweep::sample`].
const CASE_FILES_SAMPLE: &[usize] = &[
    48, 49, 52, 56, 67, 71, 76, 77, 81, 85, 86, 89, 90, 93, 94, 98, 168, 192, 196, 200, 201, 209, 233, 244, 261, 262,
    393, 395, 414, 420, 423, 424, 452, 562, 640, 813, 827, 858, 877, 882, 912, 913, 917, 933, 965, 981, 1020, 1057,
    1127, 1138, 1233, 1276, 1311, 1351, 1396, 1482, 1547, 1692, 1857, 1874, 1906, 2013, 2099, 2151, 2229, 2467, 2524,
    2702, 2882, 2978, 3084, 3095, 3202,
];

#[test]
fn no_mutation_of_a_case_file_panics() {
    let reached = guarded(
        "case files",
        case_files().sampled(),
        || Builtin::new("cases"),
        Builtin::exercise,
    );
    assert!(reached.iter().any(|r| r.through), "no mutated case was evaluated");
}

#[test]
#[ignore = "the whole sweep: run with `cargo test --test robustness -- --ignored`"]
fn no_case_file_of_the_whole_sweep_panics_and_the_sample_reaches_all_it_does() {
    let sweep = case_files();
    let inputs = sweep.inputs.clone();
    let reached = guarded(
        "all case files",
        inputs,
        || Builtin::new("all-cases"),
        Builtin::exercise,
    );
    let through = reached.iter().filter(|r| r.through).count();
    assert!(through >= 500, "only {through} mutated cases were evaluated");
    sweep.check_sample(&reached);
}

// ───────────────────────── Hostile policies ─────────────────────────

/// How the evaluation of a file's cases ended.
#[derive(Debug)]
struct Ended {
    /// The codes of the cases' diagnostics.
    codes: Vec<Code>,
    /// Whether an evaluation stopped at the step budget.
    out_of_steps: bool,
    /// Whether another evaluation failed.
    failed: bool,
    /// The most steps an evaluation took.
    most_steps: u64,
}

impl Ended {
    /// How the evaluations of `results` ended.
    fn of(results: &[CaseResult]) -> Ended {
        let budget = format!("more than {MAX_STEPS} steps to evaluate this case: evaluation stopped");
        let diagnostics = || results.iter().flat_map(|r| &r.diagnostics);
        let failures = || diagnostics().filter(|d| d.code == Code::EvaluationFailed);
        Ended {
            codes: diagnostics().map(|d| d.code.clone()).collect(),
            out_of_steps: failures().any(|d| d.message.en() == budget),
            failed: failures().any(|d| d.message.en() != budget),
            most_steps: results
                .iter()
                .filter_map(|r| r.decision.as_ref())
                .map(|d| d.steps)
                .max()
                .unwrap_or(0),
        }
    }

    /// Whether every evaluation kept within the step budget, and stopped at it
    /// (`out_of_steps`) or not.
    fn within_budget(&self, out_of_steps: bool) -> bool {
        self.most_steps <= MAX_STEPS && self.out_of_steps == out_of_steps
    }
}

#[test]
fn hostile_policies_end_in_a_program_or_the_diagnostic_of_their_bound() {
    let dir = scratch("hostile");
    let mut failures = Vec::new();
    for (n, (what, text, expect)) in hostile_policies().into_iter().enumerate() {
        let path = dir.join(format!("{n}.policy"));
        std::fs::write(&path, &text).expect("the policy file is written");
        let path = path.to_string_lossy().to_string();
        // A thread of its own: its name says which policy it was if the stack overflows.
        let outcome = worker(format!("robustness: hostile policy `{what}`"))
            .spawn(move || {
                catch_unwind(|| {
                    let mut loaded = load_policy(&path, PolicySource::Disk);
                    let cases = [("hostile.yaml".to_string(), CASE.to_string())];
                    let results = exercise_program(&mut loaded, &cases, &mut Reached::default());
                    let errors: Vec<Code> = loaded
                        .diagnostics
                        .iter()
                        .filter(|d| d.is_error())
                        .map(|d| d.code.clone())
                        .collect();
                    (loaded.program.is_some(), errors, Ended::of(&results))
                })
                .map_err(|p| panic_message(p.as_ref()))
            })
            .expect("a worker thread")
            .join()
            .expect("the worker catches the panic");
        let (loads, errors, ended) = match outcome {
            Ok(outcome) => outcome,
            Err(message) => {
                failures.push(format!("{what}: panicked: {message}"));
                continue;
            }
        };
        let as_expected = match &expect {
            Expect::Loads => loads && errors.is_empty() && !ended.failed && ended.within_budget(false),
            Expect::Fails => loads && ended.failed && ended.within_budget(false),
            Expect::OutOfSteps => loads && ended.within_budget(true),
            Expect::Rejected(code) => !loads && errors.contains(code),
        };
        if !as_expected {
            failures.push(format!("{what}: program: {loads}; errors: {errors:?}; case: {ended:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ───────────────────────── Hostile case files ─────────────────────────

#[test]
fn hostile_case_files_end_in_a_decision_or_the_diagnostic_of_their_bound() {
    let cases = hostile_cases();
    let texts: Vec<String> = cases.iter().map(|(_, text, _)| text.clone()).collect();
    // One thread for them all: if the stack overflows, the case it was on is the one
    // last written to the folder.
    let outcomes = worker("robustness: hostile case files".into())
        .spawn(move || {
            let mut builtin = Builtin::new("hostile-cases");
            let mut evaluate = |text: &String| catch_unwind(AssertUnwindSafe(|| Ended::of(&builtin.evaluate(text))));
            texts
                .iter()
                .map(|text| evaluate(text).map_err(|p| panic_message(p.as_ref())))
                .collect::<Vec<_>>()
        })
        .expect("a worker thread")
        .join()
        .expect("the worker catches the panics");
    let mut failures = Vec::new();
    for ((what, _, expect), outcome) in cases.iter().zip(outcomes) {
        let ended = match outcome {
            Ok(ended) => ended,
            Err(message) => {
                failures.push(format!("{what}: panicked: {message}"));
                continue;
            }
        };
        let as_expected = match expect {
            CaseExpect::Evaluated => {
                !ended.failed && !ended.codes.contains(&Code::YamlSyntax) && ended.within_budget(false)
            }
            CaseExpect::Refused(code) => ended.codes.contains(code),
            CaseExpect::OutOfSteps => ended.within_budget(true),
        };
        if !as_expected {
            failures.push(format!("{what}: {ended:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ───────────────────────── The limits' diagnostics ─────────────────────────

/// Loads one policy file written to a fresh folder.
fn load_one(name: &str, text: &str) -> LoadedPolicy {
    let dir = scratch(name);
    let path = dir.join("p.policy");
    std::fs::write(&path, text).expect("the policy file is written");
    load_policy(&path.to_string_lossy(), PolicySource::Disk)
}

/// The only error of a loaded policy, and the text it underlines.
fn only_error(loaded: &LoadedPolicy) -> (&Diagnostic, &str) {
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{:#?}", loaded.diagnostics);
    (errors[0], loaded.sources.snippet(errors[0].span.expect("a location")))
}

#[test]
fn brackets_nested_too_deep_are_an_error_at_the_first_level_too_many() {
    let loaded = load_one("too-deep-brackets", &define(&nested(101, "(", "1", ")")));
    let (d, underlined) = only_error(&loaded);
    assert_eq!(d.code, Code::TooDeep);
    assert_eq!(d.message.en(), "this is nested more than 100 levels deep");
    assert_eq!(underlined, "(");
    assert_eq!(
        loaded.sources.line_col(d.span.unwrap()).column,
        "define x \"x\" = ".len() + 101
    );
    assert!(
        d.help
            .as_ref()
            .map(|h| h.en())
            .unwrap_or_default()
            .contains("all(c in [a, b, ...] : c)")
    );
}

#[test]
fn a_chain_of_definitions_too_deep_is_an_error_where_it_gets_too_deep() {
    // Each definition is three levels: its use, `+`, and the name it uses.
    let loaded = load_one("too-deep-chain", &definitions_chain(40, false));
    let (d, underlined) = only_error(&loaded);
    assert_eq!(d.code, Code::TooDeep);
    assert!(underlined.starts_with('d'), "{underlined}");
    assert!(
        load_one("deep-enough-chain", &definitions_chain(30, false))
            .program
            .is_some()
    );
}

#[test]
fn a_table_whose_row_uses_the_table_is_a_cycle() {
    let text = format!("{HEADER}enum K \"k\" {{ a \"a\" }}\ntable t \"t\" by K {{ a => {{ v: t[K::a].v }} }}\n");
    let loaded = load_one("table-cycle", &text);
    let (d, underlined) = only_error(&loaded);
    assert_eq!(d.code, Code::DefinitionCycle);
    assert_eq!(d.message.en(), "table `t` depends on itself");
    assert_eq!(underlined, "t");
}

#[test]
fn an_evaluation_that_takes_too_many_steps_stops_with_an_error_at_the_inner_list() {
    let months = "months_from_to(1000-01, 9999-12)";
    let text = define(&format!(
        "count(a in {months} where count(b in {months} where a == b) > 0)"
    ));
    let mut loaded = load_one("too-many-steps", &text);
    let program = loaded.program.clone().expect("the policy checks");
    let mut runner = Runner::with_versions(&loaded.versions, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", CASE);
    let failed: Vec<&Diagnostic> = results[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::EvaluationFailed)
        .collect();
    assert_eq!(failed.len(), 1, "{:#?}", results[0].diagnostics);
    assert_eq!(
        failed[0].message.en(),
        "more than 1000000 steps to evaluate this case: evaluation stopped"
    );
    // The inner list, gone through once for each of the outer's 108,000 months.
    let span = failed[0].span.expect("a location");
    assert_eq!(loaded.sources.snippet(span), months);
    let inner = text.rfind(months).expect("the inner list");
    assert_eq!(span.start as usize, inner);
    let record = decision_json(&results[0], &program, &loaded.sources, &RenderOptions::default());
    assert_eq!(record["status"], "error");
    assert_eq!(record["diagnostics"][0]["line"], 2);
}

//! Every diagnostic about a policy file is told in Chinese and in English (issue 11):
//! its Chinese has no English word outside backticks (names as written in the policy
//! stay in backticks; all-caps abbreviations such as UTF or YYYY may stand), and its
//! English no Chinese character outside backticks and “quotes”. Checked over every
//! policy with errors at hand: the reliability reproducers, the hostile policies of
//! the robustness tests, small policies written to reach each message, and mutations of
//! the shipped policy files, made on purpose and at random (fixed seeds).

use zhengce::diagnostic::{Code, Diagnostic};
use zhengce::input::InputLimits;
use zhengce::lang::Text;
use zhengce::lint::lint;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy, load_policy_text, load_policy_with};

#[allow(dead_code)]
#[path = "common/hostile.rs"]
mod hostile;
mod scratch;

use scratch::Scratch;

const HUNAN: &str = "policies/hunan/2025-employment-assistance.policy";
const RETIREMENT: &str = "policies/cn/retirement-2025.policy";
const SUBSIDY: &str = "policies/cn/employment-subsidy-2017.policy";
const HEADER: &str = "policy \"t\" {}\n";

// ───────────────────────── What is checked ─────────────────────────

/// `text` with the spans between `open` and `close` (and the marks) blanked out.
fn outside(text: &str, spans: &[(char, char)]) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match spans.iter().find(|(open, _)| *open == c) {
                Some((_, close)) => closing = Some(*close),
                None => {
                    out.push(c);
                    continue;
                }
            },
        }
        out.push(' ');
    }
    out
}

/// The English words of a Chinese text outside backticks: runs of two or more ASCII
/// letters that are not all capitals.
fn english_words(zh: &str) -> Vec<String> {
    outside(zh, &[('`', '`')])
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// The Chinese characters of an English text outside backticks and “quotes”.
fn chinese_characters(en: &str) -> Vec<char> {
    outside(en, &[('`', '`'), ('“', '”')])
        .chars()
        .filter(|c| matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
        .collect()
}

/// Every text of a diagnostic: its message, label, help and the labels of the places
/// it relates to.
fn texts(d: &Diagnostic) -> Vec<(&'static str, &Text)> {
    let mut all = vec![("message", &d.message)];
    all.extend(d.label.iter().map(|l| ("label", l)));
    all.extend(d.help.iter().map(|h| ("help", h)));
    all.extend(d.related.iter().map(|(_, l)| ("related", l)));
    all
}

/// What is wrong with the languages of a diagnostic, if anything.
fn wrong_languages(d: &Diagnostic) -> Vec<String> {
    let mut wrong = Vec::new();
    for (part, text) in texts(d) {
        let (zh, en) = (text.zh(), text.en());
        let words = english_words(&zh);
        if !words.is_empty() {
            wrong.push(format!("{} {part}: English {words:?} in {zh:?}", d.code.as_str()));
        }
        let chars = chinese_characters(&en);
        if !chars.is_empty() {
            wrong.push(format!("{} {part}: Chinese {chars:?} in {en:?}", d.code.as_str()));
        }
    }
    wrong
}

/// The diagnostics of a loaded policy and, when it checks, of its lints. Calendar files
/// are the case side's (told by the calendar loader): left out.
fn diagnostics(loaded: &LoadedPolicy) -> Vec<Diagnostic> {
    let mut all = loaded.diagnostics.clone();
    if let Some(program) = &loaded.program {
        all.extend(lint(program));
    }
    all.retain(|d| !matches!(d.code, Code::BadCalendar | Code::CalendarMissing));
    all
}

/// Goes through the diagnostics of many policies, noting what is wrong.
#[derive(Default)]
struct Audit {
    policies: usize,
    diagnostics: usize,
    codes: std::collections::BTreeSet<String>,
    wrong: Vec<String>,
}

impl Audit {
    fn policy(&mut self, name: &str, loaded: &LoadedPolicy) -> usize {
        let found = diagnostics(loaded);
        self.policies += 1;
        self.diagnostics += found.len();
        for d in &found {
            self.codes.insert(d.code.as_str().to_string());
            for w in wrong_languages(d) {
                if self.wrong.len() < 50 {
                    self.wrong.push(format!("{name}: {w}"));
                }
            }
        }
        found.len()
    }

    /// A policy given as text, loaded with the shipped files it uses.
    fn text(&mut self, name: &str, path: &str, text: &str) -> usize {
        let loaded = load_policy_text(path, text, PolicySource::Builtin);
        self.policy(name, &loaded)
    }

    /// A policy on its own, with errors that must be found.
    fn alone(&mut self, items: &str) {
        let text = format!("{HEADER}{items}");
        let found = self.text(items, "t.policy", &text);
        assert!(found > 0, "no diagnostic for {items:?}");
    }

    fn finish(self) {
        assert!(
            self.wrong.is_empty(),
            "{} wrong of {} diagnostics:\n{}",
            self.wrong.len(),
            self.diagnostics,
            self.wrong.join("\n")
        );
        eprintln!(
            "{} policies, {} diagnostics, codes {:?}",
            self.policies, self.diagnostics, self.codes
        );
    }
}

// ───────────────────────── The policies ─────────────────────────

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Small policies, each written to reach some of the messages.
const SMALL: &[&str] = &[
    "enum G \"g\" { a \"a\", a \"b\" }\n",
    "define x \"x\" = 1\ndefine x \"x\" = 2\n",
    "decision { y = 1\n y = 2 }\n",
    "define a \"a\" = b\ndefine b \"b\" = a\ndecision { y = a }\n",
    "enum G \"g\" { a \"a\" }\ntable t \"t\" by G { a => { v: t[G::a].v } }\ndecision { y = t[G::a].v }\n",
    "enum G \"g\" { a \"a\", b \"b\" }\ntable t \"t\" by G { a => { v: 1 } }\ndecision { y = t[G::a].v }\n",
    "enum G \"g\" { a \"a\", b \"b\" }\ntable t \"t\" by G { a => { v: 1 }, b => { w: 2 }, c => { v: 3 } }\n",
    "table t \"t\" by H { a => { v: 1 } }\n",
    "table t \"t\" by date { from 2028-01-01 => { v: 1 }, from 2027-01-01 => { v: 2 }, a => { v: 3 } }\n",
    "table t \"t\" by date { }\nenum G \"g\" { a \"a\" }\ntable u \"u\" by G { a => { v: 1 }, from 2025-01-01 => { v: 2 } }\n",
    "table t \"t\" by date { from 2025-01-01 => { v: 1 } }\ndefine x \"x\" = t[1].v\ndefine y \"y\" = t[2025-13-01]\n",
    "define x \"x\" = if 1 then 2 else 3\n",
    "define x \"x\" = if true then 1 else \"a\"\n",
    "define x \"x\" = not 1\ndefine y \"y\" = -true\ndefine z \"z\" = true years\n",
    "define x \"x\" = 5 years + 3\ndefine y \"y\" = 2025-01-01 < 3\ndefine z \"z\" = 1 and true\n",
    "enum G \"g\" { a \"a\" }\ndefine x \"x\" = G::a == \"a\"\ndefine y \"y\" = 1 is a\n",
    "enum G \"g\" { a \"a\", b \"b\" }\ncase { g: G \"g\" }\ndefine x \"x\" = match g { a => 1, a => 2 }\n",
    "define x \"x\" = match 1 { _ => 1 }\ndefine y \"y\" = G::a\n",
    "define x \"x\" = count(i in 5: true)\ndefine y \"y\" = sum(i in [true]: i)\ndefine z \"z\" = length(5)\n",
    "define x \"x\" = all(i in [1])\ndefine y \"y\" = months_covered(i in [1]: i)\n",
    "define x \"x\" = count(i in [1]: i .. i)\ndefine y \"y\" = count(i in [1] where 1)\n",
    "define t \"t\" = 1\ndefine x \"x\" = t[1]\n",
    "enum G \"g\" { a \"a\", b \"b\" }\ncase { g: G \"g\" }\ndefine x \"x\" = match g { a => 1, b => true }\n",
    "define x \"x\" = [1, true]\ndefine y \"y\" = any(i in [1]: 1)\ndefine z \"z\" = -[true]\n",
    "enum G \"g\" { a \"a\" }\ntable t \"t\" by G { a => { v: 1 } }\ndefine x \"x\" = t[1].v\n",
    "case { id: resident_id \"id\" }\ndefine x \"x\" = id + 1\ndefine y \"y\" = { a: 1 } + 1\ndefine z \"z\" = 3 days + 1\n",
    "define f(a: int) \"f\" = a\ndefine x \"x\" = f\ndefine y \"y\" = f(1, 2)\ndefine z \"z\" = f(true)\n",
    "enum G \"g\" { a \"a\" }\ndefine x \"x\" = G\ndefine y \"y\" = G::b\n",
    "define x \"x\" = nope(1)\ndefine y \"y\" = lenght(1)\ndefine z \"z\" = undefined_name_without_any_match\n",
    "case { p \"p\" { a: int \"a\" } }\ndefine x \"x\" = p.a.b\ndefine y \"y\" = p.b\ndefine z \"z\" = p.zzzz\n",
    "define x \"x\" = { a: 1 }.b\ndefine y \"y\" = { a: 1 }.qqqqq\ndefine z \"z\" = 1.a\n",
    "case { a: int = \"x\" \"a\" }\n",
    "enum G \"g\" { a \"a\" }\ncase { g: G = zz \"g\" }\n",
    "case { a: int \"a\"\n b: date \"b\"\n order a <= b\n order b <= c\n order b <= zzzzz }\n",
    "case { a: int \"a\"\n a: int \"a\" }\n",
    "case { a: nonsuch \"a\"\n b: dat \"b\" }\n",
    "define f(a: list of { b: int \"b\" }) \"f\" = 1\n",
    "define f(p: { a: int \"a\" }) \"f\" = p.a\ncase { r \"r\" { b: int \"b\" }\n s \"s\" { a: text \"a\" }\n t: { b: int } \"t\" }\ndefine x \"x\" = f(r) + f(s)\ndefine g(p: { a: int, a: int }) \"g\" = 1\n",
    "case { id: text \"id\"\n b: date \"b\" from id.birth_date\n c: date \"c\" from zz.birth_date }\n",
    "enum G \"g\" { a \"a\" }\ncase { id: resident_id \"id\"\n s: G \"s\" from id.sex(a, b)\n t: int \"t\" from id.birth_date }\n",
    "category 1 { when true }\ncategory 2 cites \"二\" { when true }\n",
    "category 1 cites \"一\" \"t\" { when true }\ncategory 1 cites \"一\" \"t\" { when true }\n",
    "category 1 cites \"一\" \"t\" { when holds(category 1) }\n",
    "category 1 cites \"一\" \"t\" { when holds(category 2) or holds(tier) }\n",
    "category 1 cites \"一\" \"t\" { when 1 }\n",
    "category 1 cites \"一\" \"t\" { when true yields { a = 1, a = 2 } }\n",
    "category 1 cites \"一\" \"t\" { when 1 > 2 }\ndefine spare \"s\" = 1\nparam cap \"c\" = 2\n",
    "case { a: bool \"a\" }\ntier 1 cites \"一\" \"t\" { when a }\ntier 2 cites \"二\" \"t\" { when a }\n",
    "case { a: bool \"a\" }\ntier 1 cites \"一\" \"t\" { when a }\ntier 2 cites \"二\" \"t\" { when a and not a }\n",
    "replace param x \"x\" = 1\nrepeal category 3 cites \"三\"\n",
    "repeal define nope cites \"一\" \"t\"\nrepeal field a.b cites \"一\" \"t\"\nreplace enum Q \"q\" cites \"一\" \"t\" { a \"a\" }\n",
    "case { a: int \"a\" }\ndefine x \"x\" = 1\nrepeal define x cites \"一\" \"t\"\nrepeal field a cites \"一\" \"t\"\ndefine y \"y\" = x + a\ndecision { z = y }\n",
    "enum G \"g\" { a \"a\" }\nreplace enum G \"g\" { b \"b\" }\ndefine x \"x\" = G::a\n",
    "define x \"x\" = 2025-02-30\ndefine y \"y\" = 2025-13\ndefine z \"z\" = 99999999999999999999\n",
    "defnie x \"x\" = 1\n",
    "define x \"x\" = 1 yaers\n",
    "define x \"x\" = \"open\n",
    "category 1 cites \"一\" \"t\" { wen true }\n",
    "case { a: int \"a\"",
    "enum G \"g\" { a \"a\" b \"b\" }\n",
    "define x \"x\" = (((1)\n",
    "define x \"x\" = 1 +\n",
    "define x = 1\n",
];

/// Changes made on purpose to a shipped file: (file, text, what it becomes).
const CHANGES: &[(&str, &str, &str)] = &[
    (
        HUNAN,
        "order applied_on <= accepted_on",
        "order applied_onn <= accepted_on",
    ),
    (HUNAN, "order applied_on <= accepted_on", "order zzz <= accepted_on"),
    (
        HUNAN,
        "uses \"../cn/retirement-2025.policy\"",
        "uses \"../cn/retirement-2052.policy\"",
    ),
    (
        HUNAN,
        "calendar \"../calendars/2025.yaml\"",
        "calendar \"../calendars/2052.yaml\"",
    ),
    (HUNAN, "uses \"../cn/retirement-2025.policy\"", "uses \"/dev/zero\""),
    (HUNAN, "age >= working_age_from", "age >= working_age_fro"),
    (HUNAN, "age >= working_age_from", "age >= 16"),
    (HUNAN, "age >= working_age_from", "age >= as_of"),
    (HUNAN, "holds(tier 1)", "holds(tier 9)"),
    (HUNAN, "holds(tier 2)", "holds(tier 2) + 1"),
    (HUNAN, "= 5 working_days", "= 5 workingdays"),
    (HUNAN, "= 5 working_days", "= 5 working_days + 2025-01-01"),
    (HUNAN, "issued 2025-07-18", "issued 2025-7-18"),
    (HUNAN, "yields {", "yields {{"),
    (HUNAN, "s.kind is public_welfare_post", "s.kind is public_welfare_pots"),
    (
        HUNAN,
        "s.kind is public_welfare_post",
        "s.kind == \"public_welfare_post\"",
    ),
    (HUNAN, "define done_by(done: date)", "define done_by(done: dat)"),
    (
        HUNAN,
        "define done_by(done: date)",
        "define done_by(done: date, extra: int)",
    ),
    (HUNAN, "earliest(", "earliest (x in 5: x) + earliest("),
    (HUNAN, "months_covered(", "count("),
    (HUNAN, "social_insurance_kind(s.kind)", "social_insurance_kind"),
    (
        HUNAN,
        "social_insurance_kind(s.kind)",
        "social_insurance_kind(s.kind, 1)",
    ),
    (
        HUNAN,
        "unemployed \"失业\" en \"unemployed\",",
        "unemployed \"失业\" en \"unemployed\",\n  unemployed \"失业\",",
    ),
    (
        HUNAN,
        "policy \"hunan-2025-employment-assistance\" {",
        "policy \"hunan-2025-employment-assistance\" {\n  titel \"x\"",
    ),
    (
        RETIREMENT,
        "from person.id_number.birth_date",
        "from person.id_numbr.birth_date",
    ),
    (
        RETIREMENT,
        "from person.id_number.birth_date",
        "from person.id_number.birth",
    ),
    (
        RETIREMENT,
        "from person.id_number.sex(male, female)",
        "from person.id_number.sex(man, woman)",
    ),
    (SUBSIDY, "policy \"", "polcy \""),
];

/// Deterministic random edits of a shipped file (fixed seed).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
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
    " years",
    "holds(",
    "category 1",
    "\ndefine x \"x\" = x\n",
    "replace ",
    "\nrepeal exit 9 cites \"x\"\n",
    "9999999999999999999999",
    "2025-02-30",
    "一（",
    "\n",
    "//",
    " ?? ",
    " is absent",
    "::",
    "=>",
    "_",
    " + 1",
    " == true",
    "\ndefine d \"d\" = 1\n",
];

/// One to three random edits of `base`: a word misspelt (two letters swapped), a line
/// dropped or doubled, a token put in or in place of a few bytes.
fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut text = base.to_string();
    for _ in 0..1 + rng.below(3) {
        let at = floor(&text, rng.below(text.len()));
        match rng.below(5) {
            0 => {
                // Two letters of the next word swapped.
                let rest = &text[at..];
                if let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
                    let start = at + start;
                    let len = text[start..].find(|c: char| !c.is_ascii_alphanumeric() && c != '_');
                    let len = len.unwrap_or(text.len() - start);
                    if len >= 2 {
                        let k = start + rng.below(len - 1);
                        let swapped: String = [&text[k + 1..k + 2], &text[k..k + 1]].concat();
                        text.replace_range(k..k + 2, &swapped);
                    }
                }
            }
            1 | 2 => {
                let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                let line = text[start..end].to_string();
                if rng.below(2) == 0 {
                    text.replace_range(start..end, "");
                } else {
                    text.insert_str(end, &line);
                }
            }
            3 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            _ => {
                let end = floor(&text, at + 1 + rng.below(6));
                text.replace_range(at..end, TOKENS[rng.below(TOKENS.len())]);
            }
        }
    }
    text
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A folder of policy files written for one test.
fn folder(name: &str, files: &[(&str, &[u8])]) -> Scratch {
    let dir = Scratch::new(&format!("languages-{name}"));
    for (file, text) in files {
        std::fs::write(dir.join(file), text).expect("written");
    }
    dir
}

fn on_disk(audit: &mut Audit, name: &str, files: &[(&str, &[u8])]) {
    let dir = folder(name, files);
    let path = dir.join(files[0].0).to_string_lossy().into_owned();
    let loaded = load_policy(&path, PolicySource::Disk);
    assert!(audit.policy(name, &loaded) > 0, "no diagnostic for {name}");
}

#[test]
fn every_policy_diagnostic_is_told_in_chinese_and_in_english() {
    let mut audit = Audit::default();

    // The reliability reproducers, here and in the shared folder when there is one.
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reliability");
    for dir in ["tests/reliability", shared] {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path().to_string_lossy().into_owned();
            if path.ends_with(".policy") {
                let loaded = load_policy(&path, PolicySource::Disk);
                audit.policy(&path, &loaded);
            }
        }
    }

    // The hostile policies of the robustness tests.
    for (name, text, _) in hostile::hostile_policies() {
        audit.text(name, "hostile.policy", &text);
    }

    // Small policies, one or a few messages each.
    for items in SMALL {
        audit.alone(items);
    }

    // Amendments, cycles of files, files that cannot be read.
    let base = "policy \"base\" {}\ncase { x: int = 0 \"x\" }\nparam threshold \"门槛\" = 10\n\
                category 1 cites \"一\" \"t\" { when x >= threshold }\n";
    let amendment = "policy \"amendment\" { amends \"base.policy\" }\n\
                     replace param treshold \"门槛\" cites \"一\" \"t\" = 5\nreplace param threshold \"门槛\" = 5\n\
                     repeal category 9 cites \"九\" \"t\"\nreplace category 7 cites \"七\" \"t\" { when true }\n\
                     replace enum G \"g\" { a \"a\" }\n";
    on_disk(
        &mut audit,
        "amendment",
        &[
            ("amendment.policy", amendment.as_bytes()),
            ("base.policy", base.as_bytes()),
        ],
    );
    on_disk(
        &mut audit,
        "cycle",
        &[
            ("a.policy", b"policy \"a\" { uses \"b.policy\" }\n"),
            ("b.policy", b"policy \"b\" { uses \"a.policy\" }\n"),
        ],
    );
    on_disk(
        &mut audit,
        "missing",
        &[("a.policy", b"policy \"a\" { uses \"nowhere.policy\" }\n")],
    );
    on_disk(&mut audit, "folder", &[("a.policy", b"policy \"a\" { uses \"..\" }\n")]);
    on_disk(&mut audit, "not-utf8", &[("a.policy", b"policy \"a\" {}\n// \xff\n")]);
    let limits = InputLimits {
        policy_bytes: 100,
        ..InputLimits::default()
    };
    let loaded = load_policy_with(HUNAN, PolicySource::Disk, limits);
    assert!(audit.policy("too large", &loaded) > 0);
    let loaded = load_policy("policies/hunan/none.policy", PolicySource::Builtin);
    assert!(audit.policy("no such built-in file", &loaded) > 0);

    // The shipped files, changed on purpose and at random.
    for (file, from, to) in CHANGES {
        let text = read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        let changed = text.replacen(from, to, 1);
        let found = audit.text(&format!("{file}: {from:?} → {to:?}"), file, &changed);
        assert!(found > 0, "{file}: {from:?} → {to:?} gives no diagnostic");
    }
    let mut rng = Rng(0x5eed_1a2b_3c4d_5e6f);
    for file in [HUNAN, HUNAN, RETIREMENT, SUBSIDY] {
        let base = read(file);
        for n in 0..100 {
            let text = mutate(&mut rng, &base);
            audit.text(&format!("{file}: mutation {n}"), file, &text);
        }
    }

    assert!(audit.diagnostics > 500, "only {} diagnostics", audit.diagnostics);
    audit.finish();
}

// ───────────────────────── Some messages in Chinese ─────────────────────────

/// The diagnostics of a small policy with `items` after its header.
fn of(items: &str) -> Vec<Diagnostic> {
    let loaded = load_policy_text("t.policy", &format!("{HEADER}{items}"), PolicySource::Builtin);
    diagnostics(&loaded)
}

fn the_one(items: &str, code: Code) -> Diagnostic {
    let found: Vec<Diagnostic> = of(items).into_iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{items}: {found:#?}");
    found.into_iter().next().expect("one")
}

fn help(d: &Diagnostic) -> (String, String) {
    let help = d.help.as_ref().expect("a hint");
    (help.zh(), help.en())
}

#[test]
fn a_misspelt_unit_is_a_syntax_error_that_offers_the_unit() {
    let d = the_one("define x \"x\" = 1 yaers\n", Code::Syntax);
    assert_eq!(
        d.message.zh(),
        "语法错误：此处应为单位（`years`/`年`、`months`/`个月`、`days`/`日`）、运算符（`and`/`且`、`or`/`或`、`+`、\
         `>=` 等）、新的一项（`define`/`定义`、`param`/`参数`、`category`/`类别` 等）、`note`/`注` 等，实为 `yaers`"
    );
    assert_eq!(
        d.message.en(),
        "syntax error: expected a unit (years, months, days), an operator (and, or, +, >=, …), \
         a new item (define, param, category, …), `note`, …, found `yaers`"
    );
    assert_eq!(
        d.label.as_ref().map(Text::zh).as_deref(),
        Some("应为单位（`years`/`年`、`months`/`个月`、`days`/`日`）")
    );
    assert_eq!(help(&d), ("是否应为 `years`？".into(), "did you mean `years`?".into()));
}

#[test]
fn an_unknown_name_is_offered_the_nearest() {
    let d = the_one(
        "param threshold \"门槛\" = 1\ndefine x \"x\" = treshold\n",
        Code::UnknownName,
    );
    assert_eq!(d.message.zh(), "未知的名称 `treshold`");
    assert_eq!(d.message.en(), "`treshold` is not defined");
    assert_eq!(d.label.as_ref().map(Text::zh).as_deref(), Some("未知的名称"));
    assert_eq!(
        help(&d),
        ("是否应为 `threshold`？".into(), "did you mean `threshold`?".into())
    );
}

#[test]
fn a_type_mismatch_names_both_types() {
    let d = the_one("define x \"x\" = 2025-01-01 < 3\n", Code::TypeMismatch);
    assert_eq!(d.message.zh(), "`<` 不能用于日期和数字");
    assert_eq!(d.message.en(), "`<` cannot combine a date with a number");
    assert_eq!(d.label.as_ref().map(Text::zh).as_deref(), Some("日期 `<` 数字"));
    assert_eq!(help(&d).0, "日期只能与日期比较；要加上一段期间，写作 `date + 6 months`");
    let d = the_one("define x \"x\" = if 1 then true else false\n", Code::TypeMismatch);
    assert_eq!(d.message.zh(), "`if` 的条件应为是/否值（`bool`），但此处为数字");
    assert_eq!(
        d.message.en(),
        "the condition of `if` must be a yes/no value (bool), but this is a number"
    );
}

#[test]
fn a_duplicate_rule_points_at_both() {
    let d = the_one(
        "category 1 cites \"一\" \"t\" { when true }\ncategory 1 cites \"一\" \"t\" { when true }\n",
        Code::DuplicateRule,
    );
    assert_eq!(d.message.zh(), "`category 1` 重复声明");
    assert_eq!(d.message.en(), "category 1 is declared twice");
    assert_eq!(d.label.as_ref().map(Text::zh).as_deref(), Some("此处再次声明"));
    assert_eq!(d.related[0].1.zh(), "首次声明在此");
    assert_eq!(help(&d).0, "规则编号就是通知中的序号：同一种类中每个编号只能出现一次");
}

#[test]
fn an_unused_definition_is_a_warning() {
    let d = the_one(
        "define spare \"多余\" = 1\ncategory 1 cites \"一\" \"t\" { when true }\n",
        Code::Unused,
    );
    assert!(!d.is_error());
    assert_eq!(d.message.zh(), "定义 `spare` 未被任何规则使用");
    assert_eq!(d.message.en(), "definition `spare` is not used by any rule");
    assert_eq!(d.label.as_ref().map(Text::zh).as_deref(), Some("未使用"));
    assert_eq!(help(&d).0, "删除它，或在规则或 `decision` 块中使用它");
}

#[test]
fn an_unknown_field_lists_the_fields_in_backticks_in_chinese() {
    let d = the_one(
        "case { p \"p\" { age: int \"a\" name: text \"n\" } }\ndefine x \"x\" = p.qqqqq\n",
        Code::UnknownField,
    );
    assert_eq!(d.message.zh(), "案件没有字段 `p.qqqqq`");
    assert_eq!(
        help(&d),
        ("`p` 的字段有：`age`、`name`".into(), "`p` has: age, name".into())
    );
}

#[test]
fn the_checker_s_words_are_all_in_both_languages() {
    assert!(english_words("未知的名称 `treshold`，UTF-8 与 YYYY-MM").is_empty());
    assert_eq!(english_words("无法读取 policy 文件"), ["policy"]);
    assert!(chinese_characters("cites `一` “文本” without its text").is_empty());
    assert_eq!(chinese_characters("tier 1 holds when a = 是"), ['是']);
}

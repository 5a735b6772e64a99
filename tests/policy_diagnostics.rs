//! `zhengce check` diagnostics: each error kind with its message and underlined text.

mod scratch;

use scratch::Scratch;
use zhengce::diagnostic::{Code, Diagnostic};
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};

const HEADER: &str = "policy \"t\" {}\n";

const SCHEMA: &str = "enum Gender \"性别\" { male \"男\", female \"女\" }\n\
case {\n  person \"个人\" {\n    gender: Gender \"性别\"\n    birth_date: date \"出生日期\"\n  }\n}\n";

/// Writes policy files into a fresh folder and loads the first.
fn load(files: &[(&str, &str)]) -> LoadedPolicy {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("diag-{n}"));
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    load_policy(&dir.join(files[0].0).to_string_lossy(), PolicySource::Disk)
}

fn only(loaded: &LoadedPolicy, code: Code) -> &Diagnostic {
    let found: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "{:#?}", loaded.diagnostics);
    found[0]
}

fn underlined<'a>(loaded: &'a LoadedPolicy, d: &Diagnostic) -> &'a str {
    loaded.sources.snippet(d.span.expect("a location"))
}

#[test]
fn syntax_errors_are_all_reported_with_their_place() {
    let text = format!("{HEADER}define a \"a\" = 1 +\ndefine b \"b\" = 2\ndefine c \"c\" = (1\n");
    let loaded = load(&[("p.policy", &text)]);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.code == Code::Syntax).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].message.en().contains("expected"),
        "{}",
        errors[0].message.en()
    );
    let at = loaded.sources.line_col(errors[0].span.unwrap());
    assert_eq!(at.line, 3);
    assert!(loaded.program.is_none());
}

#[test]
fn unknown_name_suggests_the_closest() {
    let text = format!("{HEADER}{SCHEMA}define birth \"出生\" = person.birth_date\ndefine x \"x\" = brith\n");
    let loaded = load(&[("p.policy", &text)]);
    let d = only(&loaded, Code::UnknownName);
    assert_eq!(d.message.en(), "`brith` is not defined");
    assert_eq!(underlined(&loaded, d), "brith");
    assert_eq!(
        d.help.as_ref().map(|h| h.en()).as_deref(),
        Some("did you mean `birth`?")
    );
}

#[test]
fn unknown_field_suggests_the_field() {
    let text = format!("{HEADER}{SCHEMA}define b \"b\" = person.birth_dat\n");
    let loaded = load(&[("p.policy", &text)]);
    let d = only(&loaded, Code::UnknownField);
    assert_eq!(d.message.en(), "the case has no field `person.birth_dat`");
    assert_eq!(underlined(&loaded, d), "birth_dat");
    assert!(
        d.help
            .as_ref()
            .map(|h| h.en())
            .as_deref()
            .unwrap_or("")
            .contains("birth_date"),
        "{:?}",
        d.help
    );
}

#[test]
fn a_date_compared_with_a_number_is_a_type_error() {
    let text = format!("{HEADER}{SCHEMA}define old \"old\" = person.birth_date < 1975\n");
    let loaded = load(&[("p.policy", &text)]);
    let d = only(&loaded, Code::TypeMismatch);
    assert_eq!(d.message.en(), "`<` cannot combine a date with a number");
    assert_eq!(underlined(&loaded, d), "person.birth_date < 1975");
    assert!(
        d.help
            .as_ref()
            .map(|h| h.en())
            .as_deref()
            .unwrap_or("")
            .contains("date + 6 months"),
        "{:?}",
        d.help
    );
}

#[test]
fn an_age_compared_with_a_bare_number_asks_for_a_unit() {
    let text = format!(
        "{HEADER}{SCHEMA}define age \"年龄\" = full_years(person.birth_date, as_of)\ndefine old \"old\" = age >= 50\n"
    );
    let loaded = load(&[("p.policy", &text)]);
    let d = only(&loaded, Code::TypeMismatch);
    assert_eq!(underlined(&loaded, d), "age >= 50");
    assert_eq!(
        d.help.as_ref().map(|h| h.en()).as_deref(),
        Some("give the number its unit, e.g. `50 years` or `6 months`")
    );
}

#[test]
fn duplicate_rule_ids_point_at_both() {
    let rule = "category 1 cites \"一（一）\" \"text\" { when true }\n";
    let text = format!("{HEADER}{rule}{rule}");
    let loaded = load(&[("p.policy", &text)]);
    let d = only(&loaded, Code::DuplicateRule);
    assert_eq!(d.message.en(), "category 1 is declared twice");
    assert_eq!(underlined(&loaded, d), "1");
    assert_eq!(loaded.sources.line_col(d.span.unwrap()).line, 3);
    assert_eq!(d.related.len(), 1);
}

#[test]
fn a_rule_without_citation_is_an_error() {
    let text = format!("{HEADER}category 2 {{ when true }}\n");
    let loaded = load(&[("p.policy", &text)]);
    let d = only(&loaded, Code::MissingCitation);
    assert_eq!(d.message.en(), "category 2 does not cite the clause it encodes");
    assert_eq!(underlined(&loaded, d), "2");
    assert!(d.is_error());
}

#[test]
fn an_import_cycle_is_reported_at_the_uses_line() {
    let a = "policy \"a\" { uses \"b.policy\" }\n";
    let b = "policy \"b\" { uses \"a.policy\" }\n";
    let loaded = load(&[("a.policy", a), ("b.policy", b)]);
    let d = only(&loaded, Code::ImportCycle);
    assert!(
        d.message
            .en()
            .starts_with("policy files build on each other in a circle"),
        "{}",
        d.message.en()
    );
    assert_eq!(underlined(&loaded, d), "\"a.policy\"");
}

#[test]
fn a_definition_cycle_is_rejected() {
    let text = format!("{HEADER}define a \"a\" = b + 1\ndefine b \"b\" = a + 1\n");
    let loaded = load(&[("p.policy", &text)]);
    assert!(
        loaded.diagnostics.iter().any(|d| d.code == Code::DefinitionCycle),
        "{:#?}",
        loaded.diagnostics
    );
    assert!(loaded.program.is_none());
}

#[test]
fn every_error_is_reported_at_once() {
    let text =
        format!("{HEADER}{SCHEMA}define x \"x\" = nope\ndefine y \"y\" = person.gendr\ncategory 1 {{ when 1 }}\n");
    let loaded = load(&[("p.policy", &text)]);
    let codes: Vec<&Code> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| &d.code)
        .collect();
    assert!(codes.contains(&&Code::UnknownName), "{codes:?}");
    assert!(codes.contains(&&Code::UnknownField), "{codes:?}");
    assert!(codes.contains(&&Code::MissingCitation), "{codes:?}");
    assert!(codes.contains(&&Code::TypeMismatch), "{codes:?}");
}

/// The names each error of a code is about (the underlined text).
fn underlined_of(loaded: &LoadedPolicy, code: Code) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| underlined(loaded, d).to_string())
        .collect()
}

#[test]
fn a_syntax_error_does_not_hide_the_errors_elsewhere() {
    // `working_age` fails to parse; it is used by `adult`, which must not be reported
    // for it. Three names are misspelled in items that parse.
    let text = format!(
        "{HEADER}{SCHEMA}param working_age \"下限\" = 16 yaers\n\
         define adult \"成年\" = full_years(person.birth_date, as_of) >= working_age\n\
         define born_early \"早\" = person.birth_dat < 1970-01-01\n\
         define grown \"长\" = adlt\n\
         category 1 cites \"一\" \"t\" {{ when grown and born_early and person.gendr is male }}\n"
    );
    let loaded = load(&[("p.policy", &text)]);
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert_eq!(underlined_of(&loaded, Code::Syntax), ["yaers"]);
    assert_eq!(underlined_of(&loaded, Code::UnknownName), ["adlt"]);
    assert_eq!(underlined_of(&loaded, Code::UnknownField), ["birth_dat", "gendr"]);
    assert!(loaded.program.is_none());
}

#[test]
fn the_uses_of_a_broken_item_are_not_reported_as_unknown() {
    // A broken enum (a comma missing), rule, function, table and case block, each used
    // elsewhere; one real misspelling (`nme`) among the uses.
    let text = format!(
        "{HEADER}enum Kind \"类\" {{ a \"甲\" b \"乙\" }}\n\
         case {{\n  person \"个人\" {{\n    kind: Kind \"类\"\n    name: text \"姓名\"\n  }}\n}}\n\
         case {{\n  job \"工作\" {{\n    since date \"起\"\n  }}\n}}\n\
         category 1 cites \"一\" \"t\" {{ when 1 + }}\n\
         define step(d: date) \"步\" = d + 1 dayz\n\
         table rates \"费率\" by Kind {{ a => {{ r: 1 }}, b => }}\n\
         define k \"k\" = Kind::a\n\
         define held \"h\" = holds(category 1)\n\
         define next \"n\" = step(job.since)\n\
         define rate \"r\" = rates[person.kind].r\n\
         define named \"名\" = nme\n\
         exit 1 cites \"二\" \"t\" {{ when held and person.name == \"x\" and next > job.since and rate > 0 and named }}\n"
    );
    let loaded = load(&[("p.policy", &text)]);
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(underlined_of(&loaded, Code::UnknownName), ["nme"], "{errors:#?}");
    assert_eq!(underlined_of(&loaded, Code::Syntax).len(), 5, "{errors:#?}");
    assert_eq!(errors.len(), 6, "{errors:#?}");
}

#[test]
fn a_broken_header_line_does_not_stop_the_check() {
    let text =
        "policy \"t\" {\n  valid_for 5 yaers\n  issued 2025-7-18\n}\ndefine a \"a\" = 1\ndefine b \"b\" = a + c\n";
    let loaded = load(&[("p.policy", text)]);
    assert_eq!(underlined_of(&loaded, Code::Syntax), ["yaers", "2025"]);
    assert_eq!(underlined_of(&loaded, Code::UnknownName), ["c"]);
    assert_eq!(loaded.diagnostics.len(), 3, "{:#?}", loaded.diagnostics);
    // A broken `uses` line is not left out: the check stops, as the names of the file
    // it names would all be unknown.
    let text = "policy \"t\" {\n  uses \"lib.policy\n}\ndefine b \"b\" = a + c\n";
    let loaded = load(&[("p.policy", text)]);
    let codes: Vec<&Code> = loaded.diagnostics.iter().map(|d| &d.code).collect();
    assert_eq!(codes, [&Code::Syntax], "{:#?}", loaded.diagnostics);
}

#[test]
fn a_period_added_to_an_unknown_name_is_no_second_error() {
    // `birth_dat + 6 months` may be a date: comparing it with a date is not an error
    // of its own.
    let text = format!("{HEADER}{SCHEMA}define d \"d\" = as_of >= person.birth_dat + 6 months\n");
    let loaded = load(&[("p.policy", &text)]);
    let codes: Vec<&Code> = loaded.diagnostics.iter().map(|d| &d.code).collect();
    assert_eq!(codes, [&Code::UnknownField], "{:#?}", loaded.diagnostics);
    // A known type still meets its errors.
    let text = format!("{HEADER}{SCHEMA}define d \"d\" = as_of >= 6 months + 6 months\n");
    let loaded = load(&[("p.policy", &text)]);
    only(&loaded, Code::TypeMismatch);
}

#[test]
fn a_missing_file_still_stops_the_check() {
    // Every name of a file that cannot be read would be unknown: only the file is
    // reported.
    let text = "policy \"t\" { uses \"nowhere.policy\" }\ndefine x \"x\" = from_nowhere\ndefine y \"y\" = 1 +\n";
    let loaded = load(&[("p.policy", text)]);
    let codes: Vec<&Code> = loaded.diagnostics.iter().map(|d| &d.code).collect();
    assert_eq!(codes, [&Code::Syntax, &Code::FileNotFound], "{:#?}", loaded.diagnostics);
}

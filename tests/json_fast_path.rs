//! The fast path for JSON lines (`case::read_json_line`) against the located loader,
//! on generated cases and on those cases changed in ways the fast path must either read
//! the same or give up on: whenever it reads a line, the case is the one the located
//! loader reads (id, date, facts, no diagnostic), and every field of the schema is
//! found at the same place in the line.

#[path = "../examples/gen_cases/generator.rs"]
mod generator;
mod scratch;

use serde_json::{Map, Value as Json};
use std::sync::Arc;
use zhengce::case::{LinePlan, load_document, read_json_line, read_json_line_planned, schema_paths};
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
use zhengce::program::Program;
use zhengce::source::{FileId, SourceMap};
use zhengce::yaml::parse_json_document;

/// What the fast path did with a line.
#[derive(Debug, Default)]
struct Counts {
    read: usize,
    gave_up: usize,
}

/// Checks one line; panics with the line when the two readers disagree.
fn same_reading(program: &Program, file: FileId, paths: &[Vec<u16>], line: &str, counts: &mut Counts) {
    let text: Arc<str> = Arc::from(line);
    let located = load_document(program, file, parse_json_document(file, line));
    let Some(fast) = read_json_line(program, file, &text) else {
        counts.gave_up += 1;
        return;
    };
    counts.read += 1;
    let context = || format!("line: {line}");
    assert!(
        located.diagnostics.is_empty(),
        "{:?}\n{}",
        located.diagnostics,
        context()
    );
    assert!(fast.diagnostics.is_empty(), "{}", context());
    assert_eq!(fast.id, located.id, "{}", context());
    assert_eq!(fast.id_span, located.id_span, "{}", context());
    assert_eq!(fast.as_of, located.as_of, "{}", context());
    assert_eq!(fast.facts, located.facts, "{}", context());
    for path in paths {
        assert_eq!(
            fast.nearest_span(program, path),
            located.nearest_span(program, path),
            "field {path:?}, {}",
            context()
        );
    }
}

/// A small deterministic generator of choices.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The JSON pointers of every value of a case below its root, objects first-found.
fn pointers(value: &Json, at: String, out: &mut Vec<(String, bool)>) {
    match value {
        Json::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{k}");
                out.push((p.clone(), v.is_object()));
                pointers(v, p, out);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push((p.clone(), v.is_object()));
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

/// The case with one change made at a place picked by `dice`: some changes keep it
/// valid (keys reordered, optional values null or left out, blanks), others break it.
fn changed(case: &Json, dice: &mut Dice) -> String {
    let mut case = case.clone();
    let mut places = Vec::new();
    pointers(&case, String::new(), &mut places);
    let root = String::new();
    let objects: Vec<&String> = std::iter::once(&root)
        .chain(places.iter().filter(|(_, o)| *o).map(|(p, _)| p))
        .collect();
    let object = objects[dice.below(objects.len())].clone();
    let place = places[dice.below(places.len())].0.clone();
    match dice.below(10) {
        0 => {
            if let Some(v) = case.pointer_mut(&place) {
                *v = Json::Null;
            }
        }
        1 => {
            if let Some(Json::Object(map)) = case.pointer_mut(&object) {
                let keys: Vec<String> = map.keys().cloned().collect();
                if !keys.is_empty() {
                    map.shift_remove(&keys[dice.below(keys.len())]);
                }
            }
        }
        2 => {
            if let Some(Json::Object(map)) = case.pointer_mut(&object) {
                let reversed: Map<String, Json> = std::mem::take(map).into_iter().rev().collect();
                *map = reversed;
            }
        }
        3 => {
            if let Some(v) = case.pointer_mut(&place) {
                *v = match v.take() {
                    Json::String(s) if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() => {
                        Json::from(s.parse::<u64>().unwrap_or(0))
                    }
                    Json::String(s) => Json::from(format!("{s}x")),
                    Json::Number(n) => Json::from(n.to_string()),
                    Json::Bool(b) => Json::from(b.to_string()),
                    other => other,
                };
            }
        }
        4 => {
            if let Some(Json::Object(map)) = case.pointer_mut(&object) {
                map.insert("remarks".into(), Json::from("x"));
            }
        }
        5 => {
            if let Some(v) = case.pointer_mut(&place)
                && v.is_string()
            {
                *v = Json::from("2025-02-30");
            }
        }
        6 => return case.to_string().replace("\":", "\" : ").replace(",\"", " , \""),
        7 => {
            if let Some(Json::Object(person)) = case.pointer_mut("/person") {
                match dice.below(3) {
                    0 => person.insert("gender".into(), Json::Null),
                    1 => person.shift_remove("birth_date"),
                    _ => person.shift_remove("id_number"),
                };
            }
        }
        8 => {
            // A key given twice.
            let text = case.to_string();
            return text.replacen("{\"", "{\"id\":\"again\",\"", 1 + dice.below(3));
        }
        _ => {
            if let Some(Json::Object(map)) = case.pointer_mut(&object) {
                map.insert("as_of".into(), Json::Null);
            }
        }
    }
    case.to_string()
}

/// Generated cases as they are, then each changed three times over: whatever the fast
/// path reads, it reads as the located loader does.
#[test]
fn the_fast_path_reads_what_the_located_loader_reads() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    let Some(program) = versions.last() else {
        panic!("the built-in policy loads: {:?}", loaded.diagnostics);
    };
    let mut sources = SourceMap::new();
    let file = sources.add("cases.jsonl", "");
    let paths = schema_paths(program);
    assert!(paths.len() > 40, "the schema's fields: {}", paths.len());

    let mut generator = generator::Generator::new(23);
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let (mut plain, mut changes) = (Counts::default(), Counts::default());
    for _ in 0..1_500 {
        let case = generator.case();
        same_reading(program, file, &paths, &case.to_string(), &mut plain);
        for _ in 0..3 {
            same_reading(program, file, &paths, &changed(&case, &mut dice), &mut changes);
        }
    }
    // Every generated case is plain; of the changed ones, many are read and many not.
    assert_eq!((plain.read, plain.gave_up), (1_500, 0), "{plain:?}");
    assert!(changes.read > 1_000 && changes.gave_up > 1_000, "{changes:?}");
}

/// A few lines written by hand, for what generated cases rarely have: blanks around the
/// object, a record given as null, a derived field given as null beside its ID.
#[test]
fn hand_written_lines() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let versions = std::mem::take(&mut loaded.versions);
    let Some(program) = versions.last() else {
        panic!("the built-in policy loads");
    };
    let mut sources = SourceMap::new();
    let file = sources.add("cases.jsonl", "");
    let paths = schema_paths(program);
    let base = generator::Generator::new(5).case();
    let mut counts = Counts::default();
    let mut lines = vec![format!("  {base}  ")];
    for (pointer, value) in [
        ("/person/gender", Json::Null),
        ("/person/id_number", Json::from("430302196512078538")),
        ("/assessment", Json::Null),
        ("/registration", Json::Null),
        ("/id", Json::from(17)),
        ("/id", Json::from("  ")),
    ] {
        let mut case = base.clone();
        if let (Some(slot), Some(key)) = (
            pointer
                .rsplit_once('/')
                .and_then(|(parent, _)| case.pointer_mut(parent)),
            pointer.rsplit('/').next(),
        ) && let Json::Object(map) = slot
        {
            map.insert(key.to_string(), value);
        }
        lines.push(case.to_string());
    }
    for line in &lines {
        same_reading(program, file, &paths, line, &mut counts);
    }
    assert!(counts.read >= 3, "{counts:?}");
}

/// A schema whose root has a field named like one of the loader's own keys (`expect`):
/// the key is the loader's, as the located loader reads it, whether the fast path is
/// given the program's plan or makes it; the fields before and after it are read.
#[test]
fn a_root_field_named_like_the_loaders_key_is_the_loaders() {
    const POLICY: &str = r#"policy "envelope names" {}
case {
  n: int "数"
  expect: int? "期望" note "named as the loader's key, on purpose"
  m: int = 0 "另一个数"
}
decision {
  total = n + m + (expect ?? 0)
}
"#;
    let (program, file, paths) = own_policy("envelope-named", POLICY);
    let mut counts = Counts::default();
    for line in [
        r#"{"id":"a","as_of":"2025-01-01","n":2,"m":3}"#,
        r#"{"id":"b","as_of":"2025-01-01","n":2,"expect":4,"m":3}"#,
        r#"{"id":"c","as_of":"2025-01-01","n":2,"expect":{"total":5},"m":3}"#,
    ] {
        same_reading(&program, file, &paths, line, &mut counts);
        let text: Arc<str> = Arc::from(line);
        let planned = read_json_line_planned(&program, LinePlan::of(&program), file, &text);
        let careful = read_json_line_planned(&program, LinePlan::default(), file, &text);
        let unplanned = read_json_line(&program, file, &text);
        let facts = |c: &Option<zhengce::case::LoadedCase>| c.as_ref().map(|c| format!("{:?}", c.facts));
        assert_eq!(facts(&planned), facts(&unplanned), "{line}");
        assert_eq!(facts(&careful), facts(&unplanned), "{line}");
    }
    // The first line is read; those with `expect` are the located loader's.
    assert_eq!((counts.read, counts.gave_up), (1, 2), "{counts:?}");
}

/// Fields derived from an ID number in a record and in the items of a list below
/// another record are filled in, and a field given that disagrees with the ID is
/// refused, by the fast path and the located loader alike; the fields around them, and
/// a list of records with nothing derived, are read as given.
#[test]
fn fields_derived_below_the_root_are_filled_by_both_readers() {
    const POLICY: &str = r#"policy "derived below" {}
case {
  person "个人" {
    name: text "姓名"
    id_number: resident_id? "公民身份号码"
  }
  services: list of {
    date: date "服务日期"
  } "服务"
  household "家庭" {
    size: int "人数"
    members: list of {
      relation: text "关系"
      born: date "出生日期" from person.id_number.birth_date
    } "成员"
  }
}
decision {
  size = household.size
}
"#;
    let (program, file, paths) = own_policy("derived-below", POLICY);
    let mut counts = Counts::default();
    let given = |born: &str| {
        format!(
            r#"{{"id":"a","as_of":"2025-01-01","person":{{"name":"甲","id_number":"430302196512078538"}},"services":[{{"date":"2024-01-02"}}],"household":{{"size":2,"members":[{{"relation":"子"{born}}},{{"relation":"女"}}]}}}}"#
        )
    };
    for line in [given(""), given(r#","born":"1965-12-07""#)] {
        same_reading(&program, file, &paths, &line, &mut counts);
        let text: Arc<str> = Arc::from(line.as_str());
        let Some(case) = read_json_line(&program, file, &text) else {
            panic!("the fast path reads {line}")
        };
        let facts = format!("{:?}", case.facts);
        assert_eq!(facts.matches("Date(1965-12-07)").count(), 2, "{facts}");
        assert!(
            facts.contains("Date(2024-01-02)") && facts.contains("Int(2)"),
            "{facts}"
        );
    }
    assert_eq!((counts.read, counts.gave_up), (2, 0), "{counts:?}");
    // Given, and not the ID's: the located loader's diagnostic, so not the fast path's.
    let wrong = given(r#","born":"1966-12-07""#);
    let text: Arc<str> = Arc::from(wrong.as_str());
    assert!(read_json_line(&program, file, &text).is_none(), "{wrong}");
    let located = load_document(&program, file, parse_json_document(file, &wrong));
    assert_eq!(located.diagnostics.len(), 1, "{:?}", located.diagnostics);
}

/// A test's own policy, loaded from a scratch folder: its program, a file for the
/// lines read, and its schema's paths.
fn own_policy(name: &str, text: &str) -> (Program, FileId, Vec<Vec<u16>>) {
    let mut loaded = scratch::Scratch::new(name).policy(text);
    let Some(program) = loaded.program.take() else {
        panic!("the policy loads")
    };
    let file = loaded.sources.add("cases.jsonl", "");
    let paths = schema_paths(&program);
    (program, file, paths)
}

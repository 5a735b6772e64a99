//! `zhengce lsp` driven through its protocol, as an editor drives it (issue 14):
//! initialize, open, change, hover, definition, references, completion, outline,
//! formatting, a case file, shutdown; on a copy of the shipped policies and on broken
//! versions of them.

mod scratch;
mod support;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::notification::{
    DidChangeTextDocument, DidOpenTextDocument, Initialized, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Initialize, References, Request as _,
    Shutdown,
};
use lsp_types::*;
use scratch::Scratch;
use serde_json::{Value, json};
use std::path::Path;

/// An editor's end of a connection to a server running on a thread of its own.
struct Editor {
    connection: Connection,
    next_id: i32,
    server: Option<std::thread::JoinHandle<Result<(), String>>>,
}

impl Editor {
    fn start() -> Editor {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || zhengce::lsp::serve(server, None));
        let mut editor = Editor {
            connection: client,
            next_id: 0,
            server: Some(thread),
        };
        let params = json!({"capabilities": {}, "initializationOptions": {"lang": "en"}});
        let init = editor.request(Initialize::METHOD, params);
        assert!(
            init["capabilities"]["hoverProvider"].as_bool().unwrap_or(false),
            "{init}"
        );
        editor.notify(Initialized::METHOD, json!({}));
        editor
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(Message::Request(request)).expect("sent");
        loop {
            // No time limit: the server answers every request, and a server that stops
            // (a panic ends its thread) closes the connection, which fails the test.
            match self.connection.receiver.recv().expect("an answer") {
                Message::Response(r) if r.id == id => {
                    assert!(r.error.is_none(), "{method}: {:?}", r.error);
                    return r.result.unwrap_or(Value::Null);
                }
                _ => {}
            }
        }
    }

    /// The text of the hover at a place.
    fn hover_text(&mut self, at: Value) -> String {
        let hover = self.request(HoverRequest::METHOD, at);
        hover["contents"]["value"].as_str().unwrap_or_default().to_string()
    }

    fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.connection.sender.send(Message::Notification(n)).expect("sent");
    }

    /// The diagnostics published after a change, by file URI (the last of each). The
    /// server answers in order: everything it published for the changes before a
    /// request comes before that request's answer (a method it does not know).
    fn diagnostics(&mut self) -> Vec<(String, Vec<Diagnostic>)> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let request = Request::new(id.clone(), "zhengce/sync".to_string(), Value::Null);
        self.connection.sender.send(Message::Request(request)).expect("sent");
        let mut out: Vec<(String, Vec<Diagnostic>)> = Vec::new();
        loop {
            match self.connection.receiver.recv().expect("an answer") {
                Message::Response(r) if r.id == id => return out,
                Message::Notification(n) if n.method == PublishDiagnostics::METHOD => {
                    let p: PublishDiagnosticsParams = serde_json::from_value(n.params).expect("params");
                    out.retain(|(u, _)| u != p.uri.as_str());
                    out.push((p.uri.as_str().to_string(), p.diagnostics));
                }
                _ => {}
            }
        }
    }

    fn open(&self, path: &Path) -> String {
        let uri = uri(path);
        let text = std::fs::read_to_string(path).expect("read");
        let language = if path.extension().is_some_and(|e| e == "policy") {
            "zhengce"
        } else {
            "yaml"
        };
        self.notify(
            DidOpenTextDocument::METHOD,
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        uri
    }

    fn change(&self, uri: &str, text: &str, version: i32) {
        self.notify(
            DidChangeTextDocument::METHOD,
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn stop(mut self) {
        self.request(Shutdown::METHOD, Value::Null);
        self.notify("exit", Value::Null);
        let result = self
            .server
            .take()
            .expect("running")
            .join()
            .expect("the server thread ends");
        assert_eq!(result, Ok(()));
    }
}

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A copy of the shipped policies, in a folder of the test's own.
fn policies(name: &str) -> Scratch {
    let dir = Scratch::new(&format!("lsp-{name}"));
    support::copy_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies").as_path(),
        &dir.join("policies"),
    );
    dir
}

/// An editor with the Hunan policy of a copy of the shipped policies open.
struct Hunan {
    text: String,
    editor: Editor,
    uri: String,
    /// Last: the folder goes after the editor is done with it.
    dir: Scratch,
}

impl Hunan {
    fn open(name: &str) -> Hunan {
        let dir = policies(name);
        let hunan = dir.join("policies/hunan/2025-employment-assistance.policy");
        let text = std::fs::read_to_string(&hunan).unwrap();
        let mut editor = Editor::start();
        let uri = editor.open(&hunan);
        let _ = editor.diagnostics();
        Hunan { dir, text, editor, uri }
    }
}

/// Makes the copy of the policies a repository, with a folder for cases.
fn repository_with_cases(dir: &Path) {
    let settings = "policy = \"policies/hunan/2025-employment-assistance.policy\"\n";
    std::fs::write(dir.join("zhengce.toml"), settings).unwrap();
    std::fs::create_dir_all(dir.join("cases")).unwrap();
}

/// The position of the `n`-th (from 0) `needle` in `text`, plus `ahead` characters.
fn position(text: &str, needle: &str, n: usize, ahead: u32) -> Value {
    let at = text.match_indices(needle).nth(n).map(|(i, _)| i).expect("the needle");
    let line = text[..at].matches('\n').count();
    let column: usize = text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at]
        .chars()
        .map(char::len_utf16)
        .sum();
    json!({"line": line, "character": column as u32 + ahead})
}

#[test]
fn a_policy_is_checked_as_it_is_typed_in_each_file_it_reads() {
    let dir = policies("diagnostics");
    let hunan = dir.join("policies/hunan/2025-employment-assistance.policy");
    let mut editor = Editor::start();
    let hunan_uri = editor.open(&hunan);
    let shown = editor.diagnostics();
    let own = shown
        .iter()
        .find(|(u, _)| *u == hunan_uri)
        .expect("the policy's diagnostics");
    assert!(own.1.is_empty(), "{:?}", own.1);
    // Every file it reads gets a (here empty) list, so that old problems are cleared.
    assert!(
        shown.iter().any(|(u, _)| u.ends_with("retirement-2025.policy")),
        "{shown:?}"
    );

    // A typo: an unknown name, where it is, in English as the editor asked.
    let text = std::fs::read_to_string(&hunan).unwrap();
    let broken = text.replacen(
        "when person.dibao and registered_unemployed",
        "when person.dibao and registerd_unemployed",
        1,
    );
    assert!(broken != text, "the typo is made");
    editor.change(&hunan_uri, &broken, 2);
    let shown = editor.diagnostics();
    let own = &shown.iter().find(|(u, _)| *u == hunan_uri).expect("published").1;
    let typo = own
        .iter()
        .find(|d| d.code == Some(NumberOrString::String("unknown_name".into())))
        .expect("unknown_name");
    let line = broken[..broken.find("registerd_unemployed").unwrap()]
        .matches('\n')
        .count() as u32;
    assert_eq!(typo.range.start.line, line);
    assert!(
        typo.message.contains("registerd_unemployed") && typo.message.contains("registered_unemployed"),
        "{}",
        typo.message
    );
    assert_eq!(typo.source.as_deref(), Some("zhengce"));

    // Fixed again: the problem is cleared.
    editor.change(&hunan_uri, &text, 3);
    let shown = editor.diagnostics();
    assert!(
        shown
            .iter()
            .find(|(u, _)| *u == hunan_uri)
            .expect("published")
            .1
            .is_empty()
    );

    // An error in a file the policy uses shows in that file, as it is typed there.
    let retirement = dir.join("policies/cn/retirement-2025.policy");
    let retirement_uri = editor.open(&retirement);
    let _ = editor.diagnostics();
    let library =
        std::fs::read_to_string(&retirement)
            .unwrap()
            .replacen("= person.birth_date", "= person.birth_dat", 1);
    editor.change(&retirement_uri, &library, 2);
    let shown = editor.diagnostics();
    let there = &shown.iter().find(|(u, _)| *u == retirement_uri).expect("published").1;
    assert!(!there.is_empty(), "{shown:?}");
    editor.stop();
}

#[test]
fn names_are_hovered_followed_and_found_and_the_file_outlined_and_formatted() {
    let Hunan {
        dir: _dir,
        text,
        mut editor,
        uri,
    } = Hunan::open("navigate");
    let doc = json!({"uri": uri});
    // `unemployed_6_months` where category 1 uses it.
    let use_at = position(&text, "and unemployed_6_months", 0, 5);
    let shown = editor.hover_text(json!({"textDocument": doc, "position": use_at}));
    assert!(
        shown.contains("unemployed_6_months") && shown.contains("连续失业六个月以上"),
        "{shown}"
    );
    let definition = editor.request(GotoDefinition::METHOD, json!({"textDocument": doc, "position": use_at}));
    let declared = text[..text.find("define unemployed_6_months").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(definition["range"]["start"]["line"], json!(declared), "{definition}");
    let references = editor.request(
        References::METHOD,
        json!({"textDocument": doc, "position": use_at, "context": {"includeDeclaration": true}}),
    );
    let uses = text.matches("unemployed_6_months").count();
    assert_eq!(references.as_array().map(Vec::len), Some(uses), "{references}");
    // A rule asked about with `holds` leads to the rule.
    let holds_at = position(&text, "holds(tier 1)", 0, 7);
    let rule = editor.request(
        GotoDefinition::METHOD,
        json!({"textDocument": doc, "position": holds_at}),
    );
    let tier = text[..text.find("tier 1 cites").unwrap()].matches('\n').count();
    assert_eq!(rule["range"]["start"]["line"], json!(tier), "{rule}");

    let symbols = editor.request(DocumentSymbolRequest::METHOD, json!({"textDocument": doc}));
    // Every item, at the top or under the clause it cites.
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| std::iter::once(s).chain(s["children"].as_array().into_iter().flatten()))
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.contains(&"category 1") && names.contains(&"unemployed_6_months"),
        "{names:?}"
    );

    // Formatting a disturbed copy gives back the file as shipped.
    editor.change(&uri, &text.replace("\n  when ", "\n        when  "), 2);
    let _ = editor.diagnostics();
    let edits = editor.request(
        Formatting::METHOD,
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits[0]["newText"].as_str(), Some(text.as_str()));
    editor.stop();
}

#[test]
fn completion_offers_fields_enum_values_units_and_names() {
    let Hunan {
        dir: _dir,
        text,
        mut editor,
        uri,
    } = Hunan::open("complete");
    let typed = format!("{text}\ndefine probe \"p\" = person.\n");
    editor.change(&uri, &typed, 2);
    let _ = editor.diagnostics();
    let labels = |editor: &mut Editor, at: Value| -> Vec<String> {
        let answer = editor.request(
            Completion::METHOD,
            json!({"textDocument": {"uri": uri}, "position": at}),
        );
        answer
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_string))
            .collect()
    };
    let fields = labels(&mut editor, position(&typed, "= person.", 0, 9));
    assert!(
        fields.contains(&"dibao".to_string()) && fields.contains(&"birth_date".to_string()),
        "{fields:?}"
    );
    assert!(!fields.contains(&"define".to_string()));
    let nested = format!("{text}\ndefine probe \"p\" = household.members.\n");
    editor.change(&uri, &nested, 3);
    let _ = editor.diagnostics();
    let members = labels(&mut editor, position(&nested, "= household.members.", 0, 20));
    assert!(members.contains(&"employed_since".to_string()), "{members:?}");
    let enums = format!("{text}\ndefine probe \"p\" = employment.status is \n");
    editor.change(&uri, &enums, 4);
    let _ = editor.diagnostics();
    let values = labels(&mut editor, position(&enums, "status is ", 0, 10));
    assert!(values.contains(&"unemployed".to_string()), "{values:?}");
    let units = format!("{text}\ndefine probe \"p\" = 6 \n");
    editor.change(&uri, &units, 5);
    let _ = editor.diagnostics();
    let offered = labels(&mut editor, position(&units, "= 6 ", 0, 4));
    assert!(
        offered.contains(&"months".to_string()) && offered.contains(&"个月".to_string()),
        "{offered:?}"
    );
    let anything = labels(&mut editor, json!({"line": 0, "character": 0}));
    for word in ["define", "定义", "eligible", "person", "month_of"] {
        assert!(anything.contains(&word.to_string()), "{word}");
    }
    editor.stop();
}

#[test]
fn a_case_file_is_checked_against_its_policy() {
    let dir = policies("case");
    repository_with_cases(&dir);
    let case = dir.join("cases/c.yaml");
    std::fs::write(&case, "id: c1\nas_of: 2025-01-01\nperson: { gender: male, birth_date: 1970-01-01, dibaoo: true }\nemployment: { status: unemployed }\n").unwrap();
    let mut editor = Editor::start();
    let uri = editor.open(&case);
    let shown = editor.diagnostics();
    let found = &shown.iter().find(|(u, _)| *u == uri).expect("published").1;
    let unknown = found
        .iter()
        .find(|d| d.message.contains("dibaoo"))
        .expect("the unknown key");
    assert_eq!(unknown.range.start.line, 2);
    assert!(unknown.message.contains("dibao"), "{}", unknown.message);
    editor.stop();
}

#[test]
fn fields_files_and_clauses_are_told_and_followed() {
    let Hunan {
        dir: _dir,
        text,
        mut editor,
        uri,
    } = Hunan::open("fields");
    let doc = json!({"uri": uri});
    // A case field: its path, label and what it holds.
    let field_at = position(&text, "when person.dibao and", 0, 14);
    let shown = editor.hover_text(json!({"textDocument": doc, "position": field_at}));
    assert!(
        shown.contains("person.dibao") && shown.contains("享受城市居民最低生活保障"),
        "{shown}"
    );
    // Where it is declared, shown and followed.
    let declared = text[..text.find("    dibao: bool").unwrap()].matches('\n').count();
    assert!(
        shown.contains(&format!("2025-employment-assistance.policy:{}", declared + 1)),
        "{shown}"
    );
    let field = editor.request(
        GotoDefinition::METHOD,
        json!({"textDocument": doc, "position": field_at}),
    );
    assert_eq!(field["range"]["start"]["line"], json!(declared), "{field}");
    // A definition says what its value is.
    let def_at = position(&text, "and unemployed_6_months", 0, 5);
    let shown = editor.hover_text(json!({"textDocument": doc, "position": def_at}));
    assert!(shown.contains("unemployed_6_months` · "), "{shown}");
    // A file the header uses leads to that file.
    let uses_at = position(&text, "\"../cn/retirement-2025.policy\"", 0, 5);
    let file = editor.request(
        GotoDefinition::METHOD,
        json!({"textDocument": doc, "position": uses_at}),
    );
    assert!(
        file["uri"]
            .as_str()
            .unwrap_or_default()
            .ends_with("policies/cn/retirement-2025.policy"),
        "{file}"
    );
    // The outline by clause: 一（一） holds category 1.
    let outline = editor.request(DocumentSymbolRequest::METHOD, json!({"textDocument": doc}));
    let clause = outline
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == json!("一（一）"))
        .expect("the clause");
    // In the file's order: no group's lines overlap the next one's.
    let starts: Vec<u64> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
    let children: Vec<&str> = clause["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(children.contains(&"category 1"), "{children:?}");
    editor.stop();
}

#[test]
fn a_case_file_completes_its_keys_and_values_and_tells_their_labels() {
    let dir = policies("case-keys");
    repository_with_cases(&dir);
    let case = dir.join("cases/c.yaml");
    let text = "id: c1\nperson:\n  gender: male\n  \nemployment:\n  status: \nservices:\n  - date: 2025-01-01\n    \n";
    std::fs::write(&case, text).unwrap();
    let mut editor = Editor::start();
    let uri = editor.open(&case);
    let _ = editor.diagnostics();
    let doc = json!({"uri": uri});
    let labels = |editor: &mut Editor, line: u32, character: u32| -> Vec<String> {
        let answer = editor.request(
            Completion::METHOD,
            json!({"textDocument": doc, "position": {"line": line, "character": character}}),
        );
        answer
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_string))
            .collect()
    };
    let person_keys = labels(&mut editor, 3, 2);
    assert!(
        person_keys.contains(&"dibao".to_string()) && person_keys.contains(&"birth_date".to_string()),
        "{person_keys:?}"
    );
    let statuses = labels(&mut editor, 5, 10);
    assert!(
        statuses.contains(&"unemployed".to_string()) && statuses.contains(&"失业".to_string()),
        "{statuses:?}"
    );
    let service_keys = labels(&mut editor, 8, 4);
    assert!(
        service_keys.contains(&"kind".to_string()) && service_keys.contains(&"refused".to_string()),
        "{service_keys:?}"
    );
    let hover = editor.request(
        HoverRequest::METHOD,
        json!({"textDocument": doc, "position": {"line": 2, "character": 3}}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or_default().to_string();
    assert!(shown.contains("gender"), "{shown}");
    editor.stop();
}

/// Whatever the text (the policy cut anywhere, as while typing) and wherever the
/// cursor, the server answers and goes on: no request or change stops it.
#[test]
fn any_text_and_any_place_get_an_answer() {
    let dir = policies("anything");
    let hunan = dir.join("policies/hunan/2025-employment-assistance.zh.policy");
    let text = std::fs::read_to_string(&hunan).unwrap();
    let mut editor = Editor::start();
    let uri = editor.open(&hunan);
    let doc = json!({"uri": uri});
    // Each request loads and checks the policy again: a few cuts and places, not all.
    let cuts: Vec<usize> = (1..9)
        .map(|n| n * text.len() / 9)
        .filter(|c| text.is_char_boundary(*c))
        .collect();
    assert!(cuts.len() > 3);
    for (version, cut) in cuts.iter().enumerate() {
        let typed = format!("{}\n（，：“ 定义 x.\n", &text[..*cut]);
        editor.change(&uri, &typed, version as i32 + 2);
        let lines = typed.matches('\n').count() as u32;
        for line in [lines / 2, lines.saturating_sub(2), lines + 5] {
            for character in [3, 500] {
                let at = json!({"textDocument": doc, "position": {"line": line, "character": character}});
                editor.request(HoverRequest::METHOD, at.clone());
                editor.request(Completion::METHOD, at.clone());
                editor.request(GotoDefinition::METHOD, at);
            }
        }
        editor.request(DocumentSymbolRequest::METHOD, json!({"textDocument": doc}));
        editor.request(
            Formatting::METHOD,
            json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
        );
    }
    let _ = editor.diagnostics();
    editor.stop();
}

/// What a new author found: no made-up hover in an item's body, a bare enum value told
/// and followed to its enum, the values of the enum tested after `is`, the fields of
/// an aggregation's item, nothing in a comment, YAML that is no case left alone, and a
/// case whose policy is broken told so.
#[test]
fn answers_are_what_is_pointed_at_and_nothing_else() {
    let Hunan {
        dir,
        text,
        mut editor,
        uri,
    } = Hunan::open("pointed");
    let doc = json!({"uri": uri});
    let at = |needle: &str, ahead: u32| json!({"textDocument": doc, "position": position(&text, needle, 0, ahead)});
    // `as_of`, `+`, `6 months` inside a definition: no hover, no definition.
    let inside = at("registration.unemployed_since + 6 months\n", 30);
    assert_eq!(editor.request(HoverRequest::METHOD, inside.clone()), Value::Null);
    assert_eq!(editor.request(GotoDefinition::METHOD, inside), Value::Null);
    // The name of a declaration still is its item.
    let shown = editor.hover_text(at("define unemployed_6_months", 10));
    assert!(shown.contains("unemployed_6_months"), "{shown}");
    // A bare enum value: its enum.
    let shown = editor.hover_text(at("person.gender is male", 17));
    assert!(shown.contains("Gender") && shown.contains("男"), "{shown}");
    let gender = editor.request(GotoDefinition::METHOD, at("person.gender is male", 17));
    assert!(
        gender["uri"]
            .as_str()
            .unwrap_or_default()
            .ends_with("retirement-2025.policy"),
        "{gender}"
    );

    let typed = format!(
        "{text}\ndefine probe \"p\" = person.gender is \n// person.\ndefine q \"q\" = all(m in household.members: m.\n"
    );
    editor.change(&uri, &typed, 2);
    let _ = editor.diagnostics();
    let labels = |editor: &mut Editor, needle: &str, ahead: u32| -> Vec<String> {
        let place = json!({"textDocument": {"uri": uri}, "position": position(&typed, needle, 0, ahead)});
        let answer = editor.request(Completion::METHOD, place);
        answer
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_string))
            .collect()
    };
    let values = labels(&mut editor, "= person.gender is ", 19);
    assert!(
        values.contains(&"male".to_string()) && !values.contains(&"unemployed".to_string()),
        "{values:?}"
    );
    assert!(labels(&mut editor, "// person.", 10).is_empty());
    let item_fields = labels(&mut editor, "members: m.", 11);
    assert!(item_fields.contains(&"employed_since".to_string()), "{item_fields:?}");

    // A calendar the policy reads is no case; a case whose policy is broken says so.
    repository_with_cases(&dir);
    let calendar = dir.join("policies/calendars/2025.yaml");
    let calendar_uri = editor.open(&calendar);
    let shown = editor.diagnostics();
    assert!(
        shown
            .iter()
            .find(|(u, _)| *u == calendar_uri)
            .is_none_or(|(_, d)| d.is_empty()),
        "{shown:?}"
    );
    let case = dir.join("cases/c.yaml");
    std::fs::write(&case, "id: c1\nperson: { gender: male }\n").unwrap();
    let case_uri = editor.open(&case);
    editor.change(
        &uri,
        &text.replace("define registered_unemployed", "define registered_unemployed_x"),
        3,
    );
    let shown = editor.diagnostics();
    let told = &shown.iter().find(|(u, _)| *u == case_uri).expect("published").1;
    assert!(told.iter().any(|d| d.message.contains("cannot be checked")), "{told:?}");
    editor.stop();
}

/// References of a national file's definition, asked in that file, reach the open
/// provincial policy that builds on it.
#[test]
fn references_reach_the_open_policies_that_use_a_file() {
    let Hunan {
        dir,
        text,
        mut editor,
        uri: _,
    } = Hunan::open("across");
    let retirement = dir.join("policies/cn/retirement-2025.policy");
    let library = std::fs::read_to_string(&retirement).unwrap();
    let library_uri = editor.open(&retirement);
    let _ = editor.diagnostics();
    let at = position(&library, "define age ", 0, 8);
    let found = editor.request(
        References::METHOD,
        json!({"textDocument": {"uri": library_uri}, "position": at, "context": {"includeDeclaration": false}}),
    );
    let in_hunan = found
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            l["uri"]
                .as_str()
                .unwrap_or_default()
                .ends_with("2025-employment-assistance.policy")
        })
        .count();
    let written = text.matches(" age ").count();
    assert!(in_hunan >= 3 && in_hunan <= written, "{in_hunan} of {written}: {found}");
    // The references of a used file: the headers that name it.
    let hunan_uri = {
        let hunan = dir.join("policies/hunan/2025-employment-assistance.policy");
        editor.open(&hunan)
    };
    let uses_at = position(&text, "\"../cn/retirement-2025.policy\"", 0, 5);
    let namings = editor.request(
        References::METHOD,
        json!({"textDocument": {"uri": hunan_uri}, "position": uses_at, "context": {"includeDeclaration": true}}),
    );
    let lines: Vec<u64> = namings
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["range"]["start"]["line"].as_u64())
        .collect();
    let line = text[..text.find("uses \"../cn/retirement-2025.policy\"").unwrap()]
        .matches('\n')
        .count() as u64;
    assert!(lines.contains(&line), "{namings}");
    editor.stop();
}

#[test]
fn names_are_still_hovered_and_followed_while_the_policy_has_an_error() {
    // The folder held to the end, not dropped with the fields left out.
    let Hunan {
        dir: _dir,
        text,
        mut editor,
        uri,
    } = Hunan::open("while-typing");
    let doc = json!({"uri": uri});
    // A typo far from the name asked about: the policy no longer checks.
    let broken = text.replacen(
        "when person.dibao and registered_unemployed",
        "when person.dibao and registerd_unemployed",
        1,
    );
    editor.change(&uri, &broken, 2);
    let shown = editor.diagnostics();
    assert!(shown.iter().any(|(u, d)| *u == uri && !d.is_empty()), "{shown:?}");
    let use_at = position(&broken, "and unemployed_6_months", 0, 5);
    let hover = editor.hover_text(json!({"textDocument": doc, "position": use_at}));
    assert!(
        hover.contains("unemployed_6_months") && hover.contains("连续失业六个月以上"),
        "{hover}"
    );
    // Said to be found by name, not by the checker (the editor asked for English).
    assert!(hover.contains("found by its name"), "{hover}");
    let definition = editor.request(GotoDefinition::METHOD, json!({"textDocument": doc, "position": use_at}));
    let declared = broken[..broken.find("define unemployed_6_months").unwrap()]
        .matches('\n')
        .count();
    assert_eq!(definition["range"]["start"]["line"], json!(declared), "{definition}");
    // The misspelt name itself declares nothing: no answer there.
    let typo_at = position(&broken, "registerd_unemployed", 0, 3);
    let nothing = editor.request(HoverRequest::METHOD, json!({"textDocument": doc, "position": typo_at}));
    assert_eq!(nothing, Value::Null);
    // Checked again: hovers come from the checker, without the note.
    editor.change(&uri, &text, 3);
    let _ = editor.diagnostics();
    let hover =
        editor.hover_text(json!({"textDocument": doc, "position": position(&text, "and unemployed_6_months", 0, 5)}));
    assert!(
        hover.contains("连续失业六个月以上") && !hover.contains("found by its name"),
        "{hover}"
    );
    editor.stop();
}

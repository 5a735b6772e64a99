//! The REPL backend: a policy, one case and an evaluation date, changed one command at
//! a time, with the decision re-evaluated after every change and what changed shown.
//! No terminal types here: the front ends (plain and rustyline) only read lines and
//! print what [`Session::handle`] returns.

mod questions;

use super::command::{Command, help, parse};
use super::edit;
use crate::diagnostic::{Code, Diagnostic};
use crate::input::{DecodedText, InputLimits, read_regular_file};
use crate::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use crate::program::Program;
use crate::report::layout::wrap_lines;
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use crate::report::{DrawOptions, Explain, Lang, RenderOptions, decision_json, render_diagnostic, render_text};
use crate::run::{CaseResult, MissingDate, Runner};
use crate::yaml::{DocumentChecks, YamlNode, documents};
use chrono::NaiveDate;
use serde_json::Value as Json;
use std::io::IsTerminal;

/// What a command asks of the front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Print this (may be empty) and read the next command.
    Print(String),
    /// Leave.
    Quit,
}

/// One REPL session.
pub struct Session {
    /// `None`: the built-in policy.
    policy_path: Option<String>,
    loaded: LoadedPolicy,
    versions: Vec<Program>,
    case: Option<YamlNode>,
    as_of: Option<NaiveDate>,
    undo: Vec<(Option<YamlNode>, Option<NaiveDate>)>,
    last: Option<Json>,
    options: RenderOptions,
    /// Whether a command has failed: a script's session then ends with exit code 1.
    failed: bool,
}

impl Session {
    /// A session on a policy file (`None`: the built-in policy). Fails with the policy's
    /// diagnostics, drawn, when it does not check.
    pub fn new(policy: Option<&str>, lang: Lang, show_pii: bool) -> Result<Session, String> {
        let (loaded, versions) = load(policy, lang, Msg::PolicyCannotStart)?;
        // `eval` in the REPL is the whole explanation (`:help eval`), at the terminal's
        // width when there is one.
        let width = if std::io::stdout().is_terminal() {
            textwrap::termwidth()
        } else {
            80
        };
        let options = RenderOptions {
            lang,
            show_pii,
            color: false,
            explain: Explain::Full,
            width,
            ..RenderOptions::default()
        };
        Ok(Session {
            policy_path: policy.map(str::to_string),
            loaded,
            versions,
            case: None,
            as_of: None,
            undo: Vec::new(),
            last: None,
            options,
            failed: false,
        })
    }

    /// The latest version of the policy.
    pub fn program(&self) -> &Program {
        &self.versions[self.versions.len() - 1]
    }

    /// Handles one complete input.
    pub fn handle(&mut self, input: &str) -> Reply {
        let lang = self.options.lang;
        let command = match parse(input, lang) {
            Ok(c) => c,
            Err(e) => {
                self.failed = true;
                return Reply::Print(format!("{e}\n"));
            }
        };
        let out = match command {
            Command::Quit => return Reply::Quit,
            Command::Nothing => Ok(String::new()),
            Command::Help(topic) => Ok(help(topic.as_deref(), lang, self.options.width)),
            Command::Load(path, id) => self.load_case(&path, id.as_deref()),
            Command::Policy(path) => self.use_policy((path != "builtin").then_some(path)),
            Command::Reload => self.use_policy(self.policy_path.clone()),
            Command::AsOf(date) => self.change(|s| {
                s.as_of = match date {
                    Some(d) => Some(crate::syntax::parse_date_text(&d).ok_or(msg_with(Msg::NotADate, lang, &d))?),
                    None => None,
                };
                Ok(())
            }),
            Command::Set(path, value) => self.edit(|case| edit::set(case, &path, edit::parse_value(&value)?)),
            Command::Unset(path) => self.edit(|case| edit::unset(case, &path)),
            Command::Push(path, value) => self.edit(|case| edit::push(case, &path, edit::parse_value(&value)?)),
            Command::Undo => match self.undo.pop() {
                Some((case, as_of)) => {
                    self.case = case;
                    self.as_of = as_of;
                    self.report_change()
                }
                None => Err(msg(Msg::NothingToUndo, lang).into()),
            },
            Command::Save(path) => self.save(&path),
            Command::Show => Ok(self.show_case()),
            Command::Eval => self.eval(),
            Command::Why(rule) => self.why(&rule),
            Command::Missing => self.missing(),
            Command::Expression(text) => self.expression(&text),
        };
        Reply::Print(out.unwrap_or_else(|e| {
            self.failed = true;
            // Errors fit the width as other replies do.
            wrap_lines(&format!("{e}\n"), self.options.width)
        }))
    }

    /// A message of the catalogue in the session's language, its `{}`s filled by `args`.
    fn say(&self, m: Msg, args: &[&str]) -> String {
        msg_args(m, self.options.lang, args)
    }

    /// How the session names the decision record's parts (its latest policy's labels).
    fn words(&self) -> crate::report::changes::Words<'_> {
        crate::report::changes::Words {
            former: &[],
            program: self.program(),
            lang: self.options.lang,
        }
    }

    /// Whether any command so far has failed (a wrong command, a change refused, a
    /// file not read).
    pub fn any_failed(&self) -> bool {
        self.failed
    }

    fn load_case(&mut self, path: &str, id: Option<&str>) -> Result<String, String> {
        let bytes = read_regular_file(std::path::Path::new(path), None)
            .map_err(|e| self.say(Msg::CannotRead, &[path, &e.text().get(self.options.lang)]))?;
        let decoded = DecodedText::decode(bytes);
        let checks = DocumentChecks {
            max_bytes: usize::try_from(InputLimits::default().case_bytes).unwrap_or(usize::MAX),
            invalid_bytes: &decoded.invalid,
        };
        let mut docs = documents(crate::source::FileId(0), &decoded.text, checks);
        let chosen = docs.find(|d| match id {
            Some(id) => d
                .root
                .get("id")
                .and_then(|n| n.as_scalar())
                .is_some_and(|(t, _)| t == id),
            None => d.root.get("id").is_some(),
        });
        let doc = chosen.ok_or_else(|| match id {
            Some(id) => self.say(Msg::NoCaseWithId, &[path, id]),
            None => self.say(Msg::NoCaseInFileRepl, &[path]),
        })?;
        // A case that was not read whole (not UTF-8, too large) is not loaded.
        if let Some(d) = doc
            .diagnostics
            .iter()
            .find(|d| matches!(d.code, Code::InvalidUtf8 | Code::CaseTooLarge))
        {
            return Err(self.say(Msg::CannotLoadCase, &[path, &d.message.get(self.options.lang)]));
        }
        // Loading the first case is not a change to undo: `:undo` after it would
        // leave the session with no case.
        if self.case.is_some() {
            self.remember();
        }
        self.case = Some(doc.root);
        self.last = None;
        self.report_change()
    }

    fn use_policy(&mut self, path: Option<String>) -> Result<String, String> {
        let (loaded, versions) = load(path.as_deref(), self.options.lang, Msg::PolicyKept)?;
        self.loaded = loaded;
        self.versions = versions;
        self.policy_path = path;
        let mut name = self.program().info.documents.join(" + ");
        if self.program().info.builtin {
            name.push_str(msg(Msg::BuiltinMark, self.options.lang));
        }
        Ok(format!(
            "{}\n{}",
            self.say(Msg::PolicyInUse, &[&name]),
            self.report_change()?
        ))
    }

    fn remember(&mut self) {
        self.undo.push((self.case.clone(), self.as_of));
    }

    fn change(&mut self, f: impl FnOnce(&mut Session) -> Result<(), String>) -> Result<String, String> {
        self.remember();
        if let Err(e) = f(self) {
            self.undo.pop();
            return Err(e);
        }
        self.report_change()
    }

    /// A change to the case. One that makes a readable case unreadable (a wrong type,
    /// an unknown field) is not kept: the message says why, and the case stays as it was.
    fn edit(&mut self, f: impl FnOnce(&mut YamlNode) -> Result<(), edit::EditError>) -> Result<String, String> {
        let mut case = self.case.clone().unwrap_or_else(edit::empty_case);
        f(&mut case).map_err(|e| e.text(self.options.lang))?;
        let was_readable = self.case.is_some() && self.evaluate().is_ok();
        let before = self.case.replace(case);
        if was_readable && let Err(e) = self.evaluate() {
            self.case = before;
            return Err(format!("{e}{}\n", self.say(Msg::NotChanged, &[])));
        }
        self.undo.push((before, self.as_of));
        self.report_change()
    }

    /// Evaluates the current case; `Err` with the diagnostics when it cannot be.
    fn evaluate(&mut self) -> Result<CaseResult, String> {
        let Some(case) = &self.case else {
            return Err(format!("{}\n", self.say(Msg::NoCaseLoaded, &[])));
        };
        let text = edit::to_yaml(case);
        let mut runner = Runner::with_versions(&self.versions, self.as_of, MissingDate::Error);
        let mut results = runner.run_file(&mut self.loaded.sources, "<case>", &text);
        let result = results.pop().ok_or_else(|| self.say(Msg::CaseEmpty, &[]))?;
        if result.decision.is_none() {
            let mut out = format!("{}\n", self.say(Msg::CannotBeEvaluatedBecause, &[]));
            for d in result.diagnostics.iter().filter(|d| d.is_error()) {
                out.push_str(&format!(
                    "  {}: {}\n",
                    d.code.as_str(),
                    d.message.get(self.options.lang)
                ));
                // The hint `eval` gives with it: the key meant, the values allowed.
                if let Some(help) = &d.help {
                    out.push_str(&format!(
                        "  {}\n",
                        self.say(Msg::DiagnosticHelp, &[&help.get(self.options.lang)])
                    ));
                }
            }
            return Err(out);
        }
        Ok(result)
    }

    /// After a change: the decision's short difference from the one before.
    fn report_change(&mut self) -> Result<String, String> {
        let result = match self.evaluate() {
            Ok(r) => r,
            Err(e) => {
                self.last = None;
                return Ok(e);
            }
        };
        let record = decision_json(
            &result,
            &self.versions[result.version],
            &self.loaded.sources,
            &self.options,
        );
        let out = match &self.last {
            None => self.words().summary_line(&record),
            Some(before) => {
                let changes = crate::report::changes::short_diff(before, &record, self.words());
                if changes.is_empty() {
                    format!("{}\n", self.say(Msg::NoChangeInDecision, &[]))
                } else {
                    changes.join("\n") + "\n"
                }
            }
        };
        self.last = Some(record);
        Ok(wrap_lines(&out, self.options.width))
    }

    fn eval(&mut self) -> Result<String, String> {
        let result = self.evaluate()?;
        Ok(render_text(
            &result,
            &self.versions[result.version],
            &self.loaded.sources,
            &self.options,
        ))
    }

    /// The case as YAML, its ID numbers masked unless `--show-pii`.
    fn show_case(&self) -> String {
        let Some(case) = &self.case else {
            return format!("{}\n", self.say(Msg::NoCaseLoaded, &[]));
        };
        let yaml = edit::to_yaml(case);
        crate::privacy::Pii::shown_if(self.options.show_pii)
            .apply(&yaml)
            .into_owned()
    }

    fn save(&mut self, path: &str) -> Result<String, String> {
        let case = self.case.as_ref().ok_or_else(|| self.say(Msg::NoCaseLoaded, &[]))?;
        std::fs::write(path, edit::to_yaml(case)).map_err(|e| {
            let why = crate::input::write_error(path, &e);
            self.say(Msg::CannotWrite, &[path, &why.get(self.options.lang)])
        })?;
        Ok(format!("{}\n", self.say(Msg::SavedTo, &[path])))
    }

    fn draw(&self, d: &Diagnostic) -> String {
        render_diagnostic(
            d,
            &self.loaded.sources,
            DrawOptions {
                color: false,
                ..(&self.options).into()
            },
        )
    }
}

/// Loads and checks a policy; its errors, drawn, when it does not check, and then
/// `closing` (what becomes of the session).
fn load(policy: Option<&str>, lang: Lang, closing: Msg) -> Result<(LoadedPolicy, Vec<Program>), String> {
    let mut loaded = match policy {
        Some(p) => load_policy(p, PolicySource::Disk),
        None => load_policy(DEFAULT_POLICY, PolicySource::Builtin),
    };
    let versions = std::mem::take(&mut loaded.versions);
    if versions.is_empty() {
        let drawn: String = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let options = DrawOptions {
                    lang,
                    color: false,
                    show_pii: false,
                    width: 80,
                };
                render_diagnostic(d, &loaded.sources, options)
            })
            .collect();
        return Err(format!("{drawn}{}\n", closing.text(lang)));
    }
    Ok((loaded, versions))
}

//! The REPL backend: a policy, one case and an evaluation date, changed one command at
//! a time, with the decision re-evaluated after every change and what changed shown.
//! No terminal types here: the front ends (plain and rustyline) only read lines and
//! print what [`Session::handle`] returns.

use super::command::{Command, help, parse};
use super::lookup::Named;
use super::{edit, missing};
use crate::diagnostic::{Code, Diagnostic};
use crate::eval::{Evaluation, Explainer};
use crate::input::{DecodedText, InputLimits, read_regular_file};
use crate::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use crate::program::Program;
use crate::report::layout::{cut_to_width, wrap_lines};
use crate::report::messages::{Msg, msg, msg_args, msg_with};
use crate::report::{
    Explain, Lang, RenderOptions, ValueStyle, decision_json, definition_text, format_value, render_diagnostic,
    render_text, rule_trace, type_words,
};
use crate::run::{CaseResult, MissingDate, Runner};
use crate::value::Value;
use crate::yaml::{DocumentChecks, YamlNode, documents};
use chrono::NaiveDate;
use serde_json::Value as Json;
use std::io::IsTerminal;
use textwrap::core::display_width;

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
        let (loaded, versions) = load(policy)?;
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
            Command::Help(topic) => Ok(help(topic.as_deref(), lang)),
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
            format!("{e}\n")
        }))
    }

    /// A message of the catalogue in the session's language, its `{}`s filled by `args`.
    fn say(&self, m: Msg, args: &[&str]) -> String {
        msg_args(m, self.options.lang, args)
    }

    /// Whether any command so far has failed (a wrong command, a change refused, a
    /// file not read).
    pub fn any_failed(&self) -> bool {
        self.failed
    }

    fn load_case(&mut self, path: &str, id: Option<&str>) -> Result<String, String> {
        let bytes = read_regular_file(std::path::Path::new(path), None)
            .map_err(|e| self.say(Msg::CannotRead, &[path, &e.to_string()]))?;
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
            return Err(self.say(Msg::CannotLoadCase, &[path, &d.message]));
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
        let (loaded, versions) = load(path.as_deref())?;
        self.loaded = loaded;
        self.versions = versions;
        self.policy_path = path;
        let name = self.program().info.documents.join(" + ");
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
                out.push_str(&format!("  {}: {}\n", d.code.as_str(), d.message));
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
            None => summary_line(&record),
            Some(before) => {
                let changes = super::changes::short_diff(before, &record);
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

    fn why(&mut self, query: &str) -> Result<String, String> {
        let result = self.evaluate()?;
        let program = &self.versions[result.version];
        let (Some(decision), Some(facts)) = (&result.decision, result.facts()) else {
            return Err(self.say(Msg::NoDecision, &[]));
        };
        let style = ValueStyle {
            program,
            lang: self.options.lang,
            show_pii: self.options.show_pii,
        };
        let mut explainer = Explainer::new(program, facts, decision.as_of);
        let matches = match super::lookup::find(program, query) {
            Named::Rules(rules) => rules,
            Named::Definition(id) => {
                let text = definition_text(program, id, &mut explainer, &style, &self.loaded.sources);
                return Ok(wrap_lines(&text, self.options.width));
            }
            Named::Choose(choices) => {
                let mut out = format!("{}\n", self.say(Msg::CouldBe, &[query]));
                let widest = choices.iter().map(|(t, _)| display_width(t)).max().unwrap_or(0);
                // Each line fits 80 columns: the title is cut to what is left.
                let room = 80usize.saturating_sub(widest + 8).max(10);
                for (typed, title) in choices {
                    let pad = " ".repeat(widest - display_width(&typed));
                    let shown = cut_to_width(&title, room);
                    out.push_str(&format!("  why {typed}{pad}  {shown}\n"));
                }
                return Err(out);
            }
            Named::Nothing => {
                return Err(format!("{}\n", self.say(Msg::NoRuleOrDefinition, &[query])));
            }
        };
        let mut out = String::new();
        for idx in matches {
            let rule = &program.rules[idx.0 as usize];
            out.push_str(&rule_trace(
                program,
                decision,
                idx,
                &mut explainer,
                &style,
                &self.loaded.sources,
            ));
            out.push('\n');
            if let Some(text) = &rule.cite.text {
                out.push_str(&format!("  {}：{text}\n", rule.cite.clause.node));
            }
            for note in &rule.notes {
                out.push_str(&format!("  ({note})\n"));
            }
        }
        Ok(wrap_lines(&out, self.options.width))
    }

    fn missing(&mut self) -> Result<String, String> {
        let result = self.evaluate()?;
        let Some(case) = self.case.clone() else {
            return Err(self.say(Msg::NoCaseLoaded, &[]));
        };
        let baseline = decision_json(
            &result,
            &self.versions[result.version],
            &self.loaded.sources,
            &self.options,
        );
        let (versions, as_of, options) = (&self.versions, self.as_of, &self.options);
        let sources = &mut self.loaded.sources;
        let mut probe = |candidate: &YamlNode| -> Option<Json> {
            let mut runner = Runner::with_versions(versions, as_of, MissingDate::Error);
            let r = runner.run_file(sources, "<probe>", edit::to_yaml(candidate)).pop()?;
            r.decision.as_ref()?;
            Some(decision_json(&r, &versions[r.version], sources, options))
        };
        let program = versions[versions.len() - 1].clone();
        Ok(missing::report(
            &program,
            &result,
            &case,
            &baseline,
            &mut probe,
            self.options.lang,
        ))
    }

    fn expression(&mut self, text: &str) -> Result<String, String> {
        let file = self.loaded.sources.add("<input>", text);
        let expr = crate::syntax::parse_expression(file, text).map_err(|d| self.draw(&d))?;
        // The expression is checked as one more definition of the policy, so every name
        // of the policy resolves as it does in a rule.
        let mut files = self.loaded.files.clone();
        let name = "__repl_input";
        let span = expr.span;
        if let Some(last) = files.last_mut() {
            last.items.push(crate::ast::Item::Define(crate::ast::DefineDecl {
                name: crate::ast::Spanned {
                    node: name.into(),
                    span,
                },
                label: crate::ast::Label::default(),
                cite: None,
                expr,
                note: None,
                params: Vec::new(),
            }));
        }
        let (program, diagnostics) = crate::check::check(&files);
        let mine: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.is_error() && d.span.is_some_and(|s| s.file == file))
            .collect();
        if !mine.is_empty() {
            return Err(mine.iter().map(|d| self.draw(d)).collect());
        }
        let program = program.ok_or_else(|| self.say(Msg::PolicyDoesNotCheck, &[]))?;
        let id = program
            .definitions
            .iter()
            .position(|d| d.name == name)
            .ok_or("internal: the input was not compiled")?;
        let (facts, as_of) = match self.evaluate() {
            Ok(r) => (r.case.facts.unwrap_or(Value::Absent), r.as_of),
            Err(_) => (Value::Absent, self.as_of),
        };
        let as_of = as_of.ok_or_else(|| format!("{}\n", self.say(Msg::NoEvaluationDateHint, &[])))?;
        let program = Program {
            calendar: self.program().calendar.clone(),
            ..program
        };
        let value = Evaluation::new(&program, &facts, as_of).definition(crate::program::DefId(id as u32));
        let style = ValueStyle {
            program: &program,
            lang: self.options.lang,
            show_pii: self.options.show_pii,
        };
        let ty = type_words(&program.definitions[id].expr.ty, &style);
        Ok(format!(
            "{}\n",
            self.say(Msg::ValueOfKind, &[&format_value(&value, &style), &ty])
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
        std::fs::write(path, edit::to_yaml(case)).map_err(|e| self.say(Msg::CannotWrite, &[path, &e.to_string()]))?;
        Ok(format!("{}\n", self.say(Msg::SavedTo, &[path])))
    }

    fn draw(&self, d: &Diagnostic) -> String {
        render_diagnostic(d, &self.loaded.sources, false, self.options.show_pii)
    }
}

fn load(policy: Option<&str>) -> Result<(LoadedPolicy, Vec<Program>), String> {
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
            .map(|d| render_diagnostic(d, &loaded.sources, false, false))
            .collect();
        return Err(format!(
            "{drawn}the policy has errors; the session keeps the one it had\n"
        ));
    }
    Ok((loaded, versions))
}

/// The first view of a case: its outcome in one line.
fn summary_line(record: &Json) -> String {
    let mut parts = Vec::new();
    for key in ["case", "as_of", "eligible", "categories", "tier"] {
        match record.get(key) {
            Some(Json::String(v)) => parts.push(format!("{key} {v}")),
            Some(v) => parts.push(format!("{key} {v}")),
            None => {}
        }
    }
    format!("{}\n", parts.join(" · "))
}

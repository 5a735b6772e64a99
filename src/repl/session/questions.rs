//! The session's questions about the case: `why` (a rule or a definition explained),
//! `:missing` (absent fields that could change the outcome) and an expression of the
//! policy language evaluated on the case.

use super::Session;
use crate::diagnostic::Diagnostic;
use crate::eval::{Evaluation, Explainer};
use crate::program::Program;
use crate::repl::lookup::Named;
use crate::repl::{edit, missing};
use crate::report::layout::{cut_to_width, wrap_lines};
use crate::report::messages::Msg;
use crate::report::{ValueStyle, decision_json, definition_text, format_typed_value, rule_trace, type_words};
use crate::run::{MissingDate, Runner};
use crate::value::Value;
use crate::yaml::YamlNode;
use serde_json::Value as Json;
use textwrap::core::display_width;

impl Session {
    pub(super) fn why(&mut self, query: &str) -> Result<String, String> {
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
        let matches = match crate::repl::lookup::find(program, query) {
            Named::Rules(rules) => rules,
            Named::Definition(id) => {
                let text = definition_text(program, id, &mut explainer, &style);
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
            out.push_str(&rule_trace(program, decision, idx, &mut explainer, &style));
            out.push('\n');
            if let Some(text) = &rule.cite.text {
                let colon = crate::report::messages::msg(Msg::Colon, self.options.lang);
                out.push_str(&format!("  {}{colon}{text}\n", rule.cite.clause.node));
            }
            for note in &rule.notes {
                out.push_str(&format!("  ({note})\n"));
            }
        }
        Ok(wrap_lines(&out, self.options.width))
    }

    pub(super) fn missing(&mut self) -> Result<String, String> {
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
        let report = missing::report(&program, &result, &case, &baseline, &mut probe, self.options.lang);
        Ok(wrap_lines(&report, self.options.width))
    }

    pub(super) fn expression(&mut self, text: &str) -> Result<String, String> {
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
                span,
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
            .position(|d| d.name == name && !d.repealed)
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
            self.say(
                Msg::ValueOfKind,
                &[
                    &format_typed_value(&value, &program.definitions[id].expr.ty, &style),
                    &ty
                ]
            )
        ))
    }
}

//! Diagnostics as miette reports (with the underlined source) and as JSON objects.

use super::excerpt::Excerpt;
use crate::diagnostic::{Diagnostic, Severity, Words};
use crate::lang::{Lang, Text};
use crate::source::{LineCol, SourceMap, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan};
use serde_json::Value as Json;
use std::fmt;

/// Longest source line, in bytes, drawn with its underlines. miette cannot underline
/// past column 65535 (it panics), and a line this long is unreadable anyway: such a
/// diagnostic is drawn with its file, line and column instead.
const MAX_DRAWN_LINE: usize = 10_000;

/// Lines drawn above and below each underlined line (miette's default).
const CONTEXT_LINES: usize = 1;

/// A diagnostic with its source file, in the form miette draws.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    /// The message, with the place when the source is not drawn.
    message: String,
    source: Option<Box<dyn SourceCode>>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_deref()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// How a diagnostic is drawn.
#[derive(Debug, Clone, Copy)]
pub struct DrawOptions {
    /// The language of its words.
    pub lang: Lang,
    /// Colour (a terminal's).
    pub color: bool,
    /// Resident ID numbers in the source shown in full.
    pub show_pii: bool,
    /// The width of its lines, in columns.
    pub width: usize,
}

impl From<&super::RenderOptions> for DrawOptions {
    fn from(o: &super::RenderOptions) -> DrawOptions {
        DrawOptions {
            lang: o.lang,
            color: o.color,
            show_pii: o.show_pii,
            width: o.width,
        }
    }
}

/// Draws a diagnostic with miette, in a language and a width: message, file:line:column,
/// underlined source, help. Resident ID numbers in the source shown are masked unless
/// `show_pii`.
pub fn render_diagnostic(d: &Diagnostic, sources: &SourceMap, options: DrawOptions) -> String {
    let DrawOptions {
        lang,
        color,
        show_pii,
        width,
    } = options;
    let mut message = d.message.get(lang).into_owned();
    let (source, labels) = match d.span {
        Some(span) if on_long_line(&sources.get(span.file).text, span) => {
            let at = sources.line_col(span);
            let place = format!("{}:{}:{}", sources.get(span.file).name, at.line, at.column);
            message = Words::AtPlace.with([message, place]).get(lang).into_owned();
            (None, Vec::new())
        }
        Some(span) => {
            let file = sources.get(span.file);
            let mut labels = vec![LabeledSpan::new_primary_with_span(
                d.label.as_ref().map(|l| l.get(lang).into_owned()),
                SourceSpan::new((span.start as usize).into(), span.len()),
            )];
            let text = &file.text;
            let drawn: Vec<Span> = d
                .related
                .iter()
                .filter(|(s, _)| s.file == span.file && !on_long_line(text, *s))
                .map(|(s, label)| {
                    labels.push(LabeledSpan::new_with_span(
                        Some(label.get(lang).into_owned()),
                        SourceSpan::new((s.start as usize).into(), s.len()),
                    ));
                    *s
                })
                .collect();
            // Only the lines drawn are cut out (and masked, which keeps every byte
            // offset), not the whole file for each diagnostic.
            let drawn = std::iter::once(span)
                .chain(drawn)
                .map(|s| (s.start as usize, s.end as usize));
            let excerpt = Excerpt::new(file, drawn, CONTEXT_LINES, !show_pii);
            (Some(Box::new(excerpt) as Box<dyn SourceCode>), labels)
        }
        None => (None, Vec::new()),
    };
    let help = match (&d.help, &d.cite) {
        (Some(h), Some(c)) => Some(Words::WithCite.with([h.clone(), Text::from(c)]).get(lang).into_owned()),
        (Some(h), None) => Some(h.get(lang).into_owned()),
        (None, Some(c)) => Some(Words::Cite.with([c]).get(lang).into_owned()),
        (None, None) => None,
    };
    let mut out = draw(
        &Report {
            diagnostic: d,
            message,
            source,
            labels,
        },
        color,
        width,
    );
    // The hint is written here rather than by miette, whose heading is English; its
    // continuation lines start under the text, as miette's would.
    if let Some(help) = help {
        let line = format!(
            "{}\n",
            super::messages::msg_with(super::messages::Msg::DiagnosticHelp, lang, &help)
        );
        out.push_str(&super::layout::wrap_table(&line, width, 8));
    }
    out
}

/// Draws a report with miette.
fn draw(report: &Report, color: bool, width: usize) -> String {
    let d = report.diagnostic;
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        // A long word (an ID glued to letters) is not cut in two, where masking
        // would see two short runs of digits.
        .with_break_words(false)
        // Never at a hyphen inside a word (an option, a date, an id).
        .with_word_separator(textwrap::WordSeparator::Custom(super::layout::words_of))
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_context_lines(CONTEXT_LINES);
    let mut out = String::new();
    if handler.render_report(&mut out, report).is_err() {
        out = format!("{}: {}\n", d.severity.as_str(), report.message);
    }
    out
}

/// Whether a span starts or ends on a line longer than [`MAX_DRAWN_LINE`] (looking no
/// further than that either side).
fn on_long_line(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    [span.start, span.end].into_iter().any(|offset| {
        let offset = (offset as usize).min(bytes.len());
        let window = offset.saturating_sub(MAX_DRAWN_LINE + 1)..(offset + MAX_DRAWN_LINE + 1).min(bytes.len());
        let before = bytes[window.start..offset]
            .iter()
            .rev()
            .take_while(|b| **b != b'\n')
            .count();
        let after = bytes[offset..window.end].iter().take_while(|b| **b != b'\n').count();
        before + after > MAX_DRAWN_LINE
    })
}

/// A diagnostic as the JSON object of contract §4: severity, code, message (in `lang`),
/// and where known the clause, file, line and column.
pub fn diagnostic_json(d: &Diagnostic, sources: &SourceMap, lang: Lang) -> Json {
    serde_json::to_value(DiagnosticJson::new(d, sources, lang)).unwrap_or(Json::Null)
}

/// A diagnostic as JSON, placed at a file's line and column (for a diagnostic made
/// after its case's text was let go, as a batch's duplicate ids are).
pub fn diagnostic_json_at(d: &Diagnostic, at: Option<(&str, LineCol)>, lang: Lang) -> Json {
    serde_json::to_value(DiagnosticJson { d, at, lang }).unwrap_or(Json::Null)
}

/// A diagnostic as a JSON object: severity, code, message, the clause it cites, where
/// it is, and the hint. Serialized straight into a record.
pub(crate) struct DiagnosticJson<'a> {
    d: &'a Diagnostic,
    at: Option<(&'a str, LineCol)>,
    lang: Lang,
}

impl<'a> DiagnosticJson<'a> {
    /// `d`, placed in its file by `sources`, told in `lang`.
    pub(crate) fn new(d: &'a Diagnostic, sources: &'a SourceMap, lang: Lang) -> DiagnosticJson<'a> {
        let at = d
            .span
            .map(|span| (sources.get(span.file).name.as_str(), sources.line_col(span)));
        DiagnosticJson { d, at, lang }
    }
}

impl serde::Serialize for DiagnosticJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let d = self.d;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("severity", d.severity.as_str())?;
        map.serialize_entry("code", d.code.as_str())?;
        map.serialize_entry("message", &d.message.get(self.lang))?;
        if let Some(cite) = &d.cite {
            map.serialize_entry("cite", cite)?;
        }
        if let Some((file, at)) = self.at {
            map.serialize_entry("file", file)?;
            map.serialize_entry("line", &at.line)?;
            map.serialize_entry("column", &at.column)?;
        }
        if let Some(help) = &d.help {
            map.serialize_entry("help", &help.get(self.lang))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use std::sync::Arc;

    /// Drawn from an excerpt, a diagnostic looks as it does drawn from the whole file,
    /// wherever its labels are: close together, far apart near the start (miette then
    /// draws one long piece), far apart further down (two pieces).
    #[test]
    fn an_excerpt_draws_as_the_whole_file_does() {
        let text: String = (0..400)
            .map(|i| format!("rule r{i} id 430102197503101234 {{ }}\n"))
            .collect();
        let mut map = SourceMap::new();
        let file = map.add("p.policy", text.as_str());
        let line = |i: usize| text.find(&format!("rule r{i} ")).unwrap_or(0) + 5;
        let pairs = [(0, 1), (3, 2), (10, 30), (40, 60), (150, 390), (300, 399), (399, 399)];
        for (at, related) in pairs {
            let d = Diagnostic::error(Code::DuplicateRule, "declared twice")
                .at(Span::new(file, line(at), line(at) + 2), "here")
                .with_related(Span::new(file, line(related), line(related) + 2), "first here");
            let options = DrawOptions {
                lang: Lang::En,
                color: false,
                show_pii: true,
                width: 100,
            };
            let drawn = render_diagnostic(&d, &map, options);
            let whole: Arc<str> = text.as_str().into();
            let labels = vec![
                LabeledSpan::new_primary_with_span(Some("here".into()), SourceSpan::new(line(at).into(), 2)),
                LabeledSpan::new_with_span(Some("first here".into()), SourceSpan::new(line(related).into(), 2)),
            ];
            let expected = draw(
                &Report {
                    diagnostic: &d,
                    message: d.message.en(),
                    source: Some(Box::new(miette::NamedSource::new("p.policy", whole))),
                    labels,
                },
                false,
                100,
            );
            assert_eq!(drawn, expected, "labels on lines {at} and {related}");
        }
    }
}

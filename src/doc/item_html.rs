//! An item of the policy on the page: its kind, its name as written, its label, the
//! clause it cites with the words it quotes, and its text with each name it uses
//! linked to what it names.

use super::html::{escape, escape_into};
use super::items::{DocItem, ItemKind};
use super::messages::DocMsg;
use super::page::Page;
use crate::lang::Lang;
use crate::report::messages::{kind_heading, label};
use crate::source::Span;
use std::fmt::Write;

impl Page<'_, '_> {
    /// One item: its kind, name and label, the clause it cites with the words it
    /// quotes, and its text with each name it uses linked to that item.
    /// `clause`: the notice's clause it cites, to link to; `quote_missing`: its quote is
    /// not in that clause's text.
    pub(super) fn item(&self, out: &mut String, item: &DocItem, clause: Option<&str>, quote_missing: bool) {
        let kind = match item.kind {
            ItemKind::Rule(k) => match self.lang {
                Lang::Zh => kind_heading(k, self.lang),
                Lang::En => k.keyword(),
            },
            ItemKind::Define => self.say(DocMsg::Define),
            ItemKind::Param => self.say(DocMsg::Param),
            ItemKind::Table => self.say(DocMsg::Table),
            ItemKind::Enum => self.say(DocMsg::Enum),
            ItemKind::Repeal => self.say(DocMsg::Repeal),
        };
        let _ = write!(
            out,
            "<article class=\"item\" id=\"{}\">\n<div class=\"head\"><span class=\"kind\">{}</span><code>{}</code>",
            escape(&item.anchor),
            escape(kind),
            escape(&item.name)
        );
        if item.replaces {
            out.push_str(self.say(DocMsg::Replaces));
        }
        if let Some(l) = item.label {
            let _ = write!(out, "<span class=\"label\">{}</span>", escape(label(l, self.lang)));
        }
        out.push_str("</div>\n");
        if let Some(cite) = item.cite {
            let cited = escape(&cite.clause.node);
            let _ = write!(out, "<div class=\"cite\">{} ", self.say(DocMsg::Cites));
            match clause {
                Some(id) => {
                    let _ = write!(out, "<a href=\"#clause-{}\">{cited}</a>", escape(id));
                }
                None => out.push_str(&cited),
            }
            if let Some(quote) = &cite.text {
                let _ = write!(out, " <q lang=\"zh-CN\">{}</q>", escape(quote));
            }
            if quote_missing {
                let _ = write!(
                    out,
                    " <span class=\"badge warn\">{}</span>",
                    self.say(DocMsg::QuoteNotFound)
                );
            }
            out.push_str("</div>\n");
        }
        out.push_str("<pre class=\"source\"><code>");
        self.source(out, item.span);
        out.push_str("</code></pre>\n</article>\n");
    }

    /// The text at `span`, escaped, its links made.
    pub(super) fn source(&self, out: &mut String, span: Span) {
        let text = own_text(self.sources.snippet(span));
        let start = self
            .links
            .partition_point(|l| (l.span.file, l.span.start) < (span.file, span.start));
        let mut at = 0usize;
        let within = self.links[start..]
            .iter()
            .take_while(|l| l.span.file == span.file && l.span.start < span.end)
            .filter(|l| l.span.end <= span.end);
        for link in within {
            let (from, to) = (
                (link.span.start - span.start) as usize,
                (link.span.end - span.start) as usize,
            );
            let (Some(before), Some(name)) = (text.get(at..from), text.get(from..to)) else {
                continue;
            };
            escape_into(out, before);
            let _ = write!(out, "<a class=\"ref\" href=\"#{}\">", escape(&link.anchor));
            escape_into(out, name);
            out.push_str("</a>");
            at = to;
        }
        escape_into(out, text.get(at..).unwrap_or(""));
    }
}

/// A declaration's own text: one that ends in an optional part (a definition's
/// `note "…"`) has in its span the blank lines and the comments after it, which belong
/// to the next item.
fn own_text(text: &str) -> &str {
    let mut body = text.trim_end();
    while let Some(line_start) = body.rfind('\n').map(|i| i + 1) {
        if !body[line_start..].trim_start().starts_with("//") {
            break;
        }
        body = body[..line_start].trim_end();
    }
    body
}

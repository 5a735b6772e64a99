//! Writing the page: the policy's facts, the summary of what is encoded, the notice
//! passage by passage with the items beside it, then the items that cite a clause the
//! notice does not have, those that cite none, and the items of the policies it builds
//! on (which its items' names link to).

use super::html::{STYLE, escape, escape_into, marked_into};
use super::items::{DocItem, ItemKind, Items};
use super::layout::Layout;
use super::links::Link;
use super::messages::DocMsg;
use super::notice::{Part, Passage};
use crate::ast::{Effective, Header, PolicyFile, Unit};
use crate::lang::Lang;
use crate::report::messages::{Msg, kind_heading, label, msg};
use crate::source::{SourceMap, Span};
use std::collections::HashMap;
use std::fmt::Write;

/// What the page is made of.
pub struct Page<'i, 'a> {
    /// The language of its own words and of the policy's labels.
    pub lang: Lang,
    /// The policy's files and the notice's.
    pub sources: &'a SourceMap,
    /// The policy's files, the main one last.
    pub files: &'a [PolicyFile],
    /// Their items.
    pub items: &'i Items<'a>,
    /// The links in their text, by file and place.
    pub links: &'i [Link],
    /// The notice with the main file's items placed.
    pub layout: &'i Layout<'i, 'a>,
    /// The notice's file name, as shown.
    pub notice_name: &'i str,
}

impl Page<'_, '_> {
    /// The whole page.
    pub fn html(&self) -> String {
        let mut out = String::with_capacity(1 << 16);
        let Some(main) = self.files.last() else {
            return out;
        };
        let header = &main.header;
        let title = header.title.as_deref().unwrap_or(&header.id.node);
        let lang_tag = match self.lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{lang_tag}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
             <style>{STYLE}</style>\n</head>\n<body id=\"top\">\n",
            escape(&self.say_with(DocMsg::PageTitle, &[title]))
        );
        self.facts(&mut out, header, title, main);
        self.summary(&mut out);
        out.push_str("<main id=\"notice\">\n");
        // How many passages of each clause have been written.
        let mut written: HashMap<&str, usize> = HashMap::new();
        for (i, passage) in self.layout.notice.passages.iter().enumerate() {
            let nth = passage.clause().map_or(0, |id| {
                let n = written.entry(id).or_default();
                *n += 1;
                *n
            });
            self.passage(&mut out, i, passage, nth);
        }
        out.push_str("</main>\n");
        self.other_items(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    fn say(&self, m: DocMsg) -> &'static str {
        m.text(self.lang)
    }

    fn say_with(&self, m: DocMsg, args: &[&str]) -> String {
        m.with(args.iter().copied()).get(self.lang).into_owned()
    }

    /// The title and what the header says of the document.
    fn facts(&self, out: &mut String, header: &Header, title: &str, main: &PolicyFile) {
        let _ = write!(
            out,
            "<header class=\"policy\">\n<h1>{}</h1>\n<dl class=\"facts\">\n",
            escape(title)
        );
        let mut fact = |m: DocMsg, value: &str| {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", self.say(m), escape(value));
        };
        fact(DocMsg::PolicyId, &header.id.node);
        if let Some(issuer) = &header.issuer {
            fact(DocMsg::Issuer, issuer);
        }
        if let Some(document) = &header.document {
            fact(DocMsg::Document, document);
        }
        if let Some(issued) = header.issued {
            fact(DocMsg::Issued, &issued.to_string());
        }
        match header.effective {
            Some(Effective::On(day)) => fact(DocMsg::Effective, &day.to_string()),
            Some(Effective::Unspecified) => fact(DocMsg::Effective, self.say(DocMsg::EffectiveUnspecified)),
            None => {}
        }
        if let Some((n, unit)) = header.valid_for {
            let unit = match unit {
                Unit::Years => Msg::YearsUnit,
                Unit::Months => Msg::MonthsUnit,
                Unit::Days => Msg::DaysUnit,
                Unit::WorkingDays => Msg::WorkingDaysUnit,
            };
            fact(DocMsg::ValidFor, &format!("{n}{}", msg(unit, self.lang)));
        }
        fact(DocMsg::PolicyFile, &self.sources.get(main.file).name);
        fact(DocMsg::SourceFile, self.notice_name);
        out.push_str("</dl>\n</header>\n");
    }

    /// How many clauses are encoded, which are not, and what else the page lists.
    fn summary(&self, out: &mut String) {
        let layout = self.layout;
        let (all, uncited) = (layout.clauses, layout.uncited.len());
        let count = self.say_with(DocMsg::Coverage, &[&all.to_string(), &(all - uncited).to_string()]);
        let _ = writeln!(
            out,
            "<section class=\"summary\" id=\"summary\">\n<p class=\"count\">{}</p>",
            escape(&count)
        );
        if layout.uncited.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", self.say(DocMsg::EveryClauseCited));
        } else {
            let _ = write!(out, "<p>{}", self.say(DocMsg::UncitedClauses));
            for id in &layout.uncited {
                let _ = write!(
                    out,
                    "<a class=\"badge uncited\" href=\"#clause-{0}\">{0}</a> ",
                    escape(id)
                );
            }
            out.push_str("</p>\n");
        }
        let (elsewhere, nothing) = (
            layout.elsewhere.len().to_string(),
            layout.citing_nothing.len().to_string(),
        );
        let _ = writeln!(
            out,
            "<p>{}</p>\n<p class=\"note\"><mark>{}</mark></p>\n</section>",
            escape(&self.say_with(DocMsg::Elsewhere, &[&elsewhere, &nothing])),
            self.say(DocMsg::Legend)
        );
    }

    /// One passage of the notice (the `nth` of its clause), its text beside its items.
    fn passage(&self, out: &mut String, i: usize, passage: &Passage, nth: usize) {
        let layout = self.layout;
        let beside = &layout.beside[i];
        let cited = layout.cited[i];
        let (class, id, chip) = match &passage.part {
            Part::Preamble => ("preamble", String::new(), self.say(DocMsg::Preamble).to_string()),
            Part::Closing => ("closing", String::new(), self.say(DocMsg::Closing).to_string()),
            Part::Clause(id) => (
                if cited { "clause cited" } else { "clause uncited" },
                format!("clause-{id}"),
                id.clone(),
            ),
            // The clause's second passage is `clause-一-2`.
            Part::Continued(id) => (
                if cited {
                    "clause continued cited"
                } else {
                    "clause continued uncited"
                },
                format!("clause-{id}-{nth}"),
                self.say_with(DocMsg::Continued, &[id]),
            ),
        };
        let _ = write!(out, "<section class=\"passage {class}\"");
        if !id.is_empty() {
            let _ = write!(out, " id=\"{}\"", escape(&id));
        }
        // The notice is Chinese whatever the page's language.
        let _ = write!(out, ">\n<div class=\"text\" lang=\"zh-CN\">");
        let href = if id.is_empty() {
            String::new()
        } else {
            format!(" href=\"#{}\"", escape(&id))
        };
        let chip = format!("<a class=\"chip\"{href}>{}</a>", escape(&chip));
        let mut offset = 0;
        for (k, paragraph) in passage.paragraphs.iter().enumerate() {
            let marks: Vec<_> = layout.marks[i]
                .iter()
                .filter(|r| r.start < offset + paragraph.len() && r.end > offset)
                .map(|r| r.start.max(offset) - offset..r.end.min(offset + paragraph.len()) - offset)
                .collect();
            let heading = k == 0 && matches!(&passage.part, Part::Clause(id) if !id.contains('（'));
            out.push_str(if heading { "<h2>" } else { "<p>" });
            if k == 0 {
                out.push_str(&chip);
            }
            marked_into(out, paragraph, &marks);
            out.push_str(if heading { "</h2>\n" } else { "</p>\n" });
            offset += paragraph.len() + 1;
        }
        if matches!(passage.part, Part::Clause(_)) && !cited {
            let _ = write!(
                out,
                "<p><span class=\"badge uncited\">{}</span></p>",
                self.say(DocMsg::NotEncoded)
            );
        }
        out.push_str("</div>\n<div class=\"items\">\n");
        for placed in beside {
            self.item(out, placed.item, placed.quote_missing, true);
        }
        out.push_str("</div>\n</section>\n");
    }

    /// The items beside no passage: citing a clause the notice lacks, citing none, and
    /// those of the policies this one builds on.
    fn other_items(&self, out: &mut String) {
        let layout = self.layout;
        let groups = [
            (
                "elsewhere",
                DocMsg::CitesElsewhere,
                Some(DocMsg::CitesElsewhereNote),
                &layout.elsewhere,
            ),
            ("citing-nothing", DocMsg::CitesNothing, None, &layout.citing_nothing),
        ];
        for (id, heading, note, items) in groups {
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "<section class=\"others\" id=\"{id}\">\n<h2>{}</h2>",
                self.say(heading)
            );
            if let Some(note) = note {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", self.say(note));
            }
            out.push_str("<div class=\"items\">\n");
            for item in items {
                self.item(out, item, false, false);
            }
            out.push_str("</div>\n</section>\n");
        }
        let used = self.files.len().saturating_sub(1);
        if used == 0 {
            return;
        }
        let _ = writeln!(
            out,
            "<section class=\"others\" id=\"builds-on\">\n<h2>{}</h2>",
            self.say(DocMsg::BuildsOn)
        );
        for (file, items) in self.files[..used].iter().zip(&self.items.by_file) {
            let name = &self.sources.get(file.file).name;
            let heading = self.say_with(DocMsg::FileHeading, &[&file.header.id.node, name]);
            let _ = writeln!(out, "<h3>{}</h3>\n<div class=\"items\">", escape(&heading));
            for item in items {
                self.item(out, item, false, false);
            }
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }

    /// One item: its kind, name and label, the clause it cites with the words it
    /// quotes, and its text with each name it uses linked to that item.
    fn item(&self, out: &mut String, item: &DocItem, quote_missing: bool, in_notice: bool) {
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
            let clause = escape(&cite.clause.node);
            let _ = write!(out, "<div class=\"cite\">{} ", self.say(DocMsg::Cites));
            if in_notice {
                let _ = write!(out, "<a href=\"#clause-{clause}\">{clause}</a>");
            } else {
                out.push_str(&clause);
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
    fn source(&self, out: &mut String, span: Span) {
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

//! Writing the page: the policy's facts, the summary of what is encoded, the notice
//! passage by passage with the items beside it, then the items that cite a clause the
//! notice does not have, a clause of another document or none, the fields of the case
//! (`case_fields.rs`), and the items of the policies it builds on (which its items'
//! names link to). An item itself is written by `item_html.rs`.

use super::case_fields::CaseField;
use super::html::{STYLE, escape, marked_into};
use super::items::Items;
use super::layout::Layout;
use super::links::Link;
use super::messages::DocMsg;
use super::notice::{Part, Passage};
use crate::ast::{Effective, Header, PolicyFile, Unit};
use crate::lang::Lang;
use crate::report::messages::{Msg, msg};
use crate::source::SourceMap;
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
    /// The fields of the case, in order.
    pub fields: &'i [CaseField],
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
        self.case_fields(&mut out);
        self.builds_on(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    pub(super) fn say(&self, m: DocMsg) -> &'static str {
        m.text(self.lang)
    }

    pub(super) fn say_with(&self, m: DocMsg, args: &[&str]) -> String {
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

    /// How many clauses are encoded, which are not, and what else the page lists; a
    /// notice with no numbering found says so instead.
    fn summary(&self, out: &mut String) {
        let layout = self.layout;
        out.push_str("<section class=\"summary\" id=\"summary\">\n");
        if !layout.notice.numbered() {
            let _ = writeln!(out, "<p class=\"count warn\">{}</p>", self.say(DocMsg::NoNumbering));
        } else {
            let (all, uncited) = (layout.clauses, layout.uncited.len());
            let mut count = self.say_with(DocMsg::Coverage, &[&all.to_string(), &(all - uncited).to_string()]);
            if layout.headings > 0 {
                count.push_str(&self.say_with(DocMsg::HeadingsNotCounted, &[&layout.headings.to_string()]));
            }
            let _ = writeln!(out, "<p class=\"count\">{}</p>", escape(&count));
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
        }
        let counts = [
            layout.elsewhere.len().to_string(),
            layout.other_documents.len().to_string(),
            layout.citing_nothing.len().to_string(),
        ];
        let _ = writeln!(
            out,
            "<p>{}</p>\n<p class=\"note\"><mark>{}</mark></p>\n</section>",
            escape(&self.say_with(DocMsg::Elsewhere, &[&counts[0], &counts[1], &counts[2]])),
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
                match (cited, passage.heading) {
                    (true, _) => "clause cited",
                    (false, true) => "clause heading",
                    (false, false) => "clause uncited",
                },
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
            let (class, badge) = match passage.heading {
                true => ("heading", DocMsg::HeadingOnly),
                false => ("uncited", DocMsg::NotEncoded),
            };
            let _ = write!(out, "<p><span class=\"badge {class}\">{}</span></p>", self.say(badge));
        }
        out.push_str("</div>\n<div class=\"items\">\n");
        for placed in beside {
            self.item(out, placed.item, Some(&placed.clause), placed.quote_missing);
        }
        out.push_str("</div>\n</section>\n");
    }

    /// The items beside no passage: citing a clause the notice lacks, a clause of
    /// another document, or none.
    fn other_items(&self, out: &mut String) {
        let layout = self.layout;
        let groups = [
            (
                "elsewhere",
                DocMsg::CitesElsewhere,
                Some(DocMsg::CitesElsewhereNote),
                &layout.elsewhere,
            ),
            (
                "other-documents",
                DocMsg::CitesOtherDocuments,
                Some(DocMsg::CitesOtherDocumentsNote),
                &layout.other_documents,
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
                self.item(out, item, None, false);
            }
            out.push_str("</div>\n</section>\n");
        }
    }

    /// The items of the policies this one builds on, file by file.
    fn builds_on(&self, out: &mut String) {
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
                self.item(out, item, None, false);
            }
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }
}

//! `zhengce doc`: the notice a policy encodes, clause by clause, beside the items of the
//! policy that cite each clause (a literate view, as Catala draws law and code side by
//! side): one self-contained HTML page. The clauses no item cites are marked, a
//! coverage of the notice itself; an item's text links each name it uses to that
//! item.
//!
//! The notice is cut into clauses by the numbering of Chinese official documents
//! (`notice.rs`: its marks and the ids they give in `marks.rs`, numerals in
//! `numerals.rs`, lines cut at a page's width and the closing in `lines.rs`); the items come from the policy's files
//! with their anchors (`items.rs`) and the names in their text from the checked
//! program (`links.rs`); each item is placed beside the passage its quote is in
//! (`layout.rs`, quotes found in `quotes.rs`); `page.rs` writes the HTML (escaping and
//! the style sheet in `html.rs`), its words from `messages.rs`. The same inputs give
//! the same bytes.

pub(crate) mod case_fields;
mod html;
mod item_html;
pub(crate) mod items;
mod layout;
mod lines;
pub(crate) mod links;
mod marks;
mod messages;
mod notice;
#[cfg(test)]
mod notice_tests;
mod numerals;
mod page;
mod quotes;
mod summary;
#[cfg(test)]
mod summary_tests;
#[cfg(test)]
mod tests;

pub use messages::DocMsg;
pub use notice::{Notice, Part, Passage};
pub use summary::{CitingItem, Summary};

use crate::lang::Lang;
use crate::policy_set::{LoadedPolicy, SourceText};
use crate::program::Program;
use items::Items;
use layout::Layout;
use page::Page;
use std::collections::HashSet;

/// A notice's page and what to say of it.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The page, HTML.
    pub html: String,
    /// Its summary, for the terminal and `--check`.
    pub summary: Summary,
}

/// The page of `loaded` (checked: `program` is its latest version) beside the text of
/// its notice, in `lang`, with its summary.
pub fn page(loaded: &LoadedPolicy, program: &Program, notice: &SourceText, lang: Lang) -> Doc {
    let items = Items::of(&loaded.files, &loaded.sources);
    let fields = case_fields::case_fields(program);
    let field_anchors: Vec<String> = fields.iter().map(|f| case_fields::anchor(&f.path)).collect();
    let anchors: HashSet<&str> = items
        .anchors()
        .chain(field_anchors.iter().map(String::as_str))
        .collect();
    let links = links::links(program, &loaded.files, &loaded.sources, &anchors);
    let main = items.by_file.last().map_or(&[][..], Vec::as_slice);
    let layout = Layout::of(Notice::parse(&notice.text), main);
    let html = Page {
        lang,
        sources: &loaded.sources,
        files: &loaded.files,
        items: &items,
        links: &links,
        layout: &layout,
        notice_name: &notice.name,
        fields: &fields,
    }
    .html();
    let summary = Summary::of(&layout, &loaded.sources, &notice.name);
    Doc { html, summary }
}

//! The numbering marks that start a notice's clauses, and the ids they give: sections
//! `一、` (id `一`) with sub-clauses `（一）` (id `一（一）`), as notices number them;
//! chapters `第一章` and articles `第一条` with their items `（一）` (id `第一条（一）`), as
//! 办法 and 规定 do; or items `（一）` alone (id `（一）`). Which numbering a notice uses
//! is the kind of its first mark of a section, chapter or article (`（一）` only when
//! there is none of those), so that a paragraph of a notice numbered one way that starts
//! like the other stays text.
//!
//! A citation matches a clause when the two read the same once brackets are made
//! full-width, spaces left out and an item cited as the law cites it (`第三条第（一）项`,
//! `第三条第一项`) written as the notice numbers it (`第三条（一）`): [`clause_key`].

use super::numerals;

/// A numbering mark at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark<'a> {
    /// `一、`: a section, with its numeral and number.
    Section(&'a str, u32),
    /// `（一）` or `(一)`: a sub-clause or an item, with its numeral and number.
    SubClause(&'a str, u32),
    /// `第一章`: a chapter, with its numeral and number.
    Chapter(&'a str, u32),
    /// `第一条`: an article, with its numeral and number.
    Article(&'a str, u32),
}

/// How a notice numbers its clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Sections `一、` and their sub-clauses `（一）`.
    Sections,
    /// Chapters `第一章`, articles `第一条` and their items `（一）`.
    Articles,
    /// Items `（一）` and nothing above them.
    Items,
}

/// The leading Chinese numeral of `text` (possibly empty) and the rest.
fn numeral_prefix(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|(_, c)| !numerals::is_numeral_char(*c))
        .map_or(text.len(), |(i, _)| i);
    text.split_at(end)
}

/// The numbering mark `paragraph` starts with, if any. `第一条` and `第一章` must stand
/// alone or before a space (`第一条　为了…`), so that `第三十七条规定的…` stays text.
pub fn mark(paragraph: &str) -> Option<Mark<'_>> {
    if let Some(rest) = paragraph.strip_prefix('第') {
        let (numeral, after) = numeral_prefix(rest);
        let n = numerals::value(numeral)?;
        let mut chars = after.chars();
        let kind = chars.next()?;
        let alone = chars.next().is_none_or(char::is_whitespace);
        return match kind {
            '条' if alone => Some(Mark::Article(numeral, n)),
            '章' if alone => Some(Mark::Chapter(numeral, n)),
            _ => None,
        };
    }
    let (open, inner) = match paragraph.strip_prefix(['（', '(']) {
        Some(rest) => (true, rest),
        None => (false, paragraph),
    };
    let (numeral, after) = numeral_prefix(inner);
    let n = numerals::value(numeral)?;
    match open {
        true if after.starts_with(['）', ')']) => Some(Mark::SubClause(numeral, n)),
        false if after.starts_with('、') => Some(Mark::Section(numeral, n)),
        _ => None,
    }
}

/// The text of `paragraph` after its numbering mark (`加强名册管理` in `一、加强名册管理`).
pub fn after_mark(paragraph: &str) -> Option<&str> {
    let end = match mark(paragraph)? {
        Mark::Section(..) => '、',
        Mark::SubClause(..) => return paragraph.split_once(['）', ')']).map(|(_, rest)| rest),
        Mark::Chapter(..) => '章',
        Mark::Article(..) => '条',
    };
    paragraph.split_once(end).map(|(_, rest)| rest)
}

/// How the notice whose lines are `lines` numbers its clauses: the kind of the first
/// line that starts with a section's, a chapter's or an article's mark, else items if a
/// line starts with `（一）`; `None` when no line starts with a mark.
pub fn numbering<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Numbering> {
    let mut items = false;
    for line in lines {
        match mark(line) {
            Some(Mark::Section(..)) => return Some(Numbering::Sections),
            Some(Mark::Chapter(..) | Mark::Article(..)) => return Some(Numbering::Articles),
            Some(Mark::SubClause(..)) => items = true,
            None => {}
        }
    }
    items.then_some(Numbering::Items)
}

/// The form of a clause id, cited or numbered, that two ids of one clause share; `None`
/// when `id` is not shaped like an id of a notice's clause (`contract §2`: a clause of
/// another document). Brackets are made full-width, spaces left out, a trailing `、`
/// dropped, and `第三条第（一）项` or `第三条第一项` read as `第三条（一）`.
pub fn clause_key(id: &str) -> Option<String> {
    let mut key: String = id
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    if key.ends_with('、') {
        key.pop();
    }
    // The item of an article as the law cites it: `第（一）项`, `第一项`.
    if let Some(rest) = key.strip_suffix('项')
        && let Some((article, item)) = rest.rsplit_once('第')
        && article.ends_with('条')
    {
        let item = item
            .strip_prefix('（')
            .and_then(|i| i.strip_suffix('）'))
            .unwrap_or(item);
        key = format!("{article}（{item}）");
    }
    shaped_like_a_clause(&key).then_some(key)
}

/// Whether a key reads as one of the ids the numbering gives: `一`, `一（二）`, `（二）`,
/// `第一章`, `第一条`, `第一条（二）`.
fn shaped_like_a_clause(key: &str) -> bool {
    let numeral = |s: &str| numerals::value(s).is_some();
    let bracketed = |s: &str| {
        s.strip_prefix('（')
            .and_then(|s| s.strip_suffix('）'))
            .is_some_and(numeral)
    };
    if let Some(rest) = key.strip_prefix('第') {
        let (n, after) = numeral_prefix(rest);
        return numeral(n)
            && match after.strip_prefix('条') {
                Some(item) => item.is_empty() || bracketed(item),
                None => after == "章",
            };
    }
    let (n, after) = numeral_prefix(key);
    match n {
        "" => bracketed(after),
        n => numeral(n) && (after.is_empty() || bracketed(after)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_read_with_their_numbers() {
        assert_eq!(mark("一、总则"), Some(Mark::Section("一", 1)));
        assert_eq!(mark("(十二) 甲"), Some(Mark::SubClause("十二", 12)));
        assert_eq!(mark("第三条　为了规范"), Some(Mark::Article("三", 3)));
        assert_eq!(mark("第三条"), Some(Mark::Article("三", 3)));
        assert_eq!(mark("第二章 管理"), Some(Mark::Chapter("二", 2)));
        assert_eq!(after_mark("一、加强名册管理"), Some("加强名册管理"));
        assert_eq!(after_mark("(二)乙（丙）"), Some("乙（丙）"));
        assert_eq!(after_mark("第三条　甲"), Some("　甲"));
        assert_eq!(after_mark("第三条"), Some(""));
        for text in [
            "第三十七条规定的人员",
            "第三节　甲",
            "第条",
            "一，甲",
            "（一甲",
            "十十、",
        ] {
            assert_eq!(mark(text), None, "{text}");
        }
    }

    #[test]
    fn a_notice_s_numbering_is_the_kind_of_its_first_first_mark() {
        let of = |text: &str| numbering(text.lines());
        assert_eq!(of("前言\n一、甲\n第一条 乙"), Some(Numbering::Sections));
        assert_eq!(of("（一）甲\n第一章 总则\n第一条 乙"), Some(Numbering::Articles));
        assert_eq!(of("前言\n（一）甲\n（二）乙"), Some(Numbering::Items));
        assert_eq!(of("只有一段话\n（一甲"), None);
    }

    #[test]
    fn ids_are_matched_by_their_key() {
        for (cited, key) in [
            ("一(二)", "一（二）"),
            (" 一（二） ", "一（二）"),
            ("三、", "三"),
            ("第三条", "第三条"),
            ("第三条(一)", "第三条（一）"),
            ("第三条第（一）项", "第三条（一）"),
            ("第三条第一项", "第三条（一）"),
            ("（七）", "（七）"),
            ("第二章", "第二章"),
        ] {
            assert_eq!(clause_key(cited).as_deref(), Some(key), "{cited}");
        }
        for other in [
            "contract §2",
            "",
            "一二",
            "第三款",
            "第三条第一款",
            "一（二）（三）",
            "附件1",
        ] {
            assert_eq!(clause_key(other), None, "{other}");
        }
    }
}

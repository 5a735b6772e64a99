//! The lines of a notice's text, and which of them go on a paragraph that a line
//! before them began: text pasted from a PDF is cut into lines at the page's width
//! (`（一）年满四十五周岁、连续在册求职时间超过六个` / `月以上的人员；`), and such a line is
//! one paragraph with the line after it. Also the closing (signatures and date), found
//! on the lines as written.

use super::marks::{after_mark, mark};

/// A line of the notice that is not blank.
#[derive(Debug, Clone, Copy)]
pub struct Line<'t> {
    /// Its text, without the spaces around it.
    pub text: &'t str,
    /// Whether a blank line stands before it.
    pub blank_before: bool,
}

/// The lines of `text` that are not blank.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        out.push(Line {
            text: line,
            blank_before: blank,
        });
        blank = false;
    }
    out
}

/// The marks that end a sentence or a lead-in, after which a line starts a paragraph
/// of its own.
const ENDS: [char; 9] = ['。', '；', '：', '！', '？', ';', ':', '!', '?'];

/// Whether `line` ends a sentence (or a lead-in): it ends with one of [`ENDS`], perhaps
/// before closing quotes or brackets (`。”`).
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['”', '’', '」', '』', '）', ')', '"', '\''])
        .ends_with(ENDS)
}

/// How wide a line is drawn: a character outside ASCII is two columns wide.
fn width(line: &str) -> usize {
    line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// How much narrower than the line after it a line cut at the page's width may be
/// (punctuation squeezed at a line's end, a figure of another width): two characters.
const SLACK: usize = 4;

/// The kinds of official documents (文种, GB/T 9704): a title ends with one.
const KINDS_OF_DOCUMENT: [&str; 19] = [
    "通知", "通报", "意见", "办法", "规定", "决定", "方案", "细则", "条例", "报告", "请示", "批复", "公告", "通告",
    "决议", "命令", "纪要", "规划", "函",
];

/// Whether `line` is a line of its own whatever follows it: a clause's heading with no
/// punctuation after its number (`一、加强名册管理`; `started_clause`: it starts one), or
/// in the preamble a title, ending with the kind of document it is (`…的通知`).
pub fn stands_alone(line: &str, started_clause: bool, in_preamble: bool) -> bool {
    let heading = started_clause
        && after_mark(line).is_some_and(|rest| rest.chars().all(|c| c.is_alphanumeric() || c.is_whitespace()));
    heading || (in_preamble && KINDS_OF_DOCUMENT.iter().any(|kind| line.ends_with(kind)))
}

/// Whether `line` goes on the paragraph whose last line is `before` (`alone`: that one
/// [`stands_alone`]). It does when no blank line is between, `before` ends no sentence
/// and is not a line of its own, and `before` is about as wide as `line` or wider, as a
/// line cut at the page's width is (a title or heading is narrower than the line after
/// it). Whether `line` starts a clause is for the caller.
pub fn continues(before: &str, alone: bool, line: &Line) -> bool {
    !line.blank_before && !ends_sentence(before) && !alone && width(before) + SLACK >= width(line.text)
}

/// Appends `line` to `paragraph`: with no space between unless both sides are ASCII
/// letters or figures (an English word cut at the line's end).
pub fn join(paragraph: &mut String, line: &str) {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if word(paragraph.chars().last()) && word(line.chars().next()) {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Where the closing starts: the signatures just before the last line that is a date
/// alone (成文日期), or that date itself; the end when there is none.
pub fn closing_start(lines: &[Line]) -> usize {
    let Some(date) = lines.iter().rposition(|l| is_date(l.text)) else {
        return lines.len();
    };
    let mut start = date;
    // Signatures are names: no sentence ends in them, and no heading starts them.
    while start > 0 {
        let before = lines[start - 1].text;
        if ends_sentence(before) || mark(before).is_some() {
            break;
        }
        start -= 1;
    }
    start
}

/// Whether a line is a date and nothing else (`2025年7月18日`, `二〇二五年七月十八日`).
fn is_date(line: &str) -> bool {
    let number = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || super::numerals::is_numeral_char(c) || c == '〇')
    };
    let Some(rest) = line.strip_suffix('日') else {
        return false;
    };
    let Some((year, rest)) = rest.split_once('年') else {
        return false;
    };
    let Some((month, day)) = rest.split_once('月') else {
        return false;
    };
    number(year) && number(month) && number(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line<'_> {
        Line {
            text,
            blank_before: false,
        }
    }

    #[test]
    fn a_line_cut_at_the_page_s_width_goes_on() {
        let cut = "（一）年满四十五周岁、连续在册求职时间超过六个";
        assert!(!stands_alone(cut, true, false));
        assert!(continues(cut, false, &line("月以上的人员；")));
        // A full line before a full line, give or take a character or a figure.
        let full = "帮扶对象人员是指在规定年龄范围内、有工作能力和求职意愿，但因年";
        assert!(continues(
            full,
            false,
            &line("龄、身体状况、技能水平、家庭因素、失去土地等原因难以实现就业，以")
        ));
        // A sentence ended, a blank line between, a line narrower than what follows:
        // a paragraph of its own.
        assert!(!continues("月以上的人员；", false, &line("（二）城市居民")));
        let after_blank = Line {
            text: "月以上",
            blank_before: true,
        };
        assert!(!continues(cut, false, &after_blank));
        assert!(!continues(
            "就业援助工作的通知",
            false,
            &line("各市州人力资源和社会保障局、财政局：")
        ));
        assert!(!continues("写明“要求。”", false, &line("下一段")));
        // A heading with no punctuation, a title in the preamble: lines of their own.
        assert!(stands_alone("（一）加强组织领导", true, false));
        assert!(stands_alone("第三条", true, false));
        assert!(stands_alone("关于做好某项工作的通知", false, true));
        assert!(!stands_alone("关于做好某项工作的通知", false, false));
    }

    #[test]
    fn lines_are_joined_without_a_space_but_between_english_words() {
        let mut p = String::from("连续求职六个");
        join(&mut p, "月以上");
        assert_eq!(p, "连续求职六个月以上");
        let mut p = String::from("the notice");
        join(&mut p, "says");
        assert_eq!(p, "the notice says");
    }

    #[test]
    fn lines_know_the_blank_line_before_them() {
        let got: Vec<(&str, bool)> = lines("甲\n\n 乙 \n丙\n")
            .iter()
            .map(|l| (l.text, l.blank_before))
            .collect();
        assert_eq!(got, [("甲", false), ("乙", true), ("丙", false)]);
    }
}

//! Tests of the cutting of notices numbered in other ways than sections, of text cut at
//! a page's width, and of the clauses that are headings only.

use super::notice::{Notice, Part};

/// Each passage's id (`+` after a continued one's, `#` after a heading's) and its
/// paragraphs.
fn passages(notice: &Notice) -> Vec<(String, Vec<&str>)> {
    notice
        .passages
        .iter()
        .map(|p| {
            let mut name = match &p.part {
                Part::Preamble => "preamble".to_string(),
                Part::Clause(id) => id.clone(),
                Part::Continued(id) => format!("{id}+"),
                Part::Closing => "closing".to_string(),
            };
            if p.heading {
                name.push('#');
            }
            (name, p.paragraphs.iter().map(String::as_str).collect())
        })
        .collect()
}

#[test]
fn articles_are_numbered_on_across_chapters_and_their_items_under_them() {
    let text = "某某办法
第一章　总则
第一条　为了规范某项工作，制定本办法。
第二条　下列人员适用本办法：
（一）甲类人员；
（二）乙类人员。
第二章　管理
第三条　各地应当按照第二条规定做好工作。
第三十七条规定的人员除外。
第四条
本办法自印发之日起施行。
";
    let notice = Notice::parse(text);
    let ids: Vec<&str> = notice.clause_ids().collect();
    assert_eq!(
        ids,
        [
            "第一章",
            "第一条",
            "第二条",
            "第二条（一）",
            "第二条（二）",
            "第二章",
            "第三条",
            "第四条"
        ]
    );
    let got = passages(&notice);
    // A chapter is a heading; an article whose text is a lead-in to its items too.
    assert_eq!(got[1], ("第一章#".to_string(), vec!["第一章　总则"]));
    assert_eq!(got[3].0, "第二条#");
    // `第三十七条规定…` is text (no space after its number, and 37 is not next).
    assert_eq!(
        got[7].1,
        ["第三条　各地应当按照第二条规定做好工作。", "第三十七条规定的人员除外。"]
    );
    assert_eq!(got[8].1, ["第四条", "本办法自印发之日起施行。"]);
}

#[test]
fn items_alone_are_clauses_and_a_text_without_numbering_has_none() {
    let notice = Notice::parse("前言：\n（一）甲；\n（二）乙。\n（二）又一段。\n");
    let ids: Vec<&str> = notice.clause_ids().collect();
    assert_eq!(ids, ["（一）", "（二）"]);
    assert!(notice.numbered());
    let notice = Notice::parse("第1条 甲。\n1. 乙\n");
    assert!(!notice.numbered());
    assert_eq!(
        passages(&notice),
        [("preamble".to_string(), vec!["第1条 甲。", "1. 乙"])]
    );
}

#[test]
fn text_cut_at_the_page_s_width_is_read_as_its_paragraphs() {
    let text = "关于做好某项工作的
通知
各市州：
为做好某项工作，现将有关事项通知如下：
一、加强名册管理
帮扶对象人员是指在规定年龄范围内、有工作能力和求职意愿，但因年
龄等原因难以找到工作的在册求职人员，包括：
（一）年满四十五周岁、连续在册求职时间超过六个
月以上的人员；
（二）在册的老年人员。
对帮扶对象人员建立名册核对和定期联系工作机制，定期开展名册核对
。
二、附则
本通知自2025年8月1日起施行，有效期5
年。
某某厅
2025年7月18日
";
    let notice = Notice::parse(text);
    let got = passages(&notice);
    let want: Vec<(String, Vec<&str>)> = vec![
        (
            "preamble".into(),
            vec![
                "关于做好某项工作的通知",
                "各市州：",
                "为做好某项工作，现将有关事项通知如下：",
            ],
        ),
        (
            "一".into(),
            vec![
                "一、加强名册管理",
                "帮扶对象人员是指在规定年龄范围内、有工作能力和求职意愿，但因年龄等原因难以找到工作的在册求职人员，包括：",
            ],
        ),
        (
            "一（一）".into(),
            vec!["（一）年满四十五周岁、连续在册求职时间超过六个月以上的人员；"],
        ),
        ("一（二）".into(), vec!["（二）在册的老年人员。"]),
        (
            "一+".into(),
            vec!["对帮扶对象人员建立名册核对和定期联系工作机制，定期开展名册核对。"],
        ),
        ("二".into(), vec!["二、附则", "本通知自2025年8月1日起施行，有效期5年。"]),
        ("closing".into(), vec!["某某厅", "2025年7月18日"]),
    ];
    assert_eq!(got, want);
}

#[test]
fn a_clause_with_text_of_its_own_is_no_heading() {
    let text = "一、总体要求\n各地要做好工作。下列人员适用：\n（一）甲；\n（二）乙。\n
二、具体措施\n（一）加强领导。\n三、其他\n（一）甲。\n本通知自印发之日起施行。\n
四、下列情形除外：\n（一）甲；\n（二）乙。\n";
    let heads: Vec<(String, bool)> = Notice::parse(text)
        .passages
        .iter()
        .filter_map(|p| match &p.part {
            Part::Clause(id) if !id.contains('（') => Some((id.clone(), p.heading)),
            _ => None,
        })
        .collect();
    let want = [("一", false), ("二", true), ("三", true), ("四", true)];
    assert_eq!(heads, want.map(|(id, h)| (id.to_string(), h)));
}

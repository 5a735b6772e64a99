//! Tests of what the page and the terminal say of a notice's coverage: citations matched
//! whatever their brackets, clauses the notice lacks, quotes not found, headings, and a
//! notice with no numbering at all.

use super::tests::policy_with_notice;
use super::{Doc, page};
use crate::input::InputLimits;
use crate::lang::Lang;
use crate::policy_set::{LoadedPolicy, PolicySource};

fn doc_of(loaded: &mut LoadedPolicy, lang: Lang) -> Doc {
    let notice = loaded
        .read_source_text(PolicySource::Disk, InputLimits::default())
        .expect("the notice is read");
    let program = loaded.versions.last().expect("checked").clone();
    page(loaded, &program, &notice, lang)
}

const NOTICE: &str = "前言。
一、总体要求
下列人员适用本通知：
（一）甲类人员；
（二）乙类人员。
二、具体措施
（一）加强领导。
（二）强化保障。
三、本通知自印发之日起施行。
";

const POLICY: &str = r#"policy "p" {
  title "t"
  source_text "notice.txt"
}
case { kind: bool "类型" en "kind" }
category 1 cites "一(一)" "甲类人员" { when kind }
category 2 cites "一（二）" "丙类人员" { when kind }
category 3 cites "二 (一)" { when kind }
category 4 cites "四" { when kind }
category 5 cites "contract §1" { when kind }
"#;

#[test]
fn citations_match_whatever_their_brackets_and_what_fails_the_check_is_listed() {
    let (_dir, mut loaded) = policy_with_notice("summary", POLICY, Some(NOTICE));
    let doc = doc_of(&mut loaded, Lang::Zh);
    let s = &doc.summary;
    assert!(s.numbered);
    // 一 is a heading (its text a lead-in to its list); 二 a heading too.
    assert_eq!((s.clauses, s.headings), (5, 2));
    assert_eq!(s.uncited, ["二（二）", "三"]);
    assert_eq!(s.missing_clauses.len(), 1);
    assert_eq!(s.missing_clauses[0].clause, "四");
    assert_eq!(s.missing_clauses[0].name, "category 4");
    assert!(
        s.missing_clauses[0].place.ends_with("p.policy:9"),
        "{:?}",
        s.missing_clauses[0]
    );
    assert_eq!(s.quotes_not_found.len(), 1);
    assert_eq!(s.quotes_not_found[0].clause, "一（二）");
    assert_eq!(s.other_documents, 1);
    assert!(s.fails_check());
    // The half-width citation links to the clause, and its quote is marked.
    assert!(
        doc.html.contains("<a href=\"#clause-一（一）\">一(一)</a>"),
        "{}",
        doc.html
    );
    assert!(doc.html.contains("<mark>甲类人员</mark>"));
    assert!(doc.html.contains("<a href=\"#clause-二（一）\">二 (一)</a>"));
    assert!(
        doc.html
            .contains("<section class=\"passage clause heading\" id=\"clause-二\">")
    );
    assert!(doc.html.contains("<span class=\"badge heading\">标题，不计入</span>"));
    assert!(doc.html.contains("@media (max-width: 800px)"));

    let zh = s.text(Lang::Zh);
    for line in [
        "通知共 5 个条款，其中 3 个有规则引用（另有 2 个条款只是标题，不计入）\n",
        "无规则引用的条款：二（二）、三\n",
        "引用了通知中没有的条款（1 个条目）：\n  ",
        "p.policy:9 category 4（引用 四）\n",
        "引文未见于所引条款（1 个条目）：\n",
        "引用其他文件条款的条目（不与通知核对）：1 个\n",
    ] {
        assert!(zh.contains(line), "{line}\n{zh}");
    }
    let en = doc_of(&mut loaded, Lang::En).summary.text(Lang::En);
    for line in [
        "5 clauses in the notice, 3 of them encoded (2 more clauses are headings only, not counted)\n",
        "clauses not encoded: 二（二）, 三\n",
        "items citing a clause the notice lacks (1):\n",
        "category 2 (cites 一（二）)\n",
    ] {
        assert!(en.contains(line), "{line}\n{en}");
    }
    assert!(!en.contains("条目") && !zh.contains("cites"));
}

#[test]
fn uncited_clauses_alone_do_not_fail_the_check() {
    let policy = POLICY
        .lines()
        .filter(|l| !l.contains("\"四\"") && !l.contains("丙类"))
        .collect::<Vec<_>>()
        .join("\n");
    let (_dir, mut loaded) = policy_with_notice("uncited-only", &policy, Some(NOTICE));
    let s = doc_of(&mut loaded, Lang::Zh).summary;
    assert!(!s.uncited.is_empty());
    assert!(!s.fails_check());
}

#[test]
fn a_notice_without_numbering_is_told_never_covered() {
    let (_dir, mut loaded) = policy_with_notice("unnumbered", POLICY, Some("第1条 甲类人员。\n第2条 乙类人员。\n"));
    let doc = doc_of(&mut loaded, Lang::Zh);
    let s = &doc.summary;
    assert!(!s.numbered && s.clauses == 0);
    let zh = s.text(Lang::Zh);
    assert!(zh.starts_with("警告："), "{zh}");
    assert!(zh.contains("notice.txt 中没有找到条款编号"), "{zh}");
    assert!(
        !zh.contains("每个条款都有规则引用") && !zh.contains("通知共 0 个条款"),
        "{zh}"
    );
    assert!(s.text(Lang::En).starts_with("warning: no clause numbering"));
    // Every citation of a clause names one it lacks.
    assert_eq!(s.missing_clauses.len(), 4);
    assert!(s.fails_check());
    assert!(doc.html.contains("通知原文中没有找到条款编号"));
    assert!(!doc.html.contains("每个条款都有规则引用") && !doc.html.contains("通知共 0 个条款"));
}

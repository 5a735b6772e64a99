//! Tests of the notice's cutting into clauses and of the page: on notices and policies
//! made up here, and on the built-in policy with the notice it names.

use super::notice::{Notice, Part};
use super::page as doc_page;
use crate::diagnostic::Code;
use crate::input::InputLimits;
use crate::lang::Lang;
use crate::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};
use std::path::PathBuf;

fn parts(notice: &Notice) -> Vec<(String, usize)> {
    notice
        .passages
        .iter()
        .map(|p| {
            let name = match &p.part {
                Part::Preamble => "preamble".to_string(),
                Part::Clause(id) => id.clone(),
                Part::Continued(id) => format!("{id}+"),
                Part::Closing => "closing".to_string(),
            };
            (name, p.paragraphs.len())
        })
        .collect()
}

const NOTICE: &str = "\u{3000}关于做好某项工作的通知
各市州：
为做好某项工作，现通知如下：

一、总体要求
各地要做好工作。下列人员适用本通知：

（一）甲类人员；

(二) 乙类人员；
本项工作每月开展一次。

二、具体措施
（一）加强领导。各地要加强领导。
各部门要密切配合。
（三）强化保障。
二、三个工作日内报送。
三、其他事项
本通知自印发之日起施行。

某某厅        某某局
2025年7月18日
（此件主动公开）
";

#[test]
fn a_notice_is_cut_into_its_sections_and_sub_clauses() {
    let notice = Notice::parse(NOTICE);
    let want = [
        ("preamble", 3),
        ("一", 2),
        ("一（一）", 1),
        // A half-width bracket numbers a sub-clause too; the id is written full-width.
        ("一（二）", 1),
        // After a list (its lead-in ends with a colon), the section goes on.
        ("一+", 1),
        ("二", 1),
        // Not a list: the sub-clause goes on to the next heading; a number may be
        // skipped; `二、三个…` after `二、` is text.
        ("二（一）", 2),
        ("二（三）", 2),
        ("三", 2),
        ("closing", 3),
    ];
    let got = parts(&notice);
    let want: Vec<(String, usize)> = want.iter().map(|(n, c)| (n.to_string(), *c)).collect();
    assert_eq!(got, want);
    assert_eq!(notice.passages[0].paragraphs[0], "关于做好某项工作的通知");
    assert_eq!(notice.passages[8].paragraphs[0], "三、其他事项");
    assert_eq!(notice.passages[9].paragraphs[0], "某某厅        某某局");
    let ids: Vec<&str> = notice.clause_ids().collect();
    assert_eq!(ids, ["一", "一（一）", "一（二）", "二", "二（一）", "二（三）", "三"]);
}

#[test]
fn sections_are_numbered_past_ten() {
    let mut text = String::from("前言\n");
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut want = Vec::new();
    for n in 1..=99usize {
        let numeral = match (n / 10, n % 10) {
            (0, u) => numerals[u - 1].to_string(),
            (1, 0) => "十".to_string(),
            (1, u) => format!("十{}", numerals[u - 1]),
            (t, 0) => format!("{}十", numerals[t - 1]),
            (t, u) => format!("{}十{}", numerals[t - 1], numerals[u - 1]),
        };
        text.push_str(&format!("{numeral}、第{n}节\n（十二）第{n}节的一项\n"));
        want.push(numeral.clone());
        want.push(format!("{numeral}（十二）"));
    }
    let notice = Notice::parse(&text);
    let ids: Vec<&str> = notice.clause_ids().collect();
    assert_eq!(ids, want);
}

#[test]
fn a_text_without_headings_is_all_preamble() {
    let notice = Notice::parse("只有一段话。\n\n2025年7月18日\n");
    assert_eq!(parts(&notice), [("preamble".to_string(), 2)]);
    assert_eq!(Notice::parse("").passages, []);
}

/// A test's own folder, removed when the test is done with it (passed or not): the
/// doc tests used to leave theirs in the temporary folder.
pub(super) struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A scratch folder with a policy and its notice; the policy loaded.
pub(super) fn policy_with_notice(name: &str, policy: &str, notice: Option<&str>) -> (Scratch, LoadedPolicy) {
    let dir = Scratch(std::env::temp_dir().join(format!("zhengce-doc-{}-{name}", std::process::id())));
    let _ = std::fs::remove_dir_all(&*dir);
    std::fs::create_dir_all(&*dir).unwrap();
    std::fs::write(dir.join("p.policy"), policy).unwrap();
    if let Some(notice) = notice {
        std::fs::write(dir.join("notice.txt"), notice).unwrap();
    }
    let loaded = load_policy(&dir.join("p.policy").to_string_lossy(), PolicySource::Disk);
    assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
    (dir, loaded)
}

const POLICY: &str = r#"policy "p" {
  title "关于做好某项工作的通知 <试行>"
  source_text "notice.txt"
}
enum Kind "类型" en "kind" cites "一" { a "甲" en "A", b "乙" en "B" }
case { kind: Kind "类型" en "kind" }
param threshold "门槛" en "threshold" = 3
define is_a "属于甲类" en "is of kind A" cites "一（一）" "甲类人员" = kind is a
table weights "权重 <表>" en "weights" cites "二" by Kind { a => { w: threshold }, b => { w: 1 } }
define first_kind "首类" en "first kind" = Kind::a
category 1 cites "一（一）" "甲类人员" { when is_a and weights[kind].w > 2 }
category 2 cites "一（二）" "乙类人员" { when kind is b and kind != first_kind }
category 3 cites "一" "本项工作每月开展一次" { when holds(category 1) }
check not_in_text cites "二（三）" "这句话原文没有" { when holds(category 2) severity warning message "核查" en "check" }
check contract cites "contract §1" "not in the notice" { when kind is b severity info message "契约" en "contract" }
"#;

fn page_of(loaded: &mut LoadedPolicy, lang: Lang) -> String {
    let notice = loaded
        .read_source_text(PolicySource::Disk, InputLimits::default())
        .expect("the notice is read");
    let program = loaded.versions.last().expect("checked").clone();
    doc_page(loaded, &program, &notice, lang).html
}

/// The values of `attribute="…"` in `html`.
fn values<'h>(html: &'h str, attribute: &str) -> Vec<&'h str> {
    let start = format!("{attribute}=\"");
    html.split(&start)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn every_clause_has_an_anchor_and_the_uncited_ones_are_marked() {
    let notice = NOTICE.replace("（一）甲类人员；", "（一）甲类人员 <b>&</b>；");
    let (_dir, mut loaded) = policy_with_notice("page", POLICY, Some(&notice));
    let html = page_of(&mut loaded, Lang::Zh);
    let ids = values(&html, "id");
    for clause in Notice::parse(&notice).clause_ids() {
        assert!(ids.contains(&format!("clause-{clause}").as_str()), "{clause}");
    }
    // Ids are unique, and every link leads to one.
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
    for href in values(&html, "href") {
        let target = href.strip_prefix('#').expect("links within the page");
        assert!(ids.contains(&target), "{href}");
    }
    // 二（一） and 三 are cited by nothing; 二 by the table.
    assert!(
        html.contains("<section class=\"passage clause uncited\" id=\"clause-三\">"),
        "{html}"
    );
    assert!(html.contains("<section class=\"passage clause uncited\" id=\"clause-二（一）\">"));
    assert!(html.contains("<section class=\"passage clause cited\" id=\"clause-二\">"));
    // 二 has no text of its own: a heading, not counted.
    assert!(
        html.contains("通知共 6 个条款，其中 4 个有规则引用（另有 1 个条款只是标题，不计入）"),
        "{html}"
    );
    assert_eq!(
        html.matches("<span class=\"badge uncited\">无规则引用</span>").count(),
        2
    );
    // The notice's and the policy's words are escaped.
    assert!(
        html.contains("<mark>甲类人员</mark> &lt;b&gt;&amp;&lt;/b&gt;；"),
        "{html}"
    );
    assert!(html.contains("权重 &lt;表&gt;"));
    assert!(!html.contains("<b>"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
}

#[test]
fn names_link_to_what_they_name() {
    let (_dir, mut loaded) = policy_with_notice("links", POLICY, Some(NOTICE));
    let html = page_of(&mut loaded, Lang::Zh);
    for link in [
        r##"when <a class="ref" href="#define-is_a">is_a</a> and <a class="ref" href="#table-weights">weights</a>[<a class="ref" href="#field-kind">kind</a>].w"##,
        r##"<a class="ref" href="#param-threshold">threshold</a> }"##,
        r##"= <a class="ref" href="#enum-Kind">Kind</a>::a"##,
        r##"by <a class="ref" href="#enum-Kind">Kind</a> {"##,
        r##"when <a class="ref" href="#category-1">holds(category 1)</a>"##,
        r##"kind != <a class="ref" href="#define-first_kind">first_kind</a>"##,
    ] {
        assert!(html.contains(link), "{link}\n{html}");
    }
    // A case field links to its row, an enum value alone to nothing.
    assert!(html.contains("<tr id=\"field-kind\"><td class=\"depth-0\"><code>kind</code></td><td>类型</td>"));
    assert!(!html.contains("href=\"#define-kind\""));
}

#[test]
fn items_stand_beside_the_passage_they_quote_or_apart() {
    let (_dir, mut loaded) = policy_with_notice("placing", POLICY, Some(NOTICE));
    let html = page_of(&mut loaded, Lang::Zh);
    let section = |id: &str| {
        let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("{id}"));
        let end = html[start..].find("</section>").expect("the section ends") + start;
        &html[start..end]
    };
    // category 3 quotes the words after the list of 一: beside the section's rest.
    assert!(section("clause-一-2").contains("id=\"category-3\""));
    assert!(section("clause-一").contains("id=\"enum-Kind\""));
    assert!(section("clause-一（一）").contains("id=\"category-1\""));
    assert!(section("clause-一（一）").contains("<mark>甲类人员</mark>"));
    // A quote the clause does not have is flagged.
    assert!(section("clause-二（三）").contains("引文未见于该条款原文"));
    // A clause of another document, and no clause at all.
    assert!(section("other-documents").contains("id=\"check-contract\""));
    assert!(section("citing-nothing").contains("id=\"param-threshold\""));
    assert!(section("citing-nothing").contains("id=\"define-first_kind\""));
}

#[test]
fn the_page_is_told_in_one_language_and_is_the_same_every_time() {
    let (_dir, mut loaded) = policy_with_notice("langs", POLICY, Some(NOTICE));
    let zh = page_of(&mut loaded, Lang::Zh);
    let en = page_of(&mut loaded, Lang::En);
    assert_eq!(zh, page_of(&mut loaded, Lang::Zh));
    for (words, page) in [
        (["无规则引用", "引用", "参数"], &zh),
        (["not encoded", "cites", "parameter"], &en),
    ] {
        for word in words {
            assert!(page.contains(word), "{word}");
        }
    }
    assert!(!en.contains("无规则引用") && en.contains("<span class=\"label\">is of kind A</span>"));
    assert!(!zh.contains("not encoded") && zh.contains("<span class=\"label\">属于甲类</span>"));
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // The notice stays Chinese, and says so.
    assert!(en.contains("<div class=\"text\" lang=\"zh-CN\">"));
}

#[test]
fn a_missing_or_unnamed_notice_is_a_located_diagnostic() {
    let (dir, mut loaded) = policy_with_notice("missing", POLICY, None);
    let d = loaded
        .read_source_text(PolicySource::Disk, InputLimits::default())
        .expect_err("no notice file");
    assert_eq!(d.code, Code::FileNotFound);
    let span = d.span.expect("located");
    assert_eq!(loaded.sources.snippet(span), "\"notice.txt\"");
    assert_eq!(loaded.sources.line_col(span).line, 3);
    assert!(d.help.is_some());
    assert!(d.message.en().contains("source text"), "{}", d.message.en());
    assert!(d.message.zh().contains(&*dir.join("notice.txt").to_string_lossy()));

    let unnamed = POLICY.replace("  source_text \"notice.txt\"\n", "");
    let (_dir, mut loaded) = policy_with_notice("unnamed", &unnamed, None);
    let d = loaded
        .read_source_text(PolicySource::Disk, InputLimits::default())
        .expect_err("no source_text");
    assert_eq!(d.code, Code::NoSourceText);
    assert_eq!(loaded.sources.snippet(d.span.expect("located")), "\"p\"");
    assert!(d.help.expect("a hint").en().contains("source_text"));

    let (dir, mut loaded) = policy_with_notice("bytes", POLICY, None);
    std::fs::write(dir.join("notice.txt"), b"\xe4\xb8\x80\xff").unwrap();
    let d = loaded
        .read_source_text(PolicySource::Disk, InputLimits::default())
        .expect_err("not UTF-8");
    assert_eq!(d.code, Code::InvalidUtf8);
}

#[test]
fn the_built_in_policy_s_notice_is_built_in_and_every_clause_is_on_the_page() {
    let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
    let notice = loaded
        .read_source_text(PolicySource::Builtin, InputLimits::default())
        .expect("the notice is built in");
    assert!(notice.name.starts_with("builtin:policies/"), "{}", notice.name);
    // The headings, found here without the cutter's rules: a paragraph that starts
    // with a numeral and `、`, or a numeral in brackets.
    let numeral = |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c));
    let mut section = String::new();
    let mut want = Vec::new();
    for line in notice.text.lines().map(str::trim) {
        if let Some((n, _)) = line.split_once('、').filter(|(n, _)| numeral(n)) {
            section = n.to_string();
            want.push(section.clone());
        } else if let Some((n, _)) = line.strip_prefix('（').and_then(|l| l.split_once('）'))
            && numeral(n)
        {
            want.push(format!("{section}（{n}）"));
        }
    }
    assert!(want.len() > 10, "{want:?}");
    let cut = Notice::parse(&notice.text);
    assert_eq!(cut.clause_ids().collect::<Vec<_>>(), want);
    // Its lines are whole paragraphs: none is taken for a line cut at a page's width.
    let lines: Vec<&str> = notice.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let paragraphs: Vec<&str> = cut
        .passages
        .iter()
        .flat_map(|p| &p.paragraphs)
        .map(String::as_str)
        .collect();
    assert_eq!(paragraphs, lines);
    assert!(cut.passages.iter().all(|p| !p.heading));
    let program = loaded.versions.last().expect("checked").clone();
    let html = doc_page(&loaded, &program, &notice, Lang::Zh).html;
    let ids = values(&html, "id");
    for clause in &want {
        assert!(ids.contains(&format!("clause-{clause}").as_str()), "{clause}");
    }
    for href in values(&html, "href") {
        assert!(ids.contains(&&href[1..]), "{href}");
    }
}

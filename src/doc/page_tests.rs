//! Tests of the page's details: a rule's kind as its file writes it, and the case's
//! fields in a section of their own, which the field paths in the rules link to.

use super::page;
use crate::input::InputLimits;
use crate::lang::Lang;
use crate::policy_set::{PolicySource, load_policy};

/// The page of a built-in policy file.
fn builtin_page(path: &str, lang: Lang) -> String {
    let mut loaded = load_policy(path, PolicySource::Builtin);
    let notice = loaded
        .read_source_text(PolicySource::Builtin, InputLimits::default())
        .expect("the notice is built in");
    let program = loaded.versions.last().expect("checked").clone();
    page(&loaded, &program, &notice, lang).html
}

/// The ids of `html`.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

#[test]
fn a_rule_s_kind_is_shown_as_its_file_writes_it() {
    let zh = builtin_page("policies/hunan/2025-employment-assistance.zh.policy", Lang::Zh);
    let en = builtin_page("policies/hunan/2025-employment-assistance.policy", Lang::Zh);
    assert!(zh.contains("<code>类别 1</code>"), "{zh}");
    assert!(!zh.contains("<code>category 1</code>"));
    assert!(en.contains("<code>category 1</code>"));
    // The anchors are the same whatever the keywords.
    assert!(ids(&zh).contains(&"category-1") && ids(&en).contains(&"category-1"));
}

#[test]
fn case_fields_have_a_section_and_the_rules_link_to_them() {
    for path in [
        "policies/hunan/2025-employment-assistance.policy",
        "policies/hunan/2025-employment-assistance.zh.policy",
    ] {
        let html = builtin_page(path, Lang::Zh);
        let ids = ids(&html);
        assert!(ids.contains(&"case"), "{path}");
        for field in [
            "field-person",
            "field-person.disability_certified",
            "field-household.members",
            "field-household.members.employed",
        ] {
            assert!(ids.contains(&field), "{path}: {field}");
        }
        assert!(html.contains("<td>持证残疾人</td>"), "{path}");
        // A path as written, and a field of an item of a list.
        assert!(
            html.contains(
                r##"<a class="ref" href="#field-person.disability_certified">person.disability_certified</a>"##
            ),
            "{path}"
        );
        assert!(
            html.contains(r##"m.<a class="ref" href="#field-household.members.employed">employed</a>"##),
            "{path}"
        );
        // Every link leads somewhere on the page.
        for href in html.split("href=\"#").skip(1).filter_map(|r| r.split('"').next()) {
            assert!(ids.contains(&href), "{path}: {href}");
        }
    }
    let en = builtin_page("policies/hunan/2025-employment-assistance.policy", Lang::En);
    assert!(en.contains("<td>certified disability</td>") && en.contains("Case fields"));
    assert!(!en.contains("案卷字段"));
}

//! Tests of the case loader against a small policy compiled by the real checker.

mod line_spans;
mod load;
mod robustness;

use super::*;
use crate::diagnostic::{Code, Diagnostic};
use crate::program::{FieldInfo, Program, SchemaField, SchemaShape, Type};
use crate::source::{LineCol, SourceMap};

/// A small case schema in the policy language: nested records, a derived gender and
/// birth date, defaults, an enum with numeric values, lists of records and of months.
const POLICY: &str = r#"policy "case-loader-test" { title "t" }

enum Gender "性别" { male "男", female "女" }
enum RetirementAge "原法定退休年龄" { 50 "五十周岁", 55 "五十五周岁" }
enum Status "就业状态" { unemployed "失业", employed "单位就业", self_employed "自主创业" }
enum Kind "服务类型" { job_posting "岗位信息推送", training "职业技能培训" }

case {
  person "个人信息" {
    id_number: resident_id? "公民身份号码"
    gender: Gender "性别" from person.id_number.sex(male, female)
    birth_date: date "出生日期" from person.id_number.birth_date
    original_retirement_age: RetirementAge? "原法定退休年龄"
    able_to_work: bool = true "有劳动能力"
    veteran: bool = false "退役军人"
    land_lost_on: date? "承包土地被征收日期"
    remark: text? "备注"
    children: int? "子女人数"
  }
  employment "就业状况" {
    status: Status "就业状态"
    since: date? "本次就业开始日期"
  }
  services: list of {
    date: date "服务日期"
    kind: Kind "服务类型"
    refused: bool = false "拒绝接受"
  } "公共就业服务记录"
}
"#;

/// The test policy, compiled, with one more root field added by hand:
/// `subsidy_months: list of month` (the grammar reads `month` as a unit keyword for now).
fn program() -> Program {
    let mut sources = SourceMap::new();
    let file = sources.add("test.policy", POLICY);
    let (parsed, errors) = crate::syntax::parse_policy(file, POLICY);
    assert!(errors.is_empty(), "{errors:#?}");
    let (program, diagnostics) = crate::check::check(&[parsed.expect("the test policy parses")]);
    let mut program = program.unwrap_or_else(|| panic!("the test policy checks: {diagnostics:#?}"));
    let label = crate::ast::Label {
        zh: "补贴月份".into(),
        en: None,
    };
    let ty = Type::List(Box::new(Type::Month));
    program.records[0].push_field(FieldInfo {
        name: "subsidy_months".into(),
        label: label.clone(),
        ty,
    });
    let root = program.schemas[0].as_mut().expect("the root schema");
    let span = root[0].span;
    root.push(SchemaField {
        name: "subsidy_months".into(),
        label,
        shape: SchemaShape::ListOf(Type::Month),
        optional: true,
        default: None,
        derive: None,
        note: None,
        removed: None,
        span,
    });
    program
}

/// Loads a case file; returns the cases and the source map for positions.
fn load(text: &str) -> (Vec<LoadedCase>, SourceMap) {
    let program = program();
    let mut sources = SourceMap::new();
    let cases = load_cases(&program, &mut sources, "cases.yaml", text);
    (cases, sources)
}

/// Loads a file with exactly one case.
fn load_one(text: &str) -> (LoadedCase, SourceMap) {
    let (mut cases, sources) = load(text);
    assert_eq!(cases.len(), 1, "{cases:#?}");
    (cases.remove(0), sources)
}

/// The only error of a case, which must have exactly one.
fn only_error(case: &LoadedCase) -> &Diagnostic {
    let errors: Vec<&Diagnostic> = case.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(case.facts.is_none());
    errors[0]
}

/// Line and column of a diagnostic.
fn position(sources: &SourceMap, d: &Diagnostic) -> LineCol {
    sources.line_col(d.span.expect("the diagnostic has a span"))
}

/// The text under a diagnostic's span.
fn underlined<'a>(sources: &'a SourceMap, d: &Diagnostic) -> &'a str {
    sources.snippet(d.span.expect("the diagnostic has a span"))
}

/// The codes of a case's diagnostics.
fn codes(case: &LoadedCase) -> Vec<Code> {
    case.diagnostics.iter().map(|d| d.code.clone()).collect()
}

/// A minimal good case, to add one defect to.
const GOOD: &str = "\
id: HN-2025-000123
as_of: 2025-09-01
expect: { eligible: true }
person:
  id_number: \"11010519491231002X\"
  original_retirement_age: 50
  land_lost_on: 2020-05-06
  remark: 'x'   # a comment after a quoted scalar
  children: 2
employment:
  status: unemployed
services:
  - { date: 2025-04-02, kind: job_posting }
  - date: 2025-05-02
    kind: training
    refused: true
subsidy_months: [2025-05, \"2025-06\"]
";

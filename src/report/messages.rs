//! The user-interface message catalogue: the words zhengce itself says, in Chinese and
//! English. The law's own words (labels, clause texts) come from the policy file.

use crate::ast::{BinOp, Label};

/// The language of explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language the environment asks for: `ZHENGCE_LANG` (`zh` or `en`), else the
    /// locale in `LANG` (Chinese for `zh_*`, English for any other locale), else
    /// Chinese. `--lang` wins over both.
    pub fn from_env() -> Lang {
        Lang::from_vars(
            std::env::var("ZHENGCE_LANG").ok().as_deref(),
            std::env::var("LANG").ok().as_deref(),
        )
    }

    /// [`Lang::from_env`] on given values of `ZHENGCE_LANG` and `LANG`.
    pub fn from_vars(zhengce_lang: Option<&str>, locale: Option<&str>) -> Lang {
        let chosen = zhengce_lang.map(str::trim).and_then(|v| match v.get(..2) {
            Some(p) if p.eq_ignore_ascii_case("zh") => Some(Lang::Zh),
            Some(p) if p.eq_ignore_ascii_case("en") => Some(Lang::En),
            _ => None,
        });
        chosen.unwrap_or(match locale.map(str::trim) {
            None | Some("") => Lang::Zh,
            Some(l) if l.starts_with("zh") => Lang::Zh,
            Some(_) => Lang::En,
        })
    }
}

/// A message of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// "holds"
    Holds,
    /// "does not hold"
    Fails,
    /// yes
    Yes,
    /// no
    No,
    /// absent value
    Absent,
    /// "case"
    Case,
    /// "evaluation date"
    EvaluationDate,
    /// "policy"
    Policy,
    /// "(today's date, from the clock)"
    FromClock,
    /// heading for diagnostics
    Diagnostics,
    /// "is"
    Is,
    /// "is absent"
    IsAbsent,
    /// "is given"
    IsPresent,
    /// "not"
    Not,
    /// the rules of a kind that hold (`{}`: the kind's heading)
    KindsThatHold,
    /// "none"
    None,
    /// heading: the case cannot be evaluated
    CaseError,
    /// separator between conditions
    Separator,
    /// colon after a heading
    Colon,
    /// unit after a number of years
    YearsUnit,
    /// unit after a number of months
    MonthsUnit,
    /// unit after a number of days
    DaysUnit,
    /// unit after a number of working days
    WorkingDaysUnit,
    /// days off that a count of working days skipped
    NotCounted,
    /// a make-up working day
    MakeUpWorkday,
    /// `:missing`: a field that could change the outcome (an example follows)
    CouldChange,
    /// `:missing`: no value tried changes the outcome
    NoChange,
    /// `:missing`: nothing the decision reads is absent
    AllGiven,
    /// batch summary: cases read
    SummaryCases,
    /// batch summary: cases evaluated
    SummaryEvaluated,
    /// batch summary: cases read without error (validate only)
    SummaryValid,
    /// batch summary: error records
    SummaryErrors,
    /// batch summary: of which duplicate ids
    SummaryDuplicates,
    /// batch summary: seconds and cases per second
    SummaryRate,
    /// batch summary: eligibility categories
    SummaryCategories,
    /// batch summary: aid tiers
    SummaryTiers,
    /// batch summary: exit clauses
    SummaryExits,
    /// `eval`: a file without a case (`{}`: the file)
    NoCaseInFile,
    /// `eval`, `test`: nothing to run (`{}`: the paths given)
    NoCasesUnder,
    /// `check`: a policy that checks (path, rules, definitions, files, warnings)
    CheckOk,
    /// `check`: a policy with errors (path, errors, warnings)
    CheckFailed,
    /// `check`: how many of the problems were shown above with another policy
    ShownAbove,
    /// every rule of a kind (they fail for one reason)
    AllOfThem,
    /// an unlabelled condition, by what it reads (`{}`: their labels)
    ConditionOn,
    /// an unlabelled condition that reads nothing labelled
    ACondition,
    /// an unlabelled computed value, by what it reads (`{}`: their labels)
    ComputedFrom,
    /// an unlabelled computed value that reads nothing labelled
    AComputedValue,
}

/// The text of a message.
pub fn msg(m: Msg, lang: Lang) -> &'static str {
    use Msg::*;
    match (lang, m) {
        (Lang::Zh, Holds) => "成立",
        (Lang::En, Holds) => "holds",
        (Lang::Zh, Fails) => "不成立",
        (Lang::En, Fails) => "does not hold",
        (Lang::Zh, Yes) => "是",
        (Lang::En, Yes) => "yes",
        (Lang::Zh, No) => "否",
        (Lang::En, No) => "no",
        (Lang::Zh, Absent) => "未填写",
        (Lang::En, Absent) => "not given",
        (Lang::Zh, Case) => "案件",
        (Lang::En, Case) => "case",
        (Lang::Zh, EvaluationDate) => "评估日",
        (Lang::En, EvaluationDate) => "evaluation date",
        (Lang::Zh, Policy) => "政策",
        (Lang::En, Policy) => "policy",
        (Lang::Zh, FromClock) => "（未指定评估日，取今天的日期）",
        (Lang::En, FromClock) => " (no evaluation date given: today's date)",
        (Lang::Zh, Diagnostics) => "提示",
        (Lang::En, Diagnostics) => "diagnostics",
        (Lang::Zh, Is) => "为",
        (Lang::En, Is) => "is",
        (Lang::Zh, IsAbsent) => "未填写",
        (Lang::En, IsAbsent) => "is not given",
        (Lang::Zh, IsPresent) => "已填写",
        (Lang::En, IsPresent) => "is given",
        (Lang::Zh, Not) => "并非",
        (Lang::En, Not) => "not",
        (Lang::Zh, KindsThatHold) => "成立的{}",
        (Lang::En, KindsThatHold) => "{} that hold",
        (Lang::Zh, None) => "无",
        (Lang::En, None) => "none",
        (Lang::Zh, CaseError) => "无法评估此案件",
        (Lang::En, CaseError) => "this case cannot be evaluated",
        (Lang::Zh, Separator) => "；",
        (Lang::En, Separator) => "; ",
        (Lang::Zh, Colon) => "：",
        (Lang::En, Colon) => ": ",
        (Lang::Zh, YearsUnit) => "年",
        (Lang::En, YearsUnit) => " years",
        (Lang::Zh, MonthsUnit) => "个月",
        (Lang::En, MonthsUnit) => " months",
        (Lang::Zh, DaysUnit) => "天",
        (Lang::En, DaysUnit) => " days",
        (Lang::Zh, WorkingDaysUnit) => "个工作日",
        (Lang::En, WorkingDaysUnit) => " working days",
        (Lang::Zh, NotCounted) => "不计",
        (Lang::En, NotCounted) => "skipped",
        (Lang::Zh, MakeUpWorkday) => "调休上班",
        (Lang::En, MakeUpWorkday) => "make-up working day",
        (Lang::Zh, CouldChange) => "可能改变结果，例如",
        (Lang::En, CouldChange) => "could change the outcome, e.g.",
        (Lang::Zh, NoChange) => "试过的值不改变结果",
        (Lang::En, NoChange) => "no value tried changes the outcome",
        (Lang::Zh, AllGiven) => "决定所依据的字段均已填写",
        (Lang::En, AllGiven) => "every field the decision reads is given",
        (Lang::Zh, SummaryCases) => "案件",
        (Lang::En, SummaryCases) => "cases",
        (Lang::Zh, SummaryEvaluated) => "已评估",
        (Lang::En, SummaryEvaluated) => "evaluated",
        (Lang::Zh, SummaryValid) => "校验通过",
        (Lang::En, SummaryValid) => "valid",
        (Lang::Zh, SummaryErrors) => "出错",
        (Lang::En, SummaryErrors) => "errors",
        (Lang::Zh, SummaryDuplicates) => "其中案件编号重复",
        (Lang::En, SummaryDuplicates) => "of which duplicate ids",
        (Lang::Zh, SummaryRate) => "秒，每秒案件数",
        (Lang::En, SummaryRate) => "s, cases/s",
        (Lang::Zh, SummaryCategories) => "认定类别",
        (Lang::En, SummaryCategories) => "categories",
        (Lang::Zh, SummaryTiers) => "帮扶类别",
        (Lang::En, SummaryTiers) => "tiers",
        (Lang::Zh, SummaryExits) => "退出情形",
        (Lang::En, SummaryExits) => "exits",
        (Lang::Zh, NoCaseInFile) => "提示：{} 中没有案件",
        (Lang::En, NoCaseInFile) => "warning: no case in {}",
        (Lang::Zh, NoCasesUnder) => "错误：在 {} 中没有找到案件",
        (Lang::En, NoCasesUnder) => "error: no cases found under {}",
        (Lang::Zh, CheckOk) => "{}：通过（规则 {} 条，定义 {} 个，文件 {} 个；警告 {} 个{}）",
        (Lang::En, CheckOk) => "{}: ok ({} rules, {} definitions, {} files; {} warning(s){})",
        (Lang::Zh, CheckFailed) => "{}：错误 {} 个，警告 {} 个{}",
        (Lang::En, CheckFailed) => "{}: {} error(s), {} warning(s){}",
        (Lang::Zh, ShownAbove) => "，其中 {} 个已在上文列出",
        (Lang::En, ShownAbove) => "; {} of them shown above",
        (Lang::Zh, AllOfThem) => "全部",
        (Lang::En, AllOfThem) => "all",
        (Lang::Zh, ConditionOn) => "关于{}的条件",
        (Lang::En, ConditionOn) => "the condition on {}",
        (Lang::Zh, ACondition) => "条件",
        (Lang::En, ACondition) => "a condition",
        (Lang::Zh, ComputedFrom) => "由{}算得",
        (Lang::En, ComputedFrom) => "computed from {}",
        (Lang::Zh, AComputedValue) => "计算结果",
        (Lang::En, AComputedValue) => "a computed value",
    }
}

/// A message with its `{}` filled in by `arg`.
pub fn msg_with(m: Msg, lang: Lang, arg: &str) -> String {
    msg_args(m, lang, &[arg])
}

/// A message with its `{}`s filled in by `args`, in order.
pub fn msg_args(m: Msg, lang: Lang, args: &[&str]) -> String {
    let mut parts = msg(m, lang).split("{}");
    let mut out = parts.next().unwrap_or("").to_string();
    for (k, part) in parts.enumerate() {
        out.push_str(args.get(k).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

/// A label in the chosen language (English falls back to Chinese).
pub fn label(l: &Label, lang: Lang) -> &str {
    match (lang, &l.en) {
        (Lang::En, Some(en)) => en,
        _ => &l.zh,
    }
}

/// A comparison operator as shown in explanations.
pub fn operator(op: BinOp) -> &'static str {
    match op {
        BinOp::Eq => "=",
        BinOp::Ne => "≠",
        BinOp::Lt => "<",
        BinOp::Le => "≤",
        BinOp::Gt => ">",
        BinOp::Ge => "≥",
        other => other.symbol(),
    }
}

/// A heading for the rules of a kind.
pub fn kind_heading(kind: crate::ast::RuleKind, lang: Lang) -> &'static str {
    use crate::ast::RuleKind::*;
    match (lang, kind) {
        (Lang::Zh, Category) => "认定类别",
        (Lang::Zh, Exit) => "退出情形",
        (Lang::Zh, Tier) => "帮扶分类",
        (Lang::Zh, Deadline) => "认定流程时限",
        (Lang::Zh, Obligation) => "服务义务",
        (Lang::Zh, Entitlement) => "补贴政策",
        (Lang::Zh, Referral) => "部门协作",
        (Lang::Zh, Limit) => "限制",
        (Lang::Zh, Check) => "核查",
        (Lang::En, k) => k.record_key(),
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn the_language_comes_from_zhengce_lang_then_the_locale_then_chinese() {
        let cases = [
            (Some("en"), Some("zh_CN.UTF-8"), Lang::En),
            (Some("zh"), Some("en_US.UTF-8"), Lang::Zh),
            (Some("EN_us"), None, Lang::En),
            // A value that names neither language is passed over.
            (Some("fr"), Some("zh_TW.UTF-8"), Lang::Zh),
            (Some(""), Some("en_GB.UTF-8"), Lang::En),
            (None, Some("zh_CN.UTF-8"), Lang::Zh),
            (None, Some("C.UTF-8"), Lang::En),
            (None, Some("POSIX"), Lang::En),
            (None, Some(""), Lang::Zh),
            (None, None, Lang::Zh),
        ];
        for (zhengce_lang, locale, want) in cases {
            assert_eq!(
                Lang::from_vars(zhengce_lang, locale),
                want,
                "{zhengce_lang:?} {locale:?}"
            );
        }
    }
}

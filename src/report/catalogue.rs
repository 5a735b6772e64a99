//! The catalogue of what zhengce itself says, each entry in Chinese and in English: a
//! message cannot be added in one language only (the table's syntax takes both), and a
//! test checks that the Chinese is Chinese and the English is not. `{}` marks where a
//! value goes ([`super::messages::msg_args`]).

use crate::lang::Lang;

/// Declares [`Msg`], its texts and the list of every message.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident => $zh:literal, $en:literal;)*) => {
        /// A message of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every message, for the test that each has both languages.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Zh) => $zh, (Msg::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    /// "holds"
    Holds => "成立", "holds";
    /// "does not hold"
    Fails => "不成立", "does not hold";
    /// yes
    Yes => "是", "yes";
    /// no
    No => "否", "no";
    /// absent value
    Absent => "未填写", "not given";
    /// "case"
    Case => "案件", "case";
    /// "evaluation date"
    EvaluationDate => "评估日", "evaluation date";
    /// "policy"
    Policy => "政策", "policy";
    /// "(today's date, from the clock)"
    FromClock => "（未指定评估日，取今天的日期）", " (no evaluation date given: today's date)";
    /// heading for diagnostics
    Diagnostics => "提示", "diagnostics";
    /// "is"
    Is => "为", "is";
    /// "is absent"
    IsAbsent => "未填写", "is not given";
    /// "is given"
    IsPresent => "已填写", "is given";
    /// "not"
    Not => "并非", "not";
    /// the rules of a kind that hold (`{}`: the kind's heading)
    KindsThatHold => "成立的{}", "{} that hold";
    /// "none"
    None => "无", "none";
    /// heading: the case cannot be evaluated
    CaseError => "无法评估此案件", "this case cannot be evaluated";
    /// separator between conditions
    Separator => "；", "; ";
    /// colon after a heading
    Colon => "：", ": ";
    /// unit after a number of years
    YearsUnit => "年", " years";
    /// unit after a number of months
    MonthsUnit => "个月", " months";
    /// unit after a number of days
    DaysUnit => "天", " days";
    /// unit after a number of working days
    WorkingDaysUnit => "个工作日", " working days";
    /// days off that a count of working days skipped
    NotCounted => "不计", "skipped";
    /// a make-up working day
    MakeUpWorkday => "调休上班", "make-up working day";
    /// `:missing`: a field that could change the outcome (an example follows)
    CouldChange => "可能改变结果，例如", "could change the outcome, e.g.";
    /// `:missing`: no value tried changes the outcome
    NoChange => "试过的值不改变结果", "no value tried changes the outcome";
    /// `:missing`: nothing the decision reads is absent
    AllGiven => "决定所依据的字段均已填写", "every field the decision reads is given";
    /// batch summary: cases read
    SummaryCases => "案件", "cases";
    /// batch summary: cases evaluated
    SummaryEvaluated => "已评估", "evaluated";
    /// batch summary: cases read without error (validate only)
    SummaryValid => "校验通过", "valid";
    /// batch summary: error records
    SummaryErrors => "出错", "errors";
    /// batch summary: of which duplicate ids
    SummaryDuplicates => "其中案件编号重复", "of which duplicate ids";
    /// batch summary: seconds and cases per second
    SummaryRate => "秒，每秒案件数", "s, cases/s";
    /// batch summary: eligibility categories
    SummaryCategories => "认定类别", "categories";
    /// batch summary: aid tiers
    SummaryTiers => "帮扶类别", "tiers";
    /// batch summary: exit clauses
    SummaryExits => "退出情形", "exits";
    /// `eval`: a file without a case (`{}`: the file)
    NoCaseInFile => "提示：{} 中没有案件", "warning: no case in {}";
    /// `eval`, `test`: nothing to run (`{}`: the paths given)
    NoCasesUnder => "错误：在 {} 中没有找到案件", "error: no cases found under {}";
    /// `check`: a policy that checks (path, rules, definitions, files, warnings)
    CheckOk => "{}：通过（规则 {} 条，定义 {} 个，文件 {} 个；警告 {} 个{}）", "{}: ok ({} rules, {} definitions, {} files; {} warning(s){})";
    /// `check`: a policy with errors (path, errors, warnings)
    CheckFailed => "{}：错误 {} 个，警告 {} 个{}", "{}: {} error(s), {} warning(s){}";
    /// `check`: how many of the problems were shown above with another policy
    ShownAbove => "，其中 {} 个已在上文列出", "; {} of them shown above";
    /// every rule of a kind (they fail for one reason)
    AllOfThem => "全部", "all";
    /// an unlabelled condition, by what it reads (`{}`: their labels)
    ConditionOn => "关于{}的条件", "the condition on {}";
    /// an unlabelled condition that reads nothing labelled
    ACondition => "条件", "a condition";
    /// an unlabelled computed value, by what it reads (`{}`: their labels)
    ComputedFrom => "由{}算得", "computed from {}";
    /// an unlabelled computed value that reads nothing labelled
    AComputedValue => "计算结果", "a computed value";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_chinese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
    }

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            let (zh, en) = (m.text(Lang::Zh), m.text(Lang::En));
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{m:?}");
            // Punctuation-only messages (a separator, a colon) are the same in both.
            let words = |t: &str| t.chars().any(|c| c.is_alphabetic());
            if words(zh) || words(en) {
                assert!(zh.chars().any(is_chinese), "{m:?}: the Chinese is {zh:?}");
                assert!(!en.chars().any(is_chinese), "{m:?}: the English is {en:?}");
            }
            assert_eq!(zh.matches("{}").count(), en.matches("{}").count(), "{m:?}");
        }
    }
}

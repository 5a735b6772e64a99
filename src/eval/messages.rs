//! What the evaluator says when a value cannot be computed, in Chinese and English.

crate::catalogue! {
    /// A message of the evaluator.
    pub enum EvalMsg {
        /// the label under the expression that failed
        LabelWhileComputing => "计算此处时出错", "while computing this";
        /// `first_day` or `last_day` of a month past the calendar
        NoSuchDay => "没有这一天", "no such day";
        /// an overflow (the operator)
        OutOfRange => "`{}` 的结果超出范围", "the result of `{}` is out of range";
        /// a date past the calendar
        OutsideCalendar => "日期超出日历范围", "the date is outside the calendar";
        /// `/ 0`
        DivisionByZero => "除数为零", "division by zero";
        /// working days without the calendar
        WorkingDaysNeedCalendar => "计算工作日需要日历", "working days need a calendar";
        /// an operator on values it does not take (the operator)
        CannotApply => "`{}` 不能用于这些值", "`{}` cannot be applied to these values";
        /// the step budget used up (the budget)
        TooManySteps => "评估此案件超过 {} 步：评估已停止", "more than {} steps to evaluate this case: evaluation stopped";
        /// what to do about it
        HelpSteps => "真实政策的一个案件只需几百步：此处的列表、月份或日期范围，或嵌套的汇总，所经历的步数远超任何真实案件", "a case of a real policy takes a few hundred steps: the list, range of months or dates, or aggregations nested here go through far more than any real case has";
        /// a year without a working-day calendar (the year)
        NoCalendar => "没有 {} 年的工作日日历：依赖它的结果未知", "no working-day calendar for {}: what depends on it is left unknown";
        /// what to do about it (the year, twice)
        HelpAddCalendar => "根据国务院办公厅关于 {} 年部分节假日安排的通知添加 `policies/calendars/{}.yaml`，并在政策中用 `calendar` 引用它", "add `policies/calendars/{}.yaml` from the State Council's holiday notice for {}, and name it in the policy with `calendar`";
    }
}

#[cfg(test)]
mod tests {
    use super::EvalMsg;

    #[test]
    fn every_message_has_both_languages() {
        EvalMsg::check_all().unwrap();
    }
}

//! What the calendar loader says about a calendar file, in Chinese and English.

crate::catalogue! {
    /// A message of the calendar loader.
    pub enum CalendarMsg {
        /// a file without a document (its name)
        Empty => "日历文件 `{}` 为空", "calendar file `{}` is empty";
        /// a file that is not a mapping
        NotMapping => "日历文件是包含 `year`、`source`、`holidays`、`workdays` 的映射", "a calendar file is a mapping with `year`, `source`, `holidays`, `workdays`";
        /// the label under it
        LabelNotMapping => "不是映射", "not a mapping";
        /// an unknown key (the key)
        UnknownKey => "日历文件中有未知的键 `{}`", "unknown key `{}` in a calendar file";
        /// the label under it
        LabelUnknownKey => "未知的键", "unknown key";
        /// the keys of a calendar (their list)
        HelpKeys => "可用的键：{}", "the keys are {}";
        /// no `year`
        NeedsYear => "日历需要 `year: YYYY`", "the calendar needs `year: YYYY`";
        /// the label under it
        LabelNoYear => "没有年份", "no year";
        /// a year loaded twice (the year, the file it came from first)
        AlreadyHas => "{} 年已有日历（来自 `{}`）", "{} already has a calendar (from `{}`)";
        /// no `source`
        NeedsSource => "日历必须注明所依据的通知（`source`）", "the calendar must cite the notice it comes from (`source`)";
        /// the label under it
        LabelNoSource => "没有来源", "no source";
        /// a holiday that ends before it starts
        ToBeforeFrom => "`to` 早于 `from`", "`to` is before `from`";
        /// a make-up working day on a weekday (the day, its weekday)
        MakeUpOnWeekday => "{} 是{}：调休上班日应在周末", "{} is a {}: a make-up working day falls on a weekend";
        /// a day both off and on (the day)
        HolidayAndWorkday => "{} 既是节假日又是调休上班日", "{} is both a holiday and a make-up working day";
        /// the label under it
        LabelListedTwice => "重复列出", "listed twice";
        /// a key of an item left out (the key)
        Missing => "缺少 `{}`", "`{}` is missing";
        /// a day of another year (the day, the year)
        NotInYear => "{} 不在 {} 年内", "{} is not in {}";
        /// a day badly written (the key)
        MustBeDate => "`{}` 必须是日期（YYYY-MM-DD）", "`{}` must be a date (YYYY-MM-DD)";
        /// Monday
        Mon => "星期一", "Mon";
        /// Tuesday
        Tue => "星期二", "Tue";
        /// Wednesday
        Wed => "星期三", "Wed";
        /// Thursday
        Thu => "星期四", "Thu";
        /// Friday
        Fri => "星期五", "Fri";
        /// Saturday
        Sat => "星期六", "Sat";
        /// Sunday
        Sun => "星期日", "Sun";
    }
}

impl CalendarMsg {
    /// The name of a day of the week.
    pub fn weekday(day: chrono::Weekday) -> CalendarMsg {
        use chrono::Weekday;
        match day {
            Weekday::Mon => CalendarMsg::Mon,
            Weekday::Tue => CalendarMsg::Tue,
            Weekday::Wed => CalendarMsg::Wed,
            Weekday::Thu => CalendarMsg::Thu,
            Weekday::Fri => CalendarMsg::Fri,
            Weekday::Sat => CalendarMsg::Sat,
            Weekday::Sun => CalendarMsg::Sun,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CalendarMsg;

    #[test]
    fn every_message_has_both_languages() {
        CalendarMsg::check_all().unwrap();
    }
}

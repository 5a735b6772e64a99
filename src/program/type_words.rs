//! Kinds of values in words (`以年计的期间`, `a period in years`), in both languages:
//! the checker names the types of a mismatch with them, the REPL the kind of a value.

use super::Type;
use crate::ast::Unit;
use crate::lang::Text;
use crate::value::EnumId;

crate::catalogue! {
    /// A word for a kind of value.
    pub enum TypeWord {
        /// a yes/no value
        Bool => "是/否", "a yes/no value";
        /// a number
        Number => "数字", "a number";
        /// text
        Text => "文本", "text";
        /// a date
        Date => "日期", "a date";
        /// a month
        Month => "月份", "a month";
        /// a period (its unit)
        Period => "以{}计的期间", "a period in {}";
        /// a resident ID number
        ResidentId => "身份证号码", "a resident ID number";
        /// a value of an enum (its label)
        Enum => "{}的取值", "a {} value";
        /// a list (of what)
        List => "{}的列表", "a list of {}";
        /// a record
        Record => "记录", "a record";
        /// a table
        Table => "表", "a table";
        /// a value of no known kind
        Anything => "任意值", "anything";
        /// years, as a unit
        Years => "年", "years";
        /// months, as a unit
        Months => "月", "months";
        /// days, as a unit
        Days => "天", "days";
        /// working days, as a unit
        WorkingDays => "工作日", "working days";
        /// yes/no values, as the items of a list
        Bools => "是/否", "yes/no values";
        /// numbers, as the items of a list
        Numbers => "数字", "numbers";
        /// texts, as the items of a list
        Texts => "文本", "texts";
        /// dates, as the items of a list
        Dates => "日期", "dates";
        /// months, as the items of a list
        MonthValues => "月份", "months";
        /// periods, as the items of a list (their unit)
        Periods => "以{}计的期间", "periods in {}";
        /// resident ID numbers, as the items of a list
        ResidentIds => "身份证号码", "resident ID numbers";
        /// values of an enum, as the items of a list (its label)
        Enums => "{}的取值", "{} values";
        /// lists, as the items of a list (of what)
        Lists => "{}的列表", "lists of {}";
        /// records, as the items of a list
        Records => "记录", "records";
        /// tables, as the items of a list
        Tables => "表", "tables";
        /// values of no known kind, as the items of a list
        Anythings => "任意值", "values";
    }
}

impl TypeWord {
    /// A unit, as a word.
    pub fn unit(unit: Unit) -> TypeWord {
        match unit {
            Unit::Years => TypeWord::Years,
            Unit::Months => TypeWord::Months,
            Unit::Days => TypeWord::Days,
            Unit::WorkingDays => TypeWord::WorkingDays,
        }
    }
}

/// What kind of value a type holds, in words; `enum_words` says it of an enum's values
/// (by the enum's label for a reader of decisions, by its name for a policy writer), one
/// value or, `true`, several (the items of a list).
pub fn type_text(ty: &Type, enum_words: &dyn Fn(EnumId, bool) -> Text) -> Text {
    kind_text(ty, false, enum_words)
}

/// [`type_text`], of one value or of several: `a list of dates`, not `of a date`.
fn kind_text(ty: &Type, several: bool, enum_words: &dyn Fn(EnumId, bool) -> Text) -> Text {
    use TypeWord::*;
    let word = match (ty, several) {
        (Type::Bool, false) => Bool,
        (Type::Bool, true) => Bools,
        (Type::Int, false) => Number,
        (Type::Int, true) => Numbers,
        (Type::Text, false) => Text,
        (Type::Text, true) => Texts,
        (Type::Date, false) => Date,
        (Type::Date, true) => Dates,
        (Type::Month, false) => Month,
        (Type::Month, true) => MonthValues,
        (Type::Quantity(unit), false) => return Period.with([TypeWord::unit(*unit)]),
        (Type::Quantity(unit), true) => return Periods.with([TypeWord::unit(*unit)]),
        (Type::ResidentId, false) => ResidentId,
        (Type::ResidentId, true) => ResidentIds,
        (Type::Enum(e), _) => return enum_words(*e, several),
        (Type::List(inner), false) => return List.with([kind_text(inner, true, enum_words)]),
        (Type::List(inner), true) => return Lists.with([kind_text(inner, true, enum_words)]),
        (Type::Record(_), false) => Record,
        (Type::Record(_), true) => Records,
        (Type::Table(_), false) => Table,
        (Type::Table(_), true) => Tables,
        (Type::Unknown, false) => Anything,
        (Type::Unknown, true) => Anythings,
    };
    word.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages() {
        TypeWord::check_all().unwrap();
    }

    #[test]
    fn a_type_is_told_in_each_language() {
        let enums = |_, _| TypeWord::Anything.into();
        let periods = Type::List(Box::new(Type::Quantity(Unit::WorkingDays)));
        assert_eq!(type_text(&periods, &enums).zh(), "以工作日计的期间的列表");
        assert_eq!(type_text(&periods, &enums).en(), "a list of periods in working days");
        let records = Type::List(Box::new(Type::Record(crate::program::RecordId(0))));
        assert_eq!(type_text(&records, &enums).zh(), "记录的列表");
        assert_eq!(type_text(&records, &enums).en(), "a list of records");
    }
}

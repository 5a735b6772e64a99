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
/// (by the enum's label for a reader of decisions, by its name for a policy writer).
pub fn type_text(ty: &Type, enum_words: &dyn Fn(EnumId) -> Text) -> Text {
    let word = match ty {
        Type::Bool => TypeWord::Bool,
        Type::Int => TypeWord::Number,
        Type::Text => TypeWord::Text,
        Type::Date => TypeWord::Date,
        Type::Month => TypeWord::Month,
        Type::Quantity(unit) => return TypeWord::Period.with([TypeWord::unit(*unit)]),
        Type::ResidentId => TypeWord::ResidentId,
        Type::Enum(e) => return enum_words(*e),
        Type::List(inner) => return TypeWord::List.with([type_text(inner, enum_words)]),
        Type::Record(_) => TypeWord::Record,
        Type::Table(_) => TypeWord::Table,
        Type::Unknown => TypeWord::Anything,
    };
    word.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages() {
        let all = TypeWord::ALL.iter().map(|m| (format!("{m:?}"), m.template()));
        crate::lang::check_catalogue(all).unwrap();
    }

    #[test]
    fn a_type_is_told_in_each_language() {
        let enums = |_| TypeWord::Anything.into();
        let periods = Type::List(Box::new(Type::Quantity(Unit::WorkingDays)));
        assert_eq!(type_text(&periods, &enums).zh(), "以工作日计的期间的列表");
        assert_eq!(type_text(&periods, &enums).en(), "a list of a period in working days");
    }
}

//! Resident ID numbers (公民身份号码, GB 11643-1999): 17 digits and a check character.
//! Digits 1–6 are the address code, 7–14 the birth date `YYYYMMDD`, 15–17 the order
//! code (odd for men, even for women), and the 18th the ISO 7064 MOD 11-2 check
//! character, a digit or an upper-case `X`.

use super::messages::CaseMsg;
use crate::lang::Text;
use chrono::NaiveDate;

/// Weights of the first 17 digits in the checksum.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check characters by weighted sum mod 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The sex that the order code (digit 17) gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// An odd 17th digit.
    Male,
    /// An even 17th digit.
    Female,
}

/// What a valid resident ID number tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdInfo {
    /// The birth date (digits 7–14).
    pub birth_date: NaiveDate,
    /// The sex (digit 17: odd male, even female).
    pub sex: Sex,
}

/// Why a text is not a valid resident ID number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// Not 18 characters long.
    Length {
        /// The number of characters found.
        found: usize,
    },
    /// A character other than a digit among the first 17 (1-based position).
    NotDigit {
        /// 1-based position of the first offending character.
        position: usize,
    },
    /// The 18th character is a lower-case `x`.
    LowerCaseX,
    /// The 18th character is neither a digit nor `X`.
    BadCheckChar,
    /// The check character does not match the first 17 digits.
    Checksum {
        /// The check character the first 17 digits call for.
        expected: char,
        /// The check character written.
        found: char,
    },
    /// Digits 7–14 are not a real date.
    BirthDate {
        /// The eight digits as written.
        digits: String,
    },
}

impl IdError {
    /// Whether this is a checksum failure (as opposed to a malformed number).
    pub fn is_checksum(&self) -> bool {
        matches!(self, IdError::Checksum { .. })
    }

    /// A short explanation of the problem, in both languages.
    pub fn describe(&self) -> Text {
        match self {
            IdError::Length { found } => CaseMsg::IdLength.with([found.to_string()]),
            IdError::NotDigit { position } => CaseMsg::IdNotDigit.with([position.to_string()]),
            IdError::LowerCaseX => CaseMsg::IdLowerX.into(),
            IdError::BadCheckChar => CaseMsg::IdBadCheckChar.into(),
            IdError::Checksum { expected, found } => {
                CaseMsg::IdChecksum.with([found.to_string(), expected.to_string()])
            }
            IdError::BirthDate { digits } => CaseMsg::IdBirthDate.with([digits.as_str()]),
        }
    }
}

/// The check character (`0`–`9` or `X`) for 17 digits; `None` unless given exactly 17
/// ASCII digits.
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes.iter().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Validates an ID number: 18 characters, 17 digits and a check character that matches,
/// and a real birth date. A wrong checksum is reported before a bad birth date, since a
/// typo anywhere breaks the checksum.
pub fn validate(id: &str) -> Result<IdInfo, IdError> {
    // The characters are looked at in place, not collected: the ID of every case read
    // is validated. Those of an ASCII ID are its bytes.
    let ascii = id.is_ascii();
    let length = if ascii { id.len() } else { id.chars().count() };
    if length != 18 {
        return Err(IdError::Length { found: length });
    }
    let not_digit = if ascii {
        id.bytes().take(17).position(|b| !b.is_ascii_digit())
    } else {
        id.chars().take(17).position(|c| !c.is_ascii_digit())
    };
    if let Some(i) = not_digit {
        return Err(IdError::NotDigit { position: i + 1 });
    }
    // The first 17 characters are ASCII digits: the 18th starts at byte 17.
    let Some(found) = id.get(17..).and_then(|last| last.chars().next()) else {
        return Err(IdError::Length { found: length });
    };
    if found == 'x' {
        return Err(IdError::LowerCaseX);
    }
    if !(found.is_ascii_digit() || found == 'X') {
        return Err(IdError::BadCheckChar);
    }
    // All 18 characters are ASCII now, so byte slicing is safe.
    let expected = check_char(&id[..17]).ok_or(IdError::BadCheckChar)?;
    if expected != found {
        return Err(IdError::Checksum { expected, found });
    }
    let digits = &id[6..14];
    let birth_date = parse_birth_date(digits).ok_or_else(|| IdError::BirthDate {
        digits: digits.to_string(),
    })?;
    let sex = if (id.as_bytes()[16] - b'0') % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok(IdInfo { birth_date, sex })
}

/// The birth date of a valid ID number.
pub fn birth_date(id: &str) -> Option<NaiveDate> {
    validate(id).ok().map(|info| info.birth_date)
}

/// The sex of a valid ID number.
pub fn sex(id: &str) -> Option<Sex> {
    validate(id).ok().map(|info| info.sex)
}

/// The date of eight ASCII digits `YYYYMMDD`, when it is one.
fn parse_birth_date(digits: &str) -> Option<NaiveDate> {
    let number = |range: std::ops::Range<usize>| {
        let digits = digits.as_bytes().get(range)?;
        digits
            .iter()
            .try_fold(0, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(4..6)?, number(6..8)?)
}

/// The ID number with its birth date and order code hidden, for messages and output:
/// `430102********1234` (first 6 characters, 8 stars, last 4). Text of another length
/// keeps its first 6 and last 4 characters when it has more than 10, and is all stars
/// otherwise.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    if n <= 10 {
        return "*".repeat(n);
    }
    let mut masked: String = chars[..6].iter().collect();
    masked.push_str(&"*".repeat(n - 10));
    masked.extend(&chars[n - 4..]);
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A checksum-valid ID from 17 digits.
    fn id17(first17: &str) -> String {
        format!("{first17}{}", check_char(first17).unwrap())
    }

    #[test]
    fn the_standard_example_is_valid() {
        let info = validate("11010519491231002X").unwrap();
        assert_eq!(info.birth_date, d("1949-12-31"));
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(check_char("11010519491231002"), Some('X'));
    }

    #[test]
    fn birth_dates_are_eight_digits_of_a_real_date() {
        assert_eq!(parse_birth_date("19750305"), Some(d("1975-03-05")));
        assert_eq!(parse_birth_date("00000101"), NaiveDate::from_ymd_opt(0, 1, 1));
        assert_eq!(parse_birth_date("19750230"), None);
        assert_eq!(parse_birth_date("1975030x"), None);
        assert_eq!(parse_birth_date("+1750305"), None);
        assert_eq!(parse_birth_date("1975030"), None);
    }

    #[test]
    fn sex_and_birth_date_come_from_the_digits() {
        let id = id17("43010219750310123");
        assert_eq!(id, "430102197503101234");
        assert_eq!(birth_date(&id), Some(d("1975-03-10")));
        assert_eq!(sex(&id), Some(Sex::Male));
    }

    #[test]
    fn errors_are_specific() {
        assert_eq!(
            validate("430102197503101235"),
            Err(IdError::Checksum {
                expected: '4',
                found: '5'
            })
        );
        assert!(validate("430102197503101235").unwrap_err().is_checksum());
        assert_eq!(validate("4301021975031012"), Err(IdError::Length { found: 16 }));
        assert_eq!(validate("43010219750310123a"), Err(IdError::BadCheckChar));
        assert_eq!(validate("11010519491231002x"), Err(IdError::LowerCaseX));
        assert_eq!(validate("4301021975-3101234"), Err(IdError::NotDigit { position: 11 }));
        assert_eq!(
            validate("年年年年年年年年年年年年年年年年年年"),
            Err(IdError::NotDigit { position: 1 })
        );
        let bad_date = id17("43010220250230123");
        assert_eq!(
            validate(&bad_date),
            Err(IdError::BirthDate {
                digits: "20250230".into()
            })
        );
        assert_eq!(check_char("1234"), None);
    }

    #[test]
    fn masking_hides_the_middle() {
        assert_eq!(mask("430102197503101234"), "430102********1234");
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(mask("12345"), "*****");
        assert_eq!(mask("年龄年龄年龄年龄年龄年龄"), "年龄年龄年龄**年龄年龄");
        assert_eq!(mask(""), "");
    }
}

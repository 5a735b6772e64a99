//! A date written plainly, `YYYY-MM-DD` in ASCII digits, and a month, `YYYY-MM`, read
//! from their bytes: a case of a batch holds dozens of dates and months, nearly all
//! written so. Anything else is for [`parse_date`](super::parse_date) or
//! [`parse_month`](super::parse_month), which read it or say why it is none.

use crate::value::YearMonth;
use chrono::NaiveDate;

/// A valid date written `YYYY-MM-DD` with ASCII digits; `None` for anything else
/// (which [`parse_date`](super::parse_date) reads or explains).
pub(crate) fn plain_date(text: &[u8]) -> Option<NaiveDate> {
    // `YYYY-MM-` as one word, its two hyphens made zeros, so that its digits are checked
    // with the day's at once.
    let (Some(head), Some(&[d0, d1])) = (text.first_chunk::<8>(), text.get(8..)) else {
        return None;
    };
    let word = u64::from_le_bytes(*head);
    if word & HYPHENS_MASK != HYPHENS {
        return None;
    }
    let [y0, y1, y2, y3, _, m0, m1, _] = digits((word & !HYPHENS_MASK) | (ZEROS & HYPHENS_MASK))?;
    let [d0, d1] = [d0.wrapping_sub(b'0'), d1.wrapping_sub(b'0')];
    if d0 > 9 || d1 > 9 {
        return None;
    }
    let year = i32::from(y0) * 1000 + i32::from(y1) * 100 + i32::from(y2) * 10 + i32::from(y3);
    let (month, day) = (u32::from(m0 * 10 + m1), u32::from(d0 * 10 + d1));
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A valid month written `YYYY-MM` with ASCII digits; `None` for anything else (which
/// [`parse_month`](super::parse_month) reads or explains).
pub(crate) fn plain_month(text: &[u8]) -> Option<YearMonth> {
    // `"YYYY-MM"` as one word, with the quote after it: the hyphen made a zero and the
    // quote too, so that the six digits are checked with them at once.
    let head = text.first_chunk::<8>()?;
    let word = u64::from_le_bytes(*head);
    if word & MONTH_MARKS_MASK != MONTH_MARKS {
        return None;
    }
    let [y0, y1, y2, y3, _, m0, m1, _] = digits((word & !MONTH_MARKS_MASK) | (ZEROS & MONTH_MARKS_MASK))?;
    let year = i32::from(y0) * 1000 + i32::from(y1) * 100 + i32::from(y2) * 10 + i32::from(y3);
    let month = u32::from(m0 * 10 + m1);
    (1..=12).contains(&month).then(|| YearMonth::new(year, month))
}

/// The places of the hyphen and the closing quote in `YYYY-MM"` read as a
/// little-endian word, and the two there.
const MONTH_MARKS_MASK: u64 = 0xFF00_00FF_0000_0000;
const MONTH_MARKS: u64 = 0x2200_002D_0000_0000;

/// The places of the hyphens in `YYYY-MM-` read as a little-endian word, and the
/// hyphens there.
const HYPHENS_MASK: u64 = 0xFF00_00FF_0000_0000;
const HYPHENS: u64 = 0x2D00_002D_0000_0000;
/// Eight ASCII zeros.
const ZEROS: u64 = 0x3030_3030_3030_3030;

/// The values of eight ASCII digits (as a little-endian word), or `None` if one is not
/// a digit: the eight are checked at once (a digit is `0x30..=0x39`: its high half is
/// 3, and adding 6 leaves it so).
fn digits(word: u64) -> Option<[u8; 8]> {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    let all_digits = word & HIGH == ZEROS && word.wrapping_add(0x0606_0606_0606_0606) & HIGH == ZEROS;
    all_digits.then(|| word.wrapping_sub(ZEROS).to_le_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{parse_date, parse_month};

    /// Every month written plainly is read as `parse_month` reads it, and any text with
    /// one byte changed is either read so too or left to it.
    #[test]
    fn plain_months_are_read_as_parse_month_reads_them() {
        let mut texts: Vec<String> = [
            "2025-03", "0000-01", "9999-12", "2025-13", "2025-00", "2025-1", "2025/01", "+025-01",
        ]
        .map(String::from)
        .to_vec();
        for base in ["2025-03", "1999-12"] {
            for at in 0..base.len() {
                for b in 0..=u8::MAX {
                    if let Some(c) = char::from_u32(u32::from(b)) {
                        texts.push(format!("{}{c}{}", &base[..at], &base[at + 1..]));
                    }
                }
            }
        }
        let mut read = 0;
        for text in &texts {
            let quoted = format!("{text}\"");
            let plain = plain_month(quoted.as_bytes());
            let parsed = parse_month(text).ok();
            assert!(plain.is_none() || plain == parsed, "{text}");
            if text.len() == 7 && text.is_ascii() && parsed.is_some() {
                assert_eq!(plain, parsed, "{text}");
                read += 1;
            }
        }
        assert!(read > 20, "{read}");
        // Without its closing quote right after, a month is no plain month.
        assert_eq!(plain_month(b"2025-03x"), None);
        assert_eq!(plain_month(b"2025-03"), None);
    }

    #[test]
    fn plain_dates_are_read_as_parse_date_reads_them() {
        let mut texts = vec![
            "2025-03-10",
            "2024-02-29",
            "2025-02-29",
            "0000-01-01",
            "9999-12-31",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "2025-01-32",
            "2025/01/10",
            "2025-1-10",
            "20250-1-10",
            "2025-01-1x",
            "+025-01-10",
        ];
        let bytes: Vec<String> = (0..=u8::MAX)
            .filter_map(|b| char::from_u32(u32::from(b)))
            .flat_map(|c| (0..10).map(move |at| format!("{}{c}{}", &"2025-03-10"[..at], &"2025-03-10"[at + 1..])))
            .collect();
        texts.extend(bytes.iter().map(String::as_str));
        for text in texts {
            let plain = plain_date(text.as_bytes());
            assert!(plain.is_none() || plain == parse_date(text).ok(), "{text}");
            if text.len() == 10 && text.is_ascii() && parse_date(text).is_ok() {
                assert_eq!(plain, parse_date(text).ok(), "{text}");
            }
        }
    }

    #[test]
    fn eight_digits_are_checked_as_one_word() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut bytes = *b"01234567";
                bytes[at] = b;
                let expected = b.is_ascii_digit().then(|| bytes.map(|d| d.wrapping_sub(b'0')));
                assert_eq!(digits(u64::from_le_bytes(bytes)), expected, "{b:#x} at {at}");
            }
        }
    }
}

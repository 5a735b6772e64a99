//! Chinese numerals as official documents number their sections (`一`, `十二`,
//! `九十九`, `一百零五`): read into numbers, so that a heading is told from text that
//! happens to start like one by its place in the sequence.

/// The value of one digit (`〇`/`零` to `九`, and `两`).
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// The value of a whole Chinese numeral (`十一` → 11, `二十` → 20, `一百零五` → 105), up
/// to 9999; `None` for anything else (an empty text, `十十`, a stray character).
pub fn value(numeral: &str) -> Option<u32> {
    let mut total = 0u32;
    // A digit waiting for its multiplier (`二` in `二十`), and the last multiplier
    // used: each must be smaller than the one before (`一百一十`, not `十百`).
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    let mut any = false;
    for c in numeral.chars() {
        any = true;
        if let Some(d) = digit(c) {
            if pending.is_some_and(|p| p != 0) {
                return None;
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        if unit >= last_unit {
            return None;
        }
        // `十二` is 12: a ten standing first counts one ten.
        let times = match pending.take() {
            Some(0) => return None,
            Some(d) => d,
            None if total == 0 => 1,
            None => return None,
        };
        total += times * unit;
        last_unit = unit;
    }
    // A zero stands only between digits (`一百零五`), never last.
    if !any || pending == Some(0) {
        return None;
    }
    Some(total + pending.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_are_read_up_to_thousands() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("十九", 19),
            ("二十", 20),
            ("二十三", 23),
            ("五十", 50),
            ("九十九", 99),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两百", 200),
            ("一千零一", 1001),
        ];
        for (text, n) in cases {
            assert_eq!(value(text), Some(n), "{text}");
        }
        // Every number to 99 written as documents write it reads back.
        let ones = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        for n in 1..100u32 {
            let text = match (n / 10, n % 10) {
                (0, u) => ones[u as usize].to_string(),
                (1, u) => format!("十{}", ones[u as usize]),
                (t, u) => format!("{}十{}", ones[t as usize], ones[u as usize]),
            };
            assert_eq!(value(&text), Some(n), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_numeral_has_no_value() {
        for text in ["", "零", "十十", "百十百", "一二", "十a", "a", "二十零", "百一百"] {
            assert_eq!(value(text), None, "{text:?}");
        }
    }
}

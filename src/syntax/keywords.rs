//! The language's words in its two keyword sets: English (`define`, `when`, `years`)
//! and Chinese (`定义`, `当`, `年`). A file may mix them; the grammar takes either
//! word of each pair, lowering reads the Chinese word as its English twin
//! ([`in_english`]), and `zhengce fmt --keywords` writes one set or the other
//! ([`word_in`]). A test keeps this table equal to the grammar's alternatives.
//!
//! No dependency, and nothing but this table: `build.rs` includes the file too (it
//! cuts policy files at their item keywords, `split.rs`).

/// Which keyword set a word or a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordSet {
    /// `define`, `when`, `and`, `years`.
    English,
    /// `定义`, `当`, `且`, `年`.
    Chinese,
}

/// One keyword: its English words (the first is the one written; a unit's second is its
/// singular, written after `1`) and its Chinese word.
#[derive(Debug, Clone, Copy)]
pub struct Keyword {
    /// The English words, the usual one first.
    pub english: &'static [&'static str],
    /// The Chinese word.
    pub chinese: &'static str,
}

macro_rules! keywords {
    ($($zh:literal = $($en:literal)|+;)*) => {
        /// Every keyword of the language with its two spellings (`en`, a plain name
        /// outside labels, has no Chinese twin: what follows it is English text).
        pub const KEYWORDS: &[Keyword] = &[$(Keyword { english: &[$($en),+], chinese: $zh }),*];
    };
}

keywords! {
    // The header.
    "政策" = "policy";
    "标题" = "title";
    "发文机关" = "issuer";
    "文号" = "document";
    "印发日期" = "issued";
    "施行日期" = "effective";
    "有效期" = "valid_for";
    "未载明" = "unspecified";
    "依据" = "uses";
    "日历" = "calendar";
    "修订" = "amends";
    "截至" = "until";
    "原文" = "source_text";
    "注" = "note";
    // Declarations.
    "枚举" = "enum";
    "案卷" = "case";
    "列表" = "list";
    "元素为" = "of";
    "自" = "from";
    "参数" = "param";
    "表" = "table";
    "按" = "by";
    "定义" = "define";
    "引用" = "cites";
    "当" = "when";
    "级别" = "severity";
    "提示" = "message";
    "决定" = "decision";
    "给出" = "yields";
    "顺序" = "order";
    "替换" = "replace";
    "废止" = "repeal";
    "字段" = "field";
    // Rule kinds.
    "类别" = "category";
    "退出" = "exit";
    "帮扶类" = "tier";
    "时限" = "deadline";
    "义务" = "obligation";
    "待遇" = "entitlement";
    "转介" = "referral";
    "限制" = "limit";
    "核查" = "check";
    // Severities.
    "错误" = "error";
    "警告" = "warning";
    "信息" = "info";
    // Expressions.
    "且" = "and";
    "或" = "or";
    "非" = "not";
    "为" = "is";
    "空值" = "absent";
    "有值" = "present";
    "如果" = "if";
    "则" = "then";
    "否则" = "else";
    "匹配" = "match";
    "属于" = "in";
    "满足" = "where";
    "整除" = "div";
    "真" = "true";
    "假" = "false";
    "成立" = "holds";
    // Units.
    "年" = "years" | "year";
    "个月" = "months" | "month";
    "个工作日" = "working_days" | "working_day";
    "日" = "days" | "day";
    // Aggregations.
    "计数" = "count";
    "任一" = "any";
    "全部" = "all";
    "合计" = "sum";
    "最小" = "min";
    "最大" = "max";
    "最晚" = "latest";
    "最早" = "earliest";
    "最长连续" = "longest_run";
    "覆盖月数" = "months_covered";
    "筛选" = "filter";
    "排序" = "sorted";
}

/// The keyword a word spells, in either set.
pub fn keyword(word: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.chinese == word || k.english.contains(&word))
}

/// A keyword's English word for `word` (`定义` → `define`); any other word unchanged.
/// Lowering reads keywords through this, so it knows only the English ones.
pub fn in_english(word: &str) -> &str {
    match KEYWORDS.iter().find(|k| k.chinese == word) {
        Some(k) => k.english[0],
        None => word,
    }
}

/// `word`, a keyword, in `set`: its Chinese word, or its English word (`singular`
/// asks for a unit's singular, after `1`). `None` for a word that is no keyword.
pub fn word_in(word: &str, set: KeywordSet, singular: bool) -> Option<&'static str> {
    let k = keyword(word)?;
    Some(match set {
        KeywordSet::Chinese => k.chinese,
        // An English word stays as written.
        KeywordSet::English => match k.english.iter().find(|w| **w == word) {
            Some(written) => written,
            None if singular && k.english.len() > 1 => k.english[1],
            None => k.english[0],
        },
    })
}

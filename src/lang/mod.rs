//! The two languages zhengce speaks, which one the user asked for, and [`Text`]: words
//! kept in both until they are shown.

mod text;

pub use text::{Template, Text, check_catalogue};

/// The language of every message.
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
    /// locale of messages as POSIX orders it (`LC_ALL`, then `LC_MESSAGES`, then `LANG`,
    /// the first that is set and not empty: Chinese for `zh_*`, English for any other
    /// language's locale), else Chinese, also for the C and POSIX locales, which name no
    /// language. `--lang` wins over all of them.
    pub fn from_env() -> Lang {
        let var = |name| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let locale = var("LC_ALL").or_else(|| var("LC_MESSAGES")).or_else(|| var("LANG"));
        Lang::from_vars(std::env::var("ZHENGCE_LANG").ok().as_deref(), locale.as_deref())
    }

    /// [`Lang::from_env`] on given values of `ZHENGCE_LANG` and of the locale.
    pub fn from_vars(zhengce_lang: Option<&str>, locale: Option<&str>) -> Lang {
        let chosen = zhengce_lang.map(str::trim).and_then(|v| match v.get(..2) {
            Some(p) if p.eq_ignore_ascii_case("zh") => Some(Lang::Zh),
            Some(p) if p.eq_ignore_ascii_case("en") => Some(Lang::En),
            _ => None,
        });
        // The C and POSIX locales (a container's or a CI runner's default) ask for no
        // language: Chinese, zhengce's default, as when `LANG` is unset.
        let no_preference = |l: &str| l.is_empty() || l == "C" || l.starts_with("C.") || l == "POSIX";
        chosen.unwrap_or(match locale.map(str::trim) {
            None => Lang::Zh,
            Some(l) if no_preference(l) || l.starts_with("zh") => Lang::Zh,
            Some(_) => Lang::En,
        })
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
            (None, Some("C.UTF-8"), Lang::Zh),
            (None, Some("POSIX"), Lang::Zh),
            (None, Some("C"), Lang::Zh),
            (None, Some("fr_FR.UTF-8"), Lang::En),
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

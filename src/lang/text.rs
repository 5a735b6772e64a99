//! [`Text`]: words for a user, kept in both languages until they are shown, so that a
//! diagnostic made deep in the pipeline is told in the language chosen at the end.

use super::Lang;
use std::borrow::Cow;
use std::sync::Arc;

/// A catalogue message in both languages; `{}` marks where a value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// The Chinese text.
    pub zh: &'static str,
    /// The English text.
    pub en: &'static str,
}

impl Template {
    /// The text in a language.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Words shown to a user, in whichever language is chosen when they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The same in either language: a name, a value, a quotation from a file.
    Verbatim(String),
    /// A text given in each language (a policy's label or message), shared: a
    /// diagnostic made for every case clones it without copying the text.
    Both {
        /// The Chinese text.
        zh: Arc<str>,
        /// The English text.
        en: Arc<str>,
    },
    /// A catalogue message with its `{}`s filled in by the values, in order.
    Message(Template, Box<[Text]>),
}

impl Text {
    /// The same words, sharing no text with this one: for a thread to count its clones
    /// on its own cache lines.
    pub fn unshared(&self) -> Text {
        match self {
            Text::Verbatim(s) => Text::Verbatim(s.clone()),
            Text::Both { zh, en } => Text::both(&**zh, &**en),
            Text::Message(template, args) => Text::Message(*template, args.iter().map(Text::unshared).collect()),
        }
    }

    /// A catalogue message with its values.
    pub fn message(template: Template, args: impl IntoIterator<Item = Text>) -> Text {
        Text::Message(template, args.into_iter().collect())
    }

    /// A text in each language.
    pub fn both(zh: impl Into<Arc<str>>, en: impl Into<Arc<str>>) -> Text {
        Text::Both {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The words in a language.
    pub fn get(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Text::Verbatim(s) => Cow::Borrowed(s),
            Text::Both { zh, en } => Cow::Borrowed(if lang == Lang::En { en } else { zh }),
            Text::Message(t, args) if args.is_empty() => Cow::Borrowed(t.get(lang)),
            Text::Message(t, _) => {
                // Room for the words filled in, so that the text grows once at most.
                let mut out = String::with_capacity(t.get(lang).len() + 64);
                self.write(lang, &mut out);
                Cow::Owned(out)
            }
        }
    }

    /// Appends the words in a language to `out`.
    pub fn write(&self, lang: Lang, out: &mut String) {
        match self {
            Text::Verbatim(s) => out.push_str(s),
            Text::Both { zh, en } => out.push_str(if lang == Lang::En { en } else { zh }),
            Text::Message(t, args) => {
                // The places are found byte by byte: `split("{}")` sets up a substring
                // search for each message, which cost more than the message.
                let template = t.get(lang);
                let mut from = 0;
                let mut k = 0;
                for at in memchr::memchr_iter(b'{', template.as_bytes()) {
                    if at < from || template.as_bytes().get(at + 1) != Some(&b'}') {
                        continue;
                    }
                    out.push_str(&template[from..at]);
                    if let Some(arg) = args.get(k) {
                        arg.write(lang, out);
                    }
                    k += 1;
                    from = at + 2;
                }
                out.push_str(&template[from..]);
            }
        }
    }

    /// The words in Chinese.
    pub fn zh(&self) -> String {
        self.get(Lang::Zh).into_owned()
    }

    /// The words in English.
    pub fn en(&self) -> String {
        self.get(Lang::En).into_owned()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Verbatim(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Verbatim(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Verbatim(s.clone())
    }
}

impl From<Template> for Text {
    fn from(t: Template) -> Text {
        Text::Message(t, Box::new([]))
    }
}

/// Declares a catalogue: an enum of messages, each with its Chinese and its English
/// text (the syntax takes both, so a message cannot be added in one language only),
/// `ALL` for the test that checks them, and `with` to fill in values.
#[macro_export]
macro_rules! catalogue {
    ($(#[$enum_doc:meta])* $vis:vis enum $enum:ident {
        $($(#[$doc:meta])* $name:ident => $zh:literal, $en:literal;)*
    }) => {
        $(#[$enum_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $enum {
            $($(#[$doc])* $name,)*
        }

        impl $enum {
            /// Every message, for the test that each has both languages.
            pub const ALL: &'static [$enum] = &[$($enum::$name,)*];

            /// The message in both languages.
            pub fn template(self) -> $crate::lang::Template {
                match self {
                    $($enum::$name => $crate::lang::Template { zh: $zh, en: $en },)*
                }
            }

            /// Checks every message (see [`check_catalogue`](crate::lang::check_catalogue)),
            /// for the catalogue's test.
            pub fn check_all() -> Result<(), String> {
                $crate::lang::check_catalogue(Self::ALL.iter().map(|m| (format!("{m:?}"), m.template())))
            }

            /// The text in a language.
            pub fn text(self, lang: $crate::lang::Lang) -> &'static str {
                self.template().get(lang)
            }

            /// The message with its `{}`s filled in by `args`, in order.
            pub fn with<T: Into<$crate::lang::Text>>(self, args: impl IntoIterator<Item = T>) -> $crate::lang::Text {
                $crate::lang::Text::message(self.template(), args.into_iter().map(Into::into))
            }
        }

        impl From<$enum> for $crate::lang::Text {
            fn from(m: $enum) -> $crate::lang::Text {
                $crate::lang::Text::from(m.template())
            }
        }
    };
}

/// Checks a catalogue: each message has a Chinese text that is Chinese and an English
/// text that is not, with the same number of `{}`s. For the catalogues' tests.
pub fn check_catalogue(templates: impl IntoIterator<Item = (String, Template)>) -> Result<(), String> {
    fn is_chinese(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
    }
    for (name, Template { zh, en }) in templates {
        if zh.trim().is_empty() || en.trim().is_empty() {
            return Err(format!("{name}: a text is empty"));
        }
        // Punctuation-only messages (a separator, a colon) are the same in both.
        let words = |t: &str| t.chars().any(|c| c.is_alphabetic());
        if (words(zh) || words(en)) && !zh.chars().any(is_chinese) {
            return Err(format!("{name}: the Chinese is {zh:?}"));
        }
        // A name in backticks is as written, in either language (`是`).
        let outside_backticks = en.split('`').step_by(2).collect::<String>();
        if outside_backticks.chars().any(is_chinese) {
            return Err(format!("{name}: the English is {en:?}"));
        }
        if zh.matches("{}").count() != en.matches("{}").count() {
            return Err(format!("{name}: the two texts take different numbers of values"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_filled_in_in_the_language_asked_for() {
        let inner = Text::both("年龄", "age");
        let t = Text::message(
            Template {
                zh: "{}不是{}",
                en: "{} is not {}",
            },
            [inner, Text::from("x")],
        );
        assert_eq!(t.zh(), "年龄不是x");
        assert_eq!(t.en(), "age is not x");
    }

    /// Braces that are not a place, places at either end and places without a value
    /// are filled in as splitting at every `{}` would.
    #[test]
    fn the_places_are_those_between_the_parts() {
        for zh in ["{}", "{{}}", "{}}{", "a{}{}b", "{x}{}", "无{", "{}开头{}结尾{}{}"] {
            let split = |args: &[&str]| {
                let mut parts = zh.split("{}");
                let mut out = parts.next().unwrap_or("").to_string();
                for (k, part) in parts.enumerate() {
                    out.push_str(args.get(k).copied().unwrap_or(""));
                    out.push_str(part);
                }
                out
            };
            let static_zh: &'static str = zh;
            let t = Text::message(Template { zh: static_zh, en: "" }, [Text::from("一"), Text::from("二")]);
            assert_eq!(t.zh(), split(&["一", "二"]), "{zh}");
        }
    }

    #[test]
    fn the_check_finds_a_message_in_one_language_only() {
        let ok = Template {
            zh: "错误",
            en: "error",
        };
        let bad = Template {
            zh: "error",
            en: "error",
        };
        assert!(check_catalogue([("ok".to_string(), ok)]).is_ok());
        assert!(check_catalogue([("bad".to_string(), bad)]).is_err());
    }
}

//! The text of the notice a policy encodes (`source_text "…"` in its header), read for
//! `zhengce doc` from where the policy was read: beside the file on disk, or among the
//! built-in files for a built-in policy; an amendment without one of its own has the
//! notice of the policy it amends. No other command reads it.

use super::messages::LoadMsg;
use super::{BUILTIN_PREFIX, LoadedPolicy, NamedFile, PolicySource, normalize, relative_to};
use crate::ast::Spanned;
use crate::diagnostic::{Code, Diagnostic};
use crate::input::InputLimits;
use crate::source::FileId;
use std::sync::Arc;

/// A notice's text, read into the policy's source map.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The file, in [`LoadedPolicy::sources`].
    pub file: FileId,
    /// Its name as shown (`builtin:policies/…` for a built-in file).
    pub name: String,
    /// Its text.
    pub text: Arc<str>,
}

impl LoadedPolicy {
    /// Reads the notice the main policy file names with `source_text` (a path relative
    /// to that file), from `source`, into [`LoadedPolicy::sources`]. An amendment that
    /// names none has the notice of the policy it amends (named by that file, relative
    /// to it), and so on back. A policy that has none, and a file that cannot be read,
    /// is too large or is not UTF-8, is a diagnostic at the header or at the entry, with
    /// a hint.
    pub fn read_source_text(
        &mut self,
        source: PolicySource,
        limits: InputLimits,
    ) -> Result<SourceText, Box<Diagnostic>> {
        let Some(main) = self.files.last() else {
            return Err(Box::new(Diagnostic::error(Code::NoSourceText, LoadMsg::NoSourceText)));
        };
        let Some((at, named)) = self.naming_source_text() else {
            let d = Diagnostic::error(Code::NoSourceText, LoadMsg::NoSourceText)
                .at(main.header.id.span, LoadMsg::ThisPolicy)
                .with_help(LoadMsg::NameSourceText);
            return Err(Box::new(d));
        };
        let path = relative_to(&self.dir_of(at), &named.node);
        let file = NamedFile {
            path: &path,
            what: LoadMsg::SourceText,
            named_at: Some(named.span),
        };
        let (file, text) = file.read_into(&mut self.sources, source, limits, None)?;
        Ok(SourceText {
            file,
            name: self.sources.get(file).name.clone(),
            text,
        })
    }

    /// The file whose `source_text` the main file's notice is, with that entry: the
    /// main file's own, else that of the file it amends, and so on back.
    fn naming_source_text(&self) -> Option<(usize, Spanned<String>)> {
        let mut at = self.files.len().checked_sub(1)?;
        // Each step goes to another file: no more steps than files.
        for _ in 0..self.files.len() {
            let header = &self.files[at].header;
            if let Some(named) = &header.source_text {
                return Some((at, named.clone()));
            }
            let amended = relative_to(&self.dir_of(at), &header.amends.as_ref()?.node);
            at = (0..self.files.len()).find(|&i| self.path_of(i) == amended)?;
        }
        None
    }

    /// The path of the `i`th policy file, as the loader read it.
    fn path_of(&self, i: usize) -> String {
        let name = &self.sources.get(self.files[i].file).name;
        normalize(name.strip_prefix(BUILTIN_PREFIX).unwrap_or(name))
    }

    /// The folder of the `i`th policy file, which the paths it names are relative to.
    fn dir_of(&self, i: usize) -> String {
        let path = self.path_of(i);
        path.rsplit_once('/').map_or("", |(d, _)| d).to_string()
    }
}

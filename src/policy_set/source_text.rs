//! The text of the notice a policy encodes (`source_text "…"` in its header), read for
//! `zhengce doc` from where the policy was read: beside the file on disk, or among the
//! built-in files for a built-in policy. No other command reads it.

use super::messages::LoadMsg;
use super::{BUILTIN_PREFIX, LoadedPolicy, NamedFile, PolicySource, relative_to};
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
    /// to that file), from `source`, into [`LoadedPolicy::sources`]. A policy that
    /// names none, and a file that cannot be read, is too large or is not UTF-8, is a
    /// diagnostic at the header or at the entry, with a hint.
    pub fn read_source_text(
        &mut self,
        source: PolicySource,
        limits: InputLimits,
    ) -> Result<SourceText, Box<Diagnostic>> {
        let Some(main) = self.files.last() else {
            return Err(Box::new(Diagnostic::error(Code::NoSourceText, LoadMsg::NoSourceText)));
        };
        let Some(named) = &main.header.source_text else {
            let d = Diagnostic::error(Code::NoSourceText, LoadMsg::NoSourceText)
                .at(main.header.id.span, LoadMsg::ThisPolicy)
                .with_help(LoadMsg::NameSourceText);
            return Err(Box::new(d));
        };
        let policy_name = &self.sources.get(main.file).name;
        let policy_path = policy_name.strip_prefix(BUILTIN_PREFIX).unwrap_or(policy_name);
        let dir = policy_path.rsplit_once('/').map_or("", |(d, _)| d);
        let path = relative_to(dir, &named.node);
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
}

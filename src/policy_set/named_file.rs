//! Reading a file a policy names (a policy it uses or amends, a calendar, its source
//! text) into the source map: from disk or among the built-in files, within the size
//! limit, each problem a diagnostic at the place the policy names the file.

use super::messages::{LoadMsg, read_error};
use super::{BUILTIN_PREFIX, PolicySource};
use crate::diagnostic::{Code, Diagnostic};
use crate::input::{DecodedText, InputLimits, ReadError};
use crate::lang::Text;
use crate::source::{FileId, SourceMap, Span};

/// A file a policy names (a policy it uses or amends, a calendar, its source text).
pub(super) struct NamedFile<'a> {
    /// Its path, from the current folder (or among the built-in files).
    pub path: &'a str,
    /// What file it is, for the messages.
    pub what: LoadMsg,
    /// Where the policy names it.
    pub named_at: Option<Span>,
}

impl NamedFile<'_> {
    /// Reads the file (or takes the bytes `given` for it) into `sources`; a located
    /// diagnostic when it cannot be read, is too large or is not UTF-8.
    pub fn read_into(
        &self,
        sources: &mut SourceMap,
        source: PolicySource,
        limits: InputLimits,
        given: Option<Vec<u8>>,
    ) -> Result<(FileId, std::sync::Arc<str>), Box<Diagnostic>> {
        let (path, what) = (self.path, self.what);
        let given_text = given.is_some();
        let bytes = match given.map_or_else(|| source.read(path, limits.policy_bytes), Ok) {
            Ok(bytes) => bytes,
            Err(e) => {
                let (code, help) = match e {
                    // Named on the command line: not a path inside a policy file.
                    ReadError::Io(_) if self.named_at.is_none() => (Code::FileNotFound, LoadMsg::CheckThePath.into()),
                    ReadError::Io(_) => (Code::FileNotFound, LoadMsg::RelativePaths.into()),
                    ReadError::TooLarge { .. } => (Code::FileRefused, LoadMsg::RaiseLimit.into()),
                    ReadError::NotRegular(_) => (Code::FileRefused, LoadMsg::NameAFile.with([what])),
                };
                let message = LoadMsg::CannotRead.with([Text::from(what), Text::from(path), read_error(&e)]);
                let d = Diagnostic::error(code, message).at_opt(self.named_at).with_help(help);
                return Err(Box::new(d));
            }
        };
        let decoded = DecodedText::decode(bytes);
        // A built-in file says so wherever its name is shown: it is not the file of
        // the same name on disk, which a policy writer may be editing.
        let name = match (source, given_text) {
            (PolicySource::Builtin, false) => format!("{BUILTIN_PREFIX}{path}"),
            _ => path.to_string(),
        };
        let file = sources.add(name, decoded.text);
        if let Some(&bad) = decoded.invalid.first() {
            let d = Diagnostic::error(Code::InvalidUtf8, LoadMsg::NotUtf8.with([what]))
                .at(Span::new(file, bad, bad + 1), LoadMsg::ThisByte)
                .with_help(LoadMsg::SaveAsUtf8);
            return Err(Box::new(d));
        }
        Ok((file, sources.get(file).text.clone()))
    }
}

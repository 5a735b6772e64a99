//! The documents an editor holds open (their text as typed, not as saved), and the
//! `file:` URIs the protocol names files by.

use crate::policy_set::LoadedPolicy;
use lsp_types::Uri;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::str::FromStr;

/// What kind of file a document is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A policy file (`.policy`).
    Policy,
    /// A case file (`.yaml`, `.yml`).
    Case,
    /// Anything else: left alone.
    Other,
}

/// An open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its text as the editor has it.
    pub text: String,
    /// The file it is.
    pub path: PathBuf,
}

/// The open documents, by URI (ordered: the same edits give the same answers), and the
/// policies loaded with them since they last changed: a change checks each open policy
/// once, and the requests until the next change use what that found.
#[derive(Debug, Default)]
pub struct Documents {
    open: BTreeMap<String, Document>,
    loaded: RefCell<HashMap<PathBuf, Rc<LoadedPolicy>>>,
}

impl Documents {
    /// Opens (or replaces) a document; `None` for a URI that names no local file.
    pub fn open(&mut self, uri: &Uri, text: String) -> Option<&Document> {
        let path = path_of(uri)?;
        let key = uri.as_str().to_string();
        self.loaded.borrow_mut().clear();
        self.open.insert(key.clone(), Document { text, path });
        self.open.get(&key)
    }

    /// Closes a document.
    pub fn close(&mut self, uri: &Uri) {
        self.loaded.borrow_mut().clear();
        self.open.remove(uri.as_str());
    }

    /// The policy at `path` loaded with the open documents, loaded once per change.
    pub fn loaded(&self, path: &Path, load: impl FnOnce() -> LoadedPolicy) -> Rc<LoadedPolicy> {
        if let Some(loaded) = self.loaded.borrow().get(path) {
            return loaded.clone();
        }
        let loaded = Rc::new(load());
        self.loaded.borrow_mut().insert(path.to_path_buf(), loaded.clone());
        loaded
    }

    /// An open document.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    /// Every open document's path and text, for reading them in place of the files.
    pub fn texts(&self) -> Vec<(String, String)> {
        self.open
            .values()
            .map(|d| (d.path.to_string_lossy().into_owned(), d.text.clone()))
            .collect()
    }

    /// The open documents of a kind.
    pub fn of_kind(&self, kind: DocumentKind) -> impl Iterator<Item = (&str, &Document)> {
        self.open
            .iter()
            .filter(move |(_, d)| kind_of(&d.path) == kind)
            .map(|(uri, d)| (uri.as_str(), d))
    }
}

/// What kind of file `path` is.
pub fn kind_of(path: &Path) -> DocumentKind {
    match path.extension().and_then(|e| e.to_str()) {
        Some("policy") => DocumentKind::Policy,
        Some("yaml" | "yml") => DocumentKind::Case,
        _ => DocumentKind::Other,
    }
}

/// The local file a `file:` URI names (its path percent-decoded).
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file:///a/b` (no host) or `file://localhost/a/b`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The `file:` URI of an absolute path (every byte but the unreserved ones and `/`
/// percent-encoded).
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_chinese_and_spaces_goes_to_a_uri_and_back() {
        let path = Path::new("/tmp/湖南 政策/a.policy");
        let uri = uri_of(path).expect("a URI");
        assert!(uri.as_str().starts_with("file:///tmp/%E6%B9%96"), "{}", uri.as_str());
        assert_eq!(path_of(&uri).as_deref(), Some(path));
        let given = Uri::from_str("file:///tmp/a%20b.policy").expect("a URI");
        assert_eq!(path_of(&given), Some(PathBuf::from("/tmp/a b.policy")));
        assert_eq!(kind_of(Path::new("x.yaml")), DocumentKind::Case);
    }
}

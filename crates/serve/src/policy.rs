//! The policy the server decides with: loaded and checked as the command line loads it,
//! named by a hash of its files, and swapped whole on a reload. A request takes the
//! snapshot in force when it starts and keeps it to its end, so a reload never changes
//! a policy under a request; a policy with errors is refused and the old one stays.

use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use zhengce::diagnostic::Diagnostic;
use zhengce::input::InputLimits;
use zhengce::lang::Lang;
use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy_with};
use zhengce::program::Program;
use zhengce::report::{DrawOptions, render_diagnostic};
use zhengce::source::{FileId, SourceMap};

/// Where the policy comes from: a file on disk (`--policy`, or the one `zhengce.toml`
/// names), or the copy built into the binary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyOrigin {
    /// A policy file on disk, read again at each reload.
    File(String),
    /// The built-in policy (a reload finds the same files).
    Builtin,
}

/// One loaded, checked policy with everything a request needs of it.
#[derive(Debug)]
pub struct PolicySnapshot {
    /// Every version, oldest first (the base policy, then each amendment applied).
    pub versions: Vec<Program>,
    /// The policy's files (cases are added to a copy of it, never to this one).
    pub sources: SourceMap,
    /// `sha256:` and the hex SHA-256 of the files' contents (see [`files_hash`]).
    pub hash: String,
    /// Each file's name and its own hash, in load order.
    pub files: Vec<(String, String)>,
    /// A number no other snapshot of this process has: per-thread copies of
    /// [`PolicySnapshot::sources`] are kept by it.
    pub generation: u64,
    /// The warnings the checker gave (the policy has no error, or it was refused).
    pub warnings: Vec<Diagnostic>,
}

impl PolicySnapshot {
    /// The latest version: its schema reads the cases, its labels name things.
    pub fn latest(&self) -> &Program {
        // `load` refuses a policy with no version, so there is always a last one.
        &self.versions[self.versions.len() - 1]
    }

    /// The policy's id (the base policy's, as records name it).
    pub fn id(&self) -> &str {
        &self.latest().info.id
    }
}

/// A policy that was not loaded: its diagnostics, drawn as `zhengce check` draws them.
#[derive(Debug)]
pub struct PolicyRefused {
    /// Every diagnostic (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for placing the diagnostics.
    pub sources: SourceMap,
}

impl PolicyRefused {
    /// The diagnostics drawn for a terminal or a log, in `lang`, without colour.
    pub fn drawn(&self, lang: Lang) -> String {
        draw(&self.diagnostics, &self.sources, lang)
    }

    /// How many of the diagnostics are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Diagnostics drawn without colour, ID numbers masked, 80 columns.
pub fn draw(diagnostics: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let options = DrawOptions {
        lang,
        color: false,
        show_pii: false,
        width: 80,
    };
    diagnostics
        .iter()
        .map(|d| render_diagnostic(d, sources, options))
        .collect()
}

/// The next snapshot's generation.
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// Reads and checks the policy; its snapshot, or why it was refused.
pub fn load(origin: &PolicyOrigin, limits: InputLimits) -> Result<PolicySnapshot, PolicyRefused> {
    let mut loaded = match origin {
        PolicyOrigin::File(path) => load_policy_with(path, PolicySource::Disk, limits),
        PolicyOrigin::Builtin => load_policy_with(DEFAULT_POLICY, PolicySource::Builtin, limits),
    };
    if loaded.program.is_none() || loaded.versions.is_empty() {
        return Err(PolicyRefused {
            diagnostics: loaded.diagnostics,
            sources: loaded.sources,
        });
    }
    let (hash, files) = files_hash(&loaded.sources);
    Ok(PolicySnapshot {
        versions: std::mem::take(&mut loaded.versions),
        sources: loaded.sources,
        hash,
        files,
        generation: GENERATION.fetch_add(1, Ordering::Relaxed),
        warnings: loaded.diagnostics,
    })
}

/// The hash of a policy's files: SHA-256 over each file's length (8 bytes, little
/// endian) and contents, in the order they were loaded (the policy, the files it uses,
/// its calendars). Names are left out, so the same files give the same hash whether
/// built in or read from a checkout. Also each file's own hash.
pub fn files_hash(sources: &SourceMap) -> (String, Vec<(String, String)>) {
    let mut all = Sha256::new();
    let mut files = Vec::with_capacity(sources.len());
    for i in 0..sources.len() {
        let file = sources.get(FileId(i as u32));
        let bytes = file.text.as_bytes();
        all.update((bytes.len() as u64).to_le_bytes());
        all.update(bytes);
        files.push((file.name.clone(), hex(&Sha256::digest(bytes))));
    }
    (format!("sha256:{}", hex(&all.finalize())), files)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The policy in force, and how to load it again.
#[derive(Debug)]
pub struct PolicyHolder {
    current: RwLock<Arc<PolicySnapshot>>,
    origin: PolicyOrigin,
    limits: InputLimits,
    /// One reload at a time: two at once would both read and check the files, and the
    /// slower one would put back what may be the older text.
    reloading: Mutex<()>,
}

/// What a reload did.
#[derive(Debug)]
pub enum Reloaded {
    /// The new policy is in force (its hash may be the old one's: same files).
    Swapped {
        /// The hash before.
        old_hash: String,
        /// The snapshot now in force.
        new: Arc<PolicySnapshot>,
    },
    /// The files have errors: the old policy keeps serving.
    Refused(PolicyRefused),
}

impl PolicyHolder {
    /// A holder serving `first`, reloading from `origin`.
    pub fn new(first: PolicySnapshot, origin: PolicyOrigin, limits: InputLimits) -> PolicyHolder {
        PolicyHolder {
            current: RwLock::new(Arc::new(first)),
            origin,
            limits,
            reloading: Mutex::new(()),
        }
    }

    /// The snapshot in force now.
    pub fn current(&self) -> Arc<PolicySnapshot> {
        // A poisoned lock only means a thread panicked while holding it; the Arc inside
        // is whole either way (it is replaced in one assignment).
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Where the policy is read from.
    pub fn origin(&self) -> &PolicyOrigin {
        &self.origin
    }

    /// Reads and checks the files again and, when they check, puts them in force in
    /// one step. Blocks while it reads and checks: call it off the async workers.
    pub fn reload(&self) -> Reloaded {
        let _one_at_a_time = self.reloading.lock().unwrap_or_else(|p| p.into_inner());
        match load(&self.origin, self.limits) {
            Ok(snapshot) => {
                let new = Arc::new(snapshot);
                let mut slot = self.current.write().unwrap_or_else(|p| p.into_inner());
                let old = std::mem::replace(&mut *slot, new.clone());
                Reloaded::Swapped {
                    old_hash: old.hash.clone(),
                    new,
                }
            }
            Err(refused) => Reloaded::Refused(refused),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_contents_not_the_names() {
        let mut a = SourceMap::new();
        a.add("builtin:policies/x.policy", "policy \"x\" {}\n");
        let mut b = SourceMap::new();
        b.add("policies/x.policy", "policy \"x\" {}\n");
        let mut c = SourceMap::new();
        c.add("policies/x.policy", "policy \"y\" {}\n");
        assert_eq!(files_hash(&a).0, files_hash(&b).0);
        assert_ne!(files_hash(&a).0, files_hash(&c).0);
        assert!(files_hash(&a).0.starts_with("sha256:"));
        assert_eq!(files_hash(&a).0.len(), "sha256:".len() + 64);
    }

    #[test]
    fn two_files_joined_differently_hash_differently() {
        let mut a = SourceMap::new();
        a.add("a", "ab");
        a.add("b", "c");
        let mut b = SourceMap::new();
        b.add("a", "a");
        b.add("b", "bc");
        assert_ne!(files_hash(&a).0, files_hash(&b).0);
    }

    #[test]
    fn the_builtin_policy_loads_and_a_missing_file_is_refused() {
        let builtin = load(&PolicyOrigin::Builtin, InputLimits::default()).map_err(|r| r.drawn(Lang::En));
        let snapshot = builtin.unwrap_or_else(|e| panic!("{e}"));
        assert!(!snapshot.versions.is_empty());
        let missing = load(
            &PolicyOrigin::File("/nonexistent/x.policy".into()),
            InputLimits::default(),
        );
        let refused = missing.err().map(|r| r.errors());
        assert_eq!(refused, Some(1));
    }
}

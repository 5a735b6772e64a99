//! A test's own folder under the system's temporary folder, removed when the test ends,
//! passed or not: a run of the suite used to leave hundreds behind, some holding copies
//! of the `zhengce` executable, on the disk CI shares. (A folder, so that Cargo does not
//! take it for a test of its own.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The folder `zhengce-{name}-{process id}-{k}`, empty; removed when dropped. `k`
/// counts the folders the process made, so that two tests running at once with the
/// same name (a helper called with equal arguments) never share, or remove, one.
pub struct Scratch(PathBuf);

/// How many folders this test binary has made.
static MADE: AtomicUsize = AtomicUsize::new(0);

impl Scratch {
    /// Makes the folder, empty (what an earlier run left there is removed first).
    pub fn new(name: &str) -> Scratch {
        let k = MADE.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("zhengce-{name}-{}-{k}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }
}

impl Scratch {
    /// Writes `text` here as a policy file and loads it from there, as a policy on disk
    /// is loaded; panics with its diagnostics when it has no program.
    #[allow(dead_code)] // Not every test with a folder of its own loads a policy.
    pub fn policy(&self, text: &str) -> zhengce::policy_set::LoadedPolicy {
        let path = self.join("p.policy");
        std::fs::write(&path, text).expect("the policy written");
        let loaded = zhengce::policy_set::load_policy(&path.to_string_lossy(), zhengce::policy_set::PolicySource::Disk);
        assert!(loaded.program.is_some(), "{:#?}", loaded.diagnostics);
        loaded
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

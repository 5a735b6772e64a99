//! The policies `evaluate` uses, each loaded and checked once per process: Spark calls
//! `evaluate` once per record batch, thousands of times in one worker, and loading a
//! policy (reading, parsing, checking) costs far more than deciding one batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use zhengce::policy_set::{DEFAULT_POLICY, LoadedPolicy, PolicySource, load_policy};

/// The policies loaded so far, by the path given (`None`: the built-in one). Only
/// policies without errors are kept: one that fails is read again on the next call,
/// so fixing the file is enough, without restarting the process.
static LOADED: Mutex<BTreeMap<Option<PathBuf>, Arc<LoadedPolicy>>> = Mutex::new(BTreeMap::new());

/// The policy at `path` (the built-in Hunan policy for `None`), loaded on first use.
/// Look at its `program`: `None` when it has errors (its `diagnostics` say which).
pub fn policy(path: Option<&Path>) -> Arc<LoadedPolicy> {
    let key = path.map(Path::to_path_buf);
    // A thread that panicked while holding the lock left the map whole (an insert is
    // the only change made under it): go on with it rather than fail every later call.
    let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = loaded.get(&key) {
        return Arc::clone(known);
    }
    let fresh = Arc::new(match path {
        Some(p) => load_policy(&p.to_string_lossy(), PolicySource::Disk),
        None => load_policy(DEFAULT_POLICY, PolicySource::Builtin),
    });
    if fresh.program.is_some() {
        loaded.insert(key, Arc::clone(&fresh));
    }
    fresh
}

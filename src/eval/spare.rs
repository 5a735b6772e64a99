//! Buffers handed from one evaluation to the next on the same thread. A batch worker
//! evaluates case after case, and allocating the memo tables, locals and frames of
//! each afresh, then growing them, was a good part of the work of a case. The drivers
//! call [`super::decide`] once per case and keep no evaluator, so the thread keeps
//! the buffers: an evaluation takes them when it starts, gives back what it still holds
//! when it ends, and a decision's [`super::Memo`] gives back its tables when dropped.
//! Each buffer is given back empty, so nothing of one case is seen by the next.

use super::locals::Local;
use crate::program::{DefId, RuleIdx};
use crate::value::Value;
use std::cell::RefCell;

/// The buffers of one evaluation, all empty (their capacity is what is kept).
#[derive(Default)]
pub(super) struct Buffers {
    pub defs: Vec<Option<Value>>,
    pub rules: Vec<Option<bool>>,
    pub key_sets: Vec<Option<Vec<Value>>>,
    pub locals: Vec<Local>,
    pub memoised: Vec<Result<DefId, RuleIdx>>,
    /// Frames for the arguments of function calls, each empty.
    pub frames: Vec<Vec<Local>>,
}

thread_local! {
    // A RefCell, changed in place: taking the six buffers out of a Cell and putting
    // them back copied them twice on each hand-back.
    static SPARE: RefCell<Buffers> = const {
        RefCell::new(Buffers {
            defs: Vec::new(),
            rules: Vec::new(),
            key_sets: Vec::new(),
            locals: Vec::new(),
            memoised: Vec::new(),
            frames: Vec::new(),
        })
    };
}

/// The thread's spare buffers (empty ones when there are none, or when the thread is
/// being torn down).
pub(super) fn take() -> Buffers {
    SPARE
        .try_with(|spare| spare.try_borrow_mut().map(|mut kept| std::mem::take(&mut *kept)))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default()
}

/// Keeps `given`'s buffers for the next evaluation on this thread, emptied; a buffer
/// the thread already keeps one of is dropped (two evaluations at once: a decision
/// and its explainer).
pub(super) fn give_back(given: Buffers) {
    let Buffers {
        mut defs,
        mut rules,
        mut key_sets,
        mut locals,
        mut memoised,
        mut frames,
    } = given;
    defs.clear();
    rules.clear();
    key_sets.clear();
    locals.clear();
    memoised.clear();
    frames.iter_mut().for_each(Vec::clear);
    let _ = SPARE.try_with(|spare| {
        if let Ok(mut kept) = spare.try_borrow_mut() {
            keep(&mut kept.defs, defs);
            keep(&mut kept.rules, rules);
            keep(&mut kept.key_sets, key_sets);
            keep(&mut kept.locals, locals);
            keep(&mut kept.memoised, memoised);
            keep(&mut kept.frames, frames);
        }
    });
}

/// Keeps the larger of two empty buffers.
fn keep<T>(kept: &mut Vec<T>, given: Vec<T>) {
    if given.capacity() > kept.capacity() {
        *kept = given;
    }
}

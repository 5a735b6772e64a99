//! How much work the server takes at once. A request past the limit is answered at once
//! (503 for decisions, 429 for batches) rather than queued: under more load than it can
//! answer, the server sheds what it cannot do in time and keeps the latency of what it
//! takes, and it is back to normal as soon as the load is.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A count of requests in progress with a limit.
#[derive(Debug)]
pub struct Gate {
    in_progress: AtomicUsize,
    limit: usize,
}

/// A place taken at a [`Gate`], given back when dropped.
#[derive(Debug)]
pub struct Pass {
    gate: Arc<Gate>,
}

impl Gate {
    /// A gate letting `limit` requests through at once (at least one).
    pub fn new(limit: usize) -> Arc<Gate> {
        Arc::new(Gate {
            in_progress: AtomicUsize::new(0),
            limit: limit.max(1),
        })
    }

    /// A place, if one is free.
    pub fn enter(self: &Arc<Gate>) -> Option<Pass> {
        let taken = self.in_progress.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < self.limit).then_some(n + 1)
        });
        taken.ok().map(|_| Pass { gate: self.clone() })
    }

    /// Requests in progress now.
    pub fn in_progress(&self) -> usize {
        self.in_progress.load(Ordering::Acquire)
    }

    /// The limit.
    pub fn limit(&self) -> usize {
        self.limit
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        self.gate.in_progress.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::Gate;

    #[test]
    fn a_gate_lets_its_limit_through_and_a_place_comes_back_when_dropped() {
        let gate = Gate::new(2);
        let a = gate.enter();
        let b = gate.enter();
        assert!(a.is_some() && b.is_some());
        assert!(gate.enter().is_none());
        assert_eq!(gate.in_progress(), 2);
        drop(a);
        assert!(gate.enter().is_some());
        assert_eq!(gate.in_progress(), 1);
    }
}

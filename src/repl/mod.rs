//! The REPL: what-if exploration of one case. [`Session`] is the backend (no terminal
//! types); [`front`] has the two front ends: plain (stdin is not a terminal: no
//! prompts, no colours, for scripts and tests) and interactive (rustyline: completion,
//! history, multi-line input).

pub mod command;
mod edit;
pub mod front;
mod lookup;
mod missing;
mod session;

pub use session::{Reply, Session};

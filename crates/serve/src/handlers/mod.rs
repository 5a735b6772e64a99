//! One module per kind of route: decisions, the diff, the streamed batch, what the
//! server tells of itself and its policy, and the reload.

pub mod admin;
pub mod batch;
pub mod decisions;
pub mod diff;
pub mod info;

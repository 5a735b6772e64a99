//! zhengce-serve: the decision service (`zhengce serve`). An HTTP API beside a bureau's
//! case-management system, on the library's own engine and contract: one case in, its
//! §4 record out (`POST /v1/decisions`); a register streamed as JSON Lines (`POST
//! /v1/decisions:batch`, §5); what changes between two dates or policy versions (`POST
//! /v1/diff`); the policy, its case schema, health and metrics; the policy reloaded
//! without stopping. The server knows the language; the policy file knows the law:
//! nothing of a notice is named here.

#![warn(missing_docs)]

pub mod admission;
pub mod app;
pub mod args;
pub mod body;
pub mod decide;
pub mod errors;
pub mod explain;
pub mod handlers;
pub mod messages;
pub mod metrics;
pub mod policy;
pub mod query;
pub mod routes;
pub mod server;
pub mod startup;

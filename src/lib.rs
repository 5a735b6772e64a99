//! zhengce: policy-as-code for China's employment-assistance rules.
//!
//! The pipeline, as the command line drives it: load and check a policy, load cases
//! against its schema, evaluate them, render the decision record.
//!
//! ```
//! use zhengce::policy_set::{DEFAULT_POLICY, PolicySource, load_policy};
//! use zhengce::report::{RenderOptions, decision_json};
//! use zhengce::run::{MissingDate, Runner};
//!
//! let mut loaded = load_policy(DEFAULT_POLICY, PolicySource::Builtin);
//! let program = loaded.program.take().expect("the built-in policy checks");
//! let case = "id: demo\nas_of: 2025-09-01\n\
//!             person: { gender: male, birth_date: 1975-03-10 }\n\
//!             registration: { unemployed_since: 2025-01-10 }\n\
//!             employment: { status: unemployed }\n";
//! let mut runner = Runner::new(&program, None, MissingDate::Error);
//! let results = runner.run_file(&mut loaded.sources, "demo.yaml", case);
//! let record = decision_json(&results[0], &program, &loaded.sources, &RenderOptions::default());
//! assert_eq!(record["eligible"], true);
//! assert_eq!(record["categories"], serde_json::json!([1]));
//! assert_eq!(record["retirement_date"], "2037-10-10");
//! ```
pub mod ast;
pub mod batch;
pub mod calendar;
pub mod case;
pub mod check;
pub mod cli;
pub mod coverage;
pub mod diagnostic;
pub mod diff;
pub mod doc;
pub mod eval;
pub mod expect;
pub mod format;
pub mod input;
pub mod lang;
pub mod lint;
pub mod lsp;
pub mod mutants;
pub mod policy_set;
pub mod privacy;
pub mod program;
pub mod repl;
pub mod report;
pub mod repository;
pub mod run;
pub mod source;
pub mod syntax;
pub mod value;
pub mod yaml;

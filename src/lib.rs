//! zhengce: policy-as-code for China's employment-assistance rules.
pub mod ast;
pub mod diagnostic;
pub mod source;
pub mod syntax;
pub mod check;
pub mod program;
pub mod value;
pub mod eval;
pub mod policy_set;
pub mod cli;
pub mod expect;
pub mod report;
pub mod run;
pub mod case;

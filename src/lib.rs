//! zhengce: policy-as-code for China's employment-assistance rules.
pub mod ast;
pub mod diagnostic;
pub mod source;
pub mod syntax;
pub mod check;
pub mod program;
pub mod value;
pub mod eval;

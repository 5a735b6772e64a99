//! zhengce: policy-as-code for China's employment-assistance rules.
pub mod ast;
pub mod diagnostic;
pub mod source;
pub mod syntax;

//! The typed evaluator: `batch`'s way of deciding a case (with `--trace`, the
//! explanation starts from what it computed). The checked program is compiled once into closures whose scalars are machine
//! words of the checker's types ([`word`]), so a condition such as `as_of >=
//! registration.unemployed_since + 6 months` reads two dates and compares two integers
//! instead of making, matching and dropping a tagged [`Value`] at each node.
//!
//! It decides exactly what the tree walker decides, or nothing: any case that meets
//! something unusual — a value of another kind than the type said, an operation the
//! walker would fail with a diagnostic, work near the step budget — is handed back
//! (`None`), and the caller asks the tree walker, which stays the reference and the
//! explainer. A definition, rule or decision field whose expression uses a form this
//! compiler does not know is computed by the tree walker for every case.
//!
//! Steps: the walker counts one per expression evaluated and stops at
//! [`MAX_STEPS`](super::MAX_STEPS). This evaluator counts an upper bound of those steps
//! (each expression's nodes when it is computed, each list item's nodes when it is gone
//! through) and hands back any case whose bound passes the budget, so whatever it
//! decides is what the walker, which did not stop, decides.

mod aggregate;
mod arithmetic;
mod compare;
mod compile;
mod cx;
mod fields;
mod key_sets;
mod native;
mod operand;
#[cfg(test)]
mod tests;
mod values;
mod word;

use super::{Decision, Explanation, Raisers, RuleOutcome, Yielded, assemble};
use crate::program::{Program, RuleIdx};
use crate::value::Value;
use chrono::NaiveDate;
pub use cx::Buffers;
use cx::Cx;
pub use native::source as native_source;
use word::Scalar;

/// A compiled expression: a scalar word of a known kind, or a value.
enum Node {
    Scalar(ScalarFn, Scalar),
    Value(ValueFn),
}

/// A compiled scalar expression; `None` is absent.
type ScalarFn = Box<dyn for<'a> Fn(&mut Cx<'a>) -> Option<word::Word> + Send + Sync>;
/// A compiled expression of any other type.
type ValueFn = Box<dyn for<'a> Fn(&mut Cx<'a>) -> Value + Send + Sync>;

/// One definition's, rule's, yield's or decision field's expression: compiled, with
/// the steps an evaluation of it takes at most (apart from the lists it goes
/// through), or left to the tree walker.
enum Compiled {
    Typed(Node, u64),
    /// An expression whose top form is a condition (`and`, `or`, `not`, a comparison,
    /// `holds`, `is absent`, `is …`: a rule's `when`, a definition, yield or decision
    /// field), asked whether it holds directly rather than through a word: one closure
    /// call fewer each time.
    Cond(compile::CondFn, u64),
    /// Left to the tree walker; the scalar kind of its value, if it is a scalar.
    Walker(Option<Scalar>),
    /// A function compiled ahead of time for the built-in policy ([`native`]), in
    /// place of a scalar's closure (with its kind) or a condition's.
    Native(native::Native, Option<Scalar>, u64),
}

/// A program compiled for the typed evaluator.
pub struct TypedProgram {
    defs: Vec<Compiled>,
    rules: Vec<Compiled>,
    /// Each rule's yields (`None` for a rule without).
    yields: Vec<Option<Vec<Compiled>>>,
    outputs: Vec<Compiled>,
    /// How many local slots the compiled closures use.
    locals: usize,
    /// How many membership key sets.
    key_sets: usize,
    /// The constants that hold a shared allocation (a text, a list of values). Each
    /// thread's [`Buffers`] holds its own copy, which the compiled closures clone: a
    /// constant shared by the threads was counted by all of them on one cache line.
    constants: Vec<Value>,
    /// The rules that raise a diagnostic when they hold (checks and soft rules), in
    /// declaration order: a decision looks at these, not at every rule.
    raisers: Vec<RuleIdx>,
    /// Decides every rule into the memo, when the program's rules were compiled ahead
    /// of time ([`native`]): called before the decision goes through them.
    all_rules: Option<for<'a, 'b> fn(&'a mut Cx<'b>)>,
}

impl TypedProgram {
    /// Compiles `program`; `None` when it is too large to compile (every decision then
    /// comes from the tree walker).
    pub fn compile(program: &Program) -> Option<TypedProgram> {
        let mut typed = compile::program(program)?;
        native::install(&mut typed, program);
        Some(typed)
    }

    /// [`TypedProgram::compile`] without the code compiled ahead of time for the
    /// built-in policy: its closures alone, as every other policy is decided (the tests
    /// hold them to the tree walker on the built-in policy's cases too).
    pub fn compile_closures(program: &Program) -> Option<TypedProgram> {
        compile::program(program)
    }

    /// The definitions, rules, yields and decision fields left to the tree walker
    /// (functions, compiled where they are called, are not among them), by name.
    pub fn left_to_walker(&self, program: &Program) -> Vec<String> {
        let walker = |c: &Compiled| matches!(c, Compiled::Walker(_));
        let defs = program.definitions.iter().zip(&self.defs);
        let defs = defs
            .filter(|(d, c)| d.arity == 0 && walker(c))
            .map(|(d, _)| d.name.clone());
        let rules = program.rules.iter().zip(&self.rules).filter(|(_, c)| walker(c));
        let rules = rules.map(|(r, _)| format!("{:?} {:?}", r.kind, r.id));
        let yields = program.rules.iter().zip(&self.yields).flat_map(|(r, ys)| {
            let names = r.yields.iter().flatten().map(|y| y.name.clone());
            names
                .zip(ys.iter().flatten())
                .filter(|(_, c)| walker(c))
                .map(|(n, _)| format!("{:?} {:?}: {n}", r.kind, r.id))
        });
        let outputs = program.decision.iter().zip(&self.outputs).filter(|(_, c)| walker(c));
        defs.chain(rules)
            .chain(yields)
            .chain(outputs.map(|(d, _)| d.name.to_string()))
            .collect()
    }

    /// How many definitions, rules, yields and decision fields are decided by code
    /// compiled ahead of time for the built-in policy (none unless `program` is that
    /// policy: see `native`'s module doc).
    pub fn compiled_ahead(&self) -> usize {
        let ys = self.yields.iter().flatten().flatten();
        let all = self.defs.iter().chain(&self.rules).chain(ys).chain(&self.outputs);
        all.filter(|c| matches!(c, Compiled::Native(..))).count()
    }

    /// Decides one case as [`super::decide_for`] does, or hands it back (`None`) to be
    /// decided by the tree walker. With [`Explanation::Possible`] the decision keeps
    /// what was computed, as definitions' values and rules' outcomes, for an explainer
    /// to start from.
    pub fn decide(
        &self,
        program: &Program,
        facts: &Value,
        as_of: NaiveDate,
        explanation: Explanation,
        buffers: &mut Buffers,
    ) -> Option<Decision> {
        let mut cx = Cx::new(self, program, facts, as_of, buffers);
        // Made whole first and filled in field by field: an outcome made on the stack
        // and pushed was stored a byte at a time and read back whole, which stalled
        // the processor at every rule (about 2% of a batch).
        let mut outcomes: Vec<RuleOutcome> = (0..self.yields.len())
            .map(|i| RuleOutcome {
                rule: RuleIdx(i as u32),
                holds: false,
            })
            .collect();
        let mut yielded = Vec::new();
        if let Some(all_rules) = self.all_rules {
            all_rules(&mut cx);
        }
        for (outcome, yields) in outcomes.iter_mut().zip(&self.yields) {
            let rule = outcome.rule;
            outcome.holds = cx.rule(rule);
            if let (Some(yields), true) = (yields, outcome.holds) {
                let values = yields.iter().enumerate().map(|(y, c)| cx.yielded(rule, y, c)).collect();
                yielded.push(Yielded { rule, values });
            }
        }
        let outputs = program
            .decision
            .iter()
            .zip(&self.outputs)
            .enumerate()
            .map(|(i, (_, c))| cx.output(i, c))
            .collect();
        let memo = match explanation {
            Explanation::Possible => Some(cx.memo()),
            Explanation::NotNeeded => None,
        };
        let finished = cx.finish()?;
        // The bound on the walker's steps: an explainer counting on from it stops no
        // later than one counting from the walker's own.
        let memo = memo.map(|m| m.with_steps(finished.steps));
        Some(assemble(
            program,
            Some(Raisers {
                rules: &self.raisers,
                raised: &buffers.raised,
            }),
            as_of,
            (outcomes, yielded),
            outputs,
            finished.missing_years,
            Vec::new(),
            finished.steps,
            memo,
        ))
    }
}

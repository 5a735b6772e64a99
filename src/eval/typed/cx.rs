//! The state of deciding one case: what is memoised (by generation, so nothing is
//! cleared between cases), the locals, the bound on the walker's steps, and the tree
//! walker for what the typed evaluator leaves to it.

use super::native::Native;
use super::word::{Mismatch, Scalar, Word, pack};
use super::{Compiled, Node, TypedProgram};
use crate::ast::RuleKind;
use crate::diagnostic::Diagnostic;
use crate::eval::{Evaluation, MAX_STEPS, Memo};
use crate::program::{DefId, Program, RuleIdx};
use crate::value::Value;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What the typed evaluator keeps from case to case (one per thread): the memo of
/// definitions and rules, the key sets and the locals, marked with the case they
/// belong to rather than cleared.
#[derive(Default)]
pub struct Buffers {
    /// The typed program they are laid out for (its address): given to another, they
    /// are laid out again.
    owner: usize,
    generation: u32,
    def_words: Vec<(u32, Option<Word>)>,
    def_values: Vec<(u32, Value)>,
    rules: Vec<(u32, bool)>,
    key_sets: Vec<(u32, Vec<Word>)>,
    locals: Vec<Local>,
    /// This thread's copy of the program's constants.
    constants: Vec<Value>,
    /// This thread's copy of the diagnostic each rule raises when it holds (see
    /// [`crate::program::CompiledRule::raised`]), cloned for every case that raises it.
    pub(super) raised: Vec<Option<Diagnostic>>,
    /// The items the filters being computed have kept, innermost last (a filter's
    /// body may filter too): each takes its own from the top as its list, which is so
    /// allocated once, at its size, and no list grows from case to case.
    kept: Vec<Value>,
}

/// The value in a local slot: a function's argument or the item an aggregation is at.
#[derive(Default)]
pub(super) enum Local {
    #[default]
    Empty,
    Word(Option<Word>),
    /// A list and the index of the item.
    Item(Arc<[Value]>, usize),
    Value(Value),
}

/// What a case's evaluation leaves besides its outcomes.
pub(super) struct Finished {
    pub steps: u64,
    pub missing_years: BTreeSet<i32>,
}

/// One case being decided.
pub(super) struct Cx<'a> {
    typed: &'a TypedProgram,
    pub program: &'a Program,
    pub facts: &'a Value,
    pub as_of: NaiveDate,
    pub as_of_word: Word,
    /// An upper bound of the steps the tree walker takes for what was computed.
    steps: u64,
    /// Set when the case is to be handed back to the tree walker.
    pub bail: bool,
    generation: u32,
    b: &'a mut Buffers,
    kinds: [Option<bool>; RuleKind::ALL.len()],
    pub missing_years: BTreeSet<i32>,
    walker: Option<Evaluation<'a>>,
}

impl<'a> Cx<'a> {
    pub fn new(
        typed: &'a TypedProgram,
        program: &'a Program,
        facts: &'a Value,
        as_of: NaiveDate,
        b: &'a mut Buffers,
    ) -> Cx<'a> {
        let owner = std::ptr::from_ref(typed) as usize;
        b.generation = b.generation.wrapping_add(1);
        if b.generation == 0 || b.owner != owner {
            // First use, another program, or the generations came round: start from
            // nothing.
            b.owner = owner;
            b.generation = 1;
            b.def_words = vec![(0, None); program.definitions.len()];
            b.def_values = vec![(0, Value::Absent); program.definitions.len()];
            b.rules = vec![(0, false); program.rules.len()];
            b.key_sets = (0..typed.key_sets).map(|_| (0, Vec::new())).collect();
            b.locals = (0..typed.locals).map(|_| Local::Empty).collect();
            b.constants = typed.constants.iter().map(Value::unshared).collect();
            b.raised = program
                .rules
                .iter()
                .map(|r| r.raised.as_ref().map(Diagnostic::unshared))
                .collect();
        }
        Cx {
            typed,
            program,
            facts,
            as_of,
            as_of_word: pack(as_of),
            steps: 0,
            bail: false,
            generation: b.generation,
            b,
            kinds: [None; RuleKind::ALL.len()],
            missing_years: BTreeSet::new(),
            walker: None,
        }
    }

    /// Counts `n` steps towards the bound; past the budget, the case is handed back.
    #[inline]
    pub fn charge(&mut self, n: u64) {
        self.steps = self.steps.saturating_add(n);
        if self.steps > MAX_STEPS {
            self.bail = true;
        }
    }

    /// The steps left in the budget, by the bound.
    pub fn steps_left(&self) -> u64 {
        MAX_STEPS.saturating_sub(self.steps)
    }

    /// Hands the case back, giving `None` for the value being computed.
    #[cold]
    pub fn hand_back<T>(&mut self) -> Option<T> {
        self.bail = true;
        None
    }

    /// The word of a value of kind `kind`, or the case handed back.
    #[inline]
    pub fn word(&mut self, kind: Scalar, v: &Value) -> Option<Word> {
        match kind.word(v) {
            Ok(w) => w,
            Err(Mismatch) => self.hand_back(),
        }
    }

    /// The program's constant `at`, from this thread's copy.
    #[inline]
    pub fn constant(&self, at: usize) -> Value {
        self.b.constants.get(at).cloned().unwrap_or(Value::Absent)
    }

    /// The local in `slot`.
    #[inline]
    pub fn local(&self, slot: u16) -> &Local {
        &self.b.locals[slot as usize]
    }

    /// Sets the local in `slot`.
    #[inline]
    pub fn set_local(&mut self, slot: u16, local: Local) {
        self.b.locals[slot as usize] = local;
    }

    /// Where the items a filter is about to keep will start (see [`Buffers::kept`]).
    #[inline]
    pub fn kept_base(&self) -> usize {
        self.b.kept.len()
    }

    /// Keeps an item for the filter being computed.
    #[inline]
    pub fn keep(&mut self, item: Value) {
        self.b.kept.push(item);
    }

    /// The items kept since `base`, as a list; none are kept any more.
    pub fn kept_list(&mut self, base: usize) -> Arc<[Value]> {
        self.b.kept.drain(base..).collect()
    }

    /// Lets go of the items kept since `base` (a filter that stopped).
    pub fn drop_kept(&mut self, base: usize) {
        self.b.kept.truncate(base);
    }

    /// Moves on to item `index` of the list in `slot`.
    #[inline]
    pub fn set_index(&mut self, slot: u16, index: usize) {
        if let Local::Item(_, at) = &mut self.b.locals[slot as usize] {
            *at = index;
        }
    }

    /// The tree walker of this case, made the first time it is needed. Out of line and
    /// cold: few cases need it, and made inline it made every rule's and definition's
    /// frame hold one.
    #[cold]
    #[inline(never)]
    fn walker(&mut self) -> &mut Evaluation<'a> {
        let (program, facts, as_of) = (self.program, self.facts, self.as_of);
        self.walker
            .get_or_insert_with(|| Evaluation::new(program, facts, as_of))
    }

    /// The value of a definition of a scalar kind (memoised).
    #[inline]
    pub fn def_word(&mut self, id: DefId) -> Option<Word> {
        let at = id.0 as usize;
        let (generation, w) = self.b.def_words[at];
        if generation == self.generation {
            return w;
        }
        self.def_word_computed(id)
    }

    /// [`Cx::def_word`] for a definition not yet computed for this case: a call of its
    /// own, so that one looked up again costs none.
    #[inline(never)]
    fn def_word_computed(&mut self, id: DefId) -> Option<Word> {
        let at = id.0 as usize;
        let typed = self.typed;
        let w = match &typed.defs[at] {
            Compiled::Typed(Node::Scalar(f, _), size) => {
                self.charge(*size);
                f(self)
            }
            Compiled::Walker(kind) => {
                let v = self.walker().definition(id);
                match kind {
                    Some(kind) => self.word(*kind, &v),
                    None => self.hand_back(),
                }
            }
            Compiled::Cond(f, size) => {
                self.charge(*size);
                Some(Word::from(f(self)))
            }
            Compiled::Typed(Node::Value(_), _) => self.hand_back(),
            Compiled::Native(native, _, size) => {
                self.charge(*size);
                match native {
                    Native::Scalar(f) => f(self),
                    Native::Cond(f) => Some(Word::from(f(self))),
                    Native::Value(_) => self.hand_back(),
                }
            }
        };
        self.b.def_words[at] = (self.generation, w);
        w
    }

    /// [`Cx::def_word`] of a definition compiled ahead of time (`super::native`): its
    /// function `f` called directly, charged `size` steps, when not yet computed.
    #[inline(always)]
    pub fn def_native(&mut self, id: DefId, size: u64, f: impl FnOnce(&mut Self) -> Option<Word>) -> Option<Word> {
        let at = id.0 as usize;
        let (generation, w) = self.b.def_words[at];
        if generation == self.generation {
            return w;
        }
        self.charge(size);
        let w = f(self);
        self.b.def_words[at] = (self.generation, w);
        w
    }

    /// [`Cx::rule`] of a rule compiled ahead of time, as [`Cx::def_native`].
    #[inline(always)]
    pub fn rule_native(&mut self, idx: RuleIdx, size: u64, f: impl FnOnce(&mut Self) -> bool) -> bool {
        let at = idx.0 as usize;
        let (generation, holds) = self.b.rules[at];
        if generation == self.generation {
            return holds;
        }
        self.charge(size);
        let holds = f(self);
        self.b.rules[at] = (self.generation, holds);
        holds
    }

    /// The value of a definition of any other type (memoised).
    pub fn def_value(&mut self, id: DefId) -> Value {
        let at = id.0 as usize;
        if self.b.def_values[at].0 == self.generation {
            return self.b.def_values[at].1.clone();
        }
        let typed = self.typed;
        let v = self.computed(&typed.defs[at], |walker| walker.definition(id));
        self.b.def_values[at] = (self.generation, v.clone());
        v
    }

    /// A compiled node's value.
    pub fn value_of(&mut self, node: &Node) -> Value {
        match node {
            Node::Value(f) => f(self),
            Node::Scalar(f, kind) => {
                let w = f(self);
                self.value_of_word(*kind, w)
            }
        }
    }

    /// The value of a word of kind `kind` (a date word that is no date hands the case
    /// back).
    pub fn value_of_word(&mut self, kind: Scalar, w: Option<Word>) -> Value {
        kind.value(w).unwrap_or_else(|_| {
            self.bail = true;
            Value::Absent
        })
    }

    /// Whether a rule holds (memoised).
    #[inline]
    pub fn rule(&mut self, idx: RuleIdx) -> bool {
        let at = idx.0 as usize;
        let (generation, holds) = self.b.rules[at];
        if generation == self.generation {
            return holds;
        }
        self.rule_computed(idx)
    }

    /// [`Cx::rule`] for a rule not yet decided for this case: a call of its own, so that
    /// a rule looked up again costs none.
    #[inline(never)]
    fn rule_computed(&mut self, idx: RuleIdx) -> bool {
        let at = idx.0 as usize;
        let typed = self.typed;
        let holds = match &typed.rules[at] {
            Compiled::Typed(Node::Scalar(f, _), size) => {
                self.charge(*size);
                f(self) == Some(1)
            }
            Compiled::Typed(Node::Value(f), size) => {
                self.charge(*size);
                f(self).truthy()
            }
            Compiled::Cond(f, size) => {
                self.charge(*size);
                f(self)
            }
            Compiled::Walker(_) => self.walker().rule(idx),
            Compiled::Native(native, _, size) => {
                self.charge(*size);
                match native {
                    Native::Scalar(f) => f(self) == Some(1),
                    Native::Cond(f) => f(self),
                    Native::Value(f) => f(self).truthy(),
                }
            }
        };
        self.b.rules[at] = (self.generation, holds);
        holds
    }

    /// Whether some rule of a kind holds (memoised).
    pub fn any_holds(&mut self, kind: RuleKind) -> bool {
        let slot = kind.place();
        if let Some(v) = self.kinds[slot] {
            return v;
        }
        let program = self.program;
        let holds = program.rule_lookup.of_kind(kind).iter().any(|r| self.rule(*r));
        self.kinds[slot] = Some(holds);
        holds
    }

    /// The value of an expression compiled (its steps counted), or computed by the tree
    /// walker with `walker`.
    fn computed(&mut self, compiled: &Compiled, walker: impl FnOnce(&mut Evaluation<'a>) -> Value) -> Value {
        match compiled {
            Compiled::Typed(node, size) => {
                self.charge(*size);
                self.value_of(node)
            }
            Compiled::Cond(f, size) => {
                self.charge(*size);
                Value::Bool(f(self))
            }
            Compiled::Walker(_) => walker(self.walker()),
            Compiled::Native(native, kind, size) => {
                self.charge(*size);
                match (native, kind) {
                    (Native::Scalar(f), Some(kind)) => {
                        let w = f(self);
                        self.value_of_word(*kind, w)
                    }
                    (Native::Cond(f), _) => Value::Bool(f(self)),
                    (Native::Value(f), _) => f(self),
                    (Native::Scalar(_), None) => self.hand_back().unwrap_or(Value::Absent),
                }
            }
        }
    }

    /// The value of yield `y` of a rule that holds.
    pub fn yielded(&mut self, rule: RuleIdx, y: usize, compiled: &Compiled) -> Value {
        let program = self.program;
        // The rule's own yield, looked up only when the walker computes it (the
        // compiled yields were made from the rule's, one for one).
        self.computed(compiled, |walker| {
            match program.rules[rule.0 as usize].yields.as_ref().and_then(|ys| ys.get(y)) {
                Some(yielded) => walker.eval(&yielded.expr),
                None => Value::Absent,
            }
        })
    }

    /// The value of decision field `i`.
    pub fn output(&mut self, i: usize, compiled: &Compiled) -> Value {
        let program = self.program;
        self.computed(compiled, |walker| walker.eval(&program.decision[i].expr))
    }

    /// The key set `at` of this case, if built.
    pub fn key_set(&self, at: usize) -> Option<&[Word]> {
        let (generation, keys) = &self.b.key_sets[at];
        (*generation == self.generation).then_some(keys.as_slice())
    }

    /// Keeps the key set `at` of this case.
    pub fn keep_key_set(&mut self, at: usize, keys: Vec<Word>) {
        self.b.key_sets[at] = (self.generation, keys);
    }

    /// The items of `items` (words of kind `kind`) that are among the keys of key set
    /// `at`, gathered for this case and sorted as integers, or with `found` false,
    /// those that are not; `None` for an item of another kind, or a key set not
    /// gathered for this case (the case is to be handed back). Until an item is left
    /// out none is copied, and a list kept whole is `items` itself.
    pub fn kept_by_keys(&mut self, at: usize, items: &Arc<[Value]>, kind: Scalar, found: bool) -> Option<Arc<[Value]>> {
        let (generation, keys) = &self.b.key_sets[at];
        if *generation != self.generation {
            return None;
        }
        let kept = &mut self.b.kept;
        let base = kept.len();
        let mut whole = true;
        for (index, item) in items.iter().enumerate() {
            let among = match kind.word(item) {
                Ok(Some(w)) => keys.binary_search(&w).is_ok(),
                Ok(None) => false,
                Err(Mismatch) => {
                    kept.truncate(base);
                    return None;
                }
            };
            if among != found && whole {
                whole = false;
                kept.extend(items[..index].iter().cloned());
            } else if among == found && !whole {
                kept.push(item.clone());
            }
        }
        if whole {
            return Some(items.clone());
        }
        Some(kept.drain(base..).collect())
    }

    /// A buffer for a key set, reused from an earlier case.
    pub fn spare_keys(&mut self, at: usize) -> Vec<Word> {
        let mut keys = std::mem::take(&mut self.b.key_sets[at].1);
        keys.clear();
        keys
    }

    /// What this case computed, as the walker's memo holds it.
    pub fn memo(&self) -> Memo {
        let typed = self.typed;
        let defs = (0..typed.defs.len())
            .map(|at| {
                let kind = match &typed.defs[at] {
                    Compiled::Typed(Node::Scalar(_, kind), _) | Compiled::Walker(Some(kind)) => Some(*kind),
                    Compiled::Cond(..) | Compiled::Native(Native::Cond(_), ..) => Some(Scalar::Bool),
                    Compiled::Native(Native::Scalar(_), kind, _) => *kind,
                    Compiled::Native(Native::Value(_), ..) => None,
                    _ => None,
                };
                match kind {
                    Some(kind) => {
                        let (generation, w) = self.b.def_words[at];
                        (generation == self.generation).then(|| kind.value(w).ok()).flatten()
                    }
                    None => {
                        let (generation, v) = &self.b.def_values[at];
                        (*generation == self.generation).then(|| v.clone())
                    }
                }
            })
            .collect();
        let rules = self
            .b
            .rules
            .iter()
            .map(|(g, holds)| (*g == self.generation).then_some(*holds))
            .collect();
        Memo::of_values(self.program, defs, rules, self.kinds)
    }

    /// The steps and missing years of the case, or `None` to hand it back: the bound
    /// passed the budget, or the tree walker failed or stopped on what it computed.
    pub fn finish(mut self) -> Option<Finished> {
        if let Some(walker) = self.walker.take() {
            if walker.stopped || !walker.failures.is_empty() {
                return None;
            }
            self.steps = self.steps.saturating_add(walker.steps);
            self.missing_years.extend(walker.missing_years.iter().copied());
        }
        if self.bail || self.steps > MAX_STEPS {
            return None;
        }
        Some(Finished {
            steps: self.steps,
            missing_years: self.missing_years,
        })
    }
}

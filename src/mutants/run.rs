//! Running the mutants: each is loaded and checked as a policy of its own, and the
//! corpus is run on it until a case fails (the mutant is killed) or none does (it
//! survives). Mutants are shared out to threads one at a time; the verdicts come back
//! in the mutants' order, whatever the number of threads.

use super::Mutant;
use super::corpus::Corpus;
use crate::input::InputLimits;
use crate::policy_set::{LoadedPolicy, PolicySource, load_policy_replacing};
use crate::program::shape_of;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What became of one mutant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It does not parse or check: not counted.
    NotChecked,
    /// Its checked program is the policy's own, places aside: equivalent.
    SameProgram,
    /// A case failed on it: the id of the first.
    Killed(String),
    /// Every case passed on it.
    Survived,
}

/// A mutant and its verdict.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The mutant.
    pub mutant: Mutant,
    /// What became of it.
    pub verdict: Verdict,
}

/// Where the policy is loaded from.
pub struct Origin<'a> {
    /// The main policy file's path.
    pub path: &'a str,
    /// Built in or on disk.
    pub source: PolicySource,
    /// Size limits of the files read.
    pub limits: InputLimits,
}

/// The verdict on each mutant of `original` (loaded from `origin`), in order, run on
/// `threads` threads (at least one).
pub fn run_mutants(
    mutants: &[Mutant],
    original: &LoadedPolicy,
    origin: &Origin,
    corpus: &Corpus,
    threads: usize,
) -> Vec<Outcome> {
    let baseline = shape_of(&original.versions);
    let next = AtomicUsize::new(0);
    let mut verdicts: Vec<Option<Verdict>> = vec![None; mutants.len()];
    let judge = |m: &Mutant| -> Verdict {
        let text = original
            .files
            .iter()
            .map(|f| original.sources.get(f.file))
            .find(|s| s.name == m.file)
            .and_then(|s| m.apply(&s.text));
        let Some(text) = text else { return Verdict::NotChecked };
        let loaded = load_policy_replacing(origin.path, origin.source, origin.limits, &m.file, &text);
        if loaded.versions.is_empty() || loaded.diagnostics.iter().any(|d| d.is_error()) {
            return Verdict::NotChecked;
        }
        if shape_of(&loaded.versions) == baseline {
            return Verdict::SameProgram;
        }
        match corpus.run(&loaded.versions, &loaded.sources, true).first_failure {
            Some(case) => Verdict::Killed(case),
            None => Verdict::Survived,
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(m) = mutants.get(i) else { break };
                        mine.push((i, judge(m)));
                    }
                    mine
                })
            })
            .collect();
        for worker in workers {
            for (i, verdict) in worker.join().unwrap_or_default() {
                verdicts[i] = Some(verdict);
            }
        }
    });
    mutants
        .iter()
        .zip(verdicts)
        .map(|(m, v)| Outcome {
            mutant: m.clone(),
            verdict: v.unwrap_or(Verdict::NotChecked),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::policy_set::{PolicySource, load_policy_text};
    use crate::program::shape_of as shape;

    const POLICY: &str =
        "policy \"p\" {}\ncase { age: int \"年龄\" }\ndefine old \"年长\" = age >= 50\ndecision { old = old }\n";

    #[test]
    fn a_program_has_the_shape_of_its_text_places_aside() {
        let shape_of = |text: &str| {
            let loaded = load_policy_text("p.policy", text, PolicySource::Disk);
            assert!(!loaded.versions.is_empty(), "{:#?}", loaded.diagnostics);
            shape(&loaded.versions)
        };
        let original = shape_of(POLICY);
        assert!(!original.contains("Span {"));
        // Only places move: the same program.
        assert_eq!(shape_of(&POLICY.replace("= age", "=   age")), original);
        // A moved boundary is another program.
        assert_ne!(shape_of(&POLICY.replace(">=", ">")), original);
        assert_ne!(shape_of(&POLICY.replace("50", "51")), original);
    }
}

//! The case ids a batch has seen, for duplicates (contract §5: the first occurrence is
//! evaluated, every later one is an error naming the line of the first). A register
//! of a million cases has a million ids, so an id is kept as a 128-bit hash (two
//! SipHash-1-3 digests with different keys) and the place it was first seen: 24 bytes
//! an id, not the text. Two different ids share a hash with a probability of about
//! n² / 2¹²⁹ (10⁻²⁷ for a million ids).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

/// Where an id was first seen: the input (its index in the batch) and the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstSeen {
    /// The index of the input, in the order inputs are read.
    pub input: u32,
    /// The 1-based line of the id.
    pub line: u32,
}

/// The ids seen so far.
#[derive(Debug, Default)]
pub struct SeenIds {
    first: HashMap<u128, FirstSeen, BuildHasherDefault<Digest>>,
}

impl SeenIds {
    /// Where `id` was first seen, if it was; otherwise notes it as seen here.
    pub fn first_or_insert(&mut self, id: &str, here: FirstSeen) -> Option<FirstSeen> {
        match self.first.entry(digest(id)) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(here);
                None
            }
        }
    }
}

/// A 128-bit digest of an id: SipHash-1-3 with two fixed keys (`DefaultHasher::new`
/// has fixed keys, so runs agree).
fn digest(id: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        salt.hash(&mut h);
        id.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// The map's own hasher: the key is a digest already, so its low bits are the hash.
#[derive(Debug, Default)]
pub struct Digest(u64);

impl Hasher for Digest {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u128` is used; anything else is folded in, never dropped.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_place_of_an_id_is_kept() {
        let mut seen = SeenIds::default();
        let at = |line| FirstSeen { input: 0, line };
        assert_eq!(seen.first_or_insert("HN-1", at(1)), None);
        assert_eq!(seen.first_or_insert("HN-2", at(2)), None);
        assert_eq!(seen.first_or_insert("HN-1", at(3)), Some(at(1)));
        assert_eq!(seen.first_or_insert("HN-1", at(4)), Some(at(1)));
        assert_eq!(seen.first_or_insert("HN-10", at(5)), None);
    }

    #[test]
    fn a_hundred_thousand_distinct_ids_are_all_new() {
        let mut seen = SeenIds::default();
        let fresh = (0..100_000u32)
            .filter(|i| {
                seen.first_or_insert(&format!("GEN-{i}"), FirstSeen { input: 0, line: *i })
                    .is_none()
            })
            .count();
        assert_eq!(fresh, 100_000);
    }
}

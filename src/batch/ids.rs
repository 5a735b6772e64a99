//! The case ids a batch has seen, for duplicates (contract §5: the first occurrence is
//! evaluated, every later one is an error naming the line of the first). A register
//! of a million cases has a million ids, so an id is kept as a 128-bit hash (two
//! SipHash-1-3 digests with different keys) and the place it was first seen: 24 bytes
//! an id, not the text. Two different ids share a hash with a probability of about
//! n² / 2¹²⁹ (10⁻²⁷ for a million ids). The digest is made by the worker that read the
//! case ([`IdDigest::of`]), so that the one thread that sees every id only looks it up.

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

/// A case id's 128-bit digest, as two words (so that an entry of the table is 24 bytes,
/// where a `u128` key would align it to 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdDigest([u64; 2]);

impl Hash for IdDigest {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // One word is hash enough for the table (see [`Digest`]).
        state.write_u64(self.0[1]);
    }
}

impl IdDigest {
    /// The digest of `id`: SipHash-1-3 with two fixed keys (`DefaultHasher::new` has
    /// fixed keys, so runs agree).
    pub fn of(id: &str) -> IdDigest {
        let half = |salt: u8| {
            let mut h = DefaultHasher::new();
            salt.hash(&mut h);
            id.hash(&mut h);
            h.finish()
        };
        IdDigest([half(0), half(1)])
    }
}

/// The ids seen so far, in [`SHARDS`] tables by the digest's first byte. One table of
/// a million ids grows by doubling, and each new table is memory the system must clear
/// (a sixth of the writer thread's time over a million cases); a shard grows a
/// 256th at a time, into memory the shards before it let go.
#[derive(Debug)]
pub struct SeenIds {
    shards: Vec<HashMap<IdDigest, FirstSeen, BuildHasherDefault<Digest>>>,
}

/// How many tables [`SeenIds`] keeps.
const SHARDS: usize = 256;

impl Default for SeenIds {
    fn default() -> SeenIds {
        SeenIds {
            shards: (0..SHARDS).map(|_| HashMap::default()).collect(),
        }
    }
}

impl SeenIds {
    /// Where the id of digest `id` was first seen, if it was; otherwise notes it as seen
    /// here.
    pub fn first_or_insert(&mut self, id: IdDigest, here: FirstSeen) -> Option<FirstSeen> {
        let shard = (id.0[0] >> 56) as usize % SHARDS;
        match self.shards[shard].entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(here);
                None
            }
        }
    }
}

/// The map's own hasher: the key is a digest already, so its low bits are the hash.
#[derive(Debug, Default)]
pub struct Digest(u64);

impl Hasher for Digest {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; anything else is folded in, never dropped.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // A word of a digest, a hash already.
        self.0 = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_place_of_an_id_is_kept() {
        let mut seen = SeenIds::default();
        let at = |line| FirstSeen { input: 0, line };
        let mut first = |id, line| seen.first_or_insert(IdDigest::of(id), at(line));
        assert_eq!(first("HN-1", 1), None);
        assert_eq!(first("HN-2", 2), None);
        assert_eq!(first("HN-1", 3), Some(at(1)));
        assert_eq!(first("HN-1", 4), Some(at(1)));
        assert_eq!(first("HN-10", 5), None);
    }

    #[test]
    fn a_hundred_thousand_distinct_ids_are_all_new() {
        let mut seen = SeenIds::default();
        let fresh = (0..100_000u32)
            .filter(|i| {
                seen.first_or_insert(IdDigest::of(&format!("GEN-{i}")), FirstSeen { input: 0, line: *i })
                    .is_none()
            })
            .count();
        assert_eq!(fresh, 100_000);
    }
}

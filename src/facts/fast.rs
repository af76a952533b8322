//! A fast non-cryptographic hasher for the short keys of the fact tables (names, class words,
//! fact keys): the FxHash mix (rotate, xor, multiply), as rustc uses. Keys come from the text
//! being linted, but a collision only costs time, never a result.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // the remaining bytes, little-endian and zero-padded (no copy through a buffer)
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b));
            self.add(word);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_string_and_tuple_keys() {
        let mut m: FastMap<(String, u16, i32), usize> = FastMap::default();
        m.insert(("MOFCOM".into(), 3, 2025), 1);
        m.insert(("MOFCOM".into(), 3, 2024), 2);
        assert_eq!(m.get(&("MOFCOM".into(), 3, 2025)), Some(&1));
        assert_eq!(m.len(), 2);
        let mut h1 = FxHasher::default();
        h1.write(b"abcdefghij");
        let mut h2 = FxHasher::default();
        h2.write(b"abcdefghik");
        assert_ne!(h1.finish(), h2.finish());
        // the tail word is the remaining bytes little-endian, zero-padded
        let mut h3 = FxHasher::default();
        h3.write(b"abc");
        let mut h4 = FxHasher::default();
        h4.write_u64(u64::from_le_bytes([b'a', b'b', b'c', 0, 0, 0, 0, 0]));
        assert_eq!(h3.finish(), h4.finish());
    }
}

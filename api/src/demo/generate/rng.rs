//! A deterministic random number generator: the same seed gives the same institution.

use chrono::{Days, NaiveDate};

/// SplitMix64: tiny, fast, and stable across platforms and releases.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in `a..=b`.
    pub(super) fn range(&mut self, a: i64, b: i64) -> i64 {
        a + self.below((b - a + 1) as u64) as i64
    }
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
    /// Earlier items are more likely: the index is `len * u^power`.
    pub(super) fn skewed<T: Copy>(&mut self, items: &[T], power: f64) -> T {
        items[((items.len() as f64 * self.unit().powf(power)) as usize).min(items.len() - 1)]
    }
    /// An index drawn with the given weights.
    pub(super) fn index(&mut self, weights: &[u32]) -> usize {
        let mut r = self.below(weights.iter().map(|&w| u64::from(w)).sum()) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        unreachable!("r is below the total weight")
    }
    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        items[self.index(&items.iter().map(|i| i.1).collect::<Vec<_>>())].0
    }
    /// Uniform in `lo..=hi` (just `lo` if the range is empty).
    pub(super) fn date(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        lo + Days::new(self.below((hi - lo).num_days().max(0) as u64 + 1))
    }
}

//! Synthetic embeddings: unit vectors scattered around random unit centres, as a model's
//! vectors of texts on a number of topics are, and the same again from the same [`Rng`]. For
//! measuring the index without a model: its tests and the scale benchmark
//! (`src/bin/retrieval_scale.rs`).

use super::{unit, Rng};

/// Random unit centres, and unit vectors drawn around them.
pub struct Clusters {
    centres: Vec<Vec<f32>>,
    /// Noise per coordinate, so that a sample's noise has about the norm asked for.
    noise_per_dimension: f32,
}

impl Clusters {
    /// `count` centres (at least one) of `dims` dimensions. A sample is its centre plus
    /// Gaussian noise of norm about `noise`, made unit again: with `noise` 0.9, two samples of
    /// one cluster have a cosine of about 0.5, of different clusters about 0.
    pub fn new(count: usize, dims: usize, noise: f32, rng: &mut Rng) -> Self {
        let centres = (0..count.max(1))
            .map(|_| unit_or_zero((0..dims).map(|_| normal(rng)).collect()))
            .collect();
        Self {
            centres,
            noise_per_dimension: noise / (dims.max(1) as f32).sqrt(),
        }
    }

    /// How many centres there are.
    pub fn count(&self) -> usize {
        self.centres.len()
    }

    /// A unit vector near centre `cluster` (modulo [`Self::count`]), its noise drawn from `rng`.
    pub fn sample(&self, cluster: usize, rng: &mut Rng) -> Vec<f32> {
        let centre = &self.centres[cluster % self.centres.len()];
        unit_or_zero(
            centre
                .iter()
                .map(|c| c + self.noise_per_dimension * normal(rng))
                .collect(),
        )
    }
}

/// Roughly normal (the sum of four uniforms), mean 0, variance 1.
fn normal(rng: &mut Rng) -> f32 {
    let sum: f32 = (0..4)
        .map(|_| (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32)
        .sum();
    (sum - 2.0) * 3f32.sqrt()
}

/// Only a vector of no dimensions has no direction here; it stays as it is.
fn unit_or_zero(vector: Vec<f32>) -> Vec<f32> {
    unit(&vector).unwrap_or(vector)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn samples_are_unit_and_near_their_own_centre() {
        let mut rng = Rng::new(1);
        let clusters = Clusters::new(4, 96, 0.9, &mut rng);
        let a: Vec<Vec<f32>> = (0..20).map(|_| clusters.sample(0, &mut rng)).collect();
        let b: Vec<Vec<f32>> = (0..20).map(|_| clusters.sample(5, &mut rng)).collect();
        for v in a.iter().chain(&b) {
            assert_eq!(v.len(), 96);
            assert!((cosine(v, v) - 1.0).abs() < 1e-4);
        }
        let mean = |pairs: Vec<f32>| pairs.iter().sum::<f32>() / pairs.len() as f32;
        let same = mean(a.windows(2).map(|w| cosine(&w[0], &w[1])).collect());
        let other = mean(a.iter().zip(&b).map(|(x, y)| cosine(x, y)).collect());
        assert!((0.35..0.65).contains(&same), "same cluster: {same}");
        assert!(other.abs() < 0.2, "different clusters: {other}");
    }

    #[test]
    fn the_same_seed_draws_the_same_vectors() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            let clusters = Clusters::new(3, 8, 0.5, &mut rng);
            clusters.sample(2, &mut rng)
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }
}

//! Vectors: cosine similarity and two storage encodings.
//!
//! * f32 little-endian: exact, 4 bytes per dimension (1536 bytes for 384 dimensions).
//! * int8 with one f32 scale per vector: 4 + 1 byte per dimension, a quarter of the size,
//!   for an index that must read many vectors per query; cosine on it stays within ~1e-2 of
//!   the exact value for embedding-like vectors.

pub fn encode_f32(vector: &[f32]) -> Vec<u8> {
    vector.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// `None` if the blob is not a whole number of f32s.
pub fn decode_f32(blob: &[u8]) -> Option<Vec<f32>> {
    if !blob.len().is_multiple_of(4) {
        return None;
    }
    Some(
        blob.chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect(),
    )
}

/// Cosine similarity in [-1, 1]; `None` for different lengths or a zero vector.
pub fn cosine(a: &[f32], b: &[f32]) -> Option<f32> {
    if a.len() != b.len() || a.is_empty() {
        return None;
    }
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        return None;
    }
    Some((dot / (na.sqrt() * nb.sqrt())).clamp(-1.0, 1.0))
}

/// A symmetric int8 quantisation: value ≈ scale × q, q in −127..=127.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantized {
    pub scale: f32,
    pub values: Vec<i8>,
}

impl Quantized {
    pub fn from_f32(vector: &[f32]) -> Self {
        let max = vector.iter().fold(0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let values = vector
            .iter()
            .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        Self { scale, values }
    }

    pub fn to_f32(&self) -> Vec<f32> {
        self.values
            .iter()
            .map(|&q| f32::from(q) * self.scale)
            .collect()
    }

    /// Scale (f32 LE) then the values.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.values.len());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend(self.values.iter().map(|&q| q as u8));
        out
    }

    pub fn decode(blob: &[u8]) -> Option<Self> {
        let (scale, values) = blob.split_first_chunk::<4>()?;
        Some(Self {
            scale: f32::from_le_bytes(*scale),
            values: values.iter().map(|&b| b as i8).collect(),
        })
    }

    /// Cosine between two quantised vectors, in integer arithmetic (scales cancel).
    pub fn cosine(&self, other: &Self) -> Option<f32> {
        if self.values.len() != other.values.len() || self.values.is_empty() {
            return None;
        }
        let (mut dot, mut na, mut nb) = (0i64, 0i64, 0i64);
        for (&x, &y) in self.values.iter().zip(&other.values) {
            let (x, y) = (i64::from(x), i64::from(y));
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        if na == 0 || nb == 0 {
            return None;
        }
        Some((dot as f64 / ((na as f64).sqrt() * (nb as f64).sqrt())) as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random vectors (xorshift), like embedding components.
    fn vector(seed: u64, dims: usize) -> Vec<f32> {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..dims)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                (s % 20_000) as f32 / 10_000.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn f32_blobs_round_trip() {
        let v = vec![0.5, -1.25, f32::MIN_POSITIVE, 3.0e8];
        let blob = encode_f32(&v);
        assert_eq!(blob.len(), 16);
        assert_eq!(decode_f32(&blob).unwrap(), v);
        assert_eq!(decode_f32(&blob[..15]), None);
    }

    #[test]
    fn cosine_of_known_vectors() {
        assert!((cosine(&[1.0, 0.0], &[0.0, 2.0]).unwrap()).abs() < 1e-7);
        assert!((cosine(&[1.0, 1.0], &[2.0, 2.0]).unwrap() - 1.0).abs() < 1e-6);
        assert!((cosine(&[1.0, 0.0], &[-3.0, 0.0]).unwrap() + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[1.0], &[1.0, 2.0]), None);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn int8_cosine_tracks_exact_cosine() {
        for seed in 1..50 {
            let (a, b) = (vector(seed, 384), vector(seed + 1000, 384));
            let (qa, qb) = (Quantized::from_f32(&a), Quantized::from_f32(&b));
            let exact = cosine(&a, &b).unwrap();
            assert!((qa.cosine(&qb).unwrap() - exact).abs() < 1e-2);
            let round = Quantized::decode(&qa.encode()).unwrap();
            assert_eq!(round, qa);
            assert_eq!(qa.encode().len(), 388);
            for (x, y) in a.iter().zip(qa.to_f32()) {
                assert!((x - y).abs() <= qa.scale / 2.0 + 1e-6);
            }
        }
        assert_eq!(Quantized::decode(&[1, 2]), None);
    }
}

//! The reference vectors (reference/expected.json, written by reference/reference.py from the
//! same model files with an independent implementation) and the comparisons the native and
//! end-to-end tests make against them.

/// reference/expected.json: sentences, their token ids, 384-dim vectors and cosine matrix.
pub const EXPECTED_JSON: &str = include_str!("../reference/expected.json");

pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    dot(a, b) / (dot(a, a).sqrt() * dot(b, b).sqrt())
}

pub fn max_abs_diff(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0f32, f32::max)
}

/// A JSON array of numbers as f32 (vectors in expected.json or in a guest's answer).
pub fn floats(value: &serde_json::Value) -> Vec<f32> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|x| x.as_f64())
                .map(|x| x as f32)
                .collect()
        })
        .unwrap_or_default()
}

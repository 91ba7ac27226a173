//! Reciprocal Rank Fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ 1 / (k + rank(d)),
//! ranks from 1. Needs only ranks, so rankers with incomparable scores (BM25, cosine) fuse.

use std::collections::HashMap;
use std::hash::Hash;

pub const DEFAULT_RRF_K: f64 = 60.0;

/// Fuses rankings (each best first) into one, best first. Ties keep the order in which items
/// were first seen, so the result is deterministic.
pub fn rrf<K: Eq + Hash + Clone>(rankings: &[Vec<K>], k: f64) -> Vec<(K, f64)> {
    let mut scores: HashMap<K, (f64, usize)> = HashMap::new();
    let mut seen = 0;
    for ranking in rankings {
        for (rank, item) in ranking.iter().enumerate() {
            let entry = scores.entry(item.clone()).or_insert_with(|| {
                seen += 1;
                (0.0, seen)
            });
            entry.0 += 1.0 / (k + rank as f64 + 1.0);
        }
    }
    let mut fused: Vec<(K, f64, usize)> = scores
        .into_iter()
        .map(|(key, (s, o))| (key, s, o))
        .collect();
    fused.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    fused.into_iter().map(|(key, s, _)| (key, s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_ranked_well_by_both_win() {
        let lexical = vec!["a", "b", "c"];
        let dense = vec!["b", "d", "a"];
        let fused = rrf(&[lexical, dense], 60.0);
        let order: Vec<&str> = fused.iter().map(|(k, _)| *k).collect();
        assert_eq!(order, vec!["b", "a", "d", "c"]);
        assert!((fused[0].1 - (1.0 / 62.0 + 1.0 / 61.0)).abs() < 1e-12);
        // d (rank 2) and c (rank 3) each appear once.
        assert!((fused[2].1 - 1.0 / 62.0).abs() < 1e-12);
    }

    #[test]
    fn one_ranking_keeps_its_order_and_ties_are_stable() {
        let fused = rrf(&[vec![3, 1, 2]], DEFAULT_RRF_K);
        assert_eq!(fused.iter().map(|f| f.0).collect::<Vec<_>>(), vec![3, 1, 2]);
        let fused = rrf(&[vec!["x"], vec!["y"]], 60.0);
        assert_eq!(
            fused.iter().map(|f| f.0).collect::<Vec<_>>(),
            vec!["x", "y"]
        );
        assert!(rrf::<u8>(&[], 60.0).is_empty());
    }
}

//! Fusion of the lexical and dense rankings into one.
//!
//! * Reciprocal Rank Fusion (Cormack, Clarke & Büttcher 2009): score(d) = Σ w_r / (k + rank_r(d)),
//!   ranks from 1. Needs only ranks, so rankers with incomparable scores (BM25, cosine) fuse.
//! * Convex combination of normalised scores (Bruch, Gai & Ingber, "An Analysis of Fusion
//!   Functions for Hybrid Retrieval", TOIS 2023): score(d) = α·φ(dense(d)) + (1 − α)·φ(lexical(d)).
//!   Unlike RRF it keeps how far apart the scores are, not just their order, so a confident
//!   ranker can outvote an unsure one; the paper finds it beats RRF in and out of domain,
//!   with α its only parameter.

use std::collections::HashMap;
use std::hash::Hash;

pub const DEFAULT_RRF_K: f64 = 60.0;

/// BM25 (and PostgreSQL's `ts_rank_cd`) never score below 0; cosine never below −1. These are
/// the lower ends `Normalization::TheoreticalMinMax` maps to 0.
pub const LEXICAL_SCORE_FLOOR: f64 = 0.0;
pub const DENSE_SCORE_FLOOR: f64 = -1.0;

/// How one ranker's scores are put on a common scale before a convex combination. An item a
/// ranker did not return gets that ranker's lowest normalised value (0 for both min-max
/// forms): it scored no better than the worst candidate retrieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalization {
    /// (s − min) / (max − min) over the ranker's candidates.
    MinMax,
    /// (s − mean) / standard deviation over the ranker's candidates.
    ZScore,
    /// (s − floor) / (max − floor) with the score's theoretical floor (the paper's TM2C2): the
    /// bottom of a candidate list is not stretched to 0, so a weak match stays weak.
    TheoreticalMinMax,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fusion {
    /// `dense_weight` w weighs the dense ranks by 2w and the lexical ones by 2(1 − w), so
    /// w = 0.5 is plain RRF.
    Rrf { k: f64, dense_weight: f64 },
    /// α = `dense_weight`.
    Convex {
        normalization: Normalization,
        dense_weight: f64,
    },
}

impl Default for Fusion {
    /// What a search uses when the request names no fusion.
    fn default() -> Self {
        from_request(None, None, None).expect("the defaults are valid")
    }
}

/// The fusion a search request names (`"fusion": "rrf" | "convex"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FusionMethod {
    Rrf,
    Convex,
}

/// What a search fuses with when the request names nothing: see the README's Quality section
/// for the measurements behind it.
pub const DEFAULT_METHOD: FusionMethod = FusionMethod::Convex;
/// α of the default convex combination.
pub const DEFAULT_CONVEX_DENSE_WEIGHT: f64 = 0.8;
/// The default convex combination's normalisation.
pub const DEFAULT_NORMALIZATION: Normalization = Normalization::TheoreticalMinMax;

/// The fusion for a request's optional `fusion`, `rrf_k` and `dense_weight`; an invalid value
/// comes back as (field, message).
pub fn from_request(
    method: Option<FusionMethod>,
    rrf_k: Option<f64>,
    dense_weight: Option<f64>,
) -> Result<Fusion, (&'static str, &'static str)> {
    if let Some(k) = rrf_k {
        if !(k.is_finite() && k >= 0.0) {
            return Err(("rrf_k", "rrf_k must be a non-negative number"));
        }
    }
    if let Some(w) = dense_weight {
        if !(0.0..=1.0).contains(&w) {
            return Err(("dense_weight", "dense_weight must be between 0 and 1"));
        }
    }
    // Naming rrf_k alone asks for RRF, as it did before `fusion` existed.
    let method = method.unwrap_or(if rrf_k.is_some() {
        FusionMethod::Rrf
    } else {
        DEFAULT_METHOD
    });
    Ok(match method {
        FusionMethod::Rrf => Fusion::Rrf {
            k: rrf_k.unwrap_or(DEFAULT_RRF_K),
            dense_weight: dense_weight.unwrap_or(0.5),
        },
        FusionMethod::Convex => {
            if rrf_k.is_some() {
                return Err(("rrf_k", "rrf_k applies to fusion rrf only"));
            }
            Fusion::Convex {
                normalization: DEFAULT_NORMALIZATION,
                dense_weight: dense_weight.unwrap_or(DEFAULT_CONVEX_DENSE_WEIGHT),
            }
        }
    })
}

impl Fusion {
    /// How the answer describes the fusion it used.
    pub fn describe(&self) -> serde_json::Value {
        match *self {
            Fusion::Rrf { k, dense_weight } => {
                serde_json::json!({"method": "rrf", "rrf_k": k, "dense_weight": dense_weight})
            }
            Fusion::Convex {
                normalization,
                dense_weight,
            } => serde_json::json!({
                "method": "convex",
                "normalization": match normalization {
                    Normalization::MinMax => "min_max",
                    Normalization::ZScore => "z_score",
                    Normalization::TheoreticalMinMax => "theoretical_min_max",
                },
                "dense_weight": dense_weight,
            }),
        }
    }
}

/// One ranker's contribution: its items with (normalised) scores, the score of an item it
/// did not return, and its weight.
struct Contribution<K> {
    hits: Vec<(K, f64)>,
    absent: f64,
    weight: f64,
}

/// Fuses the lexical and dense hits (each best first, with the ranker's raw scores) into one
/// ranking, best first. Either may be empty (a ranker that was not run or found nothing).
/// Ties keep the order in which items were first seen (lexical first), so the result is
/// deterministic.
pub fn fuse<K: Eq + Hash + Clone>(
    lexical: &[(K, f64)],
    dense: &[(K, f64)],
    how: Fusion,
) -> Vec<(K, f64)> {
    let ids = |hits: &[(K, f64)]| hits.iter().map(|(k, _)| k.clone()).collect::<Vec<K>>();
    // With one ranker only (a single mode, or a ranker that found nothing) its scores pass
    // through at full weight instead of being scaled by a share meant for two.
    let shares = |dense_weight: f64| match (lexical.is_empty(), dense.is_empty()) {
        (false, true) => (1.0, 0.0),
        (true, false) => (0.0, 1.0),
        _ => (1.0 - dense_weight, dense_weight),
    };
    match how {
        Fusion::Rrf { k, dense_weight } => {
            let (l, d) = shares(dense_weight);
            let both = !lexical.is_empty() && !dense.is_empty();
            let scale = if both { 2.0 } else { 1.0 };
            weighted_rrf(&[(ids(lexical), scale * l), (ids(dense), scale * d)], k)
        }
        Fusion::Convex {
            normalization,
            dense_weight,
        } => {
            let (l, d) = shares(dense_weight);
            combine(vec![
                normalize(lexical, normalization, LEXICAL_SCORE_FLOOR, l),
                normalize(dense, normalization, DENSE_SCORE_FLOOR, d),
            ])
        }
    }
}

/// Plain RRF: every ranking weighs the same.
pub fn rrf<K: Eq + Hash + Clone>(rankings: &[Vec<K>], k: f64) -> Vec<(K, f64)> {
    let weighted: Vec<(Vec<K>, f64)> = rankings.iter().map(|r| (r.clone(), 1.0)).collect();
    weighted_rrf(&weighted, k)
}

/// RRF with a weight per ranking.
pub fn weighted_rrf<K: Eq + Hash + Clone>(rankings: &[(Vec<K>, f64)], k: f64) -> Vec<(K, f64)> {
    combine(
        rankings
            .iter()
            .map(|(ranking, weight)| Contribution {
                hits: ranking
                    .iter()
                    .enumerate()
                    .map(|(rank, item)| (item.clone(), 1.0 / (k + rank as f64 + 1.0)))
                    .collect(),
                absent: 0.0,
                weight: *weight,
            })
            .collect(),
    )
}

fn normalize<K: Clone>(
    hits: &[(K, f64)],
    how: Normalization,
    floor: f64,
    weight: f64,
) -> Contribution<K> {
    let scores = || hits.iter().map(|(_, s)| *s);
    let max = scores().fold(f64::NEG_INFINITY, f64::max);
    let min = scores().fold(f64::INFINITY, f64::min);
    let (shift, scale) = match how {
        Normalization::MinMax => (min, max - min),
        Normalization::TheoreticalMinMax => (floor, max - floor),
        Normalization::ZScore => {
            let n = hits.len() as f64;
            let mean = scores().sum::<f64>() / n;
            let variance = scores().map(|s| (s - mean).powi(2)).sum::<f64>() / n;
            (mean, variance.sqrt())
        }
    };
    // A single hit, or all scores equal: nothing to spread, every hit counts as the best.
    let (shift, scale) = if scale > f64::EPSILON {
        (shift, scale)
    } else {
        (max - 1.0, 1.0)
    };
    Contribution {
        hits: hits
            .iter()
            .map(|(k, s)| (k.clone(), (s - shift) / scale))
            .collect(),
        absent: match how {
            Normalization::ZScore if !hits.is_empty() => (min - shift) / scale,
            _ => 0.0,
        },
        weight,
    }
}

/// Σ weight × score over the contributions, with `absent` for an item a ranker did not
/// return. Best first, ties in first-seen order.
fn combine<K: Eq + Hash + Clone>(contributions: Vec<Contribution<K>>) -> Vec<(K, f64)> {
    assert!(contributions.len() <= 64, "at most 64 rankings fuse");
    // item → (score from the rankers that returned it, mask of those rankers, first seen)
    let mut scores: HashMap<K, (f64, u64, usize)> = HashMap::new();
    let mut seen = 0;
    for (r, c) in contributions.iter().enumerate() {
        for (item, score) in &c.hits {
            let entry = scores.entry(item.clone()).or_insert_with(|| {
                seen += 1;
                (0.0, 0, seen)
            });
            // A ranker listing an item twice counts its best (first) occurrence only.
            if entry.1 & (1 << r) == 0 {
                entry.0 += c.weight * score;
                entry.1 |= 1 << r;
            }
        }
    }
    let mut fused: Vec<(K, f64, usize)> = scores
        .into_iter()
        .map(|(key, (mut s, mask, order))| {
            for (r, c) in contributions.iter().enumerate() {
                if mask & (1 << r) == 0 {
                    s += c.weight * c.absent;
                }
            }
            (key, s, order)
        })
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

    #[test]
    fn weighted_rrf_at_half_is_plain_rrf_and_weights_shift_the_order() {
        let lexical = [("a", 9.0), ("b", 5.0), ("c", 1.0)];
        let dense = [("b", 0.9), ("d", 0.8), ("a", 0.1)];
        let plain = rrf(&[vec!["a", "b", "c"], vec!["b", "d", "a"]], 60.0);
        let half = fuse(
            &lexical,
            &dense,
            Fusion::Rrf {
                k: 60.0,
                dense_weight: 0.5,
            },
        );
        assert_eq!(plain, half);
        // All weight on one side: that side's order, the other's items after it.
        let dense_only = fuse(
            &lexical,
            &dense,
            Fusion::Rrf {
                k: 60.0,
                dense_weight: 1.0,
            },
        );
        let order: Vec<&str> = dense_only.iter().map(|f| f.0).collect();
        assert_eq!(&order[..3], &["b", "d", "a"]);
        assert_eq!(dense_only[3], ("c", 0.0));
    }

    #[test]
    fn convex_min_max_by_hand() {
        // Lexical 10, 6, 2 → 1, 0.5, 0; dense 0.8, 0.6 → 1, 0.
        let lexical = [("a", 10.0), ("b", 6.0), ("c", 2.0)];
        let dense = [("c", 0.8), ("a", 0.6)];
        let fused = fuse(
            &lexical,
            &dense,
            Fusion::Convex {
                normalization: Normalization::MinMax,
                dense_weight: 0.25,
            },
        );
        let expected = [("a", 0.75), ("b", 0.375), ("c", 0.25)];
        assert_eq!(fused.len(), 3);
        for ((k, s), (ek, es)) in fused.iter().zip(expected) {
            assert_eq!(*k, ek);
            assert!((s - es).abs() < 1e-12, "{k}: {s} != {es}");
        }
    }

    #[test]
    fn theoretical_min_max_keeps_a_weak_list_weak() {
        // Cosines 0.30, 0.29, 0.28 are near-ties: min-max stretches them to 1, 0.5, 0, while
        // the theoretical floor (−1) keeps them within 2 %, so lexical decides between x and y.
        let lexical = [("y", 8.0), ("x", 6.0), ("z", 0.0)];
        let dense = [("x", 0.30), ("y", 0.29), ("z", 0.28)];
        let convex = |normalization| Fusion::Convex {
            normalization,
            dense_weight: 0.5,
        };
        let tm = fuse(&lexical, &dense, convex(Normalization::TheoreticalMinMax));
        let mm = fuse(&lexical, &dense, convex(Normalization::MinMax));
        assert_eq!(mm[0].0, "x");
        assert!((mm[0].1 - (0.5 * 0.75 + 0.5)).abs() < 1e-12);
        assert_eq!(tm[0].0, "y");
        assert!((tm[0].1 - (0.5 + 0.5 * (1.29 / 1.3))).abs() < 1e-12);
    }

    #[test]
    fn z_score_gives_missing_items_the_lists_minimum() {
        let lexical = [("a", 3.0), ("b", 1.0)]; // z: +1, −1
        let dense = [("c", 0.5)]; // one hit: counts as the best, z 1
        let fused = fuse(
            &lexical,
            &dense,
            Fusion::Convex {
                normalization: Normalization::ZScore,
                dense_weight: 0.5,
            },
        );
        let score = |k: &str| fused.iter().find(|f| f.0 == k).unwrap().1;
        // a: 0.5·1 + 0.5·(absent dense = its min z, 1) = 1; b: −0.5 + 0.5 = 0; c: 0.5·(−1) + 0.5·1 = 0.
        assert!((score("a") - 1.0).abs() < 1e-12);
        assert!(score("b").abs() < 1e-12 && score("c").abs() < 1e-12);
        // Equal scores keep first-seen order: b (lexical) before c.
        assert_eq!(
            fused.iter().map(|f| f.0).collect::<Vec<_>>(),
            vec!["a", "b", "c"]
        );
    }

    #[test]
    fn requests_choose_the_fusion() {
        assert_eq!(from_request(None, None, None), Ok(Fusion::default()));
        assert_eq!(
            from_request(None, Some(20.0), None),
            Ok(Fusion::Rrf {
                k: 20.0,
                dense_weight: 0.5
            })
        );
        assert_eq!(
            from_request(Some(FusionMethod::Convex), None, Some(0.3)),
            Ok(Fusion::Convex {
                normalization: DEFAULT_NORMALIZATION,
                dense_weight: 0.3
            })
        );
        assert_eq!(
            from_request(Some(FusionMethod::Rrf), None, None),
            Ok(Fusion::Rrf {
                k: DEFAULT_RRF_K,
                dense_weight: 0.5
            })
        );
        assert_eq!(from_request(None, Some(-1.0), None).unwrap_err().0, "rrf_k");
        assert_eq!(
            from_request(None, Some(f64::NAN), None).unwrap_err().0,
            "rrf_k"
        );
        assert_eq!(
            from_request(None, None, Some(1.5)).unwrap_err().0,
            "dense_weight"
        );
        assert_eq!(
            from_request(Some(FusionMethod::Convex), Some(60.0), None)
                .unwrap_err()
                .0,
            "rrf_k"
        );
        assert_eq!(
            from_request(Some(FusionMethod::Convex), None, None)
                .unwrap()
                .describe()["method"],
            "convex"
        );
    }

    #[test]
    fn one_side_empty_keeps_the_other_order() {
        let lexical = [("a", 3.0), ("b", 2.0), ("c", 2.0)];
        for normalization in [
            Normalization::MinMax,
            Normalization::ZScore,
            Normalization::TheoreticalMinMax,
        ] {
            let fused = fuse(
                &lexical,
                &[],
                Fusion::Convex {
                    normalization,
                    dense_weight: 0.7,
                },
            );
            assert_eq!(
                fused.iter().map(|f| f.0).collect::<Vec<_>>(),
                vec!["a", "b", "c"]
            );
            assert!(fused.iter().all(|f| f.1.is_finite()));
        }
        assert!(fuse::<&str>(&[], &[], Fusion::default()).is_empty());
        // One ranker alone keeps its full scale: RRF 1/(k + rank), convex the normalised score.
        let rrf_alone = fuse(
            &[],
            &[("a", 0.4), ("b", 0.2)],
            Fusion::Rrf {
                k: 60.0,
                dense_weight: 0.2,
            },
        );
        assert_eq!(rrf_alone, vec![("a", 1.0 / 61.0), ("b", 1.0 / 62.0)]);
        let convex_alone = fuse(
            &lexical,
            &[],
            Fusion::Convex {
                normalization: Normalization::MinMax,
                dense_weight: 0.9,
            },
        );
        assert_eq!(convex_alone[0], ("a", 1.0));
        // A single hit (zero spread) is not a division by zero.
        let one = fuse(
            &[("a", 4.0)],
            &[("a", 0.2)],
            Fusion::Convex {
                normalization: Normalization::MinMax,
                dense_weight: 0.5,
            },
        );
        assert_eq!(one, vec![("a", 1.0)]);
    }
}

//! Which deployments may serve a request, best first: strategies, request complexity,
//! observed latency and sticky A/B assignment.

use sha2::{Digest, Sha256};
use storage::{DbError, KeyValue};

use crate::config::{AbTest, Deployment, GatewayConfig, ModelKind, Tier};
use crate::wire::{estimate_tokens, ChatRequest};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    Cheapest,
    Fastest,
    BestQuality,
    /// By request complexity: the tier that fits, cheapest first.
    Auto,
    /// A model id or `provider/model`.
    Pinned(String),
}

impl Strategy {
    /// A routing alias, or `None` when the name is not one.
    pub fn alias(name: &str) -> Option<Strategy> {
        Some(match name {
            "cheapest" => Strategy::Cheapest,
            "fastest" => Strategy::Fastest,
            "best_quality" | "best-quality" => Strategy::BestQuality,
            "auto" => Strategy::Auto,
            _ => return None,
        })
    }

    pub fn name(&self) -> String {
        match self {
            Strategy::Cheapest => "cheapest".into(),
            Strategy::Fastest => "fastest".into(),
            Strategy::BestQuality => "best_quality".into(),
            Strategy::Auto => "auto".into(),
            Strategy::Pinned(model) => format!("pinned:{model}"),
        }
    }
}

/// Seed 001's complexity tiers, from what is cheap to see in the request: its size, whether it
/// uses tools, how long the conversation is, and words that ask for reasoning.
pub fn classify(request: &ChatRequest) -> Tier {
    let chars = request.input_chars();
    let has_tools = request.tools.as_ref().is_some_and(|t| !t.is_empty());
    let text = request
        .messages
        .iter()
        .map(|m| m.text().to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    const REASONING: &[&str] = &[
        "step by step",
        "analyze",
        "analyse",
        "explain why",
        "prove",
        "compare",
        "refactor",
        "```",
    ];
    let asks_reasoning = REASONING.iter().any(|w| text.contains(w));
    if has_tools || chars > 6000 || request.messages.len() > 12 || (asks_reasoning && chars > 400) {
        Tier::Complex
    } else if chars > 600 || asks_reasoning || request.messages.len() > 4 {
        Tier::Standard
    } else {
        Tier::Simple
    }
}

/// Blended price for ordering: what a typical call (assumed input and output sizes) costs.
fn blended_price(d: &Deployment, input_tokens: u64, output_tokens: u64) -> u128 {
    u128::from(d.model.input_micro_usd_per_million) * u128::from(input_tokens.max(1))
        + u128::from(d.model.output_micro_usd_per_million) * u128::from(output_tokens.max(1))
}

/// What routing needs to know about the request.
#[derive(Debug, Clone)]
pub struct RouteInput {
    pub kind: ModelKind,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub tier: Tier,
    /// Over the soft budget: prefer cheaper.
    pub degraded: bool,
}

impl RouteInput {
    pub fn for_chat(config: &GatewayConfig, request: &ChatRequest) -> Self {
        Self {
            kind: ModelKind::Chat,
            input_tokens: estimate_tokens(request.input_chars()),
            output_tokens: u64::from(
                request
                    .max_output_tokens()
                    .unwrap_or(config.limits.assumed_output_tokens),
            ),
            tier: classify(request),
            degraded: false,
        }
    }
}

/// Candidates best first. `latency_ms` gives the observed latency of a deployment, if any.
pub fn candidates(
    config: &GatewayConfig,
    strategy: &Strategy,
    input: &RouteInput,
    latency_ms: &dyn Fn(&Deployment) -> Option<u64>,
) -> Vec<Deployment> {
    let needed = input.input_tokens + input.output_tokens;
    let fits = |d: &Deployment| {
        input.kind == ModelKind::Embedding || u64::from(d.model.context_window) >= needed
    };
    let price = |d: &Deployment| blended_price(d, input.input_tokens, input.output_tokens);

    let mut list: Vec<Deployment> = match strategy {
        Strategy::Pinned(name) => config.resolve_model(name, input.kind),
        _ => config.deployments(Some(input.kind)),
    };
    // Too small a context window would fail upstream anyway; keep such deployments only
    // when nothing else fits, so the provider's own error reaches the caller.
    if list.iter().any(fits) {
        list.retain(fits);
    }

    let strategy = if input.degraded && *strategy != Strategy::Auto {
        match strategy {
            Strategy::Pinned(_) => strategy.clone(),
            _ => Strategy::Cheapest,
        }
    } else {
        strategy.clone()
    };
    match &strategy {
        Strategy::Cheapest | Strategy::Pinned(_) => {
            list.sort_by(|a, b| price(a).cmp(&price(b)).then(a.key().cmp(&b.key())))
        }
        Strategy::Fastest => list.sort_by(|a, b| {
            // Unmeasured deployments go last: a known-fast one beats a guess.
            let la = latency_ms(a).unwrap_or(u64::MAX);
            let lb = latency_ms(b).unwrap_or(u64::MAX);
            la.cmp(&lb).then(price(a).cmp(&price(b)))
        }),
        Strategy::BestQuality => {
            list.sort_by(|a, b| b.quality.cmp(&a.quality).then(price(a).cmp(&price(b))))
        }
        Strategy::Auto => {
            let wanted = if input.degraded {
                input.tier.lower()
            } else {
                input.tier
            };
            // The wanted tier first, then stronger tiers (they can do the job), then weaker
            // ones (better than failing); cheapest first within each. Degraded, the order of
            // the last two flips: saving money is the point.
            let degraded = input.degraded;
            let rank = |d: &Deployment| {
                let t = d.model.tier;
                let (stronger, weaker) = if degraded { (10, 1) } else { (1, 10) };
                if t == wanted {
                    0
                } else if t > wanted {
                    stronger + (t as u8 - wanted as u8)
                } else {
                    weaker + (wanted as u8 - t as u8)
                }
            };
            list.sort_by(|a, b| rank(a).cmp(&rank(b)).then(price(a).cmp(&price(b))))
        }
    }
    list
}

// ---------------------------------------------------------------------------------------------
// Observed latency

fn latency_key(d: &Deployment) -> String {
    format!("gw:lat:{}", d.key())
}

/// The smoothed latency of a deployment, shared across instances.
pub fn observed_latency(kv: &dyn KeyValue, d: &Deployment) -> Option<u64> {
    let raw = kv.get(&latency_key(d)).ok()??;
    std::str::from_utf8(&raw).ok()?.parse().ok()
}

/// Folds a new sample into the moving average (weight 1/4 for the new sample). A lost race
/// between instances loses one sample, which an average shrugs off.
pub fn record_latency(kv: &dyn KeyValue, d: &Deployment, ms: u64) {
    let old = observed_latency(kv, d);
    let next = match old {
        Some(old) => (old * 3 + ms) / 4,
        None => ms,
    };
    if old == Some(next) {
        // Steady latency: skip the write, the request path pays for every one.
        return;
    }
    let _ = kv.set(
        &latency_key(d),
        next.to_string().as_bytes(),
        Some(24 * 3600),
    );
}

// ---------------------------------------------------------------------------------------------
// A/B tests

pub const AB_STICKY_SECS: u64 = 24 * 3600;

/// The variant a user falls into by hash alone (stable while the weights are).
pub fn variant_by_hash<'a>(test: &'a AbTest, user: &str) -> &'a crate::config::AbVariant {
    let total: u64 = test.variants.iter().map(|v| u64::from(v.weight)).sum();
    let digest = Sha256::digest(format!("{}\u{0}{user}", test.name).as_bytes());
    let point = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes")) % total.max(1);
    let mut acc = 0;
    for variant in &test.variants {
        acc += u64::from(variant.weight);
        if point < acc {
            return variant;
        }
    }
    &test.variants[test.variants.len() - 1]
}

/// The user's variant: kept for 24 hours once assigned (so changing weights mid-test does
/// not move users around within a day), first chosen by hash of the user id.
pub fn assign_variant<'a>(
    kv: &dyn KeyValue,
    test: &'a AbTest,
    tenant: &str,
    user: &str,
) -> Result<&'a crate::config::AbVariant, DbError> {
    let key = format!("gw:ab:{}:{tenant}:{user}", test.name);
    if let Some(stored) = kv.get(&key)? {
        let name = String::from_utf8_lossy(&stored);
        if let Some(v) = test.variants.iter().find(|v| v.name == name) {
            return Ok(v);
        }
    }
    let chosen = variant_by_hash(test, user);
    if !kv.set_if_absent(&key, chosen.name.as_bytes(), Some(AB_STICKY_SECS))? {
        // Another instance assigned first: theirs wins.
        if let Some(stored) = kv.get(&key)? {
            let name = String::from_utf8_lossy(&stored);
            if let Some(v) = test.variants.iter().find(|v| v.name == name) {
                return Ok(v);
            }
        }
    }
    Ok(chosen)
}

/// Per-variant counters for comparing variants: requests, failures, latency and cost sums.
pub fn record_variant(
    kv: &dyn KeyValue,
    test: &str,
    variant: &str,
    ok: bool,
    latency_ms: u64,
    cost_micro_usd: u64,
) {
    let base = format!("gw:abstat:{test}:{variant}");
    const KEEP: u64 = 90 * 24 * 3600;
    let _ = kv.incr(&format!("{base}:requests"), 1, KEEP);
    if !ok {
        let _ = kv.incr(&format!("{base}:failures"), 1, KEEP);
    }
    let _ = kv.incr(&format!("{base}:latency_ms"), latency_ms as i64, KEEP);
    let _ = kv.incr(
        &format!("{base}:cost_micro_usd"),
        cost_micro_usd as i64,
        KEEP,
    );
}

/// The counters [`record_variant`] keeps: (requests, failures, latency_ms sum, cost sum).
pub fn variant_stats(kv: &dyn KeyValue, test: &str, variant: &str) -> [i64; 4] {
    let base = format!("gw:abstat:{test}:{variant}");
    // Counters are stored in each backend's own encoding: adding zero reads them portably.
    ["requests", "failures", "latency_ms", "cost_micro_usd"].map(|k| {
        kv.incr(&format!("{base}:{k}"), 0, 90 * 24 * 3600)
            .unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::sample;
    use serde_json::json;
    use storage::MemoryKeyValue;

    fn chat(messages: serde_json::Value) -> ChatRequest {
        serde_json::from_value(json!({"messages": messages})).unwrap()
    }

    fn keys(list: &[Deployment]) -> Vec<String> {
        list.iter().map(Deployment::key).collect()
    }

    fn input(tier: Tier) -> RouteInput {
        RouteInput {
            kind: ModelKind::Chat,
            input_tokens: 100,
            output_tokens: 100,
            tier,
            degraded: false,
        }
    }

    #[test]
    fn complexity_tiers() {
        assert_eq!(
            classify(&chat(json!([{"role": "user", "content": "hi"}]))),
            Tier::Simple
        );
        let long = "word ".repeat(200);
        assert_eq!(
            classify(&chat(json!([{"role": "user", "content": long}]))),
            Tier::Standard
        );
        let mut with_tools = chat(json!([{"role": "user", "content": "weather?"}]));
        with_tools.tools = Some(vec![json!({"type": "function", "function": {"name": "w"}})]);
        assert_eq!(classify(&with_tools), Tier::Complex);
        let reasoning = format!("Analyze this step by step: {}", "x ".repeat(300));
        assert_eq!(
            classify(&chat(json!([{"role": "user", "content": reasoning}]))),
            Tier::Complex
        );
    }

    #[test]
    fn cheapest_orders_by_blended_price() {
        let list = candidates(
            &sample(),
            &Strategy::Cheapest,
            &input(Tier::Simple),
            &|_| None,
        );
        assert_eq!(keys(&list), ["a/small", "b/small", "b/mid", "a/big"]);
    }

    #[test]
    fn best_quality_puts_the_strongest_first() {
        let list = candidates(
            &sample(),
            &Strategy::BestQuality,
            &input(Tier::Simple),
            &|_| None,
        );
        assert_eq!(keys(&list)[0], "a/big");
        assert_eq!(keys(&list)[1], "b/mid");
    }

    #[test]
    fn fastest_uses_observed_latency_and_puts_unmeasured_last() {
        let latency = |d: &Deployment| match d.key().as_str() {
            "a/big" => Some(40),
            "b/mid" => Some(10),
            "a/small" => Some(300),
            _ => None,
        };
        let list = candidates(
            &sample(),
            &Strategy::Fastest,
            &input(Tier::Simple),
            &latency,
        );
        assert_eq!(keys(&list), ["b/mid", "a/big", "a/small", "b/small"]);
    }

    #[test]
    fn auto_picks_the_tier_then_stronger_then_weaker() {
        let list = candidates(&sample(), &Strategy::Auto, &input(Tier::Standard), &|_| {
            None
        });
        assert_eq!(keys(&list), ["b/mid", "a/big", "a/small", "b/small"]);
        let list = candidates(&sample(), &Strategy::Auto, &input(Tier::Complex), &|_| None);
        assert_eq!(keys(&list)[0], "a/big");
        // Degraded: one tier cheaper.
        let degraded = RouteInput {
            degraded: true,
            ..input(Tier::Complex)
        };
        let list = candidates(&sample(), &Strategy::Auto, &degraded, &|_| None);
        assert_eq!(keys(&list)[0], "b/mid");
    }

    #[test]
    fn pinned_model_fails_over_between_its_providers_only() {
        let list = candidates(
            &sample(),
            &Strategy::Pinned("small".into()),
            &input(Tier::Complex),
            &|_| None,
        );
        assert_eq!(keys(&list), ["a/small", "b/small"]);
        let list = candidates(
            &sample(),
            &Strategy::Pinned("b/small".into()),
            &input(Tier::Simple),
            &|_| None,
        );
        assert_eq!(keys(&list), ["b/small"]);
    }

    #[test]
    fn context_window_filters_when_something_fits() {
        let big_input = RouteInput {
            input_tokens: 5000,
            ..input(Tier::Simple)
        };
        let list = candidates(&sample(), &Strategy::Cheapest, &big_input, &|_| None);
        assert_eq!(keys(&list), ["b/mid", "a/big"]);
    }

    #[test]
    fn latency_is_smoothed_and_shared() {
        let kv = MemoryKeyValue::default();
        let d = &sample().resolve_model("b/mid", ModelKind::Chat)[0];
        assert_eq!(observed_latency(&kv, d), None);
        record_latency(&kv, d, 100);
        record_latency(&kv, d, 200);
        assert_eq!(observed_latency(&kv, d), Some(125));
    }

    #[test]
    fn ab_assignment_is_weighted_and_sticky() {
        let config = sample();
        let test = config.ab_test("exp").unwrap();
        let kv = MemoryKeyValue::default();
        let mut counts = std::collections::HashMap::new();
        for i in 0..2000 {
            let user = format!("user{i}");
            let first = assign_variant(&kv, test, "t", &user).unwrap().name.clone();
            for _ in 0..3 {
                assert_eq!(assign_variant(&kv, test, "t", &user).unwrap().name, first);
            }
            *counts.entry(first).or_insert(0) += 1;
        }
        // weights 1:3
        let y = counts["y"];
        assert!((1350..=1650).contains(&y), "{counts:?}");

        // A stored assignment wins over a changed weighting within the 24 hours.
        let mut changed = test.clone();
        changed.variants[0].weight = 1000;
        for i in 0..50 {
            let user = format!("user{i}");
            let stored = assign_variant(&kv, test, "t", &user).unwrap().name.clone();
            assert_eq!(
                assign_variant(&kv, &changed, "t", &user).unwrap().name,
                stored
            );
        }
    }

    #[test]
    fn variant_stats_accumulate() {
        let kv = MemoryKeyValue::default();
        record_variant(&kv, "exp", "x", true, 10, 5);
        record_variant(&kv, "exp", "x", false, 30, 0);
        assert_eq!(variant_stats(&kv, "exp", "x"), [2, 1, 40, 5]);
        assert_eq!(variant_stats(&kv, "exp", "y"), [0, 0, 0, 0]);
    }
}

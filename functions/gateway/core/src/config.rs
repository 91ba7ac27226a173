//! Providers, models, prices, A/B tests, budgets and limits: all configuration (one JSON
//! document in the secret variable `llm_config`), none of it code.
//!
//! ```json
//! {
//!   "providers": [{
//!     "name": "ollama", "base_url": "http://127.0.0.1:11434/v1", "api_key": "",
//!     "models": [{"id": "llama3.2", "kind": "chat", "tier": "simple",
//!                 "input_micro_usd_per_million": 0, "output_micro_usd_per_million": 0,
//!                 "context_window": 8192, "quality": 3}]
//!   }],
//!   "default_strategy": "auto",
//!   "ab_tests": [{"name": "summary-ab", "variants": [
//!       {"name": "a", "model": "llama3.2", "weight": 50}, {"name": "b", "model": "gpt-4o-mini", "weight": 50}]}],
//!   "budgets": {"default_monthly_micro_usd": 5000000, "soft_limit_percent": 80,
//!               "tenants": {"t1": {"monthly_micro_usd": 100000000}}},
//!   "limits": {"requests_per_minute": 120, "max_tokens": {"simple": 1024, "standard": 4096, "complex": 16384}}
//! }
//! ```
//! Prices are integer micro-dollars per million tokens: $0.15 per million is `150000`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Request complexity tiers (seed 001) and the model tiers serving them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Simple,
    Standard,
    Complex,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Simple => "simple",
            Tier::Standard => "standard",
            Tier::Complex => "complex",
        }
    }

    /// One tier cheaper (a simple request stays simple).
    pub fn lower(self) -> Tier {
        match self {
            Tier::Complex => Tier::Standard,
            _ => Tier::Simple,
        }
    }

    fn default_quality(self) -> u32 {
        match self {
            Tier::Simple => 3,
            Tier::Standard => 6,
            Tier::Complex => 9,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelKind {
    Chat,
    Embedding,
}

impl ModelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ModelKind::Chat => "chat",
            ModelKind::Embedding => "embedding",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelConfig {
    pub id: String,
    #[serde(default = "default_kind")]
    pub kind: ModelKind,
    #[serde(default = "default_tier")]
    pub tier: Tier,
    pub input_micro_usd_per_million: u64,
    #[serde(default)]
    pub output_micro_usd_per_million: u64,
    #[serde(default = "default_context_window")]
    pub context_window: u32,
    /// 1..10, higher is better; defaults by tier.
    #[serde(default)]
    pub quality: Option<u32>,
}

fn default_kind() -> ModelKind {
    ModelKind::Chat
}
fn default_tier() -> Tier {
    Tier::Standard
}
fn default_context_window() -> u32 {
    8192
}

#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    pub name: String,
    /// OpenAI-compatible base URL, ending before `/chat/completions`, e.g.
    /// `https://api.openai.com/v1`.
    pub base_url: String,
    #[serde(default)]
    pub api_key: Option<String>,
    /// Extra headers every request carries (e.g. Azure's `api-key`).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Query string appended to every URL (e.g. Azure's `api-version=2024-06-01`).
    #[serde(default)]
    pub query: Option<String>,
    pub models: Vec<ModelConfig>,
}

// The key must never reach a log line.
impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderConfig")
            .field("name", &self.name)
            .field("base_url", &self.base_url)
            .field("models", &self.models)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbVariant {
    pub name: String,
    /// A model id or `provider/model`.
    pub model: String,
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbTest {
    /// Requests naming this as their `model` take part.
    pub name: String,
    pub variants: Vec<AbVariant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantBudget {
    /// Hard limit per calendar month (UTC).
    pub monthly_micro_usd: u64,
    /// Over this the gateway degrades; defaults to `soft_limit_percent` of the hard limit.
    #[serde(default)]
    pub soft_micro_usd: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetConfig {
    /// Tenants without their own entry; none means "no budget".
    #[serde(default)]
    pub default_monthly_micro_usd: Option<u64>,
    #[serde(default = "default_soft_percent")]
    pub soft_limit_percent: u64,
    #[serde(default)]
    pub tenants: BTreeMap<String, TenantBudget>,
    /// `max_tokens` cap while degraded.
    #[serde(default = "default_degraded_max_tokens")]
    pub degraded_max_tokens: u32,
}

fn default_soft_percent() -> u64 {
    80
}
fn default_degraded_max_tokens() -> u32 {
    256
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            default_monthly_micro_usd: None,
            soft_limit_percent: default_soft_percent(),
            tenants: BTreeMap::new(),
            degraded_max_tokens: default_degraded_max_tokens(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default = "default_rpm")]
    pub requests_per_minute: u64,
    /// `max_tokens` ceiling per model tier.
    #[serde(default = "default_max_tokens")]
    pub max_tokens: BTreeMap<Tier, u32>,
    /// Output tokens assumed for the estimate when a request sets no `max_tokens`.
    #[serde(default = "default_assumed_output")]
    pub assumed_output_tokens: u32,
    #[serde(default = "default_max_request_bytes")]
    pub max_request_bytes: u64,
}

fn default_rpm() -> u64 {
    600
}
fn default_max_tokens() -> BTreeMap<Tier, u32> {
    BTreeMap::from([
        (Tier::Simple, 2048),
        (Tier::Standard, 8192),
        (Tier::Complex, 32768),
    ])
}
fn default_assumed_output() -> u32 {
    512
}
fn default_max_request_bytes() -> u64 {
    1024 * 1024
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            requests_per_minute: default_rpm(),
            max_tokens: default_max_tokens(),
            assumed_output_tokens: default_assumed_output(),
            max_request_bytes: default_max_request_bytes(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeouts {
    #[serde(default = "default_connect_ms")]
    pub connect_ms: u64,
    /// Time to the response head (providers think before answering: generous).
    #[serde(default = "default_first_byte_ms")]
    pub first_byte_ms: u64,
    /// A stalled stream is abandoned after this long without a byte.
    #[serde(default = "default_between_bytes_ms")]
    pub between_bytes_ms: u64,
    /// The whole call including failover, unless the caller gives a shorter deadline.
    #[serde(default = "default_deadline_ms")]
    pub deadline_ms: u64,
}

fn default_connect_ms() -> u64 {
    3_000
}
fn default_first_byte_ms() -> u64 {
    60_000
}
fn default_between_bytes_ms() -> u64 {
    20_000
}
fn default_deadline_ms() -> u64 {
    25_000
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect_ms: default_connect_ms(),
            first_byte_ms: default_first_byte_ms(),
            between_bytes_ms: default_between_bytes_ms(),
            deadline_ms: default_deadline_ms(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayConfig {
    #[serde(default)]
    pub providers: Vec<ProviderConfig>,
    #[serde(default)]
    pub default_strategy: Option<String>,
    #[serde(default)]
    pub ab_tests: Vec<AbTest>,
    #[serde(default)]
    pub budgets: BudgetConfig,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub timeouts: Timeouts,
    #[serde(default = "default_cache_ttl")]
    pub cache_ttl_secs: u64,
}

fn default_cache_ttl() -> u64 {
    3600
}

/// One model at one provider: the unit of routing, health and pricing.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    pub provider: String,
    pub base_url: String,
    pub model: ModelConfig,
    pub quality: u32,
}

impl Deployment {
    /// `provider/model`: the key of its health state and latency observations.
    pub fn key(&self) -> String {
        format!("{}/{}", self.provider, self.model.id)
    }

    /// Cost in µ$ of a call, rounded up so a tenant is never charged less than the provider
    /// bills; integer arithmetic only.
    pub fn cost_micro_usd(&self, prompt_tokens: u64, completion_tokens: u64) -> u64 {
        let total = u128::from(prompt_tokens) * u128::from(self.model.input_micro_usd_per_million)
            + u128::from(completion_tokens) * u128::from(self.model.output_micro_usd_per_million);
        u64::try_from(total.div_ceil(1_000_000)).unwrap_or(u64::MAX)
    }
}

impl GatewayConfig {
    /// Parses the `llm_config` variable; empty means "no provider configured".
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        let config: GatewayConfig =
            serde_json::from_str(text).map_err(|e| format!("llm_config is not valid: {e}"))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::BTreeSet::new();
        for provider in &self.providers {
            if provider.name.is_empty() || provider.name.contains('/') {
                return Err(format!(
                    "provider name {:?} must be non-empty without '/'",
                    provider.name
                ));
            }
            if !provider.base_url.starts_with("http://")
                && !provider.base_url.starts_with("https://")
            {
                return Err(format!(
                    "provider {}: base_url must start with http:// or https://",
                    provider.name
                ));
            }
            for model in &provider.models {
                if !seen.insert(format!("{}/{}", provider.name, model.id)) {
                    return Err(format!(
                        "model {}/{} is listed twice",
                        provider.name, model.id
                    ));
                }
                if model.quality.is_some_and(|q| !(1..=10).contains(&q)) {
                    return Err(format!("model {}: quality must be 1..10", model.id));
                }
            }
        }
        for test in &self.ab_tests {
            if test.variants.is_empty() || test.variants.iter().all(|v| v.weight == 0) {
                return Err(format!(
                    "A/B test {}: needs a variant with weight > 0",
                    test.name
                ));
            }
            for variant in &test.variants {
                if self
                    .resolve_model(&variant.model, ModelKind::Chat)
                    .is_empty()
                {
                    return Err(format!(
                        "A/B test {}: variant {} names unknown model {}",
                        test.name, variant.name, variant.model
                    ));
                }
            }
        }
        if self.budgets.soft_limit_percent > 100 {
            return Err("budgets.soft_limit_percent must be at most 100".into());
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.deployments(None).is_empty()
    }

    /// Every deployment, optionally of one kind, in configuration order.
    pub fn deployments(&self, kind: Option<ModelKind>) -> Vec<Deployment> {
        self.providers
            .iter()
            .flat_map(|p| {
                p.models.iter().map(move |m| Deployment {
                    provider: p.name.clone(),
                    base_url: p.base_url.trim_end_matches('/').to_owned(),
                    quality: m.quality.unwrap_or(m.tier.default_quality()),
                    model: m.clone(),
                })
            })
            .filter(|d| kind.is_none_or(|k| d.model.kind == k))
            .collect()
    }

    /// Deployments a pinned name means: `provider/model`, or a model id at every provider
    /// offering it (so a pinned model still fails over between its providers).
    pub fn resolve_model(&self, name: &str, kind: ModelKind) -> Vec<Deployment> {
        self.deployments(Some(kind))
            .into_iter()
            .filter(|d| d.key() == name || d.model.id == name)
            .collect()
    }

    pub fn provider(&self, name: &str) -> Option<&ProviderConfig> {
        self.providers.iter().find(|p| p.name == name)
    }

    pub fn ab_test(&self, name: &str) -> Option<&AbTest> {
        self.ab_tests.iter().find(|t| t.name == name)
    }

    /// The tenant's (hard, soft) monthly limits, if it has a budget.
    pub fn budget_for(&self, tenant: &str) -> Option<(u64, u64)> {
        let budgets = &self.budgets;
        let (hard, soft) = match budgets.tenants.get(tenant) {
            Some(b) => (b.monthly_micro_usd, b.soft_micro_usd),
            None => (budgets.default_monthly_micro_usd?, None),
        };
        let soft = soft.unwrap_or_else(|| {
            u64::try_from(u128::from(hard) * u128::from(budgets.soft_limit_percent) / 100)
                .unwrap_or(hard)
        });
        Some((hard, soft.min(hard)))
    }

    pub fn max_tokens_for(&self, tier: Tier) -> u32 {
        self.limits
            .max_tokens
            .get(&tier)
            .copied()
            .unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn sample() -> GatewayConfig {
        GatewayConfig::parse(
            r#"{
              "providers": [
                {"name": "a", "base_url": "http://127.0.0.1:1/v1", "api_key": "sk-secret",
                 "models": [
                   {"id": "small", "tier": "simple", "input_micro_usd_per_million": 100000, "output_micro_usd_per_million": 400000, "context_window": 1000},
                   {"id": "big", "tier": "complex", "input_micro_usd_per_million": 5000000, "output_micro_usd_per_million": 15000000, "context_window": 100000, "quality": 10},
                   {"id": "emb", "kind": "embedding", "input_micro_usd_per_million": 20000}
                 ]},
                {"name": "b", "base_url": "http://127.0.0.1:2/v1/",
                 "models": [
                   {"id": "mid", "tier": "standard", "input_micro_usd_per_million": 1000000, "output_micro_usd_per_million": 2000000},
                   {"id": "small", "tier": "simple", "input_micro_usd_per_million": 150000, "output_micro_usd_per_million": 600000, "context_window": 1000}
                 ]}
              ],
              "ab_tests": [{"name": "exp", "variants": [{"name": "x", "model": "a/small", "weight": 1}, {"name": "y", "model": "mid", "weight": 3}]}],
              "budgets": {"default_monthly_micro_usd": 1000, "tenants": {"rich": {"monthly_micro_usd": 1000000000, "soft_micro_usd": 900000000}}}
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn parses_prices_tiers_and_deployments() {
        let config = sample();
        let chat = config.deployments(Some(ModelKind::Chat));
        assert_eq!(chat.len(), 4);
        assert_eq!(chat[3].base_url, "http://127.0.0.1:2/v1");
        assert_eq!(config.resolve_model("small", ModelKind::Chat).len(), 2);
        assert_eq!(config.resolve_model("b/small", ModelKind::Chat).len(), 1);
        assert!(config.resolve_model("emb", ModelKind::Chat).is_empty());
        assert_eq!(chat[1].quality, 10);
        assert_eq!(chat[0].quality, 3);
    }

    #[test]
    fn empty_config_means_no_provider() {
        assert!(GatewayConfig::parse("").unwrap().is_empty());
        assert!(GatewayConfig::parse("{}").unwrap().is_empty());
    }

    #[test]
    fn invalid_configs_are_refused_with_a_reason() {
        for (text, needle) in [
            (
                r#"{"providers": [{"name": "a", "base_url": "ftp://x", "models": []}]}"#,
                "base_url",
            ),
            (
                r#"{"providers": [{"name": "a/b", "base_url": "http://x", "models": []}]}"#,
                "name",
            ),
            (
                r#"{"ab_tests": [{"name": "t", "variants": [{"name": "v", "model": "nope", "weight": 1}]}]}"#,
                "unknown model",
            ),
            (r#"{"providers": [], "surprise": 1}"#, "unknown field"),
            (
                r#"{"providers": [{"name": "a", "base_url": "http://x", "models": [{"id": "m", "input_micro_usd_per_million": 1.5}]}]}"#,
                "not valid",
            ),
        ] {
            let err = GatewayConfig::parse(text).unwrap_err();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }

    #[test]
    fn cost_is_exact_integer_micro_dollars_rounded_up() {
        let config = sample();
        let small = &config.resolve_model("a/small", ModelKind::Chat)[0];
        // 1000 * 0.1 $/M + 500 * 0.4 $/M = 100 µ$ + 200 µ$
        assert_eq!(small.cost_micro_usd(1000, 500), 300);
        // 1 token at 0.1 $/M is 0.1 µ$: charged as 1.
        assert_eq!(small.cost_micro_usd(1, 0), 1);
        assert_eq!(small.cost_micro_usd(0, 0), 0);
        let big = &config.resolve_model("big", ModelKind::Chat)[0];
        assert_eq!(big.cost_micro_usd(1_000_000, 1_000_000), 20_000_000);
        assert_eq!(big.cost_micro_usd(u64::MAX, u64::MAX), u64::MAX);
    }

    #[test]
    fn budgets_default_and_per_tenant() {
        let config = sample();
        assert_eq!(config.budget_for("anyone"), Some((1000, 800)));
        assert_eq!(
            config.budget_for("rich"),
            Some((1_000_000_000, 900_000_000))
        );
        assert_eq!(GatewayConfig::default().budget_for("x"), None);
    }

    #[test]
    fn debug_output_hides_the_key() {
        let text = format!("{:?}", sample());
        assert!(!text.contains("sk-secret"), "{text}");
    }
}

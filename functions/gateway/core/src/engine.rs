//! One call through the gateway: limits, routing, cache, budget, failover across candidates
//! with circuit breakers, settlement, and the ledger row.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use api_kit::ApiError;
use serde::Serialize;
use serde_json::{json, Value};
use storage::{KeyValue, Sql};

use crate::budget::{self, BudgetDecision, BudgetState};
use crate::cache;
use crate::config::{Deployment, GatewayConfig, ModelKind};
use crate::health::{Admission, Breaker, HealthView};
use crate::ledger::{Ledger, Outcome, UsageRecord};
use crate::routing::{self, RouteInput, Strategy};
use crate::sse::{SseEvent, SseParser};
use crate::transport::{
    backoff_ms, parse_retry_after, random_id, BodyReader, Clock, HttpRequest, HttpResponse,
    Transport, TransportError,
};
use crate::wire::{
    estimate_tokens, ChatCompletion, ChatRequest, EmbeddingRequest, EmbeddingResponse,
    StreamAccumulator, Usage,
};

/// Attempts per call, across candidates.
pub const MAX_ATTEMPTS: u32 = 3;
/// Largest provider body we read for a non-streamed answer.
const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

pub const NO_PROVIDER_MESSAGE: &str = "no model provider is configured: set the secret variable \
     `llm_config` (JSON listing providers, their base URLs, keys and models) and allow the \
     provider's host with `llm_provider_origin`; see README, section \"AI gateway\"";

/// Who is calling, for budgets, limits, cache isolation and the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub tenant_id: String,
    pub user_id: String,
    pub function_name: String,
    pub request_id: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Neither read nor write the response cache.
    pub no_cache: bool,
    /// Milliseconds the caller is willing to wait, failover included.
    pub deadline_ms: Option<u64>,
}

/// Where an answer came from; sent as `x-llm-*` headers and a `gateway` body field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Served {
    pub provider: String,
    pub model: String,
    pub strategy: String,
    pub fell_back: bool,
    pub cache_hit: bool,
    pub degraded: bool,
    pub attempts: u32,
    pub cost_micro_usd: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

impl Served {
    pub fn headers(&self) -> Vec<(String, String)> {
        let mut h = vec![
            ("x-llm-provider".to_owned(), self.provider.clone()),
            ("x-llm-model".to_owned(), self.model.clone()),
            ("x-llm-strategy".to_owned(), self.strategy.clone()),
            ("x-llm-fallback".to_owned(), self.fell_back.to_string()),
            (
                "x-llm-cache".to_owned(),
                if self.cache_hit { "hit" } else { "miss" }.to_owned(),
            ),
            ("x-llm-attempts".to_owned(), self.attempts.to_string()),
        ];
        if self.degraded {
            h.push(("x-llm-degraded".to_owned(), "soft-budget-limit".to_owned()));
        }
        if let Some(v) = &self.variant {
            h.push(("x-llm-variant".to_owned(), v.clone()));
        }
        h
    }
}

/// A non-streamed answer: the OpenAI body (with a `gateway` field) and how it was served.
#[derive(Debug, Clone)]
pub struct Answer {
    pub body: Value,
    pub served: Served,
    pub usage: Usage,
}

/// Why one attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    Transport(TransportError),
    Status {
        status: u16,
        retry_after: Option<u64>,
        message: String,
    },
    Malformed(String),
}

impl Failure {
    /// Connection errors, timeouts, 429, 5xx and broken answers go to the next candidate;
    /// other statuses mean the request itself is wrong and retrying cannot help.
    pub fn retryable(&self) -> bool {
        match self {
            Failure::Transport(_) | Failure::Malformed(_) => true,
            Failure::Status { status, .. } => *status == 429 || *status >= 500,
        }
    }

    fn describe(&self) -> String {
        match self {
            Failure::Transport(e) => e.to_string(),
            Failure::Status {
                status, message, ..
            } => format!("HTTP {status}: {message}"),
            Failure::Malformed(m) => format!("malformed answer: {m}"),
        }
    }
}

/// The plan for one call, settled before any provider is contacted.
#[derive(Debug, Clone)]
struct Plan {
    kind: ModelKind,
    candidates: Vec<Deployment>,
    strategy: String,
    variant: Option<(String, String)>,
    degraded: bool,
    cache_key: Option<String>,
    budget: Option<BudgetState>,
    month: String,
    deadline_at_ms: u64,
    input_estimate: u64,
}

/// Bookkeeping no answer depends on, queued while deferring (see
/// [`Gateway::defer_bookkeeping`]).
type Bookkeeping<T> = Box<dyn FnOnce(&Gateway<T>)>;

/// The gateway with its state stores, transport and clock.
pub struct Gateway<T: Transport> {
    pub config: GatewayConfig,
    pub kv: Box<dyn KeyValue>,
    pub sql: Box<dyn Sql>,
    pub transport: T,
    pub clock: Box<dyn Clock>,
    /// `Some` while deferring bookkeeping.
    deferred: RefCell<Option<Vec<Bookkeeping<T>>>>,
}

/// Deferred bookkeeping is never dropped unwritten: whatever is still queued when the
/// gateway goes away is written then.
impl<T: Transport> Drop for Gateway<T> {
    fn drop(&mut self) {
        self.run_deferred();
    }
}

struct Attempted<R> {
    result: R,
    deployment: Deployment,
    attempts: u32,
    fell_back: bool,
    latency_ms: u64,
}

struct CallFailure {
    error: ApiError,
    attempts: u32,
    last: Option<Deployment>,
}

impl<T: Transport> Gateway<T> {
    pub fn new(
        config: GatewayConfig,
        kv: Box<dyn KeyValue>,
        sql: Box<dyn Sql>,
        transport: T,
        clock: Box<dyn Clock>,
    ) -> Self {
        Self {
            config,
            kv,
            sql,
            transport,
            clock,
            deferred: RefCell::new(None),
        }
    }

    /// From now on, the writes no answer depends on (the ledger row; latency, breaker
    /// success and A/B statistics) wait in memory until [`Gateway::run_deferred`], or until
    /// the gateway is dropped. The HTTP face defers them and runs them after the response
    /// has been sent, which takes them off the caller's latency; they are the same writes
    /// with the same failure handling (a ledger row the database refuses is still retried
    /// and parked). What a following request must see is never deferred: the rate-limit
    /// count, the budget charge and its threshold events, breaker failures, the cache entry.
    pub fn defer_bookkeeping(&self) {
        let mut deferred = self.deferred.borrow_mut();
        if deferred.is_none() {
            *deferred = Some(Vec::new());
        }
    }

    /// Writes the deferred bookkeeping now; returns how many pieces ran. Deferring stays on.
    pub fn run_deferred(&self) -> usize {
        let mut ran = 0;
        loop {
            let batch = match self.deferred.borrow_mut().as_mut() {
                Some(queue) if !queue.is_empty() => std::mem::take(queue),
                _ => return ran,
            };
            for work in batch {
                work(self);
                ran += 1;
            }
        }
    }

    /// Runs `work` now, or queues it while deferring.
    fn bookkeeping(&self, work: impl FnOnce(&Self) + 'static) {
        if let Some(queue) = self.deferred.borrow_mut().as_mut() {
            queue.push(Box::new(work));
            return;
        }
        work(self);
    }

    fn ledger(&self) -> Ledger<'_> {
        Ledger::new(self.sql.as_ref(), self.kv.as_ref())
    }

    fn breaker(&self) -> Breaker<'_> {
        Breaker::new(self.kv.as_ref())
    }

    // -----------------------------------------------------------------------------------------
    // Public operations

    /// `GET /models`: every configured model once (with the providers serving it), plus the
    /// routing aliases and A/B tests a request may name. Empty without providers.
    pub fn models(&self) -> Value {
        models(&self.config)
    }

    /// Breaker state, latency and A/B counters of every deployment, for operators.
    pub fn health(&self) -> Value {
        let now = self.clock.now_secs();
        let views: Vec<HealthView> = self
            .config
            .deployments(None)
            .iter()
            .map(|d| {
                self.breaker().view(
                    &d.key(),
                    now,
                    routing::observed_latency(self.kv.as_ref(), d),
                )
            })
            .collect();
        let tests: Vec<Value> = self
            .config
            .ab_tests
            .iter()
            .map(|t| {
                let variants: Vec<Value> = t
                    .variants
                    .iter()
                    .map(|v| {
                        let [requests, failures, latency, cost] =
                            routing::variant_stats(self.kv.as_ref(), &t.name, &v.name);
                        json!({"name": v.name, "model": v.model, "weight": v.weight,
                            "requests": requests, "failures": failures,
                            "latency_ms_total": latency, "cost_micro_usd_total": cost})
                    })
                    .collect();
                json!({"name": t.name, "variants": variants})
            })
            .collect();
        json!({"deployments": views, "ab_tests": tests})
    }

    pub fn chat(
        &self,
        caller: &Caller,
        request: ChatRequest,
        options: CallOptions,
    ) -> Result<Answer, ApiError> {
        let started = self.clock.now_ms();
        let mut request = request;
        request.stream = None;
        request.stream_options = None;
        let plan = match self.plan_chat(caller, &mut request, options, started) {
            Ok(p) => p,
            Err(refusal) => return Err(self.refused(caller, "chat", started, refusal)),
        };
        if let Some(hit) = self.cached(caller, &plan, started) {
            return Ok(hit);
        }
        let attempted = self.call_with_failover(
            &plan,
            |d| self.chat_request(d, &request, false),
            |_, response| read_json(response, ChatCompletion::parse),
        );
        let attempted = match attempted {
            Ok(a) => a,
            Err(failure) => return Err(self.failed(caller, &plan, started, failure)),
        };
        let mut completion = attempted.result.clone();
        let usage = completion.usage.unwrap_or_else(|| Usage {
            prompt_tokens: plan.input_estimate,
            completion_tokens: estimate_tokens(completion.first_text().chars().count()),
            total_tokens: 0,
        });
        let usage = with_total(usage);
        completion.usage = Some(usage);
        let body = serde_json::to_value(&completion).map_err(ApiError::internal)?;
        Ok(self.answer(caller, &plan, &attempted, usage, started, body))
    }

    pub fn embed(
        &self,
        caller: &Caller,
        request: EmbeddingRequest,
        options: CallOptions,
    ) -> Result<Answer, ApiError> {
        let started = self.clock.now_ms();
        let plan = match self.plan_embedding(caller, &request, options, started) {
            Ok(p) => p,
            Err(refusal) => return Err(self.refused(caller, "embedding", started, refusal)),
        };
        if let Some(hit) = self.cached(caller, &plan, started) {
            return Ok(hit);
        }
        let attempted = self.call_with_failover(
            &plan,
            |d| {
                let mut body = request.clone();
                body.model = Some(d.model.id.clone());
                self.provider_request(
                    d,
                    "/embeddings",
                    serde_json::to_vec(&body).unwrap_or_default(),
                    false,
                )
            },
            |_, response| read_json(response, EmbeddingResponse::parse),
        );
        let attempted = match attempted {
            Ok(a) => a,
            Err(failure) => return Err(self.failed(caller, &plan, started, failure)),
        };
        let mut response = attempted.result.clone();
        let usage = with_total(response.usage.unwrap_or(Usage {
            prompt_tokens: plan.input_estimate,
            ..Usage::default()
        }));
        response.usage = Some(usage);
        let body = serde_json::to_value(&response).map_err(ApiError::internal)?;
        Ok(self.answer(caller, &plan, &attempted, usage, started, body))
    }

    /// Opens a streamed chat. Failover happens here, before the first event is handed out;
    /// once the caller has an event the stream never switches provider.
    pub fn open_stream(
        self: &Rc<Self>,
        caller: &Caller,
        request: ChatRequest,
        options: CallOptions,
    ) -> Result<ChatStream<T>, ApiError> {
        let started = self.clock.now_ms();
        let mut request = request;
        let client_wants_usage = request
            .stream_options
            .as_ref()
            .is_some_and(|o| o["include_usage"] == true);
        request.stream = Some(true);
        request.stream_options = None;
        let plan = match self.plan_chat(caller, &mut request, options, started) {
            Ok(p) => p,
            Err(refusal) => return Err(self.refused(caller, "chat", started, refusal)),
        };
        if let Some(hit) = self.cached(caller, &plan, started) {
            let completion: ChatCompletion = serde_json::from_value(hit.body.clone())
                .map_err(|e| ApiError::internal(format!("cached answer unreadable: {e}")))?;
            let mut chunks: VecDeque<Value> = crate::wire::completion_as_chunks(&completion).into();
            if !client_wants_usage {
                chunks.pop_back();
            }
            return Ok(ChatStream {
                gateway: self.clone(),
                state: StreamState::Replay(chunks),
                served: hit.served,
                usage: Some(hit.usage),
            });
        }

        let attempted = self.call_with_failover(
            &plan,
            |d| self.chat_request(d, &request, true),
            |_, response| {
                let HttpResponse {
                    headers, mut body, ..
                } = response;
                let content_type = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                    .map(|(_, v)| v.as_str());
                if !content_type.is_some_and(|t| t.starts_with("text/event-stream")) {
                    return Err(Failure::Malformed(format!(
                        "content type {:?} is not text/event-stream",
                        content_type.unwrap_or("")
                    )));
                }
                // Read until the first event so a provider that fails before answering
                // anything can still be failed over: nothing has reached the client yet.
                let mut parser = SseParser::new();
                let mut pending = VecDeque::new();
                while pending.is_empty() {
                    match body.next_chunk().map_err(Failure::Transport)? {
                        Some(bytes) => {
                            for event in parser.push(&bytes).map_err(Failure::Malformed)? {
                                pending.push_back(parse_event(event).map_err(Failure::Malformed)?);
                            }
                        }
                        None => {
                            return Err(Failure::Malformed("stream ended before any event".into()))
                        }
                    }
                }
                Ok((body, parser, pending))
            },
        );
        let attempted = match attempted {
            Ok(a) => a,
            Err(failure) => return Err(self.failed(caller, &plan, started, failure)),
        };
        let served = Served {
            provider: attempted.deployment.provider.clone(),
            model: attempted.deployment.model.id.clone(),
            strategy: plan.strategy.clone(),
            fell_back: attempted.fell_back,
            cache_hit: false,
            degraded: plan.degraded,
            attempts: attempted.attempts,
            cost_micro_usd: 0,
            variant: plan.variant.as_ref().map(|(_, v)| v.clone()),
        };
        let Attempted {
            result: (body, parser, pending),
            deployment,
            attempts,
            fell_back,
            ..
        } = attempted;
        Ok(ChatStream {
            gateway: self.clone(),
            state: StreamState::Live(Box::new(Live {
                body,
                parser,
                pending,
                accumulator: StreamAccumulator::default(),
                caller: caller.clone(),
                plan,
                deployment,
                attempts,
                fell_back,
                started,
                client_wants_usage,
                finished: false,
            })),
            served,
            usage: None,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Planning

    fn check_rate(&self, caller: &Caller) -> Result<(), ApiError> {
        let limit = self.config.limits.requests_per_minute;
        match storage::rate_limit(
            self.kv.as_ref(),
            &format!("gw:rpm:{}", caller.tenant_id),
            limit,
            60,
            self.clock.now_secs(),
        ) {
            Ok(decision) if !decision.allowed => {
                let mut e = ApiError::too_many_requests(decision.retry_after_secs);
                e.code = "rate_limited".into();
                e.message = format!(
                    "the tenant's limit of {limit} model requests per minute is reached; retry later"
                );
                Err(e.with_details(json!({"limit_per_minute": limit})))
            }
            // A store outage must not stop every model call; the budget still guards money.
            _ => Ok(()),
        }
    }

    fn plan_chat(
        &self,
        caller: &Caller,
        request: &mut ChatRequest,
        options: CallOptions,
        started: u64,
    ) -> Result<Plan, ApiError> {
        if self.config.is_empty() {
            return Err(no_provider());
        }
        // The HTTP face caps the body as it reads it; this covers callers through WIT.
        let size = serde_json::to_vec(&*request).map_or(0, |b| b.len() as u64);
        if size > self.config.limits.max_request_bytes {
            return Err(ApiError::payload_too_large(
                self.config.limits.max_request_bytes,
            ));
        }
        if request.messages.is_empty() {
            return Err(ApiError::unprocessable(
                "invalid_request",
                "messages must contain at least one message",
            )
            .with_details(json!({"path": "messages"})));
        }
        for (i, m) in request.messages.iter().enumerate() {
            if !matches!(
                m.role.as_str(),
                "system" | "developer" | "user" | "assistant" | "tool"
            ) {
                return Err(ApiError::unprocessable(
                    "invalid_request",
                    format!(
                        "messages[{i}].role must be system, developer, user, assistant or tool"
                    ),
                )
                .with_details(json!({"path": format!("messages[{i}].role")})));
            }
        }
        self.check_rate(caller)?;

        let requested = request.model.clone();
        let (strategy, variant) =
            self.resolve_strategy(caller, requested.as_deref(), ModelKind::Chat)?;
        let mut route = RouteInput::for_chat(&self.config, request);
        let key_model = match &variant {
            Some((test, v)) => format!("ab:{test}:{v}"),
            None => strategy.name(),
        };
        let cache_key = (!options.no_cache).then(|| {
            let mut keyed = serde_json::to_value(&*request).unwrap_or(Value::Null);
            keyed["model"] = Value::String(key_model);
            cache::cache_key(&caller.tenant_id, "chat", &keyed)
        });

        let mut candidates = self.candidates(&strategy, &route);
        if candidates.is_empty() {
            return Err(no_model(requested.as_deref()));
        }
        let mut degraded = false;
        let month = budget::month_of(started / 1000);
        let budget_state = self.budget_state(caller, &month)?;
        if let Some(state) = budget_state {
            let estimate = |c: &[Deployment], route: &RouteInput| {
                c[0].cost_micro_usd(route.input_tokens, route.output_tokens)
            };
            match state.decide(estimate(&candidates, &route)) {
                BudgetDecision::Allow => {}
                BudgetDecision::Refuse => return Err(budget_exceeded(&state)),
                BudgetDecision::Degrade => {
                    degraded = true;
                    route.degraded = true;
                    let cap = self.config.budgets.degraded_max_tokens;
                    if request.max_output_tokens().is_none_or(|m| m > cap) {
                        request.set_max_output_tokens(cap);
                    }
                    route.output_tokens = route.output_tokens.min(u64::from(cap));
                    candidates = self.candidates(&strategy, &route);
                    if !state.fits(estimate(&candidates, &route)) {
                        return Err(budget_exceeded(&state));
                    }
                }
            }
        }
        let deadline = options
            .deadline_ms
            .unwrap_or(self.config.timeouts.deadline_ms)
            .min(self.config.timeouts.deadline_ms);
        Ok(Plan {
            kind: ModelKind::Chat,
            candidates,
            strategy: strategy.name(),
            variant,
            degraded,
            cache_key,
            budget: budget_state,
            month,
            deadline_at_ms: started + deadline,
            input_estimate: route.input_tokens,
        })
    }

    fn plan_embedding(
        &self,
        caller: &Caller,
        request: &EmbeddingRequest,
        options: CallOptions,
        started: u64,
    ) -> Result<Plan, ApiError> {
        if self.config.is_empty() {
            return Err(no_provider());
        }
        request.validate().map_err(|m| {
            ApiError::unprocessable("invalid_request", m).with_details(json!({"path": "input"}))
        })?;
        self.check_rate(caller)?;
        let (strategy, _) =
            self.resolve_strategy(caller, request.model.as_deref(), ModelKind::Embedding)?;
        let route = RouteInput {
            kind: ModelKind::Embedding,
            input_tokens: estimate_tokens(request.input_chars()),
            output_tokens: 0,
            tier: crate::config::Tier::Simple,
            degraded: false,
        };
        let candidates = self.candidates(&strategy, &route);
        if candidates.is_empty() {
            return Err(no_model(request.model.as_deref()));
        }
        let cache_key = (!options.no_cache).then(|| {
            let mut keyed = serde_json::to_value(request).unwrap_or(Value::Null);
            keyed["model"] = Value::String(strategy.name());
            cache::cache_key(&caller.tenant_id, "embedding", &keyed)
        });
        let month = budget::month_of(started / 1000);
        let budget_state = self.budget_state(caller, &month)?;
        if let Some(state) = budget_state {
            let estimate = candidates[0].cost_micro_usd(route.input_tokens, 0);
            if state.decide(estimate) == BudgetDecision::Refuse || !state.fits(estimate) {
                return Err(budget_exceeded(&state));
            }
        }
        let deadline = options
            .deadline_ms
            .unwrap_or(self.config.timeouts.deadline_ms)
            .min(self.config.timeouts.deadline_ms);
        Ok(Plan {
            kind: ModelKind::Embedding,
            candidates,
            strategy: strategy.name(),
            variant: None,
            degraded: false,
            cache_key,
            budget: budget_state,
            month,
            deadline_at_ms: started + deadline,
            input_estimate: route.input_tokens,
        })
    }

    fn resolve_strategy(
        &self,
        caller: &Caller,
        requested: Option<&str>,
        kind: ModelKind,
    ) -> Result<(Strategy, Option<(String, String)>), ApiError> {
        let name = match requested {
            Some(name) if !name.trim().is_empty() => name.trim().to_owned(),
            _ => match kind {
                ModelKind::Chat => self
                    .config
                    .default_strategy
                    .clone()
                    .unwrap_or_else(|| "auto".into()),
                ModelKind::Embedding => "cheapest".into(),
            },
        };
        if let Some(strategy) = Strategy::alias(&name) {
            return Ok((strategy, None));
        }
        if kind == ModelKind::Chat {
            if let Some(test) = self.config.ab_test(&name) {
                let variant = routing::assign_variant(
                    self.kv.as_ref(),
                    test,
                    &caller.tenant_id,
                    &caller.user_id,
                )
                .unwrap_or_else(|_| routing::variant_by_hash(test, &caller.user_id));
                return Ok((
                    Strategy::Pinned(variant.model.clone()),
                    Some((test.name.clone(), variant.name.clone())),
                ));
            }
        }
        if self.config.resolve_model(&name, kind).is_empty() {
            return Err(no_model(Some(&name)));
        }
        Ok((Strategy::Pinned(name), None))
    }

    fn candidates(&self, strategy: &Strategy, route: &RouteInput) -> Vec<Deployment> {
        let kv = self.kv.as_ref();
        // Sorting asks for a deployment's latency once per comparison; each is a store read.
        let seen: RefCell<Vec<(String, Option<u64>)>> = RefCell::new(Vec::new());
        routing::candidates(&self.config, strategy, route, &|d| {
            let key = d.key();
            if let Some((_, ms)) = seen.borrow().iter().find(|(k, _)| *k == key) {
                return *ms;
            }
            let ms = routing::observed_latency(kv, d);
            seen.borrow_mut().push((key, ms));
            ms
        })
    }

    fn budget_state(&self, caller: &Caller, month: &str) -> Result<Option<BudgetState>, ApiError> {
        let Some((hard, soft)) = self.config.budget_for(&caller.tenant_id) else {
            return Ok(None);
        };
        // Money is at stake: without the spending counter the gateway refuses rather than
        // letting a tenant spend blind.
        let spent = budget::spent(self.kv.as_ref(), &caller.tenant_id, month).map_err(|e| {
            let mut err = ApiError::unavailable(Some(5));
            err.code = "budget_unavailable".into();
            err.message = format!("the budget store is unreachable ({e}); retry later");
            err
        })?;
        Ok(Some(BudgetState { spent, hard, soft }))
    }

    fn cached(&self, caller: &Caller, plan: &Plan, started: u64) -> Option<Answer> {
        let key = plan.cache_key.as_ref()?;
        let hit = cache::get(self.kv.as_ref(), key)?;
        let mut body = hit["body"].clone();
        if !body.is_object() {
            return None;
        }
        let usage: Usage = serde_json::from_value(body["usage"].clone()).unwrap_or_default();
        let served = Served {
            provider: hit["provider"].as_str().unwrap_or_default().to_owned(),
            model: hit["model"].as_str().unwrap_or_default().to_owned(),
            strategy: plan.strategy.clone(),
            fell_back: false,
            cache_hit: true,
            degraded: plan.degraded,
            attempts: 0,
            cost_micro_usd: 0,
            variant: plan.variant.as_ref().map(|(_, v)| v.clone()),
        };
        let record = UsageRecord {
            id: random_id(self.clock.as_ref()),
            created_at_ms: started,
            tenant_id: caller.tenant_id.clone(),
            user_id: caller.user_id.clone(),
            function_name: caller.function_name.clone(),
            request_id: caller.request_id.clone(),
            kind: plan.kind.as_str().into(),
            provider: Some(served.provider.clone()),
            model: Some(served.model.clone()),
            variant: served.variant.clone(),
            input_tokens: usage.prompt_tokens,
            output_tokens: usage.completion_tokens,
            cost_micro_usd: 0,
            latency_ms: self.clock.now_ms().saturating_sub(started),
            cache_hit: true,
            fell_back: false,
            degraded: plan.degraded,
            attempts: 0,
            outcome: Outcome::CacheHit,
            error_code: None,
        };
        self.bookkeeping(move |g| {
            g.ledger().record(&record);
        });
        body["gateway"] = serde_json::to_value(&served).unwrap_or(Value::Null);
        Some(Answer {
            body,
            served,
            usage,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Calling providers

    fn provider_request(
        &self,
        d: &Deployment,
        path: &str,
        body: Vec<u8>,
        stream: bool,
    ) -> HttpRequest {
        let provider = self.config.provider(&d.provider);
        let mut url = format!("{}{path}", d.base_url);
        if let Some(query) = provider.and_then(|p| p.query.as_deref()) {
            url.push('?');
            url.push_str(query);
        }
        let mut headers = vec![
            ("content-type".to_owned(), "application/json".to_owned()),
            (
                "accept".to_owned(),
                if stream {
                    "text/event-stream"
                } else {
                    "application/json"
                }
                .to_owned(),
            ),
        ];
        if let Some(key) = provider
            .and_then(|p| p.api_key.as_deref())
            .filter(|k| !k.is_empty())
        {
            headers.push(("authorization".to_owned(), format!("Bearer {key}")));
        }
        if let Some(p) = provider {
            for (n, v) in &p.headers {
                headers.push((n.clone(), v.clone()));
            }
        }
        let t = self.config.timeouts;
        HttpRequest {
            method: "POST",
            url,
            headers,
            body,
            connect_timeout_ms: t.connect_ms,
            first_byte_timeout_ms: t.first_byte_ms,
            between_bytes_timeout_ms: t.between_bytes_ms,
        }
    }

    fn chat_request(&self, d: &Deployment, request: &ChatRequest, stream: bool) -> HttpRequest {
        let mut body = request.clone();
        body.model = Some(d.model.id.clone());
        let ceiling = self.config.max_tokens_for(d.model.tier);
        if body.max_output_tokens().is_some_and(|m| m > ceiling) {
            body.set_max_output_tokens(ceiling);
        }
        if stream {
            body.stream = Some(true);
            body.stream_options = Some(json!({"include_usage": true}));
        }
        self.provider_request(
            d,
            "/chat/completions",
            serde_json::to_vec(&body).unwrap_or_default(),
            stream,
        )
    }

    /// Tries candidates in order (wrapping round), skipping those whose breaker is open or
    /// that asked to be left alone (`Retry-After`), at most [`MAX_ATTEMPTS`] times and within
    /// the deadline, with jittered exponential backoff between attempts.
    fn call_with_failover<R>(
        &self,
        plan: &Plan,
        build: impl Fn(&Deployment) -> HttpRequest,
        mut accept: impl FnMut(&Deployment, HttpResponse<T::Body>) -> Result<R, Failure>,
    ) -> Result<Attempted<R>, CallFailure> {
        let breaker = self.breaker();
        let mut attempts = 0u32;
        let mut failures: Vec<Value> = Vec::new();
        let mut last_failure: Option<Failure> = None;
        let mut last_deployment: Option<Deployment> = None;
        let mut next_index = 0usize;
        let mut soonest_reopen: Option<u64> = None;
        let n = plan.candidates.len();

        while attempts < MAX_ATTEMPTS {
            let now_s = self.clock.now_secs();
            // The next candidate the breaker admits, starting after the last one tried.
            let mut chosen = None;
            for offset in 0..n {
                let i = (next_index + offset) % n;
                let d = &plan.candidates[i];
                match breaker.admit(&d.key(), now_s) {
                    Admission::Rejected { until } => {
                        soonest_reopen = Some(soonest_reopen.map_or(until, |s| s.min(until)));
                    }
                    admission => {
                        chosen = Some((i, admission));
                        break;
                    }
                }
            }
            let Some((index, admission)) = chosen else {
                // Everyone is parked. If the soonest comes back within the deadline, wait.
                let wait_until_ms = soonest_reopen.map(|s| s * 1000);
                match wait_until_ms {
                    Some(at)
                        if attempts > 0
                            && at < plan.deadline_at_ms
                            && at.saturating_sub(self.clock.now_ms()) <= 5_000 =>
                    {
                        self.clock
                            .sleep_ms(at.saturating_sub(self.clock.now_ms()) + 10);
                        soonest_reopen = None;
                        continue;
                    }
                    _ => break,
                }
            };
            let d = &plan.candidates[index];
            if attempts > 0 {
                let pause = backoff_ms(attempts, self.clock.random_u64());
                if self.clock.now_ms() + pause >= plan.deadline_at_ms {
                    break;
                }
                self.clock.sleep_ms(pause);
            }
            let remaining = plan.deadline_at_ms.saturating_sub(self.clock.now_ms());
            if remaining == 0 {
                break;
            }
            let mut request = build(d);
            request.first_byte_timeout_ms = request.first_byte_timeout_ms.min(remaining);
            request.connect_timeout_ms = request.connect_timeout_ms.min(remaining);
            attempts += 1;
            last_deployment = Some(d.clone());
            let sent_at = self.clock.now_ms();
            let outcome = match self.transport.send(request) {
                Err(e) => Err(Failure::Transport(e)),
                Ok(mut response) if !(200..300).contains(&response.status) => {
                    let retry_after = parse_retry_after(response.header("retry-after"));
                    let body = response.body.read_to_end(64 * 1024).unwrap_or_default();
                    Err(Failure::Status {
                        status: response.status,
                        retry_after,
                        message: provider_message(&body),
                    })
                }
                Ok(response) => accept(d, response),
            };
            let latency = self.clock.now_ms().saturating_sub(sent_at);
            match outcome {
                Ok(result) => {
                    let (served_by, now_s) = (d.clone(), self.clock.now_secs());
                    self.bookkeeping(move |g| {
                        g.breaker()
                            .record_success(&served_by.key(), now_s, admission);
                        routing::record_latency(g.kv.as_ref(), &served_by, latency);
                    });
                    let fell_back = attempts > 1 || d.key() != plan.candidates[0].key();
                    return Ok(Attempted {
                        result,
                        deployment: d.clone(),
                        attempts,
                        fell_back,
                        latency_ms: latency,
                    });
                }
                Err(failure) => {
                    let retry_after = match &failure {
                        Failure::Status { retry_after, .. } => *retry_after,
                        _ => None,
                    };
                    breaker.record_failure(&d.key(), self.clock.now_secs(), admission, retry_after);
                    failures.push(json!({"deployment": d.key(), "error": failure.describe()}));
                    let retryable = failure.retryable();
                    last_failure = Some(failure);
                    if !retryable {
                        break;
                    }
                    next_index = index + 1;
                }
            }
        }

        let error = match last_failure {
            None if attempts == 0 && self.clock.now_ms() < plan.deadline_at_ms => {
                let retry = soonest_reopen
                    .map(|s| s.saturating_sub(self.clock.now_secs()).max(1))
                    .unwrap_or(1);
                let mut e = ApiError::unavailable(Some(retry));
                e.code = "providers_unavailable".into();
                e.message = "every provider able to serve this request is unhealthy or rate limited; retry later".into();
                e.with_details(json!({"candidates": plan.candidates.iter().map(Deployment::key).collect::<Vec<_>>()}))
            }
            Some(Failure::Status {
                status, message, ..
            }) if !(status == 429 || status >= 500) => {
                // The provider refused the request itself: the caller's to fix.
                let code = if status == 401 || status == 403 {
                    502
                } else {
                    400
                };
                ApiError::new(
                    code,
                    "upstream_rejected",
                    format!("the provider refused the request: {message}"),
                )
                .with_details(json!({"attempts": failures, "provider_status": status}))
            }
            _ if self.clock.now_ms() >= plan.deadline_at_ms
                || failures.iter().all(|f| {
                    f["error"]
                        .as_str()
                        .is_some_and(|e| e.starts_with("timed out"))
                }) && !failures.is_empty() =>
            {
                ApiError::new(
                    504,
                    "upstream_timeout",
                    "no provider answered within the deadline",
                )
                .with_details(json!({"attempts": failures}))
            }
            Some(Failure::Status {
                status: 429,
                retry_after,
                ..
            }) => {
                let mut e = ApiError::too_many_requests(retry_after.unwrap_or(1));
                e.code = "upstream_rate_limited".into();
                e.message = "every provider tried is rate limiting; retry later".into();
                e.with_details(json!({"attempts": failures}))
            }
            _ => ApiError::new(
                502,
                "upstream_failed",
                "every provider tried failed; see details",
            )
            .with_details(json!({"attempts": failures})),
        };
        Err(CallFailure {
            error,
            attempts,
            last: last_deployment,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Settlement and the ledger

    /// Settles a finished non-streamed call and caches its body: what chat and embeddings
    /// share once the provider has answered.
    fn answer<R>(
        &self,
        caller: &Caller,
        plan: &Plan,
        attempted: &Attempted<R>,
        usage: Usage,
        started: u64,
        mut body: Value,
    ) -> Answer {
        let served = self.settle(caller, plan, attempted, usage, started);
        if let Some(key) = &plan.cache_key {
            cache::put(
                self.kv.as_ref(),
                key,
                &json!({"body": body, "provider": served.provider, "model": served.model}),
                self.config.cache_ttl_secs,
            );
        }
        body["gateway"] = serde_json::to_value(&served).unwrap_or(Value::Null);
        Answer {
            body,
            served,
            usage,
        }
    }

    fn settle<R>(
        &self,
        caller: &Caller,
        plan: &Plan,
        attempted: &Attempted<R>,
        usage: Usage,
        started: u64,
    ) -> Served {
        let d = &attempted.deployment;
        let cost = d.cost_micro_usd(usage.prompt_tokens, usage.completion_tokens);
        self.charge(caller, plan, cost);
        if let Some((test, variant)) = plan.variant.clone() {
            let latency = attempted.latency_ms;
            self.bookkeeping(move |g| {
                routing::record_variant(g.kv.as_ref(), &test, &variant, true, latency, cost);
            });
        }
        let served = Served {
            provider: d.provider.clone(),
            model: d.model.id.clone(),
            strategy: plan.strategy.clone(),
            fell_back: attempted.fell_back,
            cache_hit: false,
            degraded: plan.degraded,
            attempts: attempted.attempts,
            cost_micro_usd: cost,
            variant: plan.variant.as_ref().map(|(_, v)| v.clone()),
        };
        let record = self.record(
            caller,
            plan,
            Some(d),
            usage,
            cost,
            started,
            attempted.attempts,
            attempted.fell_back,
            Outcome::Success,
            None,
        );
        self.bookkeeping(move |g| {
            g.ledger().record(&record);
        });
        served
    }

    fn charge(&self, caller: &Caller, plan: &Plan, cost: u64) {
        if cost == 0 {
            return;
        }
        let Some(state) = plan.budget else {
            // Without a budget nothing on a request path reads this month's spend, so
            // keeping it is bookkeeping.
            let (tenant, month) = (caller.tenant_id.clone(), plan.month.clone());
            self.bookkeeping(move |g| {
                if budget::charge(g.kv.as_ref(), &tenant, &month, cost).is_err() {
                    charge_failed(&tenant, cost);
                }
            });
            return;
        };
        let Ok((before, after)) =
            budget::charge(self.kv.as_ref(), &caller.tenant_id, &plan.month, cost)
        else {
            charge_failed(&caller.tenant_id, cost);
            return;
        };
        for pct in budget::crossed(before, after, state.hard) {
            if let Err(e) = self.ledger().budget_event(
                &caller.tenant_id,
                &plan.month,
                pct,
                after,
                state.hard,
                self.clock.now_ms(),
            ) {
                eprintln!(
                    "{}",
                    json!({"level": "error", "event": "budget_event_unsaved",
                    "tenant_id": caller.tenant_id, "month": plan.month, "threshold_percent": pct,
                    "reason": e.message})
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        caller: &Caller,
        plan: &Plan,
        d: Option<&Deployment>,
        usage: Usage,
        cost: u64,
        started: u64,
        attempts: u32,
        fell_back: bool,
        outcome: Outcome,
        error_code: Option<String>,
    ) -> UsageRecord {
        UsageRecord {
            id: random_id(self.clock.as_ref()),
            created_at_ms: started,
            tenant_id: caller.tenant_id.clone(),
            user_id: caller.user_id.clone(),
            function_name: caller.function_name.clone(),
            request_id: caller.request_id.clone(),
            kind: plan.kind.as_str().into(),
            provider: d.map(|d| d.provider.clone()),
            model: d.map(|d| d.model.id.clone()),
            variant: plan.variant.as_ref().map(|(_, v)| v.clone()),
            input_tokens: usage.prompt_tokens,
            output_tokens: usage.completion_tokens,
            cost_micro_usd: cost,
            latency_ms: self.clock.now_ms().saturating_sub(started),
            cache_hit: false,
            fell_back,
            degraded: plan.degraded,
            attempts,
            outcome,
            error_code,
        }
    }

    fn failed(&self, caller: &Caller, plan: &Plan, started: u64, failure: CallFailure) -> ApiError {
        if let Some((test, variant)) = plan.variant.clone() {
            let latency = self.clock.now_ms().saturating_sub(started);
            self.bookkeeping(move |g| {
                routing::record_variant(g.kv.as_ref(), &test, &variant, false, latency, 0);
            });
        }
        let record = self.record(
            caller,
            plan,
            failure.last.as_ref(),
            Usage::default(),
            0,
            started,
            failure.attempts,
            failure.attempts > 1,
            Outcome::Failed,
            Some(failure.error.code.clone()),
        );
        self.bookkeeping(move |g| {
            g.ledger().record(&record);
        });
        failure.error
    }

    fn refused(&self, caller: &Caller, kind: &str, started: u64, error: ApiError) -> ApiError {
        // Without a provider there is nothing to account for, and no tables are created on
        // an app that never configured the gateway.
        if error.code == "no_provider" {
            return error;
        }
        let record = UsageRecord {
            id: random_id(self.clock.as_ref()),
            created_at_ms: started,
            tenant_id: caller.tenant_id.clone(),
            user_id: caller.user_id.clone(),
            function_name: caller.function_name.clone(),
            request_id: caller.request_id.clone(),
            kind: kind.into(),
            provider: None,
            model: None,
            variant: None,
            input_tokens: 0,
            output_tokens: 0,
            cost_micro_usd: 0,
            latency_ms: self.clock.now_ms().saturating_sub(started),
            cache_hit: false,
            fell_back: false,
            degraded: false,
            attempts: 0,
            outcome: Outcome::Refused,
            error_code: Some(error.code.clone()),
        };
        self.bookkeeping(move |g| {
            g.ledger().record(&record);
        });
        error
    }
}

/// `GET /models`: every configured model once (with the providers serving it), plus the
/// routing aliases and A/B tests a request may name. Empty without providers.
pub fn models(config: &GatewayConfig) -> Value {
    let mut data: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let deployments = config.deployments(None);
    for d in &deployments {
        if seen.contains(&d.model.id) {
            continue;
        }
        seen.push(d.model.id.clone());
        let providers: Vec<&str> = deployments
            .iter()
            .filter(|o| o.model.id == d.model.id)
            .map(|o| o.provider.as_str())
            .collect();
        data.push(json!({
            "id": d.model.id, "object": "model", "created": 0, "owned_by": d.provider,
            "kind": d.model.kind.as_str(), "tier": d.model.tier.as_str(),
            "context_window": d.model.context_window, "quality": d.quality,
            "input_micro_usd_per_million": d.model.input_micro_usd_per_million,
            "output_micro_usd_per_million": d.model.output_micro_usd_per_million,
            "providers": providers,
        }));
    }
    if !deployments.is_empty() {
        for alias in ["auto", "cheapest", "fastest", "best_quality"] {
            data.push(json!({"id": alias, "object": "model", "created": 0,
                "owned_by": "gateway", "kind": "route"}));
        }
        for test in &config.ab_tests {
            data.push(json!({"id": test.name, "object": "model", "created": 0,
                "owned_by": "gateway", "kind": "ab_test"}));
        }
    }
    json!({"object": "list", "data": data})
}

// ---------------------------------------------------------------------------------------------
// Streaming

struct Live<B> {
    body: B,
    parser: SseParser,
    pending: VecDeque<Value>,
    accumulator: StreamAccumulator,
    caller: Caller,
    plan: Plan,
    deployment: Deployment,
    attempts: u32,
    fell_back: bool,
    started: u64,
    client_wants_usage: bool,
    finished: bool,
}

enum StreamState<B> {
    Replay(VecDeque<Value>),
    Live(Box<Live<B>>),
    Done,
}

/// A streamed answer: chunks in OpenAI's `chat.completion.chunk` shape. The ledger row, the
/// budget charge and the cache entry are written when the stream ends (or breaks).
pub struct ChatStream<T: Transport> {
    gateway: Rc<Gateway<T>>,
    state: StreamState<T::Body>,
    served: Served,
    usage: Option<Usage>,
}

fn parse_event(event: SseEvent) -> Result<Value, String> {
    match event {
        SseEvent::Done => Ok(Value::Null),
        SseEvent::Data(text) => {
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| format!("stream event is not JSON: {e}"))?;
            if let Some(err) = value.get("error") {
                return Err(format!("provider sent an error event: {err}"));
            }
            if !value.is_object() {
                return Err("stream event is not an object".into());
            }
            Ok(value)
        }
    }
}

impl<T: Transport> ChatStream<T> {
    pub fn served(&self) -> &Served {
        &self.served
    }

    /// Token usage, known once the stream has ended.
    pub fn usage(&self) -> Option<Usage> {
        self.usage
    }

    /// The next chunk, `Ok(None)` at the end. An error ends the stream; it is recorded as
    /// `stream_error` and never retried (the client already has part of the answer).
    pub fn next_chunk(&mut self) -> Result<Option<Value>, ApiError> {
        match &mut self.state {
            StreamState::Done => Ok(None),
            StreamState::Replay(chunks) => match chunks.pop_front() {
                Some(c) => Ok(Some(c)),
                None => {
                    self.state = StreamState::Done;
                    Ok(None)
                }
            },
            StreamState::Live(live) => loop {
                if let Some(event) = live.pending.pop_front() {
                    if event.is_null() {
                        // [DONE]
                        live.finished = true;
                        continue;
                    }
                    live.accumulator.push(&event);
                    let is_usage_only = event["choices"].as_array().is_some_and(|c| c.is_empty())
                        && event.get("usage").is_some_and(|u| u.is_object());
                    if is_usage_only && !live.client_wants_usage {
                        continue;
                    }
                    let mut event = event;
                    if let Some(obj) = event.as_object_mut() {
                        if !live.client_wants_usage {
                            obj.remove("usage");
                        }
                    }
                    return Ok(Some(event));
                }
                if live.finished {
                    self.finish_live(None, "");
                    return Ok(None);
                }
                let read = live.body.next_chunk();
                let events = match read {
                    Ok(Some(bytes)) => live.parser.push(&bytes).map_err(Failure::Malformed),
                    Ok(None) => {
                        if let Some(last) = live.parser.finish() {
                            Ok(vec![last])
                        } else if live.accumulator.finish_reason.is_some() {
                            // No [DONE], but the answer was complete.
                            live.finished = true;
                            Ok(Vec::new())
                        } else {
                            Err(Failure::Malformed(
                                "stream ended before the answer did".into(),
                            ))
                        }
                    }
                    Err(e) => Err(Failure::Transport(e)),
                };
                let parsed = events.and_then(|events| {
                    events
                        .into_iter()
                        .map(|e| parse_event(e).map_err(Failure::Malformed))
                        .collect::<Result<Vec<_>, _>>()
                });
                match parsed {
                    Ok(events) => live.pending.extend(events),
                    Err(failure) => {
                        let message = failure.describe();
                        self.finish_live(Some(failure), "stream_interrupted");
                        return Err(ApiError::new(
                            502,
                            "stream_interrupted",
                            format!("the provider's stream broke after the answer had started: {message}"),
                        ));
                    }
                }
            },
        }
    }

    /// Settles a live stream: charge, ledger row, cache entry. `failure` is the provider's
    /// fault (it counts against its breaker) unless `error_code` says the client left.
    fn finish_live(&mut self, failure: Option<Failure>, error_code: &str) {
        let StreamState::Live(live) = std::mem::replace(&mut self.state, StreamState::Done) else {
            return;
        };
        let live = *live;
        let g = &self.gateway;
        let d = &live.deployment;
        let acc = live.accumulator;
        let usage = with_total(acc.usage.unwrap_or(Usage {
            prompt_tokens: live.plan.input_estimate,
            completion_tokens: estimate_tokens(acc.content.chars().count()),
            total_tokens: 0,
        }));
        let cost = d.cost_micro_usd(usage.prompt_tokens, usage.completion_tokens);
        g.charge(&live.caller, &live.plan, cost);
        let now_s = g.clock.now_secs();
        let outcome = match &failure {
            None => Outcome::Success,
            Some(_) => {
                if error_code != CLIENT_GONE {
                    g.breaker()
                        .record_failure(&d.key(), now_s, Admission::Allowed, None);
                }
                Outcome::StreamError
            }
        };
        if let Some((test, variant)) = live.plan.variant.clone() {
            let (succeeded, latency) = (
                failure.is_none(),
                g.clock.now_ms().saturating_sub(live.started),
            );
            g.bookkeeping(move |g| {
                routing::record_variant(g.kv.as_ref(), &test, &variant, succeeded, latency, cost);
            });
        }
        let error_code = failure.as_ref().map(|_| error_code.to_owned());
        let record = g.record(
            &live.caller,
            &live.plan,
            Some(d),
            usage,
            cost,
            live.started,
            live.attempts,
            live.fell_back,
            outcome,
            error_code,
        );
        g.bookkeeping(move |g| {
            g.ledger().record(&record);
        });
        self.served.cost_micro_usd = cost;
        self.usage = Some(usage);
        if failure.is_none() && !acc.saw_tool_calls {
            if let Some(key) = &live.plan.cache_key {
                let mut completion = acc.clone_for_cache(&d.model.id);
                completion.usage = Some(usage);
                if let Ok(body) = serde_json::to_value(&completion) {
                    cache::put(
                        g.kv.as_ref(),
                        key,
                        &json!({"body": body, "provider": d.provider, "model": d.model.id}),
                        g.config.cache_ttl_secs,
                    );
                }
            }
        }
    }
}

const CLIENT_GONE: &str = "client_disconnected";

/// A stream dropped before its end (the client went away) is still settled and recorded:
/// the provider has been paying out tokens all along.
impl<T: Transport> Drop for ChatStream<T> {
    fn drop(&mut self) {
        if matches!(self.state, StreamState::Live(_)) {
            self.finish_live(
                Some(Failure::Malformed("the client stopped reading".into())),
                CLIENT_GONE,
            );
        }
    }
}

impl StreamAccumulator {
    fn clone_for_cache(&self, model: &str) -> ChatCompletion {
        self.clone().into_completion(model)
    }
}

fn charge_failed(tenant: &str, cost: u64) {
    eprintln!(
        "{}",
        json!({"level": "error", "event": "budget_charge_failed",
            "tenant_id": tenant, "cost_micro_usd": cost})
    );
}

fn with_total(mut usage: Usage) -> Usage {
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    usage
}

/// Reads a provider's whole JSON answer; anything else is a malformed answer to fail over from.
fn read_json<B: BodyReader, R>(
    mut response: HttpResponse<B>,
    parse: impl FnOnce(&[u8]) -> Result<R, String>,
) -> Result<R, Failure> {
    let body = response
        .body
        .read_to_end(MAX_RESPONSE_BYTES)
        .map_err(Failure::Transport)?;
    if !response
        .header("content-type")
        .is_some_and(api_kit::json::is_json_media_type)
    {
        return Err(Failure::Malformed(format!(
            "content type {:?} is not JSON",
            response.header("content-type").unwrap_or("")
        )));
    }
    parse(&body).map_err(Failure::Malformed)
}

/// The message of an OpenAI-style error body, or the start of whatever came back.
fn provider_message(body: &[u8]) -> String {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(str::to_owned))
        .unwrap_or_else(|| String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned())
}

pub fn no_provider() -> ApiError {
    ApiError::new(503, "no_provider", NO_PROVIDER_MESSAGE)
}

fn no_model(name: Option<&str>) -> ApiError {
    let name = name.unwrap_or("");
    ApiError::new(
        404,
        "model_not_found",
        format!(
            "no configured provider serves the model {name:?}; GET /api/v1/llm/models lists them"
        ),
    )
    .with_details(json!({"model": name}))
}

fn budget_exceeded(state: &BudgetState) -> ApiError {
    ApiError::new(
        402,
        "budget_exceeded",
        "the tenant's monthly AI budget is used up; raise the budget or wait for next month",
    )
    .with_details(json!({
        "spent_micro_usd": state.spent,
        "limit_micro_usd": state.hard,
    }))
}

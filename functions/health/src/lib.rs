//! GET /api/v1/health: app version, components and backing-store reachability.
//!
//! 200 when every configured check passes, 503 with the same body (status `degraded`) when one
//! fails. PostgreSQL and Redis are checked only when their URL variables are non-empty; the URLs
//! are never logged or returned.

// `ApiError` is deliberately a plain struct with public fields; it only travels on the error
// path of a request, where its size costs nothing measurable.
#![allow(clippy::result_large_err)]

pub mod app_info;
pub mod probes;
pub mod report;

use std::collections::BTreeMap;

use api_kit::{ApiError, ApiResponse, ConfigError, FromConfig, RequestContext, Variables};
use spin_sdk::http::{IncomingRequest, Response};

use crate::app_info::{KEY_VALUE_STORES, SQLITE_DATABASES};
use crate::report::{CheckResult, Checks, HealthReport};

/// The optional backing services; empty variables mean "not configured".
#[derive(Debug, Default)]
pub struct HealthConfig {
    pub postgres_url: Option<String>,
    pub redis_url: Option<String>,
}

impl FromConfig for HealthConfig {
    fn from_config(vars: &Variables<'_>) -> Result<Self, ConfigError> {
        Ok(Self {
            postgres_url: vars.optional("postgres_url"),
            redis_url: vars.optional("redis_url"),
        })
    }
}

#[spin_sdk::http_component]
async fn handle(req: IncomingRequest) -> Response {
    api_kit::spin::respond(req, health).await
}

fn health(ctx: RequestContext) -> Result<ApiResponse, ApiError> {
    ctx.allow_methods(&["GET"])?;
    let config: HealthConfig = Variables::new(&api_kit::spin::SpinVariables).load()?;
    let report = HealthReport::new(run_checks(&config), ctx.request_id.as_str());
    Ok(ApiResponse::json(report.http_status(), &report)?.with_header("cache-control", "no-store"))
}

fn run_checks(config: &HealthConfig) -> Checks {
    // The manifest grants one SQLite database to this component; "default" is the app's own.
    let sqlite = match SQLITE_DATABASES.first() {
        Some(db) => CheckResult::measure(&[], || probes::sqlite(db)),
        None => CheckResult::not_configured(),
    };
    let key_value = KEY_VALUE_STORES
        .iter()
        .map(|label| {
            let result = CheckResult::measure(&[], || probes::key_value(label));
            (label.to_string(), result)
        })
        .collect::<BTreeMap<_, _>>();
    let postgres = match &config.postgres_url {
        Some(url) => CheckResult::measure(&[url], || probes::postgres(url)),
        None => CheckResult::not_configured(),
    };
    let redis = match &config.redis_url {
        Some(url) => CheckResult::measure(&[url], || probes::redis(url)),
        None => CheckResult::not_configured(),
    };
    Checks {
        sqlite,
        key_value,
        postgres,
        redis,
    }
}

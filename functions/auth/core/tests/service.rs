//! The auth service natively, on SQLite with the in-memory key-value store and on real
//! PostgreSQL and Redis (`TEST_POSTGRES_URL`, `TEST_REDIS_URL`; failing, not skipping,
//! when they are unreachable). The clock is injected through the settings' offset.

#![allow(clippy::result_large_err)]

use api_kit::MapConfig;
use auth_core::identity::{self, AuthFailure, Credential, Principal, Stores};
use auth_core::service::{Auth, LoginRequest, RefreshRequest, RegisterRequest, RequestMeta};
use auth_core::settings::AuthSettings;
use serde_json::Value;
use storage::native::test_services;
use storage::native::NativeSqlite;
use storage::{KeyValue, MemoryKeyValue, Sql};

const PASSWORD: &str = "Correct1horse";

struct Env {
    name: &'static str,
    db: Box<dyn Sql>,
    kv: Box<dyn KeyValue>,
    settings: AuthSettings,
    ip: String,
}

fn settings(pairs: &[(&str, &str)]) -> AuthSettings {
    let config: MapConfig = pairs.iter().copied().collect();
    AuthSettings::load(&config).unwrap()
}

fn envs() -> Vec<Env> {
    vec![
        Env {
            name: "sqlite",
            db: Box::new(NativeSqlite::open_in_memory().unwrap()),
            kv: Box::new(MemoryKeyValue::new()),
            settings: settings(&[]),
            ip: unique("ip"),
        },
        Env {
            name: "postgres+redis",
            db: Box::new(test_services::postgres("auth_core")),
            kv: Box::new(test_services::redis()),
            settings: settings(&[]),
            ip: unique("ip"),
        },
    ]
}

fn unique(tag: &str) -> String {
    format!("{tag}-{}", test_services::random_suffix())
}

impl Env {
    fn auth(&self) -> Auth<'_> {
        let auth = Auth {
            settings: &self.settings,
            db: self.db.as_ref(),
            kv: self.kv.as_ref(),
            meta: RequestMeta {
                ip: Some(self.ip.clone()),
                user_agent: Some("native-test".into()),
                request_id: unique("req"),
            },
        };
        auth.ensure_schema().unwrap();
        auth
    }

    fn verify(&self, token: &str) -> Result<Principal, AuthFailure> {
        let stores = Stores::borrowed(self.db.as_ref(), self.kv.as_ref());
        identity::verify(
            Credential::Authorization(&format!("Bearer {token}")),
            &self.settings.identity,
            &stores,
        )
    }

    fn register(&self) -> (String, Value) {
        let email = format!("{}@example.com", unique("user"));
        let body = self
            .auth()
            .register(RegisterRequest {
                email: email.clone(),
                password: PASSWORD.into(),
                display_name: "Native".into(),
                tenant_name: None,
                invitation_token: None,
            })
            .unwrap();
        (email, body)
    }

    fn login(&self, email: &str, password: &str) -> Result<Value, api_kit::ApiError> {
        self.auth().login(LoginRequest {
            email: email.into(),
            password: password.into(),
        })
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

#[test]
fn lockout_opens_after_the_window_on_an_injected_clock() {
    for mut env in envs() {
        let (email, _) = env.register();
        for attempt in 1..=5 {
            let err = env.login(&email, "Wrong1horse").unwrap_err();
            assert_eq!(
                (err.status, err.code.as_str()),
                (401, "invalid_credentials"),
                "{} #{attempt}",
                env.name
            );
        }
        let err = env.login(&email, "Wrong1horse").unwrap_err();
        assert_eq!(
            (err.status, err.code.as_str(), err.retry_after),
            (429, "account_locked", Some(900)),
            "{}",
            env.name
        );
        let err = env.login(&email, PASSWORD).unwrap_err();
        assert_eq!(err.status, 429, "{}", env.name);
        assert!(err.retry_after.unwrap() <= 900);

        // Well inside the window: the real clock also moves while these logins run (argon2
        // on a loaded machine takes a while), so a margin of one second made this flaky.
        env.settings.identity.clock_offset_secs = 880;
        assert_eq!(
            env.login(&email, PASSWORD).unwrap_err().status,
            429,
            "{}",
            env.name
        );
        env.settings.identity.clock_offset_secs = 901;
        let tokens = env.login(&email, PASSWORD).unwrap();
        // Tokens minted on the shifted clock verify on it.
        env.verify(&text(&tokens["access_token"])).unwrap();
    }
}

#[test]
fn expired_access_tokens_fail_once_the_clock_passes_exp_and_skew() {
    for mut env in envs() {
        let (_, body) = env.register();
        let access = text(&body["tokens"]["access_token"]);
        env.settings.identity.clock_offset_secs = 3600 + 29;
        env.verify(&access).unwrap();
        env.settings.identity.clock_offset_secs = 3600 + 31;
        assert_eq!(
            env.verify(&access),
            Err(AuthFailure::Expired),
            "{}",
            env.name
        );
    }
}

#[test]
fn refresh_reuse_revokes_the_family_and_logout_denies_the_token() {
    for env in envs() {
        let (email, _) = env.register();
        let first = env.login(&email, PASSWORD).unwrap();
        let r1 = text(&first["refresh_token"]);
        let second = env
            .auth()
            .refresh(RefreshRequest {
                refresh_token: r1.clone(),
            })
            .unwrap();
        let a2 = text(&second["access_token"]);
        let principal = env.verify(&a2).unwrap();
        let err = env
            .auth()
            .refresh(RefreshRequest { refresh_token: r1 })
            .unwrap_err();
        assert_eq!(err.code, "refresh_token_reused", "{}", env.name);
        assert_eq!(env.verify(&a2), Err(AuthFailure::Revoked), "{}", env.name);
        let err = env
            .auth()
            .refresh(RefreshRequest {
                refresh_token: text(&second["refresh_token"]),
            })
            .unwrap_err();
        assert_eq!(err.code, "invalid_refresh_token", "{}", env.name);
        assert_eq!(principal.roles, ["owner", "admin", "member"]);

        let third = env.login(&email, PASSWORD).unwrap();
        let a3 = text(&third["access_token"]);
        let p3 = env.verify(&a3).unwrap();
        env.auth().logout(&p3, None).unwrap();
        assert_eq!(env.verify(&a3), Err(AuthFailure::Revoked), "{}", env.name);
    }
}

#[test]
fn development_key_is_made_once_and_production_refuses_without_keys() {
    for env in envs() {
        let first = env.auth().jwks().unwrap();
        let second = env.auth().jwks().unwrap();
        assert_eq!(first, second, "{}", env.name);
        assert_eq!(first["keys"].as_array().unwrap().len(), 1);
        let production = settings(&[("environment", "production")]);
        let auth = Auth {
            settings: &production,
            ..env.auth()
        };
        let err = auth.jwks().unwrap_err();
        assert_eq!(
            (err.status, err.code.as_str()),
            (503, "auth_not_configured")
        );
        let stores = Stores::borrowed(env.db.as_ref(), env.kv.as_ref());
        let err = identity::verify(
            Credential::Authorization("Bearer a.b.c"),
            &production.identity,
            &stores,
        )
        .unwrap_err();
        assert!(
            matches!(err, AuthFailure::Unavailable(why) if why.starts_with("auth_not_configured"))
        );
    }
}

#[test]
fn concurrent_registrations_of_one_email_leave_one_account_on_postgres() {
    let url = test_services::fresh_postgres_database("auth_core_race");
    {
        let db = storage::native::NativePostgres::connect(&url).unwrap();
        auth_core::schema::migrate(&db).unwrap();
    }
    let email = format!("{}@example.com", unique("race"));
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let url = url.clone();
            let email = email.clone();
            std::thread::spawn(move || {
                let db = storage::native::NativePostgres::connect(&url).unwrap();
                let kv = MemoryKeyValue::new();
                let settings = settings(&[]);
                let auth = Auth {
                    settings: &settings,
                    db: &db,
                    kv: &kv,
                    meta: RequestMeta::default(),
                };
                auth.register(RegisterRequest {
                    email,
                    password: PASSWORD.into(),
                    display_name: "Racer".into(),
                    tenant_name: None,
                    invitation_token: None,
                })
                .map_err(|e| e.code)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|code| code == "email_taken"),
        "{results:?}"
    );
}

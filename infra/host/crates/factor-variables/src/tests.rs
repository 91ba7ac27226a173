use super::*;
use crate::bindings::fermyon::spin2_0_0::variables;
use crate::bindings::wasi::config::store;

fn default(value: &str) -> VariableDecl {
    VariableDecl {
        default: Some(value.into()),
        ..Default::default()
    }
}

fn required() -> VariableDecl {
    VariableDecl {
        required: true,
        ..Default::default()
    }
}

fn app(vars: &[(&str, VariableDecl)]) -> BTreeMap<String, VariableDecl> {
    vars.iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn component(id: &str, vars: &[(&str, &str)]) -> BTreeMap<String, BTreeMap<String, String>> {
    let vars = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    BTreeMap::from([(id.to_string(), vars)])
}

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |key| {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn runtime_config(text: &str) -> toml::Value {
    let table: toml::Table = toml::from_str(text).expect("test TOML");
    table["variables_provider"].clone()
}

/// A dotenv file unique to this test process and name; removed on drop.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "host-factor-variables-{}-{name}.env",
            std::process::id()
        ));
        std::fs::write(&path, contents).expect("write temp file");
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn default_value_is_used() {
    let factor = VariablesFactor::new(
        app(&[("greeting", default("hello"))]),
        component("c", &[("greeting", "{{ greeting }}")]),
        None,
        &no_env,
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "greeting").unwrap(), "hello");
}

#[test]
fn environment_overrides_default() {
    let factor = VariablesFactor::new(
        app(&[("api_url", default("http://default"))]),
        component("c", &[("url", "{{ api_url }}")]),
        None,
        &env_of(&[("SPIN_VARIABLE_API_URL", "http://from-env")]),
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "url").unwrap(), "http://from-env");
}

#[test]
fn empty_environment_value_counts_as_set() {
    let factor = VariablesFactor::new(
        app(&[("a", default("x"))]),
        component("c", &[("a", "{{ a }}")]),
        None,
        &env_of(&[("SPIN_VARIABLE_A", "")]),
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "a").unwrap(), "");
}

#[test]
fn required_variable_without_value_fails_naming_it() {
    let err = VariablesFactor::new(
        app(&[("api_key", required()), ("other", default("x"))]),
        component("c", &[("key", "{{ api_key }}")]),
        None,
        &no_env,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("\"api_key\""), "{err}");
    assert!(err.contains("SPIN_VARIABLE_API_KEY"), "{err}");
    assert!(!err.contains("other"), "{err}");
}

#[test]
fn required_variable_from_environment() {
    let factor = VariablesFactor::new(
        app(&[("api_key", required())]),
        component("c", &[("key", "{{ api_key }}")]),
        None,
        &env_of(&[("SPIN_VARIABLE_API_KEY", "k-123")]),
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "key").unwrap(), "k-123");
}

#[test]
fn declarations_need_exactly_one_of_default_and_required() {
    for decl in [
        VariableDecl::default(),
        VariableDecl {
            default: Some("d".into()),
            required: true,
            secret: false,
        },
    ] {
        let err = VariablesFactor::new(app(&[("v", decl)]), BTreeMap::new(), None, &no_env)
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"v\""), "{err}");
    }
}

#[test]
fn invalid_application_variable_name_fails() {
    let err = VariablesFactor::new(
        app(&[("Bad-Name", default("x"))]),
        BTreeMap::new(),
        None,
        &no_env,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("\"Bad-Name\""), "{err}");
}

#[test]
fn templates_compose_several_variables() {
    let factor = VariablesFactor::new(
        app(&[("a", default("A")), ("b", default("B"))]),
        component(
            "c",
            &[
                ("joined", "prefix-{{ a }}-{{b}}"),
                ("literal", "no templates"),
                ("twice", "{{a}}{{a}}"),
            ],
        ),
        None,
        &no_env,
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "joined").unwrap(), "prefix-A-B");
    assert_eq!(factor.resolve("c", "literal").unwrap(), "no templates");
    assert_eq!(factor.resolve("c", "twice").unwrap(), "AA");
}

#[test]
fn template_referring_to_undeclared_variable_fails_at_start() {
    let err = VariablesFactor::new(
        app(&[("a", default("A"))]),
        component("svc", &[("x", "{{ a }}-{{ missing_one }}")]),
        None,
        &no_env,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("\"missing_one\""), "{err}");
    assert!(err.contains("\"svc\""), "{err}");
}

#[test]
fn malformed_component_entries_fail_at_start() {
    for (name, template, needle) in [
        ("x", "{{ a ", "unmatched"),
        ("Bad", "{{ a }}", "\"Bad\""),
        ("x", "{{ A }}", "\"A\""),
    ] {
        let err = VariablesFactor::new(
            app(&[("a", default("A"))]),
            component("c", &[(name, template)]),
            None,
            &no_env,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains(needle), "{name} = {template:?}: {err}");
    }
}

#[test]
fn undefined_and_invalid_names() {
    let factor = VariablesFactor::new(
        app(&[("a", default("A"))]),
        component("c", &[("a", "{{ a }}")]),
        None,
        &no_env,
    )
    .unwrap();
    assert!(matches!(
        factor.resolve("c", "nope"),
        Err(VariableError::Undefined { ref component, ref name }) if component == "c" && name == "nope"
    ));
    // An application variable not mapped into the component is not visible to it.
    assert!(matches!(
        factor.resolve("other", "a"),
        Err(VariableError::Undefined { .. })
    ));
    for bad in ["", "A", "a-b", "1a", "a__b", "a_"] {
        assert!(
            matches!(
                factor.resolve("c", bad),
                Err(VariableError::InvalidName { .. })
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn runtime_config_providers_rank_below_environment_and_above_default() {
    let config = runtime_config(
        r#"
        [[variables_provider]]
        type = "static"
        values = { a = "static-a", b = "static-b" }

        [[variables_provider]]
        type = "static"
        values = { b = "second-b", c = "second-c" }
        "#,
    );
    let factor = VariablesFactor::new(
        app(&[
            ("a", default("default-a")),
            ("b", default("default-b")),
            ("c", default("default-c")),
            ("d", default("default-d")),
        ]),
        component(
            "c",
            &[
                ("a", "{{a}}"),
                ("b", "{{b}}"),
                ("c", "{{c}}"),
                ("d", "{{d}}"),
            ],
        ),
        Some(&config),
        &env_of(&[("SPIN_VARIABLE_A", "env-a")]),
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "a").unwrap(), "env-a");
    assert_eq!(factor.resolve("c", "b").unwrap(), "static-b");
    assert_eq!(factor.resolve("c", "c").unwrap(), "second-c");
    assert_eq!(factor.resolve("c", "d").unwrap(), "default-d");
}

#[test]
fn dotenv_provider_supplies_values_with_its_prefix() {
    let dotenv = TempFile::new(
        "dotenv",
        "# comment\nMYAPP_TOKEN=from-dotenv\nMYAPP_QUOTED=\"with space\"\nSPIN_VARIABLE_OTHER=ignored\n",
    );
    let config = runtime_config(&format!(
        "[[variables_provider]]\ntype = \"env\"\nprefix = \"MYAPP\"\ndotenv_path = {:?}\n",
        dotenv.0.display().to_string()
    ));
    let factor = VariablesFactor::new(
        app(&[
            ("token", required()),
            ("quoted", default("q")),
            ("other", default("o")),
        ]),
        component(
            "c",
            &[
                ("token", "{{ token }}"),
                ("quoted", "{{ quoted }}"),
                ("other", "{{ other }}"),
            ],
        ),
        Some(&config),
        &no_env,
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "token").unwrap(), "from-dotenv");
    assert_eq!(factor.resolve("c", "quoted").unwrap(), "with space");
    // The dotenv file belongs to the MYAPP provider; SPIN_VARIABLE_ keys in it mean nothing.
    assert_eq!(factor.resolve("c", "other").unwrap(), "o");
}

#[test]
fn process_environment_beats_dotenv_file() {
    let dotenv = TempFile::new("env-beats-dotenv", "APP_TOKEN=from-dotenv\n");
    let config = runtime_config(&format!(
        "[[variables_provider]]\ntype = \"env\"\nprefix = \"APP\"\ndotenv_path = {:?}\n",
        dotenv.0.display().to_string()
    ));
    let factor = VariablesFactor::new(
        app(&[("token", required())]),
        component("c", &[("token", "{{ token }}")]),
        Some(&config),
        &env_of(&[("APP_TOKEN", "from-env")]),
    )
    .unwrap();
    assert_eq!(factor.resolve("c", "token").unwrap(), "from-env");
}

#[test]
fn unsupported_provider_type_fails_clearly() {
    let config = runtime_config(
        "[[variables_provider]]\ntype = \"vault\"\nurl = \"http://127.0.0.1:8200\"\ntoken = \"t\"\nmount = \"secret\"\n",
    );
    let err = VariablesFactor::new(app(&[]), BTreeMap::new(), Some(&config), &no_env).unwrap_err();
    assert!(
        format!("{err:#}").contains("not supported by this host"),
        "{err:#}"
    );
}

#[test]
fn secrets_are_redacted() {
    let decl = VariableDecl {
        default: Some("s3cr3t-default".into()),
        required: false,
        secret: true,
    };
    let shown = format!("{decl:?}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    let public = format!("{:?}", default("visible"));
    assert!(public.contains("visible"), "{public}");

    let factor = VariablesFactor::new(
        app(&[("password", decl)]),
        component("db", &[("password", "{{ password }}")]),
        None,
        &env_of(&[("SPIN_VARIABLE_PASSWORD", "hunter2-from-env")]),
    )
    .unwrap();
    let shown = format!("{factor:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    let err = factor.resolve("db", "nope").unwrap_err().to_string();
    assert!(!err.contains("hunter2"), "{err}");
    let err = factor
        .expand_app_template("{{ password }}-{{ nope }}")
        .unwrap_err()
        .to_string();
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn template_errors_do_not_echo_literal_values() {
    // A component value may be a literal secret; a parse error must not repeat it.
    let err = VariablesFactor::new(
        app(&[]),
        component("c", &[("key", "sk-literal-secret {{ unclosed")]),
        None,
        &no_env,
    )
    .unwrap_err()
    .to_string();
    assert!(!err.contains("sk-literal-secret"), "{err}");
}

#[test]
fn expands_manifest_templates() {
    let factor = VariablesFactor::new(
        app(&[("postgres_host", default("127.0.0.1:5432"))]),
        BTreeMap::new(),
        None,
        &env_of(&[("SPIN_VARIABLE_POSTGRES_HOST", "db.internal:6543")]),
    )
    .unwrap();
    assert_eq!(
        factor
            .expand_app_template("postgres://{{ postgres_host }}")
            .unwrap(),
        "postgres://db.internal:6543"
    );
    assert_eq!(
        factor.expand_app_template("https://plain").unwrap(),
        "https://plain"
    );
    let err = factor
        .expand_app_template("redis://{{ redis_host }}")
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"redis_host\""), "{err}");
}

fn guest_factor() -> VariablesFactor {
    VariablesFactor::new(
        app(&[("a", default("A")), ("b", default("B"))]),
        component("c", &[("x", "{{ a }}"), ("y", "{{ b }}!")]),
        None,
        &no_env,
    )
    .unwrap()
}

#[tokio::test]
async fn spin_variables_interface() {
    let mut state = guest_factor().instance_state("c");
    match variables::Host::get(&mut state, "x".into()).await.unwrap() {
        Ok(value) => assert_eq!(value, "A"),
        Err(e) => panic!("expected a value, got {e:?}"),
    }
    match variables::Host::get(&mut state, "zzz".into())
        .await
        .unwrap()
    {
        Err(variables::Error::Undefined(msg)) => assert!(msg.contains("zzz"), "{msg}"),
        other => panic!("expected undefined, got {other:?}"),
    }
    match variables::Host::get(&mut state, "Not-Valid".into())
        .await
        .unwrap()
    {
        Err(variables::Error::InvalidName(msg)) => assert!(msg.contains("Not-Valid"), "{msg}"),
        other => panic!("expected invalid-name, got {other:?}"),
    }
}

#[tokio::test]
async fn wasi_config_interface() {
    let mut state = guest_factor().instance_state("c");
    assert_eq!(
        store::Host::get(&mut state, "y".into())
            .await
            .unwrap()
            .unwrap(),
        Some("B!".to_string())
    );
    assert_eq!(
        store::Host::get(&mut state, "zzz".into())
            .await
            .unwrap()
            .unwrap(),
        None
    );
    assert_eq!(
        store::Host::get(&mut state, "BAD".into())
            .await
            .unwrap()
            .unwrap(),
        None
    );
    assert_eq!(
        store::Host::get_all(&mut state).await.unwrap().unwrap(),
        [
            ("x".to_string(), "A".to_string()),
            ("y".to_string(), "B!".to_string())
        ]
    );

    let mut unknown = guest_factor().instance_state("no-such-component");
    assert_eq!(
        store::Host::get_all(&mut unknown).await.unwrap().unwrap(),
        []
    );
}

#[test]
fn links_into_an_async_linker() {
    struct Data {
        vars: VariablesInstanceState,
    }
    let engine = wasmtime::Engine::default();
    let mut linker = Linker::<Data>::new(&engine);
    add_to_linker(&mut linker, |data| &mut data.vars).unwrap();
}

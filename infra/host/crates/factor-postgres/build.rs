fn main() {
    // Both versions share one host implementation; `with` maps each version's
    // `connection` resource onto our own type so one ResourceTable serves both.
    // PartialEq lets tests compare converted values exactly.
    host_spin_wit::write_bindings(
        "bindings.rs",
        r#"interfaces: "
            import spin:postgres/postgres@3.0.0;
            import spin:postgres/postgres@4.0.0;
        ",
        imports: { default: async | trappable },
        additional_derives: [PartialEq],
        with: {
            "spin:postgres/postgres@3.0.0.connection": crate::host::Connection,
            "spin:postgres/postgres@4.0.0.connection": crate::host::Connection,
        },"#,
    );
}

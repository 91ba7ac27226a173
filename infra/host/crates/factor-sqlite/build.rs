fn main() {
    // Both interface versions share one connection type in the resource table.
    host_spin_wit::write_bindings(
        "bindings.rs",
        r#"interfaces: "
            import spin:sqlite/sqlite@3.0.0;
            import fermyon:spin/sqlite@2.0.0;
        ",
        imports: { default: async | trappable },
        with: {
            "spin:sqlite/sqlite.connection": crate::host::OpenConnection,
            "fermyon:spin/sqlite.connection": crate::host::OpenConnection,
        },"#,
    );
}

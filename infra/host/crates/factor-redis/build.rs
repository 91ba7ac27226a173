fn main() {
    host_spin_wit::write_bindings(
        "bindings.rs",
        r#"interfaces: "import fermyon:spin/redis@2.0.0;",
        imports: { default: async | trappable },
        with: { "fermyon:spin/redis.connection": crate::host::OpenConnection },"#,
    );
}

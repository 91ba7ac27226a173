fn main() {
    // Both interfaces are read from spin-sdk's WIT; `get` never traps, so the generated
    // functions return plain values wrapped in `wasmtime::Result`.
    host_spin_wit::write_bindings(
        "bindings.rs",
        r#"interfaces: "
            import fermyon:spin/variables@2.0.0;
            import wasi:config/store@0.2.0-draft-2024-09-27;
        ",
        imports: { default: async | trappable },"#,
    );
}

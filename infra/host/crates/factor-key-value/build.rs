fn main() {
    // Both key-value interfaces come from spin-sdk's WIT. Their resources are mapped onto our
    // own Rust types so one `ResourceTable` entry type serves `store` and `bucket` alike.
    host_spin_wit::write_bindings(
        "bindings.rs",
        r#"interfaces: "
            import fermyon:spin/key-value@2.0.0;
            import wasi:keyvalue/store@0.2.0-draft2;
            import wasi:keyvalue/atomics@0.2.0-draft2;
            import wasi:keyvalue/batch@0.2.0-draft2;
        ",
        imports: { default: async | trappable },
        with: {
            "fermyon:spin/key-value.store": crate::host::OpenStore,
            "wasi:keyvalue/store.bucket": crate::host::OpenStore,
            "wasi:keyvalue/atomics.cas": crate::host::CasHandle,
        },"#,
    );
}

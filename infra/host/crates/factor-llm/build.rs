fn main() {
    // spin-sdk 5.2 guests import the 2.0.0 interface; the unversioned one is Spin 1's and is
    // kept because Spin still serves it. Both come from spin-sdk's WIT and are identical.
    host_spin_wit::write_bindings(
        "bindings.rs",
        r#"interfaces: "
            import fermyon:spin/llm@2.0.0;
            import fermyon:spin/llm;
        ",
        imports: { default: async | trappable },"#,
    );
}

//! fermyon:spin/variables and wasi:config/store.

//! fermyon:spin/key-value with SQLite and Redis backends.

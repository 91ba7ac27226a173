//! fermyon:spin/redis outbound Redis.

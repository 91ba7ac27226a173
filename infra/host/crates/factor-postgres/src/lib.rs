//! spin:postgres/postgres@4.0.0 over pooled tokio-postgres connections.

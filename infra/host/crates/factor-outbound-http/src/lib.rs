//! wasi:http outgoing requests, gated by allowed_outbound_hosts.

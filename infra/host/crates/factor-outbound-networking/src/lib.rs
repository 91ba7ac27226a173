//! allowed_outbound_hosts parsing and matching, as Spin documents it.

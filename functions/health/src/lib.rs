//! GET /api/v1/health: app version, components and backing-store reachability.

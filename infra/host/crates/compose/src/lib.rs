//! Composes a component with the dependencies spin.toml declares for it, as Spin does at load time.

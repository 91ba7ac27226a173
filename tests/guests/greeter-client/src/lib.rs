//! Test-only HTTP component importing the greeter interface, composed with its dependency at load time.

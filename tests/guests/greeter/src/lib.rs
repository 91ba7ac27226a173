//! Test-only component exporting a WIT interface, used as a component dependency.
//!
//! Exports `test:greeter/greet@0.1.0` and nothing else: it is not runnable on its own,
//! only as the dependency that satisfies `greeter-client`'s import.

wit_bindgen::generate!({
    world: "greeter",
    path: "../wit",
});

struct Greeter;

impl exports::test::greeter::greet::Guest for Greeter {
    fn greet(name: String) -> String {
        format!("Hello, {name}!")
    }
}

export!(Greeter);

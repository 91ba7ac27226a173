//! Runs the fake OpenAI-compatible provider until killed; prints `Listening http://ADDR`.
//! Used by scripts/bench as the zero-latency upstream.

fn main() {
    let listen = std::env::args()
        .skip_while(|a| a != "--listen")
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let addr = listen
        .parse()
        .unwrap_or_else(|e| panic!("--listen {listen}: {e}"));
    let provider = fake_providers::FakeProvider::start_on(addr);
    println!("Listening {}", provider.origin());
    loop {
        std::thread::park();
    }
}

//! Reads one data file with the reader, `N` times (for profiling).
//!
//! ```sh
//! cargo run --release --example read_one -- FILE [N]
//! ```

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: read_one FILE [N]");
    let n: usize = args.next().map_or(1, |n| n.parse().expect("a count"));
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let mut buffers = orgctl::records::reader::Buffers::default();
    let start = std::time::Instant::now();
    let mut events = 0;
    for _ in 0..n {
        let input =
            orgctl::records::reader::read_with(orgctl::ids::FileId::new(0), &text, &mut buffers)
                .expect("a valid file");
        events += input.events.len();
    }
    println!("{events} events in {:.3} s", start.elapsed().as_secs_f64());
}

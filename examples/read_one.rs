//! Reads data files with the reader, one after another on one thread,
//! `READ_TIMES` times each (for profiling the reader).
//!
//! ```sh
//! cargo run --release --example read_one -- FILE...
//! ```

fn main() {
    let n: usize = std::env::var("READ_TIMES").map_or(1, |n| n.parse().expect("a count"));
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).expect("a UTF-8 file"))
        .collect();
    let mut buffers = orgctl::records::reader::Buffers::default();
    let start = std::time::Instant::now();
    let mut records = 0;
    for _ in 0..n {
        for text in &texts {
            let file = orgctl::ids::FileId::new(0);
            let input =
                orgctl::records::reader::read_with(file, text, &mut buffers).expect("a valid file");
            records += input.events.len() + input.units.len() + input.people.len();
            records += input.roles.len();
        }
    }
    println!(
        "{records} records in {:.3} s",
        start.elapsed().as_secs_f64()
    );
}

//! Prints this library's verdict on identifiers read from standard input, for the
//! cross-check against an independent implementation (`scripts/crosscheck_ids.py`).
//!
//! Input: one `ssin<TAB>value` or `enterprise<TAB>value` per line. Output: the same line
//! with `<TAB>1` (valid) or `<TAB>0` appended. The first argument is the current year, which
//! bounds the SSIN births from 2000 (`is_valid_ssin_in`).

use std::io::{BufRead, BufWriter, Write};

fn main() {
    let year: u32 = std::env::args()
        .nth(1)
        .and_then(|y| y.parse().ok())
        .expect("usage: id_verdicts <current year> < list");
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("read a line");
        let Some((kind, value)) = line.split_once('\t') else {
            continue;
        };
        let valid = match kind {
            "ssin" => dimona::ids::is_valid_ssin_in(value, year),
            "enterprise" => dimona::ids::is_valid_enterprise_number(value),
            _ => continue,
        };
        writeln!(out, "{kind}\t{value}\t{}", u8::from(valid)).expect("write a verdict");
    }
}

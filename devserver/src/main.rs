fn main() {
    println!("dimona-devserver");
}

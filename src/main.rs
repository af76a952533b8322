fn main() {
    std::process::exit(digest_lint::run::main());
}

//! `digest-lint lsp`: the language server (to be written: see issue #5).

/// Serves LSP on stdin/stdout; returns the process exit code.
pub fn run() -> i32 {
    eprintln!("digest-lint lsp: not implemented yet");
    2
}

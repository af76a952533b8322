//! `digest-lint lsp`: the language server on stdio.
//!
//! A reader thread frames stdin into messages ([`transport`]); the main thread hands them to the
//! [`Server`], which keeps the open documents and answers. Edits are applied as they come and
//! linting waits until the queue is empty (or a request needs fresh results), so a burst of
//! keystrokes costs one lint.

mod actions;
mod diagnostics;
mod document;
mod hover;
mod paths;
mod server;
pub mod transport;

pub use document::{Document, Encoding};
pub use paths::{path_to_uri, uri_to_path};
pub use server::{Outgoing, Server};
pub use transport::Incoming;

use lsp_server::Message;
use std::io::Write;
use std::sync::mpsc::{self, TryRecvError};

/// Serves LSP on stdin/stdout; returns the process exit code (0 after `shutdown` and `exit`).
pub fn run() -> i32 {
    let (tx, rx) = mpsc::channel::<Incoming>();
    let reader = std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            // Ends at the end of input, on a read error, or after `exit`.
            while let Ok(Some(incoming)) = transport::read_frame(&mut input) {
                let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if tx.send(incoming).is_err() || exit {
                    break;
                }
            }
        });
    if let Err(e) = reader {
        eprintln!("digest-lint lsp: cannot start the reader thread: {e}");
        return 2;
    }
    let mut server = Server::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    loop {
        let next = match rx.try_recv() {
            Ok(m) => Some(m),
            Err(TryRecvError::Empty) => {
                server.lint_pending();
                if send(&mut server, &mut out).is_err() {
                    return 1;
                }
                rx.recv().ok()
            }
            Err(TryRecvError::Disconnected) => None,
        };
        let Some(incoming) = next else {
            return server.status_at_eof();
        };
        let exit = server.handle(incoming);
        if send(&mut server, &mut out).is_err() {
            return 1;
        }
        if let Some(code) = exit {
            return code;
        }
    }
}

fn send(server: &mut Server, out: &mut impl Write) -> std::io::Result<()> {
    for o in server.take_outgoing() {
        match o {
            Outgoing::Message(m) => transport::write_message(out, &m)?,
            Outgoing::Error { id, code, message } => {
                transport::write_error(out, &id, code, &message)?
            }
        }
    }
    Ok(())
}

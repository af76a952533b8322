//! JSON-RPC over stdio with `Content-Length` framing, tolerant of bad input.
//!
//! `lsp_server`'s own stdio transport stops reading at the first payload that is not a JSON-RPC
//! message; a language server must answer such a message with an error and go on, so framing and
//! classification are done here and only well-formed messages become [`Message`]s.

use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};
use std::io::{self, BufRead, Read, Write};

/// Bodies larger than this are skipped (answered with a parse error), never allocated.
const MAX_BODY_BYTES: usize = 256 << 20;

/// What the reader hands to the server.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that is not a message the server can act on: answer `code` to `id` (JSON `null`
    /// when the id could not be read), as JSON-RPC 2.0 asks.
    Invalid {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

/// Reads the next frame; `Ok(None)` at the end of the input.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank line between frames
        }
        saw_header = true;
        // Tolerates garbage before the header on the same line (a previous body without framing).
        if let Some(at) = find_ascii_ci(text, "content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length header: {value:?}")),
            );
        }
    }
    let length = match length {
        None => return Ok(Some(parse_error("missing Content-Length header".into()))),
        Some(Err(e)) => return Ok(Some(parse_error(e))),
        Some(Ok(n)) => n,
    };
    if length > MAX_BODY_BYTES {
        let skipped = io::copy(&mut r.take(length as u64), &mut io::sink())?;
        if (skipped as usize) < length {
            return Ok(None);
        }
        return Ok(Some(parse_error(format!(
            "message of {length} bytes exceeds the limit of {MAX_BODY_BYTES}"
        ))));
    }
    let mut body = vec![0; length];
    if let Err(e) = r.read_exact(&mut body) {
        return if e.kind() == io::ErrorKind::UnexpectedEof {
            Ok(None)
        } else {
            Err(e)
        };
    }
    Ok(Some(classify(&body)))
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn parse_error(message: String) -> Incoming {
    Incoming::Invalid {
        id: Value::Null,
        code: ErrorCode::ParseError,
        message,
    }
}

/// Turns a frame's body into a message, or says why it is not one.
pub fn classify(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return parse_error(format!("malformed JSON: {e}")),
    };
    let invalid = |id: Value, message: String| Incoming::Invalid {
        id,
        code: ErrorCode::InvalidRequest,
        message,
    };
    let Some(obj) = value.as_object() else {
        return invalid(Value::Null, "a message must be a JSON object".into());
    };
    let id = obj.get("id").cloned();
    match obj.get("method") {
        Some(Value::String(_)) => {}
        Some(_) => {
            return invalid(
                id.unwrap_or(Value::Null),
                "`method` must be a string".into(),
            )
        }
        None if id.is_some() && (obj.contains_key("result") || obj.contains_key("error")) => {}
        None => return invalid(id.unwrap_or(Value::Null), "no `method`".into()),
    }
    // `Message` is an untagged enum: a request whose id it cannot hold (a float, a number past
    // i32, null) would come out as a notification and never be answered; name it instead.
    let parsed = match (&id, obj.contains_key("method")) {
        (Some(_), true) => serde_json::from_value(value).map(Message::Request),
        _ => serde_json::from_value::<Message>(value),
    };
    match parsed {
        Ok(m) => Incoming::Message(m),
        Err(e) => invalid(
            id.unwrap_or(Value::Null),
            format!("not a JSON-RPC message: {e}"),
        ),
    }
}

/// Writes one message in a frame and flushes.
pub fn write_message(w: &mut impl Write, msg: &Message) -> io::Result<()> {
    msg.write(w)
}

/// Writes an error response whose id may be `null` (which `lsp_server::Response` cannot hold).
pub fn write_error(
    w: &mut impl Write,
    id: &Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message},
    })
    .to_string();
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        while let Some(m) = read_frame(&mut r).unwrap() {
            out.push(m);
        }
        out
    }

    fn code_of(i: &Incoming) -> Option<i32> {
        match i {
            Incoming::Invalid { code, .. } => Some(*code as i32),
            Incoming::Message(_) => None,
        }
    }

    #[test]
    fn reads_good_frames_and_survives_bad_ones() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            frame("{not json"),
            frame(r#"[1,2]"#),
            frame(r#"{"jsonrpc":"2.0","id":2.5,"method":"hover"}"#),
            frame(r#"{"jsonrpc":"2.0","id":3}"#),
            frame(r#"{"jsonrpc":"2.0","id":4294967296,"method":"shutdown"}"#),
            "Content-Type: x\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let got = read_all(&input);
        assert_eq!(got.len(), 8);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if r.method == "initialize")
        );
        assert_eq!(code_of(&got[1]), Some(ErrorCode::ParseError as i32));
        assert_eq!(code_of(&got[2]), Some(ErrorCode::InvalidRequest as i32));
        // A float id is not an id lsp_server can answer, but the error still names it.
        assert!(
            matches!(&got[3], Incoming::Invalid { id, code: ErrorCode::InvalidRequest, .. } if *id == json!(2.5))
        );
        assert!(matches!(&got[4], Incoming::Invalid { id, .. } if *id == json!(3)));
        assert!(matches!(&got[5], Incoming::Invalid { id, .. } if *id == json!(4294967296u64)));
        assert_eq!(code_of(&got[6]), Some(ErrorCode::ParseError as i32));
        assert!(
            matches!(&got[7], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
    }

    #[test]
    fn resynchronises_after_an_unframed_body() {
        let body = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!("{{\"garbage\":1}}{}", frame(body));
        let got = read_all(&input);
        assert_eq!(got.len(), 1);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
    }

    #[test]
    fn truncated_body_is_end_of_input() {
        let got = read_all("Content-Length: 100\r\n\r\n{\"a\":");
        assert!(got.is_empty());
    }

    #[test]
    fn responses_are_messages() {
        let got = classify(br#"{"jsonrpc":"2.0","id":7,"result":null}"#);
        assert!(matches!(got, Incoming::Message(Message::Response(_))));
    }

    #[test]
    fn null_id_error_is_framed() {
        let mut out = Vec::new();
        write_error(&mut out, &Value::Null, ErrorCode::ParseError, "bad").unwrap();
        let s = String::from_utf8(out).unwrap();
        let (head, body) = s.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["id"], Value::Null);
        assert_eq!(v["error"]["code"], -32700);
    }
}

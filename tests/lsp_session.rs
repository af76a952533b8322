//! Drives the real `digest-lint lsp` binary over stdio through whole sessions.
//!
//! Positions are computed here from the text itself (counting UTF-16 units or bytes by hand),
//! never through the crate's `LineIndex`, so a wrong conversion in the server cannot agree with
//! itself.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);
const SEED: &str = include_str!("../seeds/000_3d2181f76b2227e1.txt");

#[derive(Clone, Copy, PartialEq)]
enum Enc {
    Utf8,
    Utf16,
}

/// The LSP position of byte `offset` in `text`, counted by hand.
fn position(text: &str, offset: usize, enc: Enc) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = match enc {
        Enc::Utf8 => offset - start,
        Enc::Utf16 => text[start..offset].encode_utf16().count(),
    };
    json!({"line": line, "character": col})
}

fn range(text: &str, start: usize, end: usize, enc: Enc) -> Value {
    json!({"start": position(text, start, enc), "end": position(text, end, enc)})
}

/// The byte span of the only occurrence of `needle` in `text`.
fn unique(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} is not unique");
    (at, at + needle.len())
}

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages received while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start digest-lint lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(": ").expect("header");
                    if name.eq_ignore_ascii_case("content-length") {
                        len = Some(value.parse::<usize>().expect("length"));
                    }
                }
                let mut body = vec![0; len.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("server sent JSON");
                assert_eq!(v["jsonrpc"], "2.0");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            backlog: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.send_raw(&msg.to_string());
    }

    /// Sends a request and returns its whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.send_raw(&msg.to_string());
        self.wait_for(&format!("response to {method}"), |m| m["id"] == json!(id))
    }

    /// The first message (backlog first) that satisfies `pred`; fails after `TIMEOUT`.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!("timed out waiting for {what}; got {:#?}", self.backlog),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, encodings: Option<&[&str]>) -> Value {
        let mut caps =
            json!({"textDocument": {"publishDiagnostics": {"relatedInformation": true}}});
        if let Some(e) = encodings {
            caps["general"] = json!({"positionEncodings": e});
        }
        let resp = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps}),
        );
        self.notify("initialized", json!({}));
        resp
    }

    fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        );
    }

    fn shutdown_and_exit(mut self) -> ExitStatus {
        let resp = self.request("shutdown", Value::Null);
        assert_eq!(resp["result"], Value::Null);
        assert!(resp.get("error").is_none());
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The seed in a temporary folder of its own, so no `digest-lint.toml` of this repository
/// applies; returns the folder and the file's URI.
fn seed_file() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("digest.txt");
    std::fs::write(&path, SEED).unwrap();
    let uri = file_uri(&path);
    (dir, uri)
}

fn file_uri(path: &Path) -> String {
    // Temporary paths hold no characters that need escaping.
    let s = path.to_str().unwrap();
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b)),
        "{s}"
    );
    format!("file://{s}")
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

/// The seed's dates of the MOFCOM probes: the byte spans of every `Sept. 13, 2025` (a paragraph
/// and a key point say so) and of `around Sept 14–15, 2025` (another topic's paragraph).
fn probe_dates(text: &str) -> (Vec<(usize, usize)>, (usize, usize)) {
    let needle = "Sept. 13, 2025";
    let sept13: Vec<(usize, usize)> = text
        .match_indices(needle)
        .map(|(i, _)| (i, i + needle.len()))
        .collect();
    (sept13, unique(text, "around Sept 14–15, 2025"))
}

/// The DL201 diagnostic on the probe dates: one side of the conflict is its range, the other
/// its related location, both exact in the given encoding.
fn probe_conflict<'a>(diags: &'a [Value], text: &str, uri: &str, enc: Enc) -> Option<&'a Value> {
    let (sept13, around) = probe_dates(text);
    let early: Vec<Value> = sept13
        .iter()
        .map(|&(s, e)| range(text, s, e, enc))
        .collect();
    let late = vec![range(text, around.0, around.1, enc)];
    let found: Vec<&Value> = with_code(diags, "DL201")
        .into_iter()
        .filter(|d| early.contains(&d["range"]) || late.contains(&d["range"]))
        .collect();
    assert!(
        found.len() <= 1,
        "several DL201 on the probe dates: {found:#?}"
    );
    let d = found.first().copied()?;
    let others = if late.contains(&d["range"]) {
        &early
    } else {
        &late
    };
    let related = d["relatedInformation"]
        .as_array()
        .expect("relatedInformation");
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == uri && others.contains(&r["location"]["range"])),
        "no related information at the other date (one of {others:?}): {d:#}"
    );
    assert_eq!(d["source"], "digest-lint");
    assert_eq!(d["severity"], 1);
    Some(d)
}

#[test]
fn whole_session_utf16() {
    let (_dir, uri) = seed_file();
    let mut c = Client::start();
    let init = c.initialize(None);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert!(caps["codeActionProvider"].is_object());

    // Open: the probe-date conflict, with the other date as related information.
    let mut text = SEED.to_string();
    c.open(&uri, &text, 1);
    let diags = c.diagnostics(&uri, 1);
    let conflict = probe_conflict(&diags, &text, &uri, Enc::Utf16)
        .expect("DL201 on the MOFCOM probe dates")
        .clone();
    let dl201_before = with_code(&diags, "DL201").len();

    // Code actions at the finding: the suppression quick fix inserts the directive above it.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": conflict["range"],
               "context": {"diagnostics": [conflict]}}),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let suppress = actions
        .iter()
        .find(|a| a["title"] == "Suppress DL201 on this line")
        .expect("suppression quick fix");
    assert_eq!(suppress["kind"], "quickfix");
    let line = conflict["range"]["start"]["line"].as_u64().unwrap();
    let edit = &suppress["edit"]["changes"][&uri][0];
    let line_start = json!({"line": line, "character": 0});
    assert_eq!(
        edit["range"],
        json!({"start": line_start, "end": line_start})
    );
    let line_text = text.lines().nth(line as usize).unwrap();
    let indent: String = line_text.chars().take_while(|c| *c == ' ').collect();
    assert_eq!(
        edit["newText"],
        format!("{indent}<!-- digest-lint-disable-next-line DL201 -->\n")
    );

    // Applying it silences the finding (and the directive is used, so no DL901).
    let inserted = edit["newText"].as_str().unwrap().to_string();
    c.change(&uri, 2, edit["range"].clone(), &inserted);
    let diags = c.diagnostics(&uri, 2);
    assert_eq!(with_code(&diags, "DL201").len(), dl201_before - 1);
    assert!(with_code(&diags, "DL901").is_empty(), "{diags:#?}");
    // Undo it: delete the inserted line again; the finding is back.
    c.change(
        &uri,
        3,
        json!({"start": line_start, "end": {"line": line + 1, "character": 0}}),
        "",
    );
    let diags = c.diagnostics(&uri, 3);
    assert!(probe_conflict(&diags, &text, &uri, Enc::Utf16).is_some());

    // Make the dates agree with an incremental edit: the finding goes.
    let (_, around) = probe_dates(&text);
    let agreed = "Sept. 13, 2025";
    c.change(
        &uri,
        4,
        range(&text, around.0, around.1, Enc::Utf16),
        agreed,
    );
    text.replace_range(around.0..around.1, agreed);
    let diags = c.diagnostics(&uri, 4);
    assert_eq!(
        with_code(&diags, "DL201").len(),
        dl201_before - 1,
        "{diags:#?}"
    );
    let probe_lines: Vec<Value> = text
        .match_indices(agreed)
        .map(|(i, _)| position(&text, i, Enc::Utf16)["line"].clone())
        .collect();
    assert_eq!(probe_lines.len(), 3);
    for d in with_code(&diags, "DL201") {
        let l = &d["range"]["start"]["line"];
        assert!(
            !probe_lines.contains(l),
            "conflict left at the probe: {d:#}"
        );
    }

    // Hover an amount: its value in full with the ISO currency, and the conversion's rates.
    let amount =
        text.find("raising 9 billion yuan (~$1.27bn)").unwrap() + "raising 9 billion yuan (".len();
    let amount_end = amount + "~$1.27bn".len();
    let inside = position(&text, amount + 3, Enc::Utf16);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": inside}),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(value.contains("1,270,000,000 USD"), "{value}");
    assert!(value.contains("9,000,000,000 CNY"), "{value}");
    assert!(
        value.contains("implied rate: 7.0866 CNY per USD"),
        "{value}"
    );
    assert!(
        value.contains("reference rate 2025-09: 7.1235 CNY per USD"),
        "{value}"
    );
    assert_eq!(
        hover["result"]["range"],
        range(&text, amount, amount_end, Enc::Utf16)
    );

    // Closing clears the diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared["params"].get("version").is_none());

    let status = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn utf8_is_negotiated_when_offered() {
    let (_dir, uri) = seed_file();
    let mut c = Client::start();
    let init = c.initialize(Some(&["utf-8", "utf-16"]));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let mut text = SEED.to_string();
    c.open(&uri, &text, 1);
    let diags = c.diagnostics(&uri, 1);
    let d = probe_conflict(&diags, &text, &uri, Enc::Utf8).expect("DL201 in byte columns");
    let start = d["range"]["start"].clone();
    // An astral character and an en dash in front of the finding move it by their bytes.
    let line = start["line"].as_u64().unwrap();
    let prefix = "😀– ";
    c.change(
        &uri,
        2,
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}),
        prefix,
    );
    let line_start = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum::<usize>();
    text.insert_str(line_start, prefix);
    let diags = c.diagnostics(&uri, 2);
    let moved = probe_conflict(&diags, &text, &uri, Enc::Utf8).expect("DL201 after the edit");
    assert_eq!(
        moved["range"]["start"]["character"].as_u64().unwrap(),
        start["character"].as_u64().unwrap() + prefix.len() as u64
    );
    assert_eq!(c.shutdown_and_exit().code(), Some(0));
}

#[test]
fn malformed_messages_get_errors_and_the_server_goes_on() {
    let mut c = Client::start();
    // Before initialize, requests are refused.
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    c.initialize(None);

    c.send_raw("{this is not json");
    let parse = c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse["id"], Value::Null);

    c.send_raw(r#"{"jsonrpc":"2.0","id":2.5,"method":"textDocument/hover","params":{}}"#);
    let bad_id = c.wait_for("invalid request", |m| m["error"]["code"] == -32600);
    assert_eq!(bad_id["id"], json!(2.5));

    let invalid = c.request("textDocument/hover", json!({"bogus": true}));
    assert_eq!(invalid["error"]["code"], -32602);
    let unknown = c.request("digest/nonsense", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    c.notify("digest/unknownNotification", json!({"x": 1}));
    c.notify("textDocument/didOpen", json!({"textDocument": 42}));

    // Still serving: a hover on a document that is not open is answered with null.
    let alive = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(alive["result"], Value::Null);
    assert!(alive.get("error").is_none());
    // No response was sent to the notifications.
    assert!(c
        .backlog
        .iter()
        .all(|m| m.get("id").is_none() || m["id"] == Value::Null || m["id"] == json!(2.5)));

    // `exit` without `shutdown` ends with status 1.
    c.notify("exit", Value::Null);
    assert_eq!(c.wait().code(), Some(1));
}

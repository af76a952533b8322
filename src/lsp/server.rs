//! The server's state and its answers, free of I/O: messages in, messages out. `run` in
//! `mod.rs` pumps stdio through it; tests and the benchmark drive it directly.

use super::actions::code_actions;
use super::diagnostics::to_diagnostic;
use super::diagnostics::SOURCE;
use super::document::{Document, Encoding};
use super::hover::hover_markdown;
use super::paths::{path_to_uri, uri_to_path};
use super::transport::Incoming;
use crate::finding::Finding;
use crate::{analyze, config, lint_analyses, Analysis, Options};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeResult, Location, LogMessageParams, MarkupContent,
    MarkupKind, MessageType, NumberOrString, PositionEncodingKind, PublishDiagnosticsParams, Range,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, Uri, WorkspaceFolder, WorkspaceFoldersServerCapabilities,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What goes back to the client.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// An error answer to something that was not a request we could read (its id may be null).
    Error {
        id: Value,
        code: ErrorCode,
        message: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

/// One open document and what the last lint made of it.
struct Open {
    uri: Uri,
    doc: Document,
    /// Documents with the same group are linted together (cross-digest rules see each other).
    group: String,
    opts: Arc<Options>,
    /// The configuration that governs the document is broken: this is published instead of
    /// findings (linting with other rules than the user chose would cry wolf).
    config_error: Option<Diagnostic>,
    /// `None` until (re-)analysed after an edit.
    analysis: Option<Analysis>,
    findings: Vec<Finding>,
    /// The diagnostics last published, one per finding, in the same order.
    diagnostics: Vec<Diagnostic>,
    published_version: Option<i32>,
}

/// The language server's state.
pub struct Server {
    phase: Phase,
    enc: Encoding,
    folders: Vec<PathBuf>,
    /// Keyed by the URI as the client wrote it.
    docs: BTreeMap<String, Open>,
    /// Groups to lint before the next answer or idle moment.
    dirty: BTreeSet<String>,
    /// Finds and caches configuration files as the command line does; dropped when they change.
    resolver: Option<config::Resolver>,
    /// Options by configuration key, so documents under one configuration share them.
    options: HashMap<String, Arc<Options>>,
    /// The client can watch files for us (dynamic registration of `didChangeWatchedFiles`).
    can_watch: bool,
    /// The client does not show `relatedInformation`: name the related places in the message.
    inline_related: bool,
    out: Vec<Outgoing>,
}

impl Default for Server {
    fn default() -> Self {
        Self::new()
    }
}

/// An error to answer a request with.
struct Fail(ErrorCode, String);

impl Server {
    pub fn new() -> Self {
        Server {
            phase: Phase::Uninitialized,
            enc: Encoding::Utf16,
            folders: Vec::new(),
            docs: BTreeMap::new(),
            dirty: BTreeSet::new(),
            resolver: None,
            options: HashMap::new(),
            can_watch: false,
            inline_related: false,
            out: Vec::new(),
        }
    }

    /// The position encoding in force.
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    /// Messages to send, in order.
    pub fn take_outgoing(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.out)
    }

    /// Handles one incoming frame; `Some(code)` when the server must exit with that status.
    pub fn handle(&mut self, incoming: Incoming) -> Option<i32> {
        match incoming {
            Incoming::Invalid { id, code, message } => {
                self.out.push(Outgoing::Error { id, code, message });
                None
            }
            Incoming::Message(Message::Request(req)) => {
                self.request(req);
                None
            }
            Incoming::Message(Message::Notification(n)) => self.notification(n),
            // The only request we send is `client/registerCapability`: its answer needs nothing.
            Incoming::Message(Message::Response(_)) => None,
        }
    }

    /// The exit status when the input ends without `exit`.
    pub fn status_at_eof(&self) -> i32 {
        if self.phase == Phase::ShutDown {
            0
        } else {
            1
        }
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match (self.phase, req.method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(req.params),
            (Phase::Uninitialized, _) => Err(Fail(
                ErrorCode::ServerNotInitialized,
                format!("`{}` before `initialize`", req.method),
            )),
            (Phase::ShutDown, _) => Err(Fail(
                ErrorCode::InvalidRequest,
                format!("`{}` after `shutdown`", req.method),
            )),
            (Phase::Running, "initialize") => Err(Fail(
                ErrorCode::InvalidRequest,
                "already initialized".into(),
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                Ok(Value::Null)
            }
            (Phase::Running, "textDocument/hover") => params(req.params).map(|p| self.hover(p)),
            (Phase::Running, "textDocument/codeAction") => {
                params(req.params).map(|p| self.code_action(p))
            }
            (Phase::Running, m) => Err(Fail(
                ErrorCode::MethodNotFound,
                format!("unknown method `{m}`"),
            )),
        };
        self.respond(id, result);
    }

    fn respond(&mut self, id: RequestId, result: Result<Value, Fail>) {
        let resp = match result {
            Ok(v) => Response::new_ok(id, v),
            Err(Fail(code, message)) => Response::new_err(id, code as i32, message),
        };
        self.out.push(Outgoing::Message(resp.into()));
    }

    fn notification(&mut self, n: Notification) -> Option<i32> {
        if n.method == "exit" {
            return Some(if self.phase == Phase::ShutDown { 0 } else { 1 });
        }
        if self.phase != Phase::Running {
            return None;
        }
        let outcome = match n.method.as_str() {
            "textDocument/didOpen" => params(n.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => params(n.params).map(|p| self.did_change(p)),
            "textDocument/didClose" => params(n.params).map(|p| self.did_close(p)),
            "workspace/didChangeWorkspaceFolders" => {
                params(n.params).map(|p: lsp_types::DidChangeWorkspaceFoldersParams| {
                    self.folders.retain(|f| {
                        !p.event
                            .removed
                            .iter()
                            .any(|r| folder_path(r).as_ref() == Some(f))
                    });
                    self.folders
                        .extend(p.event.added.iter().filter_map(folder_path));
                    self.regroup();
                })
            }
            "initialized" => {
                self.watch_config_files();
                Ok(())
            }
            "workspace/didChangeConfiguration" | "workspace/didChangeWatchedFiles" => {
                // A configuration file changed: read them all again.
                self.resolver = None;
                self.options.clear();
                self.regroup();
                Ok(())
            }
            // `$/cancelRequest`, `$/setTrace`, didSave and anything unknown:
            // nothing to do (requests are answered in order, so there is nothing to cancel).
            _ => Ok(()),
        };
        if let Err(Fail(_, message)) = outcome {
            self.log(
                MessageType::WARNING,
                format!("ignored `{}`: {message}", n.method),
            );
        }
        None
    }

    fn log(&mut self, typ: MessageType, message: String) {
        let n = Notification::new(
            "window/logMessage".into(),
            LogMessageParams { typ, message },
        );
        self.out.push(Outgoing::Message(n.into()));
    }

    fn initialize(&mut self, params: Value) -> Result<Value, Fail> {
        // Read leniently from the raw JSON: a client's odd capability elsewhere must not fail
        // the session.
        if !params.is_object() {
            return Err(Fail(
                ErrorCode::InvalidParams,
                "initialize params must be an object".into(),
            ));
        }
        let offered: Option<Vec<PositionEncodingKind>> = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(|v| serde_json::from_value(v.clone()).ok());
        self.enc = Encoding::negotiate(offered.as_deref());
        self.can_watch = params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.inline_related = !params
            .pointer("/capabilities/textDocument/publishDiagnostics/relatedInformation")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let folders: Option<Vec<WorkspaceFolder>> = params
            .get("workspaceFolders")
            .and_then(|v| serde_json::from_value(v.clone()).ok());
        self.folders = match folders {
            Some(fs) => fs.iter().filter_map(folder_path).collect(),
            None => params
                .get("rootUri")
                .and_then(Value::as_str)
                .and_then(uri_to_path)
                .into_iter()
                .collect(),
        };
        self.phase = Phase::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.enc.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    // Incremental; a change without a range (full text) is applied too.
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            workspace: Some(lsp_types::WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(lsp_types::OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "digest-lint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        Ok(serde_json::to_value(result).unwrap_or(Value::Null))
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let item = p.text_document;
        let key = item.uri.as_str().to_string();
        let path = uri_to_path(item.uri.as_str());
        let (group, opts, config_error) = self.placement(&key, path.as_deref());
        if let Some(old) = self.docs.get(&key) {
            self.dirty.insert(old.group.clone());
        }
        self.dirty.insert(group.clone());
        self.docs.insert(
            key,
            Open {
                uri: item.uri,
                doc: Document::new(item.text, item.version),
                group,
                opts,
                config_error,
                analysis: None,
                findings: Vec::new(),
                diagnostics: Vec::new(),
                published_version: None,
            },
        );
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let enc = self.enc;
        let key = p.text_document.uri.as_str();
        let Some(open) = self.docs.get_mut(key) else {
            let msg = format!("change to a document that is not open: {key}");
            self.log(MessageType::WARNING, msg);
            return;
        };
        open.doc
            .apply_changes(p.content_changes, p.text_document.version, enc);
        open.analysis = None;
        self.dirty.insert(open.group.clone());
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        if let Some(open) = self.docs.remove(p.text_document.uri.as_str()) {
            self.dirty.insert(open.group);
            self.publish(open.uri, Vec::new(), None);
        }
    }

    /// Recomputes every document's group and options (folders or configuration changed).
    fn regroup(&mut self) {
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        for key in keys {
            let path = uri_to_path(&key);
            let (group, opts, config_error) = self.placement(&key, path.as_deref());
            if let Some(open) = self.docs.get_mut(&key) {
                self.dirty
                    .insert(std::mem::replace(&mut open.group, group.clone()));
                self.dirty.insert(group);
                open.opts = opts;
                open.config_error = config_error;
                open.analysis = None;
            }
        }
    }

    /// The group a document is linted in and its options: the innermost workspace folder
    /// holding it (else its directory) under one configuration; a document without a path, or
    /// whose configuration is broken, stands alone.
    fn placement(
        &mut self,
        key: &str,
        path: Option<&Path>,
    ) -> (String, Arc<Options>, Option<Diagnostic>) {
        let (config, opts) = match self.options_for(key, path) {
            Ok(found) => found,
            Err(diagnostic) => {
                let group = format!("config-error\u{0}{key}");
                return (group, self.default_options(), Some(*diagnostic));
            }
        };
        let Some(path) = path else {
            return (format!("{config}\u{0}{key}"), opts, None);
        };
        let root = self
            .folders
            .iter()
            .filter(|f| path.starts_with(f))
            .max_by_key(|f| f.components().count())
            .cloned()
            .or_else(|| path.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        (format!("{config}\u{0}{}", root.display()), opts, None)
    }

    fn default_options(&mut self) -> Arc<Options> {
        self.options
            .entry(String::new())
            .or_insert_with(|| Arc::new(Options::default()))
            .clone()
    }

    /// The options for a document, found from its path as the command line finds them (a
    /// document without a path as if it were in the first workspace folder), and the key that
    /// says which documents share them; a broken configuration comes back as the diagnostic to
    /// show instead of findings.
    fn options_for(
        &mut self,
        key: &str,
        path: Option<&Path>,
    ) -> Result<(String, Arc<Options>), Box<Diagnostic>> {
        let target = match path {
            Some(p) => p.to_path_buf(),
            None => match self.folders.first() {
                Some(f) => f.join(key.rsplit(['/', ':']).next().unwrap_or("untitled")),
                None => return Ok((String::new(), self.default_options())),
            },
        };
        if self.resolver.is_none() {
            match config::Resolver::new(config::Overrides::default()) {
                Ok(r) => self.resolver = Some(r),
                Err(e) => return Err(Box::new(config_diagnostic(&e, self.enc))),
            }
        }
        let resolver = self.resolver.as_ref().expect("just set");
        match resolver.options_for(&target) {
            Ok((opts, settings)) => {
                let shared = self
                    .options
                    .entry(settings.key.clone())
                    .or_insert_with(|| Arc::new(opts))
                    .clone();
                Ok((settings.key, shared))
            }
            Err(e) => Err(Box::new(config_diagnostic(&e, self.enc))),
        }
    }

    /// Asks the client to tell us when a configuration file changes.
    fn watch_config_files(&mut self) {
        if !self.can_watch {
            return;
        }
        let pattern = format!("**/{{{}}}", config::FILE_NAMES.join(","));
        let req = Request::new(
            RequestId::from("digest-lint/watch-config".to_string()),
            "client/registerCapability".into(),
            json!({"registrations": [{
                "id": "digest-lint/watch-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": [{"globPattern": pattern}]},
            }]}),
        );
        self.out.push(Outgoing::Message(req.into()));
    }

    /// Lints every group changed since the last call and publishes what changed.
    pub fn lint_pending(&mut self) {
        for group in std::mem::take(&mut self.dirty) {
            self.lint_group(&group);
        }
    }

    fn lint_group(&mut self, group: &str) {
        let members: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, o)| o.group == group)
            .map(|(k, _)| k.clone())
            .collect();
        let Some(first) = members.first() else {
            return;
        };
        if let Some(diagnostic) = self.docs[first].config_error.clone() {
            for key in &members {
                let open = self.docs.get_mut(key).expect("member is open");
                open.findings.clear();
                open.analysis = None;
                let version = open.doc.version;
                let diags = vec![diagnostic.clone()];
                if open.published_version != Some(version) || open.diagnostics != diags {
                    open.diagnostics = diags.clone();
                    open.published_version = Some(version);
                    let uri = open.uri.clone();
                    self.publish(uri, diags, Some(version));
                }
            }
            return;
        }
        let opts = self.docs[first].opts.clone();
        let mut failed = Vec::new();
        for key in &members {
            let open = self.docs.get_mut(key).expect("member is open");
            if open.analysis.is_none() {
                let text = &open.doc.text;
                match catch_unwind(AssertUnwindSafe(|| analyze(text, &opts))) {
                    Ok(a) => open.analysis = Some(a),
                    Err(_) => failed.push(key.clone()),
                }
            }
        }
        // Documents whose analysis failed are linted as empty; the rest go on together.
        let linted: Vec<&String> = members.iter().filter(|k| !failed.contains(k)).collect();
        let analyses: Vec<&Analysis> = linted
            .iter()
            .filter_map(|k| self.docs[*k].analysis.as_ref())
            .collect();
        let findings = match catch_unwind(AssertUnwindSafe(|| lint_analyses(&analyses, &opts))) {
            Ok(f) => f,
            Err(_) => {
                failed.extend(linted.iter().map(|k| (*k).clone()));
                vec![Vec::new(); analyses.len()]
            }
        };
        let mut results: Vec<(String, Vec<Finding>)> =
            linted.iter().map(|k| (*k).clone()).zip(findings).collect();
        results.extend(
            failed
                .iter()
                .filter(|k| !linted.contains(k))
                .map(|k| (k.clone(), Vec::new())),
        );
        let enc = self.enc;
        let mut publish = Vec::new();
        for (key, findings) in results {
            let open = &self.docs[&key];
            let locate = |file: Option<usize>| match file {
                None => Some((&open.uri, &open.doc)),
                Some(i) => linted.get(i).map(|k| {
                    let o = &self.docs[*k];
                    (&o.uri, &o.doc)
                }),
            };
            let diags: Vec<Diagnostic> = findings
                .iter()
                .map(|f| to_diagnostic(f, &open.doc, enc, self.inline_related, locate))
                .collect();
            publish.push((key, findings, diags));
        }
        for key in &failed {
            self.log(
                MessageType::ERROR,
                format!("digest-lint failed on {key} (a bug: please report it with the text)"),
            );
        }
        for (key, findings, diags) in publish {
            let open = self.docs.get_mut(&key).expect("member is open");
            let version = open.doc.version;
            let changed = open.published_version != Some(version) || open.diagnostics != diags;
            open.findings = findings;
            open.diagnostics = diags.clone();
            open.published_version = Some(version);
            if changed {
                let uri = open.uri.clone();
                self.publish(uri, diags, Some(version));
            }
        }
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let n = Notification::new(
            "textDocument/publishDiagnostics".into(),
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
        self.out.push(Outgoing::Message(n.into()));
    }

    fn hover(&mut self, p: HoverParams) -> Value {
        self.lint_pending();
        let pos = p.text_document_position_params;
        let Some(open) = self.docs.get(pos.text_document.uri.as_str()) else {
            return Value::Null;
        };
        let Some(analysis) = &open.analysis else {
            return Value::Null;
        };
        let offset = open.doc.offset(self.enc, pos.position);
        let Some((markdown, span)) = hover_markdown(analysis, &open.findings, &open.opts, offset)
        else {
            return Value::Null;
        };
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(open.doc.range(self.enc, span)),
        };
        serde_json::to_value(hover).unwrap_or(Value::Null)
    }

    fn code_action(&mut self, p: CodeActionParams) -> Value {
        self.lint_pending();
        let Some(open) = self.docs.get(p.text_document.uri.as_str()) else {
            return Value::Null;
        };
        if let Some(only) = &p.context.only {
            if !only
                .iter()
                .any(|k| k.as_str() == CodeActionKind::QUICKFIX.as_str() || k.as_str().is_empty())
            {
                return Value::Array(Vec::new());
            }
        }
        let span = self.enc.span(&open.doc.index, &open.doc.text, p.range);
        let actions = code_actions(
            &open.uri,
            &open.doc,
            self.enc,
            &open.findings,
            &open.diagnostics,
            span,
        );
        serde_json::to_value(actions).unwrap_or(Value::Null)
    }
}

fn params<P: DeserializeOwned>(v: Value) -> Result<P, Fail> {
    serde_json::from_value(v)
        .map_err(|e| Fail(ErrorCode::InvalidParams, format!("invalid params: {e}")))
}

/// A broken configuration as a diagnostic at the top of each document it governs, pointing into
/// the configuration file where it can.
fn config_diagnostic(e: &config::ConfigError, enc: Encoding) -> Diagnostic {
    let related = e.file().and_then(|file| {
        let uri: Uri = path_to_uri(file).parse().ok()?;
        let range = match (e.span(), std::fs::read_to_string(file)) {
            (Some(span), Ok(text)) => Document::new(text, 0).range(enc, span),
            _ => Range::default(),
        };
        Some(vec![DiagnosticRelatedInformation {
            location: Location { uri, range },
            message: e.message().lines().next().unwrap_or("here").to_string(),
        }])
    });
    Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".into())),
        source: Some(SOURCE.to_string()),
        message: format!("configuration error, nothing checked: {e}"),
        related_information: related,
        ..Diagnostic::default()
    }
}

fn folder_path(f: &WorkspaceFolder) -> Option<PathBuf> {
    uri_to_path(f.uri.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req(id: i32, method: &str, params: Value) -> Incoming {
        Incoming::Message(Message::Request(Request::new(
            id.into(),
            method.into(),
            params,
        )))
    }

    fn note(method: &str, params: Value) -> Incoming {
        Incoming::Message(Message::Notification(Notification::new(
            method.into(),
            params,
        )))
    }

    fn messages(s: &mut Server) -> Vec<Value> {
        s.take_outgoing()
            .into_iter()
            .map(|o| match o {
                Outgoing::Message(m) => serde_json::to_value(m).unwrap(),
                Outgoing::Error { id, code, message } => {
                    json!({"id": id, "error": {"code": code as i32, "message": message}})
                }
            })
            .collect()
    }

    fn started(encodings: Value) -> Server {
        let mut s = Server::new();
        s.handle(req(
            1,
            "initialize",
            json!({"capabilities": {"general": {"positionEncodings": encodings}}}),
        ));
        s.handle(note("initialized", json!({})));
        s.take_outgoing();
        s
    }

    fn published(out: &[Value]) -> Vec<&Value> {
        out.iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .collect()
    }

    #[test]
    fn lifecycle_and_exit_status() {
        let mut s = Server::new();
        assert_eq!(s.handle(req(1, "shutdown", Value::Null)), None);
        assert_eq!(messages(&mut s)[0]["error"]["code"], -32002);
        s.handle(req(2, "initialize", json!({"capabilities": {}})));
        let init = &messages(&mut s)[0];
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(init["result"]["serverInfo"]["name"], "digest-lint");
        s.handle(req(3, "initialize", json!({"capabilities": {}})));
        assert_eq!(messages(&mut s)[0]["error"]["code"], -32600);
        s.handle(req(4, "shutdown", Value::Null));
        assert_eq!(messages(&mut s)[0]["result"], Value::Null);
        s.handle(req(5, "textDocument/hover", json!({})));
        assert_eq!(messages(&mut s)[0]["error"]["code"], -32600);
        assert_eq!(s.status_at_eof(), 0);
        assert_eq!(s.handle(note("exit", Value::Null)), Some(0));
        let mut t = started(json!(["utf-8"]));
        assert_eq!(t.encoding(), Encoding::Utf8);
        assert_eq!(t.status_at_eof(), 1);
        assert_eq!(t.handle(note("exit", Value::Null)), Some(1));
    }

    #[test]
    fn open_change_close_publish_with_versions() {
        let mut s = started(json!(["utf-16"]));
        let uri = "file:///tmp/d%20x/a.txt";
        s.handle(note(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 3, "text": "“A” – 😀\nB\n"}}),
        ));
        // Nothing is linted until the queue is drained.
        assert!(published(&messages(&mut s)).is_empty());
        s.lint_pending();
        let out = messages(&mut s);
        let p = published(&out);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0]["params"]["uri"], uri);
        assert_eq!(p[0]["params"]["version"], 3);
        // Two changes in one notification, the second in the coordinates the first left.
        s.handle(note(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 8}}, "text": "€"},
                {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 1}}, "text": "C"},
            ]}),
        ));
        s.handle(note(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [
                {"range": {"start": {"line": 1, "character": 1}, "end": {"line": 1, "character": 1}}, "text": "!"},
            ]}),
        ));
        assert_eq!(s.docs[uri].doc.text, "“A” – €\nC!\n");
        s.lint_pending();
        let out = messages(&mut s);
        let p = published(&out);
        assert_eq!(p.len(), 1, "one publish for the burst");
        assert_eq!(p[0]["params"]["version"], 5);
        s.handle(note(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        ));
        let out = messages(&mut s);
        let p = published(&out);
        assert_eq!(p[0]["params"]["diagnostics"], json!([]));
        assert!(p[0]["params"].get("version").is_none());
        assert!(s.docs.is_empty());
    }

    #[test]
    fn documents_group_by_workspace_folder() {
        let mut s = Server::new();
        s.handle(req(
            1,
            "initialize",
            json!({"capabilities": {}, "workspaceFolders": [
                {"uri": "file:///w", "name": "w"}, {"uri": "file:///w/inner", "name": "inner"}]}),
        ));
        let open = |s: &mut Server, uri: &str| {
            s.handle(note(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "x"}}),
            ));
        };
        open(&mut s, "file:///w/a/1.md");
        open(&mut s, "file:///w/b/2.md");
        open(&mut s, "file:///w/inner/3.md");
        open(&mut s, "file:///elsewhere/4.md");
        open(&mut s, "untitled:Untitled-1");
        let g = |s: &Server, uri: &str| s.docs[uri].group.clone();
        assert_eq!(g(&s, "file:///w/a/1.md"), g(&s, "file:///w/b/2.md"));
        assert_ne!(g(&s, "file:///w/a/1.md"), g(&s, "file:///w/inner/3.md"));
        assert_ne!(g(&s, "file:///w/a/1.md"), g(&s, "file:///elsewhere/4.md"));
        assert_ne!(
            g(&s, "file:///elsewhere/4.md"),
            g(&s, "untitled:Untitled-1")
        );
        s.handle(note(
            "workspace/didChangeWorkspaceFolders",
            json!({"event": {"added": [], "removed": [{"uri": "file:///w/inner", "name": "inner"}]}}),
        ));
        assert_eq!(g(&s, "file:///w/a/1.md"), g(&s, "file:///w/inner/3.md"));
    }

    #[test]
    fn bad_params_are_answered_or_logged() {
        let mut s = started(json!(null));
        s.handle(req(
            2,
            "textDocument/codeAction",
            json!({"textDocument": 1}),
        ));
        assert_eq!(messages(&mut s)[0]["error"]["code"], -32602);
        s.handle(req(3, "workspace/symbol", json!({})));
        assert_eq!(messages(&mut s)[0]["error"]["code"], -32601);
        s.handle(note("textDocument/didChange", json!({"nope": 1})));
        let out = messages(&mut s);
        assert_eq!(out[0]["method"], "window/logMessage");
        s.handle(note("$/cancelRequest", json!({"id": 2})));
        assert!(messages(&mut s).is_empty());
    }

    fn codes(out: &[Value], uri: &str) -> Vec<String> {
        let p = published(out);
        let last = p
            .iter()
            .rev()
            .find(|m| m["params"]["uri"] == uri)
            .expect("published");
        last["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn configuration_is_found_from_the_document_path_and_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let seed = include_str!("../../seeds/000_3d2181f76b2227e1.txt");
        let path = dir.path().join("sub").join("digest.txt");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let uri = path_to_uri(&path);
        let config = dir.path().join("digest-lint.toml");
        std::fs::write(&config, "ignore = [\"DL201\"]\n").unwrap();

        let mut s = Server::new();
        s.handle(req(
            1,
            "initialize",
            json!({"capabilities": {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
        ));
        s.handle(note("initialized", json!({})));
        let out = messages(&mut s);
        let reg = out
            .iter()
            .find(|m| m["method"] == "client/registerCapability")
            .unwrap();
        assert_eq!(
            reg["params"]["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
            "**/{.digest-lint.toml,digest-lint.toml}"
        );
        s.handle(note(
            "textDocument/didOpen",
            json!({"textDocument": {
            "uri": uri, "languageId": "plaintext", "version": 1, "text": seed}}),
        ));
        s.lint_pending();
        let ignored = codes(&messages(&mut s), &uri);
        assert!(!ignored.contains(&"DL201".to_string()), "{ignored:?}");
        assert!(!ignored.is_empty(), "other rules still run");

        // A broken configuration: one diagnostic saying so, pointing into the file.
        std::fs::write(&config, "ignore = [\"DL201\"]\ncolour = 1\n").unwrap();
        s.handle(note(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [
            {"uri": path_to_uri(&config), "type": 2}]}),
        ));
        s.lint_pending();
        let out = messages(&mut s);
        assert_eq!(codes(&out, &uri), vec!["config".to_string()]);
        let d = &published(&out)[0]["params"]["diagnostics"][0];
        let rel = &d["relatedInformation"][0]["location"];
        assert_eq!(rel["uri"], path_to_uri(&config));
        assert_eq!(rel["range"]["start"]["line"], 1);

        // Fixed by removing it: the seed's conflicts are back.
        std::fs::remove_file(&config).unwrap();
        s.handle(note(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [
            {"uri": path_to_uri(&config), "type": 3}]}),
        ));
        s.lint_pending();
        let back = codes(&messages(&mut s), &uri);
        assert!(back.contains(&"DL201".to_string()), "{back:?}");
    }

    #[test]
    fn cross_digest_findings_point_into_the_other_open_document() {
        let seed = include_str!("../../seeds/000_3d2181f76b2227e1.txt");
        let other = "# China opens chip probes\n\nChina\u{2019}s Ministry of Commerce (MOFCOM) \
            launched an anti-dumping probe into certain U.S. analog ICs on Sept. 20, 2025, its \
            commerce ministry said. (reuters.com)\n";
        let (a, b) = ("file:///w/a.txt", "file:///w/b.md");
        let mut s = started(json!(null));
        let open = |s: &mut Server, uri: &str, text: &str| {
            s.handle(note(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "x", "version": 1, "text": text}}),
            ));
        };
        open(&mut s, b, other);
        s.lint_pending();
        assert!(!codes(&messages(&mut s), b).contains(&"DL203".to_string()));

        open(&mut s, a, seed);
        s.lint_pending();
        let out = messages(&mut s);
        // Opening the seed republishes the other document, now with the cross-digest conflict.
        let pb = published(&out);
        let last_b = pb.iter().rev().find(|m| m["params"]["uri"] == b).unwrap();
        let d = last_b["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "DL203")
            .expect("DL203 in b.md");
        let sept20 = other.find("Sept. 20, 2025").unwrap();
        // One curly apostrophe (one UTF-16 unit, three bytes) precedes the date on its line.
        let line_start = other[..sept20].rfind('\n').unwrap() + 1;
        let col = other[line_start..sept20].encode_utf16().count();
        assert_eq!(col, sept20 - line_start - 2);
        assert_eq!(d["range"]["start"], json!({"line": 2, "character": col}));
        let rel = &d["relatedInformation"][0]["location"];
        assert_eq!(rel["uri"], a);
        let utf16 = |text: &str, at: usize| {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            json!({"line": text[..at].matches('\n').count(),
                   "character": text[start..at].encode_utf16().count()})
        };
        let expected: Vec<Value> = seed
            .match_indices("Sept. 13, 2025")
            .map(|(i, m)| json!({"start": utf16(seed, i), "end": utf16(seed, i + m.len())}))
            .collect();
        assert!(
            expected.contains(&rel["range"]),
            "related at a `Sept. 13, 2025`: {rel}"
        );

        // Closing the seed clears its diagnostics and takes the conflict away from b.md.
        s.handle(note(
            "textDocument/didClose",
            json!({"textDocument": {"uri": a}}),
        ));
        s.lint_pending();
        let out = messages(&mut s);
        assert_eq!(codes(&out, a), Vec::<String>::new());
        assert!(!codes(&out, b).contains(&"DL203".to_string()));
    }

    #[test]
    fn rule_fixes_are_offered_first_and_applying_them_clears_the_findings() {
        let text = "# Chip deal\n\nNvidia said on Monday, Oct. 7, 2025 that it would invest $5 \
            billion in Intel. (reuters.com)\n\n  \u{2022} Tencent sold 9 billion yuan (~$1.27 \
            million) of bonds on Sept. 16, 2025. (reuters.com)\n";
        let uri = "file:///w/fix.md";
        let mut s = started(json!(["utf-16"]));
        s.handle(note(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        ));
        s.lint_pending();
        let out = messages(&mut s);
        let mut found = codes(&out, uri);
        found.sort();
        assert_eq!(found, ["DL102", "DL303"]);
        let diags = published(&out)[0]["params"]["diagnostics"].clone();
        let mut version = 1;
        for d in diags.as_array().unwrap() {
            s.handle(req(
                10 + version,
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
            ));
            let out = messages(&mut s);
            let actions = out[0]["result"].as_array().expect("actions");
            // The rule's own fix comes first and is preferred; the suppressions follow.
            assert_eq!(actions[0]["isPreferred"], true, "{actions:#?}");
            let title = actions[0]["title"].as_str().unwrap();
            assert!(title.starts_with(char::is_uppercase), "{title}");
            assert!(actions[1]["title"]
                .as_str()
                .unwrap()
                .starts_with("Suppress"));
            let edit = &actions[0]["edit"]["changes"][uri][0];
            version += 1;
            s.handle(note(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
            ));
            s.lint_pending();
            let left = codes(&messages(&mut s), uri);
            assert!(
                !left.contains(&d["code"].as_str().unwrap().to_string()),
                "{left:?}"
            );
        }
        let fixed = s.docs[uri].doc.text.clone();
        assert!(fixed.contains("on Tuesday, Oct. 7, 2025"), "{fixed}");
        assert!(!fixed.contains("1.27 million"), "{fixed}");
        // The last publish (checked in the loop) was empty: nothing is left to fix.
        assert!(s.docs[uri].findings.is_empty());
    }
}

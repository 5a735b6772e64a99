//! `zhengce lsp`: the Language Server Protocol over standard input and output, on the
//! same loader, checker and message catalogue as the command line. An editor sees
//! what `zhengce check` would say as the writer types (in the file each problem is
//! in, a file the policy uses included), hovers a name for its label and clause, goes
//! to a definition and finds its uses, completes keywords, names, fields and enum
//! values, outlines a file by its items and formats it with `zhengce fmt`; a case file
//! is checked against its policy's schema.
//!
//! `documents.rs` holds what the editor has open (and the policies loaded with it,
//! once per change); `diagnostics.rs` loads and checks; `navigate.rs` answers hover,
//! definition and references from the checked program's cross references, and
//! `outline.rs` the outline; `complete.rs` completes in a policy, `case_keys.rs` in a
//! case file; `messages.rs` has the hovers' words; `position.rs` turns byte offsets
//! into the protocol's lines and UTF-16 columns and back.

mod case_blocks;
mod case_keys;
mod complete;
mod diagnostics;
mod documents;
mod messages;
mod navigate;
mod outline;
mod position;

use crate::format::format_policy;
use crate::lang::Lang;
use documents::{DocumentKind, Documents, kind_of, uri_of};
use lsp_server::{Connection, ExtractError, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, References, Request as _,
};
use lsp_types::{
    CompletionOptions, InitializeParams, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};
use std::collections::BTreeSet;

/// Runs the server on standard input and output until the editor shuts it down.
/// `lang`: the language asked for on the command line, if any (else the editor's).
pub fn run_stdio(lang: Option<Lang>) -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    serve(connection, lang)?;
    threads.join().map_err(|e| e.to_string())
}

/// Serves one editor on `connection` until it shuts the server down.
pub fn serve(connection: Connection, lang: Option<Lang>) -> Result<(), String> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(true.into()),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            // Not a space: a list after every space (in labels, in comments) gets in the way.
            trigger_characters: Some(vec![".".to_string(), ":".to_string()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection.initialize(capabilities).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let mut server = Server {
        lang: lang.unwrap_or_else(|| editor_lang(&params)),
        documents: Documents::default(),
        shown: BTreeSet::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let response = server.answer(request);
                connection.sender.send(response.into()).map_err(|e| e.to_string())?;
            }
            Message::Notification(notification) => {
                for out in server.take(notification) {
                    connection.sender.send(out.into()).map_err(|e| e.to_string())?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// The language the editor asks for: `initializationOptions.lang`, else its locale
/// (Chinese for `zh*`), else the environment's.
fn editor_lang(params: &InitializeParams) -> Lang {
    let asked = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("lang"))
        .and_then(|l| l.as_str());
    // The first of the two that names a language zhengce speaks.
    [asked, params.locale.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|l| match l {
            l if l.starts_with("zh") => Some(Lang::Zh),
            l if l.starts_with("en") => Some(Lang::En),
            _ => None,
        })
        .unwrap_or_else(Lang::from_env)
}

/// The server's state: the open documents, and the files it has shown diagnostics in.
struct Server {
    lang: Lang,
    documents: Documents,
    /// Files given diagnostics, so that a file whose problems are gone is cleared.
    shown: BTreeSet<String>,
}

impl Server {
    /// The answer to a request.
    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => params::<HoverRequest>(request).map(|p| json(self.hover(&p))),
            GotoDefinition::METHOD => {
                params::<GotoDefinition>(request).map(|p| json(navigate::definition(&self.documents, &p)))
            }
            References::METHOD => {
                params::<References>(request).map(|p| json(navigate::references(&self.documents, &p)))
            }
            DocumentSymbolRequest::METHOD => {
                params::<DocumentSymbolRequest>(request).map(|p| json(outline::symbols(&self.documents, &p, self.lang)))
            }
            Completion::METHOD => params::<Completion>(request).map(|p| json(self.complete(&p))),
            Formatting::METHOD => params::<Formatting>(request).map(|p| json(self.format(&p.text_document.uri))),
            _ => return Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, request.method),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(why) => invalid(id, why),
        }
    }

    /// What a notification changes: the diagnostics to show again.
    fn take(&mut self, notification: Notification) -> Vec<Notification> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = notification.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    self.documents.open(&p.text_document.uri, p.text_document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    notification.extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.documents.open(&p.text_document.uri, change.text);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    notification.extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                {
                    self.documents.close(&p.text_document.uri);
                }
            }
            DidSaveTextDocument::METHOD => {}
            _ => return Vec::new(),
        }
        self.publish()
    }

    /// The diagnostics of every open document and of every file they read, each file
    /// once; a file shown before and now without problems, cleared.
    fn publish(&mut self) -> Vec<Notification> {
        let mut by_file = diagnostics::ByFile::new();
        for (_, document) in self.documents.of_kind(DocumentKind::Policy) {
            for (file, found) in diagnostics::of_policy(&document.path, &self.documents, self.lang) {
                let list = by_file.entry(file).or_default();
                for d in found {
                    if !list.contains(&d) {
                        list.push(d);
                    }
                }
            }
        }
        for (_, document) in self.documents.of_kind(DocumentKind::Case) {
            // A file a policy reads (a calendar) has its diagnostics from that policy.
            if by_file.contains_key(&document.path) {
                continue;
            }
            let found = diagnostics::of_case(&document.path, &document.text, &self.documents, self.lang);
            by_file.insert(document.path.clone(), found);
        }
        let mut out = Vec::new();
        let mut now = BTreeSet::new();
        for (file, found) in by_file {
            let Some(uri) = uri_of(&file) else { continue };
            now.insert(uri.as_str().to_string());
            out.push(published(uri, found));
        }
        for gone in self.shown.difference(&now) {
            if let Ok(uri) = gone.parse::<Uri>() {
                out.push(published(uri, Vec::new()));
            }
        }
        self.shown = now;
        out
    }

    /// A hover: in a policy, of the name pointed at; in a case file, of the key.
    fn hover(&self, params: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = &params.text_document_position_params;
        let document = self.documents.get(&at.text_document.uri)?;
        match kind_of(&document.path) {
            DocumentKind::Case => {
                case_keys::hover(&document.path, &document.text, at.position, &self.documents, self.lang)
            }
            _ => navigate::hover(&self.documents, params, self.lang),
        }
    }

    /// Completion: in a policy, of its language; in a case file, of its keys and values.
    fn complete(&self, params: &lsp_types::CompletionParams) -> Option<lsp_types::CompletionResponse> {
        let at = &params.text_document_position;
        let document = self.documents.get(&at.text_document.uri)?;
        match kind_of(&document.path) {
            DocumentKind::Case => {
                case_keys::complete(&document.path, &document.text, at.position, &self.documents, self.lang)
            }
            _ => complete::complete(&self.documents, params, self.lang),
        }
    }

    /// The whole document in the canonical layout, as one edit (none when it is in it
    /// already, or does not parse).
    fn format(&self, uri: &Uri) -> Option<Vec<TextEdit>> {
        let document = self.documents.get(uri)?;
        if kind_of(&document.path) != DocumentKind::Policy {
            return None;
        }
        let formatted = format_policy(&document.text, None).ok()?;
        if formatted == document.text {
            return Some(Vec::new());
        }
        let end = position::position_of(&document.text, document.text.len());
        Some(vec![TextEdit::new(
            lsp_types::Range::new(lsp_types::Position::new(0, 0), end),
            formatted,
        )])
    }
}

/// A notification that shows `found` in the file at `uri`.
fn published(uri: Uri, found: Vec<lsp_types::Diagnostic>) -> Notification {
    let params = PublishDiagnosticsParams::new(uri, found, None);
    Notification::new(PublishDiagnostics::METHOD.to_string(), params)
}

/// A request's parameters, or why they cannot be read.
fn params<R: lsp_types::request::Request>(request: Request) -> Result<R::Params, String> {
    match request.extract::<R::Params>(R::METHOD) {
        Ok((_, params)) => Ok(params),
        Err(ExtractError::JsonError { error, .. }) => Err(error.to_string()),
        Err(ExtractError::MethodMismatch(r)) => Err(r.method),
    }
}

/// A value as JSON (`null` for one that cannot be: none of the protocol's types).
fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// The answer to a request whose parameters are wrong.
fn invalid(id: RequestId, why: String) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, why)
}

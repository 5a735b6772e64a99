//! Reloading the policy without stopping: `POST /v1/admin/reload` (with the admin
//! token) and `SIGHUP` both read the files again, check them and put them in force in
//! one step; a policy with errors is refused, and the old one keeps serving. Requests
//! in progress finish on the snapshot they started with.

use crate::app::{Answer, App, respond};
use crate::errors::ApiError;
use crate::messages::ServeMsg;
use crate::policy::Reloaded;
use crate::query::{self, Param};
use hyper::body::Incoming;
use hyper::header::AUTHORIZATION;
use hyper::{Request, StatusCode};
use serde_json::json;
use std::sync::Arc;
use zhengce::report::diagnostic_json;

/// Answers `POST /v1/admin/reload`.
pub async fn reload(app: &Arc<App>, req: Request<Incoming>) -> Answer {
    let q = query::parse(req.uri().query(), &[Param::Lang])?;
    let lang = q.lang.unwrap_or(app.settings.lang);
    let Some(token) = &app.settings.admin_token else {
        return Err(ApiError::ReloadDisabled);
    };
    let given = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::AdminTokenMissing)?;
    if !same_token(given.trim().as_bytes(), token.as_bytes()) {
        return Err(ApiError::AdminTokenWrong);
    }
    match reload_now(app).await? {
        Reloaded::Swapped { old_hash, new } => {
            let message = ServeMsg::Reloaded.with([old_hash.as_str(), new.hash.as_str()]);
            let body = json!({
                "status": "reloaded",
                "message": message.get(lang),
                "policy": new.id(),
                "old_hash": old_hash,
                "policy_hash": new.hash,
                "changed": old_hash != new.hash,
            });
            let mut bytes = serde_json::to_vec(&body).unwrap_or_default();
            bytes.push(b'\n');
            Ok(respond(StatusCode::OK, "application/json", bytes, &new.hash))
        }
        Reloaded::Refused(refused) => Err(ApiError::ReloadRefused {
            errors: refused.errors(),
            hash: app.policy.current().hash.clone(),
            diagnostics: refused
                .diagnostics
                .iter()
                .map(|d| diagnostic_json(d, &refused.sources, lang))
                .collect(),
        }),
    }
}

/// Reloads off the async workers (reading and checking takes milliseconds), counts it
/// and says on standard error what it did.
pub async fn reload_now(app: &Arc<App>) -> Result<Reloaded, ApiError> {
    let worker = app.clone();
    let reloaded = tokio::task::spawn_blocking(move || worker.policy.reload())
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let lang = app.settings.lang;
    match &reloaded {
        Reloaded::Swapped { old_hash, new } => {
            app.metrics.reload(true);
            let line = ServeMsg::Reloaded.with([old_hash.as_str(), new.hash.as_str()]);
            eprintln!("{}", line.get(lang));
            eprint!("{}", crate::policy::draw(&new.warnings, &new.sources, lang));
        }
        Reloaded::Refused(refused) => {
            app.metrics.reload(false);
            eprint!("{}", refused.drawn(lang));
            let hash = app.policy.current().hash.clone();
            let line = ServeMsg::ReloadRefused.with([refused.errors().to_string(), hash]);
            eprintln!("{}", line.get(lang));
        }
    }
    Ok(reloaded)
}

/// Whether two tokens are the same, in a time that does not depend on where they
/// first differ (only on their lengths).
fn same_token(given: &[u8], token: &[u8]) -> bool {
    let differ = given
        .iter()
        .zip(token)
        .fold(given.len() ^ token.len(), |acc, (a, b)| acc | usize::from(a ^ b));
    differ == 0
}

#[cfg(test)]
mod tests {
    use super::same_token;

    #[test]
    fn tokens_match_only_when_equal() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secreT", b"secret"));
        assert!(!same_token(b"secret!", b"secret"));
        assert!(!same_token(b"", b"secret"));
    }
}

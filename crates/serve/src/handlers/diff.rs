//! `POST /v1/diff`: one case (the body, as for `/v1/decisions`) decided on two sides —
//! two dates (`old_as_of`, `new_as_of`), two versions of the policy (`old_version`,
//! `new_version`: a document id of its amendment chain), or both — and what changed
//! between the two records, line by line as the REPL shows a what-if, in the policy's
//! labels. For a case-management screen's "what if" buttons.

use super::decisions::read_case_request;
use crate::app::{Answer, App, respond};
use crate::decide::{RecordOptions, Side, evaluate, record, versions_of, with_sources};
use crate::errors::ApiError;
use crate::explain::Explain;
use crate::policy::PolicySnapshot;
use crate::query::Param;
use hyper::body::Incoming;
use hyper::{Request, StatusCode};
use serde_json::{Value as Json, json};
use std::sync::Arc;
use zhengce::report::changes::{Words, short_diff};
use zhengce::report::{RenderOptions, Trace, decision_json};

const PARAMS: &[Param] = &[
    Param::Lang,
    Param::Pii,
    Param::OldAsOf,
    Param::NewAsOf,
    Param::OldVersion,
    Param::NewVersion,
];

/// Answers `POST /v1/diff`.
pub async fn diff(app: &Arc<App>, req: Request<Incoming>) -> Answer {
    let asked = read_case_request(app, req, PARAMS).await?;
    let snapshot = app.policy.current();
    let q = &asked.query;
    let old = Side {
        as_of: q.old_as_of,
        version: version_index(&snapshot, q.old_version.as_deref())?,
    };
    let new = Side {
        as_of: q.new_as_of,
        version: version_index(&snapshot, q.new_version.as_deref())?,
    };
    let render = RenderOptions {
        lang: asked.lang,
        show_pii: asked.show_pii,
        trace: Trace::Omitted,
        ..RenderOptions::default()
    };
    let answer = with_sources(&snapshot, |sources| {
        let limit = app.settings.case_bytes;
        let mut records = Vec::with_capacity(2);
        for side in [old, new] {
            let versions = versions_of(&snapshot, side);
            let r = evaluate(versions, sources, &asked.body, asked.format, side, limit)?;
            if r.decision.is_none() {
                // A case that cannot be read, or has no date on this side: its record
                // says why, as `/v1/decisions` says it.
                let options = RecordOptions {
                    explain: Explain::None,
                    lang: asked.lang,
                    show_pii: asked.show_pii,
                };
                return Ok(Err(record(&r, versions, sources, options).record));
            }
            let program = &versions[r.version];
            records.push((decision_json(&r, program, sources, &render), program));
        }
        let [(old_record, old_program), (new_record, new_program)] =
            <[_; 2]>::try_from(records).map_err(|_| ApiError::Internal("two sides".into()))?;
        let words = Words {
            program: new_program,
            lang: asked.lang,
            former: std::slice::from_ref(old_program),
        };
        let changes = short_diff(&old_record, &new_record, words);
        let body = json!({
            "case": new_record.get("case").cloned().unwrap_or(Json::Null),
            "changes": changes,
            "old": old_record,
            "new": new_record,
        });
        Ok::<_, ApiError>(Ok(body))
    })?;
    let (status, mut bytes) = match answer {
        Ok(body) => (StatusCode::OK, serde_json::to_vec(&body).unwrap_or_default()),
        Err(error_record) => (StatusCode::UNPROCESSABLE_ENTITY, error_record),
    };
    if !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    if !asked.show_pii {
        bytes = zhengce::privacy::mask_bytes(&bytes).into_owned();
    }
    Ok(respond(status, "application/json", bytes, &snapshot.hash))
}

/// The index of the version a document id names (the last document of a version's
/// chain: the base policy's id, or an amendment's).
fn version_index(snapshot: &PolicySnapshot, id: Option<&str>) -> Result<Option<usize>, ApiError> {
    let Some(id) = id else {
        return Ok(None);
    };
    let named = |k: usize| snapshot.versions[k].info.documents.last().map_or("", String::as_str);
    match (0..snapshot.versions.len()).find(|k| named(*k) == id) {
        Some(k) => Ok(Some(k)),
        None => Err(ApiError::UnknownVersion {
            given: id.to_string(),
            known: (0..snapshot.versions.len())
                .map(|k| format!("`{}`", named(k)))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

//! The routes: one table, which the server dispatches by, the metrics label by, and a
//! test holds to the OpenAPI description (`openapi.json`). Nine fixed paths need no
//! router: a path and a method are looked up in the table.

use hyper::Method;

/// What a route does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteId {
    /// `POST /v1/decisions`: one case → its §4 record.
    Decisions,
    /// `POST /v1/decisions:batch`: JSON Lines in, JSON Lines out.
    Batch,
    /// `POST /v1/diff`: one case on two dates or versions → what changed.
    Diff,
    /// `GET /v1/policy`: the policy's id, documents, versions and hash.
    Policy,
    /// `GET /v1/schema`: the case's JSON Schema.
    Schema,
    /// `GET /v1/openapi.json`: this API's description.
    OpenApi,
    /// `GET /healthz`.
    Healthz,
    /// `GET /metrics`: Prometheus text.
    Metrics,
    /// `POST /v1/admin/reload`: read the policy files again.
    Reload,
}

/// A route: its method and path.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// What it does.
    pub id: RouteId,
    /// Its method.
    pub method: &'static str,
    /// Its path.
    pub path: &'static str,
}

/// Every route.
pub const ROUTES: [Route; 9] = [
    route(RouteId::Decisions, "POST", "/v1/decisions"),
    route(RouteId::Batch, "POST", "/v1/decisions:batch"),
    route(RouteId::Diff, "POST", "/v1/diff"),
    route(RouteId::Policy, "GET", "/v1/policy"),
    route(RouteId::Schema, "GET", "/v1/schema"),
    route(RouteId::OpenApi, "GET", "/v1/openapi.json"),
    route(RouteId::Healthz, "GET", "/healthz"),
    route(RouteId::Metrics, "GET", "/metrics"),
    route(RouteId::Reload, "POST", "/v1/admin/reload"),
];

const fn route(id: RouteId, method: &'static str, path: &'static str) -> Route {
    Route { id, method, path }
}

/// What a request's method and path find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A route (its index in [`ROUTES`]).
    Route(usize),
    /// A route's path asked with another method (the route's index).
    WrongMethod(usize),
    /// No route has the path.
    NotFound,
}

/// The route of a method and path. `HEAD` is answered as `GET` (hyper sends no body).
pub fn find(method: &Method, path: &str) -> Found {
    let Some(i) = ROUTES.iter().position(|r| r.path == path) else {
        return Found::NotFound;
    };
    let asked = if method == Method::HEAD { "GET" } else { method.as_str() };
    if ROUTES[i].method == asked {
        Found::Route(i)
    } else {
        Found::WrongMethod(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_found_with_its_method_only() {
        assert_eq!(find(&Method::POST, "/v1/decisions"), Found::Route(0));
        assert_eq!(find(&Method::GET, "/v1/decisions"), Found::WrongMethod(0));
        assert_eq!(find(&Method::HEAD, "/healthz"), Found::Route(6));
        assert_eq!(find(&Method::GET, "/v1/decisions/"), Found::NotFound);
        let paths: std::collections::HashSet<_> = ROUTES.iter().map(|r| r.path).collect();
        assert_eq!(paths.len(), ROUTES.len());
    }
}

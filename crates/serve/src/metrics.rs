//! `GET /metrics` in Prometheus's text format: requests by route and status, their
//! latency, decisions by status and by the policy's yes/no fields, batch cases, what is
//! in progress, reloads and the policy in force. Counted with atomics on the request
//! path (a lock only for the yes/no fields, whose names come from the policy).

use crate::messages::MetricMsg;
use crate::routes::ROUTES;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use zhengce::lang::Lang;

/// The statuses counted one by one; any other is counted as `other`.
const STATUSES: [u16; 13] = [200, 400, 401, 403, 404, 405, 408, 413, 415, 422, 429, 500, 503];
/// The latency histogram's upper bounds, in seconds.
const BUCKETS: [f64; 16] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Routes, and one more for paths that are no route.
const ROUTE_SLOTS: usize = ROUTES.len() + 1;

/// Every count the server keeps.
#[derive(Debug)]
pub struct Metrics {
    /// Requests by route slot and status slot.
    requests: Vec<AtomicU64>,
    /// Per route slot: a count per bucket (the last is +Inf), the sum in nanoseconds, the count.
    latency: Vec<[AtomicU64; BUCKETS.len() + 3]>,
    /// Decisions evaluated and decisions of cases with errors.
    decisions: [AtomicU64; 2],
    /// The yes/no fields' values: (field, value) → count.
    fields: Mutex<BTreeMap<(String, bool), u64>>,
    /// Batch cases evaluated and error records.
    batch_cases: [AtomicU64; 2],
    /// Reloads swapped and refused.
    reloads: [AtomicU64; 2],
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            requests: (0..ROUTE_SLOTS * (STATUSES.len() + 1))
                .map(|_| AtomicU64::new(0))
                .collect(),
            latency: (0..ROUTE_SLOTS)
                .map(|_| std::array::from_fn(|_| AtomicU64::new(0)))
                .collect(),
            decisions: Default::default(),
            fields: Mutex::new(BTreeMap::new()),
            batch_cases: Default::default(),
            reloads: Default::default(),
        }
    }
}

/// What is in progress and in force when the metrics are read.
#[derive(Debug, Clone)]
pub struct Gauges<'a> {
    /// Decision requests in progress.
    pub in_flight: usize,
    /// Batch requests in progress.
    pub batches: usize,
    /// The policy's id.
    pub policy: &'a str,
    /// Its hash.
    pub hash: &'a str,
}

impl Metrics {
    /// Counts a request answered: its route (`None`: no route), status and latency.
    pub fn request(&self, route: Option<usize>, status: u16, latency: Duration) {
        let slot = route.unwrap_or(ROUTES.len()).min(ROUTES.len());
        let status_slot = STATUSES.iter().position(|s| *s == status).unwrap_or(STATUSES.len());
        self.requests[slot * (STATUSES.len() + 1) + status_slot].fetch_add(1, Ordering::Relaxed);
        let seconds = latency.as_secs_f64();
        let bucket = BUCKETS.iter().position(|b| seconds <= *b).unwrap_or(BUCKETS.len());
        let h = &self.latency[slot];
        h[bucket].fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(latency.as_nanos()).unwrap_or(u64::MAX);
        h[BUCKETS.len() + 1].fetch_add(nanos, Ordering::Relaxed);
        h[BUCKETS.len() + 2].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a decision: evaluated or not, and its yes/no fields.
    pub fn decision(&self, ok: bool, yes_no: &[(std::sync::Arc<str>, bool)]) {
        self.decisions[usize::from(!ok)].fetch_add(1, Ordering::Relaxed);
        if yes_no.is_empty() {
            return;
        }
        let mut fields = self.fields.lock().unwrap_or_else(|p| p.into_inner());
        for (name, value) in yes_no {
            match fields.get_mut(&(name.to_string(), *value)) {
                Some(n) => *n += 1,
                None => {
                    fields.insert((name.to_string(), *value), 1);
                }
            }
        }
    }

    /// Counts a batch's cases.
    pub fn batch(&self, evaluated: u64, errors: u64) {
        self.batch_cases[0].fetch_add(evaluated, Ordering::Relaxed);
        self.batch_cases[1].fetch_add(errors, Ordering::Relaxed);
    }

    /// Counts a reload.
    pub fn reload(&self, swapped: bool) {
        self.reloads[usize::from(!swapped)].fetch_add(1, Ordering::Relaxed);
    }

    /// The metrics as Prometheus text, their help in `lang`.
    pub fn render(&self, gauges: &Gauges, lang: Lang) -> String {
        let mut out = String::with_capacity(8192);
        let head = |out: &mut String, name: &str, kind: &str, help: MetricMsg| {
            let _ = writeln!(out, "# HELP {name} {}\n# TYPE {name} {kind}", help.text(lang));
        };
        let label = |slot: usize| ROUTES.get(slot).map_or(("other", "other"), |r| (r.path, r.method));
        head(&mut out, "zhengce_http_requests_total", "counter", MetricMsg::Requests);
        for (i, count) in self.requests.iter().enumerate() {
            let n = count.load(Ordering::Relaxed);
            if n > 0 {
                let (path, method) = label(i / (STATUSES.len() + 1));
                let status = STATUSES
                    .get(i % (STATUSES.len() + 1))
                    .map_or("other".to_string(), u16::to_string);
                let _ = writeln!(
                    out,
                    "zhengce_http_requests_total{{route=\"{path}\",method=\"{method}\",status=\"{status}\"}} {n}"
                );
            }
        }
        head(
            &mut out,
            "zhengce_http_request_duration_seconds",
            "histogram",
            MetricMsg::Latency,
        );
        for (slot, h) in self.latency.iter().enumerate() {
            let count = h[BUCKETS.len() + 2].load(Ordering::Relaxed);
            if count == 0 {
                continue;
            }
            let (path, method) = label(slot);
            let mut cumulative = 0;
            for (k, bound) in BUCKETS
                .iter()
                .map(|b| b.to_string())
                .chain(["+Inf".to_string()])
                .enumerate()
            {
                cumulative += h[k].load(Ordering::Relaxed);
                let _ = writeln!(
                    out,
                    "zhengce_http_request_duration_seconds_bucket{{route=\"{path}\",method=\"{method}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let sum = h[BUCKETS.len() + 1].load(Ordering::Relaxed) as f64 / 1e9;
            let _ = writeln!(
                out,
                "zhengce_http_request_duration_seconds_sum{{route=\"{path}\",method=\"{method}\"}} {sum}\n\
                 zhengce_http_request_duration_seconds_count{{route=\"{path}\",method=\"{method}\"}} {count}"
            );
        }
        head(&mut out, "zhengce_decisions_total", "counter", MetricMsg::Decisions);
        pair(
            &mut out,
            "zhengce_decisions_total",
            "status",
            ["ok", "error"],
            &self.decisions,
        );
        head(
            &mut out,
            "zhengce_decision_fields_total",
            "counter",
            MetricMsg::DecisionFields,
        );
        let fields = self.fields.lock().unwrap_or_else(|p| p.into_inner());
        for ((field, value), n) in fields.iter() {
            let field = escape(field);
            let _ = writeln!(
                out,
                "zhengce_decision_fields_total{{field=\"{field}\",value=\"{value}\"}} {n}"
            );
        }
        drop(fields);
        head(&mut out, "zhengce_batch_cases_total", "counter", MetricMsg::BatchCases);
        pair(
            &mut out,
            "zhengce_batch_cases_total",
            "status",
            ["ok", "error"],
            &self.batch_cases,
        );
        head(&mut out, "zhengce_in_flight_requests", "gauge", MetricMsg::InFlight);
        let _ = writeln!(out, "zhengce_in_flight_requests {}", gauges.in_flight);
        head(
            &mut out,
            "zhengce_batches_in_progress",
            "gauge",
            MetricMsg::BatchesRunning,
        );
        let _ = writeln!(out, "zhengce_batches_in_progress {}", gauges.batches);
        head(&mut out, "zhengce_policy_reloads_total", "counter", MetricMsg::Reloads);
        pair(
            &mut out,
            "zhengce_policy_reloads_total",
            "result",
            ["swapped", "refused"],
            &self.reloads,
        );
        head(&mut out, "zhengce_policy_info", "gauge", MetricMsg::PolicyInfo);
        let (policy, hash) = (escape(gauges.policy), escape(gauges.hash));
        let _ = writeln!(out, "zhengce_policy_info{{policy=\"{policy}\",hash=\"{hash}\"}} 1");
        out
    }
}

/// The two lines of a counter with one label of two values.
fn pair(out: &mut String, name: &str, label: &str, values: [&str; 2], counters: &[AtomicU64; 2]) {
    for (value, n) in values.iter().zip(counters) {
        let _ = writeln!(out, "{name}{{{label}=\"{value}\"}} {}", n.load(Ordering::Relaxed));
    }
}

/// A label value with `\`, `"` and line breaks escaped, as Prometheus reads them.
fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_out_as_prometheus_text() {
        let m = Metrics::default();
        m.request(Some(0), 200, Duration::from_micros(300));
        m.request(Some(0), 200, Duration::from_millis(3));
        m.request(None, 404, Duration::from_micros(50));
        m.request(Some(1), 599, Duration::from_secs(20));
        m.decision(true, &[("eligible".into(), true)]);
        m.decision(false, &[]);
        let gauges = Gauges {
            in_flight: 3,
            batches: 1,
            policy: "p\"x",
            hash: "sha256:00",
        };
        let text = m.render(&gauges, Lang::En);
        for line in [
            "zhengce_http_requests_total{route=\"/v1/decisions\",method=\"POST\",status=\"200\"} 2",
            "zhengce_http_requests_total{route=\"other\",method=\"other\",status=\"404\"} 1",
            "zhengce_http_requests_total{route=\"/v1/decisions:batch\",method=\"POST\",status=\"other\"} 1",
            "zhengce_http_request_duration_seconds_bucket{route=\"/v1/decisions\",method=\"POST\",le=\"0.0005\"} 1",
            "zhengce_http_request_duration_seconds_bucket{route=\"/v1/decisions\",method=\"POST\",le=\"0.005\"} 2",
            "zhengce_http_request_duration_seconds_bucket{route=\"/v1/decisions:batch\",method=\"POST\",le=\"+Inf\"} 1",
            "zhengce_http_request_duration_seconds_count{route=\"/v1/decisions\",method=\"POST\"} 2",
            "zhengce_decisions_total{status=\"ok\"} 1",
            "zhengce_decisions_total{status=\"error\"} 1",
            "zhengce_decision_fields_total{field=\"eligible\",value=\"true\"} 1",
            "zhengce_in_flight_requests 3",
            "zhengce_policy_info{policy=\"p\\\"x\",hash=\"sha256:00\"} 1",
        ] {
            assert!(text.lines().any(|l| l == line), "{line}\n{text}");
        }
        assert!(
            m.render(&gauges, Lang::Zh)
                .contains("# HELP zhengce_decisions_total 单个案件")
        );
    }
}

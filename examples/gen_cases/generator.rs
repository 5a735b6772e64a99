//! Generated Hunan 2025 cases (contract §2) for load tests and benchmarks: schema-valid,
//! varied, and deterministic — the same seed gives the same cases, byte for byte.
//!
//! Dates spread over 2015–2027; every enum value appears; lists run from empty to
//! about 50 items; and the thresholds of the notice (age 40/50, 6 and 12 months of
//! unemployment, the retirement date, the 6-month no-contact exit, 2 years employed)
//! are hit on the day before, on, and after far more often than chance would.
//!
//! This is a bench tool that knows the Hunan contract's field names; the interpreter
//! itself knows none of them.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde_json::{Map, Value, json};

/// The cases of one seed, in order.
pub struct Generator {
    rng: fastrand::Rng,
    seed: u64,
    next: u64,
}

const EMPLOYMENT: [&str; 5] = [
    "unemployed",
    "employed",
    "self_employed",
    "flexible",
    "public_welfare_post",
];
const ROLES: [&str; 4] = ["legal_representative", "director", "supervisor", "manager"];
const EMPLOYABILITY: [&str; 3] = ["some", "weaker", "weak"];
const SERVICES: [&str; 6] = [
    "job_posting",
    "career_guidance",
    "job_referral",
    "training",
    "entrepreneurship",
    "other",
];
const SUBSIDIES: [&str; 6] = [
    "social_insurance_enterprise",
    "social_insurance_flexible",
    "social_insurance_post",
    "public_welfare_post",
    "training",
    "entrepreneurship",
];
const EXITS: [&str; 6] = [
    "death",
    "school",
    "military",
    "emigration",
    "imprisonment",
    "incapacity",
];
const RELATIONS: [&str; 4] = ["spouse", "child", "parent", "sibling"];
const AREAS: [&str; 6] = ["430102", "430103", "430202", "430302", "430521", "431102"];
const DESIGNATIONS: [&str; 3] = ["零就业家庭成员", "", "  "];

impl Generator {
    /// The generator for `seed`.
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            seed,
            next: 0,
        }
    }

    /// The next case, as a JSON object in the §2 schema.
    pub fn case(&mut self) -> Value {
        self.next += 1;
        let id = format!("GEN-{}-{:07}", self.seed, self.next);
        let as_of = self.date_between(date(2025, 1, 1), date(2027, 6, 30));
        let mut case = Map::new();
        case.insert("id".into(), json!(id));
        case.insert("as_of".into(), json!(show(as_of)));
        case.insert("person".into(), self.person(as_of));
        let (registration, unemployed_since) = self.registration(as_of);
        case.insert("registration".into(), registration);
        case.insert("employment".into(), self.employment(as_of, unemployed_since));
        case.insert("household".into(), self.household(as_of));
        let decided = self.maybe(0.6).then(|| self.application(as_of, &mut case));
        case.insert("certification".into(), self.certification(as_of, decided.flatten()));
        case.insert("assessment".into(), self.assessment());
        case.insert("services".into(), self.list(as_of, |g, d| g.service(d)));
        case.insert("follow_ups".into(), self.follow_ups(as_of));
        case.insert("subsidies".into(), self.subsidies(as_of));
        case.insert("placements".into(), self.placements(as_of));
        case.insert("exit_events".into(), self.exit_events(as_of));
        Value::Object(case)
    }

    fn maybe(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.rng.usize(..from.len())]
    }

    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days().max(0) as u64;
        from + Days::new(self.rng.u64(..=days))
    }

    /// A date `months` before `as_of`, then the day before, on, or after it (a
    /// threshold's boundary), or anywhere in the months before.
    fn boundary_or_spread(&mut self, as_of: NaiveDate, months: u32, spread_from: NaiveDate) -> NaiveDate {
        if self.maybe(0.35) {
            self.boundary(as_of, months)
        } else {
            self.date_between(spread_from, as_of)
        }
    }

    /// The day before, on, or after the date `months` before `as_of`.
    fn boundary(&mut self, as_of: NaiveDate, months: u32) -> NaiveDate {
        let on = as_of - Months::new(months);
        match self.rng.u8(..3) {
            0 => on - Days::new(1),
            1 => on,
            _ => on + Days::new(1),
        }
    }

    fn person(&mut self, as_of: NaiveDate) -> Value {
        let female = self.maybe(0.5);
        let birth = match self.rng.u8(..6) {
            // Threshold ages: 40 (women, 一（一）), 50 (men), 16 and the retirement years.
            0 => {
                let years = if female { 40 } else { 50 };
                self.boundary(as_of, years * 12)
            }
            1 => self.boundary(as_of, 16 * 12),
            // Near the retirement date (which the retirement schedule delays by months).
            2 => {
                let years = if female {
                    *[50, 55].get(self.rng.usize(..2)).unwrap_or(&50)
                } else {
                    60
                };
                let delay = self.rng.u32(..=12);
                self.boundary(as_of, years * 12 + delay)
            }
            _ => self.date_between(date(1958, 1, 1), date(2009, 12, 31)),
        };
        let mut p = Map::new();
        if self.maybe(0.6) {
            p.insert("id_number".into(), json!(self.id_number(birth, female)));
            if self.maybe(0.3) {
                p.insert("gender".into(), json!(if female { "female" } else { "male" }));
                p.insert("birth_date".into(), json!(show(birth)));
            }
        } else {
            p.insert("gender".into(), json!(if female { "female" } else { "male" }));
            p.insert("birth_date".into(), json!(show(birth)));
        }
        // A woman without it is read as 50 with a warning (§2): a few, on purpose.
        if female && self.maybe(0.95) {
            p.insert(
                "original_retirement_age".into(),
                json!(if self.maybe(0.7) { 50 } else { 55 }),
            );
        }
        for (key, p_true) in [
            ("able_to_work", 0.95),
            ("wants_work", 0.95),
            ("disability_certified", 0.1),
            ("veteran", 0.05),
            ("dibao", 0.1),
            ("fraud_found", 0.02),
            ("in_training", 0.05),
        ] {
            if self.maybe(0.5) {
                let value = self.maybe(p_true);
                p.insert(key.into(), json!(value));
            }
        }
        if self.maybe(0.06) {
            let d = self.date_between(date(2015, 1, 1), as_of + Days::new(60));
            p.insert("land_lost_on".into(), json!(show(d)));
        }
        if self.maybe(0.04) {
            let d = self.date_between(date(2015, 1, 1), as_of + Days::new(60));
            p.insert("pension_since".into(), json!(show(d)));
        }
        if self.maybe(0.08) {
            let n = self.rng.usize(1..=2);
            let roles: Vec<&str> = (0..n).map(|_| self.pick(&ROLES)).collect();
            p.insert("enterprise_roles".into(), json!(roles));
        }
        if self.maybe(0.04) {
            p.insert("provincial_designation".into(), json!(self.pick(&DESIGNATIONS)));
        }
        Value::Object(p)
    }

    /// An 18-digit resident ID with a valid check character (GB 11643).
    fn id_number(&mut self, birth: NaiveDate, female: bool) -> String {
        let order = self.rng.u32(0..500) * 2 + u32::from(!female);
        let body = format!(
            "{}{:04}{:02}{:02}{order:03}",
            self.pick(&AREAS),
            birth.year(),
            birth.month(),
            birth.day()
        );
        const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = b"10X98765432"[(sum % 11) as usize] as char;
        format!("{body}{check}")
    }

    fn registration(&mut self, as_of: NaiveDate) -> (Value, Option<NaiveDate>) {
        if !self.maybe(0.75) {
            return (json!({ "unemployed_since": null }), None);
        }
        let months = if self.maybe(0.5) { 6 } else { 12 };
        let since = self.boundary_or_spread(as_of, months, date(2015, 1, 1));
        (json!({ "unemployed_since": show(since) }), Some(since))
    }

    fn employment(&mut self, as_of: NaiveDate, unemployed_since: Option<NaiveDate>) -> Value {
        let status = if unemployed_since.is_some() && self.maybe(0.7) {
            "unemployed"
        } else {
            self.pick(&EMPLOYMENT)
        };
        if status == "unemployed" {
            return json!({ "status": status });
        }
        // Exit 6 (employed two years or more): its boundary, or a job starting after D.
        let since = match self.rng.u8(..4) {
            0 => self.boundary_or_spread(as_of, 24, date(2015, 1, 1)),
            1 => as_of + Days::new(self.rng.u64(1..90)),
            _ => self.date_between(date(2015, 1, 1), as_of),
        };
        json!({ "status": status, "since": show(since) })
    }

    fn household(&mut self, as_of: NaiveDate) -> Value {
        let n = self.rng.usize(..=3);
        let members: Vec<Value> = (0..n)
            .map(|_| {
                let mut m = Map::new();
                m.insert("relation".into(), json!(self.pick(&RELATIONS)));
                if self.maybe(0.5) {
                    m.insert("employed".into(), json!(true));
                    if self.maybe(0.7) {
                        let d = self.date_between(date(2015, 1, 1), as_of + Days::new(90));
                        m.insert("employed_since".into(), json!(show(d)));
                    }
                }
                Value::Object(m)
            })
            .collect();
        json!({ "urban": self.maybe(0.6), "members": members })
    }

    /// The certification workflow (二): steps a few days apart, some left undone, each
    /// deadline met, just met or missed. Returns the county's decision date.
    fn application(&mut self, as_of: NaiveDate, case: &mut Map<String, Value>) -> Option<NaiveDate> {
        let applied = self.date_between(as_of - Months::new(18), as_of);
        let steps = [
            "accepted_on",
            "investigated_on",
            "publicity_from",
            "publicity_to",
            "street_received_on",
            "street_reviewed_on",
            "county_received_on",
            "county_decided_on",
        ];
        let mut a = Map::new();
        a.insert("applied_on".into(), json!(show(applied)));
        let done = self.rng.usize(..=steps.len());
        let mut at = applied;
        for step in &steps[..done] {
            let gap = match self.rng.u8(..4) {
                0 => 0,
                1 => self.rng.u64(4..=8),
                _ => self.rng.u64(1..=12),
            };
            at = at + Days::new(gap);
            if at > as_of {
                break;
            }
            // Optional receipt dates are often left to their defaults.
            if step.ends_with("received_on") && self.maybe(0.6) {
                continue;
            }
            a.insert((*step).into(), json!(show(at)));
        }
        if self.maybe(0.1) {
            a.insert("objection".into(), json!(true));
        }
        let decided = a.get("county_decided_on").and_then(Value::as_str).and_then(parse);
        case.insert("application".into(), Value::Object(a));
        decided
    }

    fn certification(&mut self, as_of: NaiveDate, decided: Option<NaiveDate>) -> Value {
        let certified = decided.or_else(|| self.maybe(0.3).then(|| self.date_between(date(2019, 1, 1), as_of)));
        let n = if self.maybe(0.2) { self.rng.usize(1..=2) } else { 0 };
        let previous: Vec<Value> = (0..n)
            .map(|_| {
                let from = self.date_between(date(2015, 1, 1), date(2021, 12, 31));
                let to = self.date_between(from, from + Days::new(900));
                json!({ "certified_on": show(from), "exited_on": show(to) })
            })
            .collect();
        json!({ "certified_on": certified.map(show), "previous": previous })
    }

    fn assessment(&mut self) -> Value {
        let mut a = Map::new();
        if self.maybe(0.7) {
            a.insert("employability".into(), json!(self.pick(&EMPLOYABILITY)));
        }
        a.insert("living_difficulty".into(), json!(self.maybe(0.3)));
        a.insert("entrepreneurship".into(), json!(self.maybe(0.15)));
        Value::Object(a)
    }

    /// A list of dated items before (and a few after) D: most short, some up to 50.
    fn list(&mut self, as_of: NaiveDate, mut item: impl FnMut(&mut Self, NaiveDate) -> Value) -> Value {
        let n = match self.rng.u8(..10) {
            0..=2 => 0,
            3..=7 => self.rng.usize(1..=6),
            8 => self.rng.usize(7..=20),
            _ => self.rng.usize(21..=50),
        };
        let start = as_of - Months::new(30);
        let mut dates: Vec<NaiveDate> = (0..n)
            .map(|_| self.date_between(start, as_of + Days::new(20)))
            .collect();
        dates.sort();
        Value::Array(dates.into_iter().map(|d| item(self, d)).collect())
    }

    fn service(&mut self, d: NaiveDate) -> Value {
        json!({ "date": show(d), "kind": self.pick(&SERVICES), "refused": self.maybe(0.15) })
    }

    /// Monthly follow-ups, or a run of them that stops 6 months (± a day) before D
    /// (exit 4, no contact for six months).
    fn follow_ups(&mut self, as_of: NaiveDate) -> Value {
        if self.maybe(0.15) {
            let last = self.boundary_or_spread(as_of, 6, as_of - Months::new(12));
            let n = self.rng.u32(1..=12);
            let items: Vec<Value> = (0..n)
                .rev()
                .map(|k| json!({ "date": show(last - Months::new(k)), "reached": k != 0 || self.maybe(0.8) }))
                .collect();
            return Value::Array(items);
        }
        self.list(as_of, |g, d| json!({ "date": show(d), "reached": g.maybe(0.8) }))
    }

    fn subsidies(&mut self, as_of: NaiveDate) -> Value {
        let n = if self.maybe(0.4) { self.rng.usize(1..=4) } else { 0 };
        let items: Vec<Value> = (0..n)
            .map(|_| {
                let from = self.date_between(date(2015, 1, 1), as_of);
                // Terms of up to 3 years, and the 36-month limit's boundary (五).
                let months = match self.rng.u8(..4) {
                    0 => self.rng.u32(34..=37),
                    _ => self.rng.u32(0..=36),
                };
                let to = from + Months::new(months);
                json!({ "kind": self.pick(&SUBSIDIES), "from": month(from), "to": month(to) })
            })
            .collect();
        Value::Array(items)
    }

    fn placements(&mut self, as_of: NaiveDate) -> Value {
        if !self.maybe(0.15) {
            return json!([]);
        }
        let from = self.date_between(date(2019, 1, 1), as_of);
        let to = self.maybe(0.5).then(|| self.date_between(from, as_of + Days::new(400)));
        json!([{ "from": show(from), "to": to.map(show) }])
    }

    fn exit_events(&mut self, as_of: NaiveDate) -> Value {
        if !self.maybe(0.08) {
            return json!([]);
        }
        let d = self.date_between(as_of - Months::new(24), as_of + Days::new(30));
        json!([{ "kind": self.pick(&EXITS), "date": show(d) }])
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn parse(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn show(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

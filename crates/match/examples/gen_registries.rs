//! Synthetic registry extracts for `zhengce match` (examples/outreach): people made
//! from scenarios whose outcome is known without the policy (a dibao recipient
//! registered unemployed eight months, not certified: listed under 一（三）), with IDs
//! whose check characters are valid, the unemployment registrations in GB18030 as the
//! provincial system exports them, and a few bad rows of each kind.
//!
//! ```text
//! cargo run -p zhengce-match --example gen_registries -- OUT_DIR [PEOPLE] [SEED]
//! ```
//!
//! Writes `OUT_DIR/registries/*.csv` and `OUT_DIR/scenarios.csv` (each person's ID,
//! scenario and the categories the scenario means, for the tests to compare with).
//! The same arguments give the same bytes. The evaluation date is 2026-06-30.

use std::fmt::Write as _;
use std::path::Path;

/// What a person is, and what the push list should say of them.
struct Scenario {
    name: &'static str,
    unemployed_months: Option<u32>,
    dibao: bool,
    disabled: bool,
    land_lost: bool,
    veteran: bool,
    employed: bool,
    certified: bool,
    /// The clauses of the categories that hold, when listed.
    listed: &'static [&'static str],
}

const SCENARIOS: [Scenario; 10] = [
    Scenario {
        name: "dibao_registered",
        unemployed_months: Some(8),
        dibao: true,
        disabled: false,
        land_lost: false,
        veteran: false,
        employed: false,
        certified: false,
        listed: &["一（三）"],
    },
    Scenario {
        name: "disabled_registered",
        unemployed_months: Some(8),
        dibao: false,
        disabled: true,
        land_lost: false,
        veteran: false,
        employed: false,
        certified: false,
        listed: &["一（四）"],
    },
    Scenario {
        name: "two_rosters",
        unemployed_months: Some(8),
        dibao: true,
        disabled: true,
        land_lost: false,
        veteran: false,
        employed: false,
        certified: false,
        listed: &["一（三）", "一（四）"],
    },
    Scenario {
        name: "long_unemployed",
        unemployed_months: Some(14),
        dibao: false,
        disabled: false,
        land_lost: false,
        veteran: false,
        employed: false,
        certified: false,
        listed: &["一（六）"],
    },
    Scenario {
        name: "land_lost",
        unemployed_months: Some(8),
        dibao: false,
        disabled: false,
        land_lost: true,
        veteran: false,
        employed: false,
        certified: false,
        listed: &["一（五）"],
    },
    Scenario {
        name: "certified",
        unemployed_months: Some(8),
        dibao: true,
        disabled: false,
        land_lost: false,
        veteran: false,
        employed: false,
        certified: true,
        listed: &[],
    },
    Scenario {
        name: "dibao_not_registered",
        unemployed_months: None,
        dibao: true,
        disabled: false,
        land_lost: false,
        veteran: false,
        employed: false,
        certified: false,
        listed: &[],
    },
    Scenario {
        name: "dibao_employed",
        unemployed_months: Some(8),
        dibao: true,
        disabled: false,
        land_lost: false,
        veteran: false,
        employed: true,
        certified: false,
        listed: &[],
    },
    Scenario {
        name: "employment_only",
        unemployed_months: None,
        dibao: false,
        disabled: false,
        land_lost: false,
        veteran: false,
        employed: true,
        certified: false,
        listed: &[],
    },
    Scenario {
        name: "veteran_short",
        unemployed_months: Some(3),
        dibao: false,
        disabled: false,
        land_lost: false,
        veteran: true,
        employed: false,
        certified: false,
        listed: &[],
    },
];

const DISTRICTS: [&str; 4] = ["芙蓉区", "天心区", "岳麓区", "开福区"];
const AREA_CODES: [&str; 4] = ["430102", "430103", "430104", "430105"];

/// A small deterministic generator (xorshift64*): the same seed, the same people.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A valid 18-character resident ID (GB 11643 check character).
fn resident_id(area: &str, year: u64, month: u64, day: u64, serial: u64) -> String {
    let body = format!("{area}{year:04}{month:02}{day:02}{serial:03}");
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{body}{check}")
}

/// The ID of person `n`: born 1990-01-01 plus some days (under 40 on D, far from any
/// age threshold), a serial number; unique for the first 14.6 million people.
fn person_id(n: u64) -> String {
    use chrono::Datelike;
    let born = chrono::NaiveDate::from_ymd_opt(1990, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new((n / 1000) % 3650)))
        .unwrap_or_default();
    let area = AREA_CODES[((n / 3_650_000) % 4) as usize];
    resident_id(
        area,
        born.year() as u64,
        born.month().into(),
        born.day().into(),
        n % 1000,
    )
}

/// The first day of the month `months` before 2026-06 (the evaluation month), the
/// 5th: far from any month's end.
fn months_before(months: u32) -> String {
    let total = 2026 * 12 + 5 - months as i64;
    format!("{:04}-{:02}-05", total / 12, total % 12 + 1)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let Some(out) = args.get(1) else {
        eprintln!("usage: gen_registries OUT_DIR [PEOPLE] [SEED]");
        std::process::exit(2);
    };
    let people: u64 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(200);
    let seed: u64 = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(7);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let headers = [
        ("unemployment", "身份证号码,区县,登记失业日期\n"),
        ("dibao", "身份证号码,区县,保障起始日期\n"),
        ("disability", "身份证号码,残疾类别,发证日期\n"),
        ("land", "身份证号码,征地日期\n"),
        ("veterans", "身份证号码,退役日期\n"),
        ("employment", "身份证号码,就业状态,就业日期\n"),
        ("certified", "身份证号码,认定日期\n"),
    ];
    let mut tables: Vec<String> = headers.iter().map(|(_, h)| (*h).to_owned()).collect();
    let mut scenarios = String::from("id,scenario,district,categories\n");
    for n in 0..people {
        let s = &SCENARIOS[(n % SCENARIOS.len() as u64) as usize];
        let district = DISTRICTS[rng.below(4) as usize];
        let id = person_id(n);
        let _ = writeln!(scenarios, "{id},{},{district},{}", s.name, s.listed.join(";"));
        if let Some(m) = s.unemployed_months {
            let _ = writeln!(tables[0], "{id},{district},{}", months_before(m));
        }
        if s.dibao {
            let _ = writeln!(tables[1], "{id},{district},{}", months_before(20));
        }
        if s.disabled {
            let _ = writeln!(tables[2], "{id},肢体,{}", months_before(30));
        }
        if s.land_lost {
            let _ = writeln!(tables[3], "{id},{}", months_before(24));
        }
        if s.veteran {
            let _ = writeln!(tables[4], "{id},{}", months_before(40));
        }
        // Employment records (参保/就业登记): the current job, or the last one ended.
        if s.employed {
            let _ = writeln!(tables[5], "{id},employed,{}", months_before(2));
        } else if s.unemployed_months.is_some() {
            let _ = writeln!(tables[5], "{id},unemployed,");
        }
        if s.certified {
            let _ = writeln!(tables[6], "{id},{}", months_before(5));
        }
    }
    // The bad rows a real extract has, one of each kind.
    let _ = writeln!(tables[1], "430102199001011230,芙蓉区,{}", months_before(20)); // check character wrong
    let _ = writeln!(
        tables[0],
        "{},天心区,2026-02-30",
        resident_id("430103", 1995, 3, 3, 901)
    ); // no such day
    let twice = resident_id("430104", 1996, 4, 4, 902);
    let _ = writeln!(tables[2], "{twice},视力,{}", months_before(30));
    let _ = writeln!(tables[2], "{twice},视力,{}", months_before(30)); // the same ID twice
    let dir = Path::new(out).join("registries");
    std::fs::create_dir_all(&dir)?;
    for ((name, _), text) in headers.iter().zip(&tables) {
        let bytes = if *name == "unemployment" {
            // As the provincial system exports it.
            encoding_rs::GB18030.encode(text).0.into_owned()
        } else {
            text.clone().into_bytes()
        };
        std::fs::write(dir.join(format!("{name}.csv")), bytes)?;
    }
    std::fs::write(Path::new(out).join("scenarios.csv"), scenarios)
}

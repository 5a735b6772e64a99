//! Language constructs the workflow needs — working days from calendar files,
//! functions, `yields`, `order` in the case schema, `absent` — on a small policy of
//! their own (nothing of the Hunan notice).

mod scratch;

use scratch::Scratch;
use zhengce::diagnostic::Code;
use zhengce::policy_set::{LoadedPolicy, PolicySource, load_policy};
use zhengce::report::{RenderOptions, decision_json, render_text};
use zhengce::run::{MissingDate, Runner};

const CALENDAR: &str = "year: 2025\nsource: test notice\nholidays:\n  - { name: 国庆节, from: 2025-10-01, to: 2025-10-08 }\n\
workdays:\n  - { date: 2025-09-28, name: 国庆节 }\n  - { date: 2025-10-11, name: 国庆节 }\n";

const POLICY: &str = r#"policy "steps" { calendar "cal/2025.yaml" }
enum Status "状态" { on_time "按时", late "逾期", pending "办理中", overdue "逾期未办", unknown "未知" }
case {
  step "步骤" {
    start: date? "开始"
    done: date? "完成"
    order start <= done
  }
}
param time_limit "时限" = 5 working_days
define done_by(d: date) "截至评估日完成" = if d > as_of then absent else d
define status_of(due: date, done: date) "状态" =
  if due is absent then Status::unknown
  else if done is present then (if done <= due then Status::on_time else Status::late)
  else if as_of <= due then Status::pending else Status::overdue
define due "期限" = step.start + time_limit
deadline work cites "一" "5个工作日内完成" {
  when step.start <= as_of
  yields {
    due "期限": due,
    done "完成": done_by(step.done),
    status "状态": status_of(due, done_by(step.done)),
  }
}
decision {
  working = is_working_day(as_of)
  counted = count_working_days(step.start ?? as_of, as_of)
}
"#;

fn policy(text: &str) -> LoadedPolicy {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Scratch::new(&format!("wf-{n}"));
    std::fs::create_dir_all(dir.join("cal")).unwrap();
    std::fs::write(dir.join("cal/2025.yaml"), CALENDAR).unwrap();
    std::fs::write(dir.join("p.policy"), text).unwrap();
    load_policy(&dir.join("p.policy").to_string_lossy(), PolicySource::Disk)
}

fn run(case: &str) -> (serde_json::Value, String) {
    let mut loaded = policy(POLICY);
    let program = loaded
        .program
        .take()
        .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let results = runner.run_file(&mut loaded.sources, "c.yaml", case);
    let options = RenderOptions::default();
    (
        decision_json(&results[0], &program, &loaded.sources, &options),
        render_text(&results[0], &program, &loaded.sources, &options),
    )
}

#[test]
fn a_deadline_counts_working_days_and_names_the_holidays() {
    let (json, text) = run("id: a\nas_of: 2025-10-20\nstep: { start: 2025-09-26, done: 2025-10-10 }\n");
    assert_eq!(
        json["deadlines"],
        serde_json::json!([{"step": "work", "due": "2025-10-10", "done": "2025-10-10", "status": "on_time"}])
    );
    assert_eq!(json["working"], true);
    assert_eq!(json["counted"], 13);
    assert!(
        text.contains("期限 2025-10-10（国庆节 10-01 至 10-08 不计；09-28 调休上班）"),
        "{text}"
    );
}

#[test]
fn a_done_date_after_the_evaluation_date_is_not_done_yet() {
    let (json, _) = run("id: b\nas_of: 2025-10-13\nstep: { start: 2025-09-26, done: 2025-10-14 }\n");
    assert_eq!(json["deadlines"][0]["done"], serde_json::Value::Null);
    assert_eq!(json["deadlines"][0]["status"], "overdue");
}

#[test]
fn a_year_without_calendar_leaves_the_step_unknown_and_says_which_year() {
    let (json, _) = run("id: c\nas_of: 2025-12-31\nstep: { start: 2025-12-29 }\n");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["deadlines"][0]["due"], serde_json::Value::Null);
    assert_eq!(json["deadlines"][0]["status"], "unknown");
    let diagnostic = &json["diagnostics"][0];
    assert_eq!(diagnostic["code"], "calendar_missing");
    assert!(diagnostic["message"].as_str().unwrap().contains("2026"), "{diagnostic}");
}

#[test]
fn dates_out_of_order_point_at_the_later_date() {
    let (json, _) = run("id: d\nas_of: 2025-10-20\nstep:\n  start: 2025-10-09\n  done: 2025-10-01\n");
    assert_eq!(json["status"], "error");
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "dates_out_of_order");
    assert_eq!(d["message"], "`step.done`（2025-10-01）早于 `step.start`（2025-10-09）");
    let english = RenderOptions {
        lang: zhengce::lang::Lang::En,
        ..RenderOptions::default()
    };
    let mut loaded = policy(POLICY);
    let program = loaded.program.take().expect("the policy checks");
    let mut runner = Runner::new(&program, None, MissingDate::Error);
    let case = "id: d\nas_of: 2025-10-20\nstep:\n  start: 2025-10-09\n  done: 2025-10-01\n";
    let results = runner.run_file(&mut loaded.sources, "c.yaml", case);
    let json = decision_json(&results[0], &program, &loaded.sources, &english);
    assert_eq!(
        json["diagnostics"][0]["message"],
        "`step.done` (2025-10-01) is before `step.start` (2025-10-09)"
    );
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(5), Some(9)));
}

#[test]
fn working_days_do_not_mix_with_months_or_calendar_days() {
    let text = POLICY.replace(
        "define due \"期限\" = step.start + time_limit",
        "define due \"期限\" = month_of(step.start) + time_limit",
    );
    let loaded = policy(&text);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TypeMismatch)
        .expect("a type error");
    assert_eq!(
        d.message.en(),
        "`+` cannot combine a month with a period in working days"
    );
    assert_eq!(d.message.zh(), "`+` 不能用于月份和以工作日计的期间");
    let text = format!("{POLICY}define long \"长\" = time_limit > 3 days\n");
    let loaded = policy(&text);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TypeMismatch)
        .expect("a type error");
    assert_eq!(
        d.message.en(),
        "`>` cannot combine a period in working days with a period in days"
    );
}

#[test]
fn functions_are_called_with_their_arguments() {
    let text = POLICY.replace("\"完成\": done_by(step.done),", "\"完成\": done_by,");
    let loaded = policy(&text);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidConstruct)
        .expect("an error");
    assert_eq!(d.message.en(), "`done_by` is a function");
    let text = POLICY.replace("\"完成\": done_by(step.done),", "\"完成\": done_by(step.done, as_of),");
    let loaded = policy(&text);
    let d = loaded.diagnostics.iter().find(|d| d.code == Code::TypeMismatch);
    assert_eq!(
        d.map(|d| d.message.en()).as_deref(),
        Some("`done_by` takes 1 argument(s), but 2 were given"),
        "{:#?}",
        loaded.diagnostics
    );
}

#[test]
fn a_missing_calendar_file_is_reported_where_it_is_named() {
    let loaded = policy(&POLICY.replace("cal/2025.yaml", "cal/2024.yaml"));
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::FileNotFound)
        .expect("an error");
    assert!(d.message.en().contains("cal/2024.yaml"), "{}", d.message.en());
    assert_eq!(loaded.sources.snippet(d.span.unwrap()), "\"cal/2024.yaml\"");
}

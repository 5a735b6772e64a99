//! The REPL, driven as a user would: through its plain front end (stdin is not a
//! terminal) and once through a pseudo-terminal with completion.

mod scratch;

use scratch::Scratch;
use std::io::Write;
use std::process::{Command, Stdio};

/// A session whose every command succeeds: it must exit 0.
fn repl(args: &[&str], input: &str) -> String {
    let (out, code) = repl_session(args, input);
    assert_eq!(code, Some(0), "{out}");
    out
}

/// A session in which some command fails: a script must learn it from exit code 1.
fn repl_with_failures(args: &[&str], input: &str) -> String {
    let (out, code) = repl_session(args, input);
    assert_eq!(code, Some(1), "{out}");
    out
}

/// The standard output and exit code of a piped session.
fn repl_session(args: &[&str], input: &str) -> (String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .arg("repl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (text, out.status.code())
}

fn temp_dir(name: &str) -> Scratch {
    Scratch::new(&format!("repl-{name}"))
}

#[test]
fn a_what_if_change_shows_what_changed_in_the_decision() {
    let out = repl(
        &["examples/cases/li-qiang.yaml"],
        "set registration.unemployed_since = 2025-06-10\n:undo\n:as-of 2026-01-10\nwhy category 6\n",
    );
    let lines: Vec<&str> = out.lines().collect();
    // The first line is wider than 80 columns: it wraps.
    assert_eq!(
        [lines[0], lines[1]],
        [
            "案件 EX-2025-0002 · 评估日 2025-09-01 · 就业困难人员 是 · 认定类别 一（一）、一",
            "  （二） · 帮扶分类 无"
        ]
    );
    let lines = &lines[1..];
    assert_eq!(
        &lines[1..4],
        [
            "就业困难人员 是 → 否",
            "认定类别 −一（一） −一（二）",
            "诊断信息 −assessment_missing"
        ]
    );
    assert_eq!(
        &lines[4..7],
        [
            "就业困难人员 否 → 是",
            "认定类别 +一（一） +一（二）",
            "诊断信息 +assessment_missing"
        ]
    );
    assert_eq!(&lines[7..9], ["评估日 2025-09-01 → 2026-01-10", "认定类别 +一（六）"]);
    assert!(lines[9].starts_with("一（六） 成立："), "{out}");
    let unwrapped: String = out.split_whitespace().collect();
    assert!(unwrapped.contains("登记失业日期2025-01-10+12个月=2026-01-10✓"), "{out}");
}

#[test]
fn bad_input_gets_a_message_and_the_session_goes_on() {
    let out = repl_with_failures(
        &["examples/cases/li-qiang.yaml"],
        ":lod x\nset person.gender = man\nset person.birth_dat = 1975-03-10\nage + 1\nundefined_name\nset x\nwhy 九（九）\n\
         count(s in services\n  where s.refused)\nage\n",
    );
    assert!(out.contains("没有命令 `:lod`：是不是 `:load`？"), "{out}");
    assert!(
        out.contains("unknown_enum_value: `person.gender`（性别）：`man` 不是它的取值"),
        "{out}"
    );
    assert!(out.contains("未知的键 `birth_dat`（在 `person` 中）"), "{out}");
    assert!(out.contains("`+` 不能用于以年计的期间和数字"), "{out}");
    assert!(out.contains("未知的名称 `undefined_name`"), "{out}");
    assert!(out.contains("写作 `set 路径 = 值`"), "{out}");
    assert!(out.contains("没有规则或定义 `九（九）`"), "{out}");
    // The multi-line expression, then `age`, still evaluate after all that.
    assert!(out.contains("0（数字）"), "{out}");
    assert!(out.trim_end().ends_with("50年（以年计的期间）"), "{out}");
}

#[test]
fn reload_reads_the_edited_policy_and_keeps_the_case() {
    let dir = temp_dir("reload");
    for sub in ["hunan", "cn", "calendars"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(format!("policies/{sub}")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).unwrap();
        }
    }
    let policy = dir.join("hunan/2025-employment-assistance.policy");
    let script = dir.join("edit.sh");
    // The session edits the policy between two commands, as an author in another window.
    let edit = format!(
        "sed -i 's/age >= 50 years or person.gender is female/age >= 55 years or person.gender is female/' {}",
        policy.display()
    );
    std::fs::write(&script, edit).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .env("ZHENGCE_LANG", "zh")
        .args([
            "repl",
            "--policy",
            policy.to_str().unwrap(),
            "examples/cases/li-qiang.yaml",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    // Wait until the session has loaded the policy and the case, then edit the policy.
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    assert!(first.contains("认定类别 一（一）、一"), "{first}");
    Command::new("sh").arg(&script).status().unwrap();
    stdin.write_all(b":reload\n").unwrap();
    drop(stdin);
    let mut out = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut out).unwrap();
    child.wait().unwrap();
    assert!(out.contains("政策 hunan-2025-employment-assistance"), "{out}");
    assert!(out.contains("认定类别 −一（一）"), "{out}");
}

#[test]
fn a_saved_case_evaluates_the_same() {
    let dir = temp_dir("save");
    let saved = dir.join("saved.yaml");
    repl(
        &["examples/cases/wang-fang.yaml"],
        &format!(
            "set person.disability_certified = true\npush services {{date: 2025-08-02, kind: job_posting}}\n:save {}\n",
            saved.display()
        ),
    );
    let eval = |path: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .env("ZHENGCE_LANG", "zh")
            .args(["eval", "--format", "json", path])
            .output()
            .unwrap();
        let mut record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        record.as_object_mut().unwrap().remove("trace");
        // Diagnostics name the file they point into, which differs between the two.
        for d in record["diagnostics"].as_array_mut().unwrap() {
            d.as_object_mut().unwrap().remove("file");
        }
        record
    };
    let after = eval(saved.to_str().unwrap());
    assert_eq!(after["categories"], serde_json::json!([1, 3, 4]));
    // The saved file keeps the ID number as written (quoted text), and evaluates again the same.
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.contains("id_number: \"430102198003100026\"") || text.contains("id_number: \"4301021980031"),
        "{text}"
    );
    let again = dir.join("again.yaml");
    std::fs::write(&again, &text).unwrap();
    assert_eq!(eval(again.to_str().unwrap()), after);
}

#[test]
fn the_interactive_front_end_completes_and_explains() {
    let mut p = rexpect::spawn(
        &format!(
            "{} repl --no-history --lang en examples/cases/li-qiang.yaml",
            env!("CARGO_BIN_EXE_zhengce")
        ),
        // Not a speed limit: only a guard so that a wrong answer fails instead of
        // waiting for ever, generous enough for a starved debug build.
        Some(300_000),
    )
    .expect("a pseudo-terminal");
    // (The expectations are ASCII: the pseudo-terminal reader sees bytes.)
    p.exp_string("> ").unwrap();
    // Tab completes a command...
    p.send(":hel").unwrap();
    p.send("\t").unwrap();
    p.send_line("").unwrap();
    p.exp_string("commands (anything else").unwrap();
    p.exp_string("> ").unwrap();
    // ...and a field path.
    p.send("set registration.unemployed_s").unwrap();
    p.send("\t").unwrap();
    p.send_line(" = 2025-06-10").unwrap();
    p.exp_string("difficulty yes").unwrap();
    p.exp_string("no\r\ncategories").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("why category 1").unwrap();
    p.exp_string("does not hold").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn no_input_crashes_the_session() {
    let nasty = [
        "set = 1",
        "push",
        "set a..b = 1",
        "set services[99].x = 1",
        ":load /nonexistent.yaml",
        ":policy /nonexistent.policy",
        ":as-of 2025-13-01",
        "why",
        "((((",
        "))))",
        ")",
        "\"unterminated",
        "\"",
        "set person = [1, 2]",
        "unset person",
        "unset nothing.here",
        "set person.birth_date = {a: ]}",
        "push person {x: 1}",
        ":save /nonexistent-dir/x.yaml",
        "1 div 0",
        "-",
        "as_of +",
        "set id = 12",
        "set as_of = 2025-02-30",
        "count(x in [1, 2]: x)",
        "min()",
        "holds(category 9)",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":undo",
        ":missing",
        "eval",
        "set 年龄 = 1",
        "why 二",
        ":help nothing",
        ":case",
    ];
    let input: String =
        nasty.iter().map(|l| format!("{l}\n")).collect::<String>() + ":load examples/cases/li-qiang.yaml\nage\n";
    let out = repl_with_failures(&["examples/cases/li-qiang.yaml"], &input);
    assert!(out.contains("尚未载入案件") || out.contains("无法评估"), "{out}");
    assert!(out.trim_end().ends_with("50年（以年计的期间）"), "{out}");
}

#[test]
fn the_case_is_shown_with_its_id_number_masked_unless_asked() {
    let masked = repl(&["examples/cases/wang-fang.yaml"], ":case\n");
    assert!(masked.contains("id_number: \"430102********0029\""), "{masked}");
    let shown = repl(&["--show-pii", "examples/cases/wang-fang.yaml"], ":case\n");
    assert!(shown.contains("id_number: \"430102198003100029\""), "{shown}");
}

#[test]
fn undo_with_nothing_to_undo_keeps_the_loaded_case() {
    let out = repl_with_failures(&["examples/cases/li-qiang.yaml"], ":undo\nage\n");
    assert!(out.contains("没有可撤销的更改"), "{out}");
    assert!(out.trim_end().ends_with("50年（以年计的期间）"), "{out}");
}

#[test]
fn why_names_clauses_in_either_brackets_definitions_and_lists_an_ambiguous_clause() {
    let out = repl_with_failures(
        &["examples/cases/li-qiang.yaml"],
        "why 一(一)\nwhy eligible\nwhy 一\nif age > 40 years\n  then 1 else 2\n",
    );
    assert!(out.contains("一（一） 成立"), "{out}");
    assert!(out.contains("就业困难人员：是"), "{out}");
    assert!(
        out.contains("`一` 可能是：") && out.contains("why monthly_follow_up"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("1（数字）"), "{out}");
    // A piped session's lines fit 80 columns (a Chinese character takes two).
    for line in out.lines() {
        let columns: usize = line.chars().map(|c| if c > '\u{2e7f}' { 2 } else { 1 }).sum();
        assert!(columns <= 80, "{columns}: {line}");
    }
}

#[test]
fn the_session_speaks_one_language() {
    let run = |lang: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhengce"))
            .env("ZHENGCE_LANG", lang)
            .args(["repl", "examples/cases/li-qiang.yaml"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = ":help\n:undo\n:lod\nset x\nset person.dibao = false\nwhy nothing\n";
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
    };
    let zh = run("zh");
    for wanted in [
        "命令（其他输入",
        "撤销上一次更改",
        "没有可撤销的更改",
        "是不是 `:load`？",
        "写作 `set",
        "决定没有变化",
        "没有规则或定义",
    ] {
        assert!(zh.contains(wanted), "{wanted}\n{zh}");
    }
    let en = run("en");
    for wanted in [
        "commands (anything",
        "take back the last change",
        "nothing to undo",
        "did you mean `:load`?",
        "no change in the decision",
    ] {
        assert!(en.contains(wanted), "{wanted}\n{en}");
    }
    // Past the load's summary (the record's keys), no English word in the Chinese session's
    // own messages: each line that has letters holds Chinese too, or is a usage line.
    // (A help line's continuation, under its description, belongs to it.)
    let mut lines: Vec<String> = Vec::new();
    for line in zh.lines().skip_while(|l| !l.starts_with("命令（")) {
        match lines.last_mut() {
            Some(last) if line.starts_with(&" ".repeat(31)) => last.push_str(line.trim_start()),
            _ => lines.push(line.to_string()),
        }
    }
    for line in &lines {
        let usage = line.trim_start().starts_with(':')
            || ["set ", "unset ", "push ", "eval", "why "]
                .iter()
                .any(|c| line.trim_start().starts_with(c));
        if line.chars().any(|c| c.is_ascii_alphabetic()) && !usage {
            assert!(line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{line}");
        }
    }
}

#[test]
fn missing_names_fields_and_tried_values_by_their_labels_within_80_columns() {
    let zh = repl(&["examples/cases/li-qiang.yaml"], ":missing\n");
    assert!(zh.lines().all(|l| textwrap::core::display_width(l) <= 80), "{zh}");
    let unwrapped: String = zh.split_whitespace().collect();
    assert!(
        unwrapped.contains("assessment.employability（就业能力）：可能改变结果，例如有一定自主就业能力→应提供的服务"),
        "{zh}"
    );
    assert!(unwrapped.contains("例如任意文字→认定类别+一（七）；诊断信息"), "{zh}");
    assert!(unwrapped.contains("认定流程时限+investigate"), "{zh}");
    let en = repl(&["--lang", "en", "examples/cases/li-qiang.yaml"], ":missing\n");
    let unwrapped = en.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        unwrapped.contains("assessment.employability (employability): could change the outcome, e.g."),
        "{en}"
    );
}

#[test]
fn help_fits_80_columns_with_its_descriptions_in_one_column() {
    for lang in ["zh", "en"] {
        let out = repl(&["--lang", lang, "examples/cases/li-qiang.yaml"], ":help\n:help why\n");
        assert!(out.lines().all(|l| textwrap::core::display_width(l) <= 80), "{out}");
        // A description's continuation starts under the description.
        let continued = out.lines().skip(3).filter(|l| l.starts_with(&" ".repeat(31))).count();
        assert!(continued > 0, "{out}");
    }
}

#[test]
fn an_expression_ending_with_an_operator_goes_on_and_a_command_ends_it() {
    let out = repl(&["examples/cases/li-qiang.yaml"], "age >=\n50 years\n");
    assert!(out.contains("是（是/否）"), "{out}");
    // `:quit` after an unfinished expression is a command, not the expression's rest.
    let (out, code) = repl_session(&["examples/cases/li-qiang.yaml"], "(1 +\n:quit\nage\n");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        !out.contains("50年（以年计的期间）"),
        "the session ended at :quit: {out}"
    );
}

#[test]
fn a_change_that_makes_the_case_unreadable_is_told_with_its_hint() {
    let out = repl_with_failures(
        &["--lang", "en", "examples/cases/li-qiang.yaml"],
        "set registration.unemployd_since = 2025-01-01\nset person.gender = robot\n",
    );
    // As `eval` tells them: the key meant, the values allowed; and nothing changed.
    assert!(out.contains("help: did you mean `unemployed_since`?"), "{out}");
    assert!(out.contains("help: the values are `male`, `female`"), "{out}");
    assert_eq!(out.matches("(not changed)").count(), 2, "{out}");
}

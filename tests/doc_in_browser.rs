//! `zhengce doc` (issue 13) as a reader sees it: the real binary writes the Hunan
//! policy's page, and a real browser, Debian's Chromium without a head, opens it. Every
//! heading of the notice (`一、…` and `（一）…`, read here from the notice's file) must
//! be in the page the browser built, and the browser's screenshot must be a picture.
//! Without Chromium the test fails under `CI=true` (`.ci/run` installs it) and is
//! skipped elsewhere, saying so.

mod scratch;

use scratch::Scratch;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The notice the built-in Hunan policy names.
const NOTICE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/policies/hunan/2025-employment-assistance.notice.txt"
);

/// A scratch folder for one test.
fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("doc-browser-{name}"))
}

/// Whether Chromium is here; under CI it must be.
fn chromium_available() -> bool {
    let found = Path::new(CHROMIUM).is_file();
    assert!(
        found || std::env::var("CI").is_err(),
        "{CHROMIUM} is needed under CI (.ci/run installs it)"
    );
    if !found {
        eprintln!("skipped: {CHROMIUM} is not installed");
    }
    found
}

/// Runs headless Chromium on `page` with `extra` arguments, in a profile of its own;
/// its output. A browser that has not finished after a long while is stopped (a hung
/// browser must not hang the test run), and the test fails.
fn chromium(page: &Path, profile: &Path, extra: &[&str]) -> Output {
    let url = format!("file://{}", page.display());
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    // Its output is read while it runs (a full pipe would stop it).
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
    );
    let status = loop {
        if let Some(status) = child.try_wait().expect("chromium can be waited for") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish with {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: stdout.join().expect("the output is read"),
        stderr: stderr.join().expect("the errors are read"),
    }
}

/// The text of an HTML document: its tags left out, the entities the page writes read.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The heading lines of a notice: a section's (`一、…`) and a sub-clause's (`（一）…`).
fn headings(notice: &str) -> Vec<&str> {
    let numeral = |s: &str| !s.is_empty() && s.chars().all(|c| "一二三四五六七八九十".contains(c));
    notice
        .lines()
        .map(str::trim)
        .filter(|line| {
            let section = line.split_once('、').is_some_and(|(n, _)| numeral(n));
            let sub = line
                .strip_prefix('（')
                .and_then(|l| l.split_once('）'))
                .is_some_and(|(n, _)| numeral(n));
            section || sub
        })
        .collect()
}

#[test]
fn the_hunan_page_shows_every_heading_of_the_notice_in_a_browser() {
    if !chromium_available() {
        return;
    }
    let dir = scratch("hunan");
    // In a folder with no zhengce.toml: the built-in Hunan policy.
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["doc", "-o", "site", "--lang", "zh"])
        .current_dir(&dir)
        .output()
        .expect("zhengce runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("内置政策") || stderr.contains("hunan"), "{stderr}");
    let page = dir.join("site").join("index.html");
    assert!(page.is_file(), "{stderr}");

    let notice = std::fs::read_to_string(NOTICE).expect("the notice's file");
    let headings = headings(&notice);
    assert!(headings.len() > 10, "{headings:?}");

    let dom = chromium(&page, &dir.join("profile-dom"), &["--dump-dom"]);
    let html = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.status.success() && html.contains("</html>"),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let shown = text_of(&html);
    for heading in &headings {
        assert!(shown.contains(heading), "not in the page: {heading}");
    }

    let png = dir.join("page.png");
    let shot = chromium(
        &page,
        &dir.join("profile-shot"),
        &[&format!("--screenshot={}", png.display()), "--window-size=1280,2400"],
    );
    assert!(shot.status.success(), "{}", String::from_utf8_lossy(&shot.stderr));
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    // The header's first chunk gives the size; a page of text is far more than a
    // blank picture's few hundred bytes.
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().expect("four bytes"));
    let height = u32::from_be_bytes(bytes[20..24].try_into().expect("four bytes"));
    assert_eq!((width, height), (1280, 2400));
    assert!(bytes.len() > 50_000, "{} bytes", bytes.len());
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn a_policy_whose_notice_is_missing_gets_a_located_diagnostic() {
    let dir = scratch("missing");
    std::fs::write(
        dir.join("p.policy"),
        "policy \"p\" {\n  title \"t\"\n  source_text \"notice.txt\"\n}\ncategory 1 cites \"一\" \"x\" { when true }\n",
    )
    .expect("a policy");
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["doc", "p.policy", "-o", "site", "--lang", "en"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("zhengce runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("cannot read source text file `notice.txt`"), "{stderr}");
    assert!(stderr.contains("[p.policy:3:15]"), "{stderr}");
    assert!(
        stderr.contains("help: paths in `uses`, `calendar` and `source_text`"),
        "{stderr}"
    );
    assert!(!dir.join("site").exists());
    // A folder that cannot be made is told, not a panic.
    std::fs::write(dir.join("notice.txt"), "一、总则\n").expect("a notice");
    std::fs::write(dir.join("file"), "").expect("a file");
    let out = Command::new(env!("CARGO_BIN_EXE_zhengce"))
        .args(["doc", "p.policy", "-o", "file/site", "--lang", "en"])
        .current_dir(&dir)
        .output()
        .expect("zhengce runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: cannot write file/site: file is a file, not a folder"),
        "{stderr}"
    );
}

//! The hostile inputs: hand-written policies and case files built to break the parser,
//! the checker, the evaluator, the lints or the renderers, each with what it must come
//! to. `tests/robustness.rs` checks that they do; `benches/hostile.rs` times them.

use zhengce::diagnostic::Code;

/// The header of a hostile policy.
pub const HEADER: &str = "policy \"hostile\" {}\n";

/// A case for the hostile policies: they declare no required case field.
pub const CASE: &str = "id: hostile\nas_of: 2025-09-01\n";

/// What a hostile policy must come to.
pub enum Expect {
    /// It checks, and the case is evaluated without an error.
    Loads,
    /// It checks, and evaluating the case gives an `evaluation_failed` (an overflow, a
    /// date outside the calendar) other than the step budget's.
    Fails,
    /// It checks, and evaluating the case stops at the step budget, having taken no
    /// more than `eval::MAX_STEPS` steps.
    OutOfSteps,
    /// It is rejected with an error of this kind (`too_deep`: nested beyond
    /// `ast::MAX_DEPTH`).
    Rejected(Code),
}

/// A policy with one definition `x` of `body`, which the decision shows.
pub fn define(body: &str) -> String {
    format!("{HEADER}define x \"x\" = {body}\ndecision {{ y = x }}\n")
}

/// A policy whose decision shows each expression.
pub fn decision(exprs: &[&str]) -> String {
    let fields: Vec<String> = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| format!("  y{i} = {e}\n"))
        .collect();
    format!("{HEADER}decision {{\n{}}}\n", fields.concat())
}

/// `n` terms joined by an infix operator.
pub fn chain(n: usize, term: &str, op: &str) -> String {
    vec![term; n].join(op)
}

/// `open` n times, `middle`, `close` n times.
pub fn nested(n: usize, open: &str, middle: &str, close: &str) -> String {
    format!("{}{middle}{}", open.repeat(n), close.repeat(n))
}

/// `n` definitions, each using the next; `reversed` declares the last one first.
pub fn definitions_chain(n: usize, reversed: bool) -> String {
    let mut items: Vec<String> = (0..n)
        .map(|i| format!("define d{i} \"d\" = d{} + 1\n", i + 1))
        .collect();
    items.push(format!("define d{n} \"d\" = 1\n"));
    if reversed {
        items.reverse();
    }
    format!("{HEADER}{}decision {{ y = d0 }}\n", items.concat())
}

/// `n` functions, each calling the next.
pub fn functions_chain(n: usize) -> String {
    let items: String = (0..n)
        .map(|i| format!("define f{i}(n: int) \"f\" = f{}(n + 1)\n", i + 1))
        .collect();
    format!("{HEADER}{items}define f{n}(n: int) \"f\" = n\ndecision {{ y = f0(0) }}\n")
}

/// `n` checks, each holding when the next holds.
pub fn rules_chain(n: usize) -> String {
    let items: String = (0..n)
        .map(|i| format!("check c{i} cites \"x\" \"x\" {{ when holds(check c{}) }}\n", i + 1))
        .collect();
    format!("{HEADER}{items}check c{n} cites \"x\" \"x\" {{ when false }}\n")
}

/// `n` tables, each row reading the next table.
pub fn tables_chain(n: usize) -> String {
    let items: String = (0..n)
        .map(|i| format!("table t{i} \"t\" by K {{ a => {{ v: t{}[K::a].v }} }}\n", i + 1))
        .collect();
    format!(
        "{HEADER}enum K \"k\" {{ a \"a\" }}\n{items}table t{n} \"t\" by K {{ a => {{ v: 1 }} }}\n\
         decision {{ y = t0[K::a].v }}\n"
    )
}

/// `tiers` tier rules over `fields` optional yes/no case fields.
pub fn many_tiers(tiers: usize, fields: usize) -> String {
    let schema: String = (0..fields).map(|i| format!("  b{i}: bool? \"b\"\n")).collect();
    let rules: String = (0..tiers)
        .map(|i| format!("tier {i} cites \"x\" \"x\" {{ when b{} }}\n", i % fields))
        .collect();
    format!("{HEADER}case {{\n{schema}}}\n{rules}")
}

/// Hand-written policies built to break the parser, the checker, the evaluator or the
/// lints, with what each must come to. The `MAX_DEPTH` of the language is 100: the
/// inputs just below it must still work (and fit a 2 MiB thread stack in debug builds).
pub fn hostile_policies() -> Vec<(&'static str, String, Expect)> {
    use Expect::*;
    let months = "months_from_to(1000-01, 9999-12)";
    let cycle = format!(
        "{HEADER}define a \"a\" = b + 1\ndefine b \"b\" = c + 1\ndefine c \"c\" = d + 1\n\
         define d \"d\" = a + 1\ndecision {{ y = a }}\n"
    );
    vec![
        // Nesting, far beyond the limit.
        ("5000 `(`", define(&"(".repeat(5000)), Rejected(Code::TooDeep)),
        (
            "5000 nested parentheses",
            define(&nested(5000, "(", "true", ")")),
            Rejected(Code::TooDeep),
        ),
        (
            "300 nested parentheses",
            define(&nested(300, "(", "true", ")")),
            Rejected(Code::TooDeep),
        ),
        (
            "5000 nested lists",
            define(&nested(5000, "[", "1", "]")),
            Rejected(Code::TooDeep),
        ),
        (
            "5000 nested records",
            define(&nested(5000, "{ a: ", "1", " }")),
            Rejected(Code::TooDeep),
        ),
        (
            "5000 nested calls",
            define(&nested(5000, "length(", "\"\"", ")")),
            Rejected(Code::TooDeep),
        ),
        (
            "5000 nested aggregations",
            define(&nested(5000, "count(x in [", "1", "])")),
            Rejected(Code::TooDeep),
        ),
        (
            "5000 nested `if`s",
            define(&nested(5000, "if true then ", "true", " else false")),
            Rejected(Code::TooDeep),
        ),
        (
            "5000 nested case records",
            format!(
                "{HEADER}case {{\n{}}}\n",
                nested(5000, "r \"r\" {\n", "a: int? \"a\"\n", "}\n")
            ),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 `and` terms",
            define(&chain(10000, "true", " and ")),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 `or` terms",
            define(&chain(10000, "true", " or ")),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 `+` terms",
            define(&chain(10000, "1", " + ")),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 `not`",
            define(&format!("{}true", "not ".repeat(10000))),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 unary minus",
            define(&format!("{}1", "- ".repeat(10000))),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 units",
            define(&format!("1{}", " months".repeat(10000))),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 field accesses",
            define(&format!("{{ a: 1 }}{}", ".a".repeat(10000))),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 index accesses",
            define(&format!("[1]{}", "[0]".repeat(10000))),
            Rejected(Code::TooDeep),
        ),
        (
            "10000 `is absent`",
            define(&format!("1{}", " is absent".repeat(10000))),
            Rejected(Code::TooDeep),
        ),
        // 1000 is far enough: without the limit, each of these chains overflows a 2 MiB
        // stack in a debug build (300 do not, for the chain declared last first).
        (
            "1000 definitions in a chain",
            definitions_chain(1000, false),
            Rejected(Code::TooDeep),
        ),
        (
            "1000 definitions in a chain, the last declared first",
            definitions_chain(1000, true),
            Rejected(Code::TooDeep),
        ),
        (
            "1000 functions in a chain",
            functions_chain(1000),
            Rejected(Code::TooDeep),
        ),
        ("1000 rules in a chain", rules_chain(1000), Rejected(Code::TooDeep)),
        ("300 tables in a chain", tables_chain(300), Rejected(Code::TooDeep)),
        // Nesting just below the limit still works.
        ("95 nested parentheses", define(&nested(95, "(", "true", ")")), Loads),
        ("90 `and` terms", define(&chain(90, "true", " and ")), Loads),
        ("90 `+` terms", define(&chain(90, "1", " + ")), Loads),
        ("90 `not`", define(&format!("{}true", "not ".repeat(90))), Loads),
        (
            "45 nested `if`s",
            define(&nested(45, "if true then ", "true", " else false")),
            Loads,
        ),
        (
            "45 nested aggregations",
            define(&nested(45, "count(x in [", "1", "])")),
            Loads,
        ),
        (
            "95 nested sums",
            define(&nested(95, "sum(x in [1] : ", "1", ")")),
            Loads,
        ),
        (
            "95 nested matches",
            format!(
                "{HEADER}enum K \"k\" {{ a \"a\", b \"b\" }}\n{}",
                define(&nested(95, "match K::a { a => ", "1", ", b => 2 }")).trim_start_matches(HEADER)
            ),
            Loads,
        ),
        ("95 nested calls", define(&nested(95, "max(1, ", "1", ")")), Loads),
        (
            "95 nested calls of a function",
            format!(
                "{}define f(n: int) \"f\" = n + 1\n",
                define(&nested(95, "f(", "1", ")"))
            ),
            Loads,
        ),
        ("30 definitions in a chain", definitions_chain(30, false), Loads),
        (
            "30 definitions in a chain, the last declared first",
            definitions_chain(30, true),
            Loads,
        ),
        ("45 functions in a chain", functions_chain(45), Loads),
        ("45 rules in a chain", rules_chain(45), Loads),
        ("30 tables in a chain", tables_chain(30), Loads),
        // Cycles.
        (
            "a definition using itself through three others",
            cycle,
            Rejected(Code::DefinitionCycle),
        ),
        (
            "a table whose row uses the table",
            format!("{HEADER}enum K \"k\" {{ a \"a\" }}\ntable t \"t\" by K {{ a => {{ v: t[K::a].v }} }}\n"),
            Rejected(Code::DefinitionCycle),
        ),
        (
            "two tables using each other",
            format!(
                "{HEADER}enum K \"k\" {{ a \"a\" }}\ntable t \"t\" by K {{ a => {{ v: u[K::a].v }} }}\n\
                 table u \"u\" by K {{ a => {{ v: t[K::a].v }} }}\n"
            ),
            Rejected(Code::DefinitionCycle),
        ),
        // Huge lists and long evaluations.
        ("every month from 1000 to 9999", define(months), Loads),
        (
            "nested counts over every month from 1000 to 9999",
            define(&format!(
                "count(a in {months} where count(b in {months} where a == b) > 0)"
            )),
            OutOfSteps,
        ),
        (
            "four thousand million months",
            define("months_from_to(1000-01 - 2000000000 months, 9999-12 + 2000000000 months)"),
            OutOfSteps,
        ),
        (
            "months covered by a range of four thousand million months",
            define("months_covered(m in [2025-01] : m - 2000000000 months .. m + 2000000000 months)"),
            OutOfSteps,
        ),
        ("1000 tiers over 12 yes/no fields", many_tiers(1000, 12), Loads),
        ("100 tiers over 100 yes/no fields", many_tiers(100, 100), Loads),
        // Arithmetic at the edges: errors or values, never a panic.
        (
            "whole numbers at the edge",
            decision(&[
                "(0 - 9223372036854775807 - 1) div (0 - 1)",
                "9223372036854775807 * 2",
                "9223372036854775807 + 1",
                "0 - 9223372036854775807 - 2",
                "- (0 - 9223372036854775807 - 1)",
                "1 div 0",
                "((0 - 9223372036854775807 - 1) months) div (0 - 1)",
                "((0 - 9223372036854775807 - 1) months) div ((0 - 1) months)",
                "(9223372036854775807 years) div (1 months)",
                "(1 years) div (0 months)",
                "(9223372036854775807 years) + (1 months)",
                "(9223372036854775807 years) > (1 months)",
            ]),
            Fails,
        ),
        (
            "months at the edge",
            decision(&[
                "last_day(1000-01 + 2147471647 months)",
                "first_day(1000-01 - 2147483647 months)",
                "2025-01 + 9223372036854775807 months",
                "2025-01 - (0 - 9223372036854775807 - 1) months",
                "2025-01 + 9223372036854775807 years",
                "(2025-01 + 2000000000 months) - (2025-01 - 2000000000 months)",
                "month_of(9999-12-31) + 1 months",
            ]),
            Fails,
        ),
        (
            "dates at the edge",
            decision(&[
                "9999-12-31 + 9223372036854775807 days",
                "1000-01-01 - (0 - 9223372036854775807 - 1) days",
                "1000-01-01 - 9223372036854775807 years",
                "9999-12-31 + 9223372036854775807 months",
                "2025-09-01 + 9223372036854775807 working_days",
                "2025-09-01 - (0 - 9223372036854775807 - 1) working_days",
                "2025-09-01 + (0 - 9223372036854775807 - 1) working_days",
                "count_working_days(1000-01-01, 9999-12-31)",
                "count_working_days(2025-01-01, 9999-12-31)",
                "full_years(1000-01-01, 9999-12-31)",
                "full_months(9999-12-31, 1000-01-01)",
                "9999-12-31 - 1000-01-01",
                "is_working_day(9999-12-31)",
            ]),
            Fails,
        ),
        (
            "an integer too large",
            define("9999999999999999999999"),
            Rejected(Code::Syntax),
        ),
        (
            "a date that does not exist",
            define("2025-02-30"),
            Rejected(Code::InvalidDate),
        ),
        ("a long string", define(&format!("\"{}\"", "字".repeat(200_000))), Loads),
        (
            "an error at column 100000",
            define(&format!("{}brith", " ".repeat(100_000))),
            Rejected(Code::UnknownName),
        ),
        (
            "an error on a line of 100000 tabs",
            define(&format!("brith{}", "\t".repeat(100_000))),
            Rejected(Code::UnknownName),
        ),
    ]
}

/// The start of a case the built-in policy evaluates.
pub const CASE_START: &str = "id: hostile\nas_of: 2025-09-01\nperson: { gender: male, birth_date: 1975-03-10 }\n\
                          registration: { unemployed_since: 2025-01-10 }\nemployment: { status: unemployed }\n";

/// A certified case, owed services and subsidies.
pub const CERTIFIED: &str = "id: hostile\nas_of: 2025-09-01\nperson: { gender: male, birth_date: 1975-03-10 }\n\
                         registration: { unemployed_since: 2025-01-10 }\nemployment: { status: flexible, since: 2025-02-01 }\n\
                         certification: { certified_on: 2025-02-01 }\nassessment: { employability: weak }\n";

/// What a hostile case file must come to.
pub enum CaseExpect {
    /// Evaluated, without a YAML syntax error or an evaluation error.
    Evaluated,
    /// A diagnostic of this kind.
    Refused(Code),
    /// Evaluated until the step budget ran out, having taken no more than
    /// `eval::MAX_STEPS` steps.
    OutOfSteps,
}

/// Hand-written case files built to break the loader, the evaluator or the renderers,
/// with what each must come to.
pub fn hostile_cases() -> Vec<(&'static str, String, CaseExpect)> {
    use CaseExpect::*;
    let list = |key: &str, item: &str, n: usize| format!("{key}:\n{}", format!("  - {item}\n").repeat(n));
    let certified_long_ago = "id: hostile\nas_of: 9999-12-31\nperson: { gender: male, birth_date: 1975-03-10 }\n\
                              registration: { unemployed_since: 2025-01-10 }\nemployment: { status: unemployed }\n\
                              certification: { certified_on: 1000-01-01 }\n";
    vec![
        (
            "100000 `[`",
            format!("{CASE_START}services: {}", "[".repeat(100_000)),
            Refused(Code::YamlSyntax),
        ),
        (
            "100000 nested lists",
            format!("{CASE_START}services: {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            Refused(Code::YamlSyntax),
        ),
        (
            "an unknown key at column 100000",
            format!("{CASE_START}household: {{{} urbna: true }}\n", " ".repeat(100_000)),
            Refused(Code::UnknownKey),
        ),
        // A long list that is no more than long: 2000 services go through the same
        // loading and counting as 20000 did, at a tenth of the work.
        (
            "2000 services",
            format!(
                "{CASE_START}{}",
                list("services", "{ date: 2025-03-01, kind: job_posting }", 2000)
            ),
            Evaluated,
        ),
        (
            "certified in the year 1000, evaluated in 9999, with 2000 follow-ups",
            format!(
                "{certified_long_ago}{}",
                list("follow_ups", "{ date: 2025-03-01 }", 2000)
            ),
            // 107,998 owed months, each looked up in the set of follow-up months built
            // once (program::membership): about 674,000 steps, within the budget. Before
            // the set, months × follow-ups ran out of steps.
            Evaluated,
        ),
        (
            "50 subsidies from 1000 to 9999",
            format!(
                "{CERTIFIED}{}",
                list(
                    "subsidies",
                    "{ kind: social_insurance_flexible, from: 1000-01, to: 9999-12 }",
                    50
                )
            ),
            OutOfSteps,
        ),
        (
            "dates at the edges",
            "id: hostile\nas_of: 9999-12-31\nperson: { gender: female, birth_date: 1000-01-01, \
             original_retirement_age: 50, land_lost_on: 9999-12-31, pension_since: 1000-01-01 }\n\
             registration: { unemployed_since: 1000-01-01 }\nemployment: { status: employed, since: 9999-12-31 }\n\
             certification: { certified_on: 9999-12-31 }\n"
                .to_string(),
            Evaluated,
        ),
    ]
}

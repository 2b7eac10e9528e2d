//! Why a test does not pass over the overlay, the per-function table, and the recorded expectations (the file the
//! e2e test holds the suite to, and the README's table made from it).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::execute::Outcome;

/// One test's results side by side.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub function: String,
    pub overlay: Outcome,
    pub native: Outcome,
    /// Why it does not pass over the overlay (None when it passes).
    pub cause: Option<Cause>,
    /// Whether it forks or creates threads, which no single-process, thread-less sandbox can do.
    pub structural: bool,
}

/// Why a test does not pass over the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// It forks: a WASI sandbox has one process.
    NeedsFork,
    /// It creates threads: wasm32-wasip1 has none.
    NeedsThreads,
    /// It replaces its image: nothing to exec in a sandbox.
    NeedsExec,
    /// It relies on alarm(), which the policy leaves as an honest error.
    AlarmNotEmulated,
    /// Native Linux does not pass it either: the test's own assumption.
    FailsNatively,
    /// The base lacks what it uses (its first compile error).
    BaseLacks(String),
    /// It tests a function the base provides and the catalog leaves alone, which fails it (how it ended).
    BaseFails(String),
    /// None of the above: a defect of ours.
    Bug,
}

impl Cause {
    pub fn describe(&self) -> String {
        match self {
            Cause::NeedsFork => "needs fork (a second process)".to_owned(),
            Cause::NeedsThreads => "needs threads".to_owned(),
            Cause::NeedsExec => "needs exec".to_owned(),
            Cause::AlarmNotEmulated => "needs alarm(), an error under this policy".to_owned(),
            Cause::FailsNatively => "fails natively too (the test's own assumption)".to_owned(),
            Cause::BaseLacks(error) => format!("base limitation: {error}"),
            Cause::BaseFails(how) => format!("the base's own function: {how}"),
            Cause::Bug => "bug".to_owned(),
        }
    }

    /// Whether the cause is one a single-process, thread-less sandbox cannot remove.
    pub fn is_structural(&self) -> bool {
        matches!(self, Cause::NeedsFork | Cause::NeedsThreads)
    }
}

/// What a test needs that the sandbox has no answer for, read from its source `text`.
pub fn needs(text: &str) -> Option<Cause> {
    let calls =
        |name: &str| text.match_indices(name).any(|(at, _)| text[at + name.len()..].trim_start().starts_with('('));
    if calls("fork") {
        Some(Cause::NeedsFork)
    } else if calls("pthread_create") {
        Some(Cause::NeedsThreads)
    } else if ["execl", "execv", "execle", "execlp", "execvp"].iter().any(|f| calls(f)) {
        Some(Cause::NeedsExec)
    } else {
        None
    }
}

/// The cause of a test that did not pass over the overlay.
/// `text` is the test's source and `needs` what `needs` found in it; `ours`: whether the catalog provides the
/// function under test (otherwise the base does, untouched).
pub fn cause(
    text: &str,
    needs: Option<Cause>,
    overlay: &Outcome,
    native: &Outcome,
    alarm_emulated: bool,
    ours: bool,
) -> Cause {
    if let Some(structural) = needs {
        return structural;
    }
    if let Outcome::NotBuilt(error) = overlay {
        return Cause::BaseLacks(error.clone());
    }
    if !native.passed() {
        return Cause::FailsNatively;
    }
    if !alarm_emulated && text.contains("alarm(") {
        return Cause::AlarmNotEmulated;
    }
    if !ours {
        return Cause::BaseFails(overlay.describe());
    }
    Cause::Bug
}

/// The expectations file: each test's recorded result over the overlay ("pass" or its cause) and natively.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Expectations {
    pub policy: String,
    pub base: String,
    pub tests: BTreeMap<String, Recorded>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Recorded {
    pub overlay: String,
    pub native: String,
}

pub const PASS: &str = "pass";

impl Expectations {
    pub fn of(rows: &[Row], policy: &str, base: &str) -> Expectations {
        let tests = rows
            .iter()
            .map(|r| {
                let overlay = r.cause.as_ref().map_or(PASS.to_owned(), Cause::describe);
                let native = if r.native.passed() { PASS.to_owned() } else { r.native.describe() };
                (r.id.clone(), Recorded { overlay, native })
            })
            .collect();
        Expectations { policy: policy.to_owned(), base: base.to_owned(), tests }
    }

    pub fn parse(text: &str) -> Result<Expectations> {
        serde_json::from_str(text).context("the posix-suite expectations are not valid JSON")
    }

    pub fn render(&self) -> String {
        serde_json::to_string_pretty(self).expect("expectations serialise") + "\n"
    }

    /// The README's table: per function, overlay passes of all, and native passes; then the totals.
    pub fn table(&self) -> String {
        let mut by_function: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
        for (id, recorded) in &self.tests {
            let function = id.split('/').next().unwrap_or(id);
            let entry = by_function.entry(function).or_default();
            entry.0 += usize::from(recorded.overlay == PASS);
            entry.1 += 1;
            entry.2 += usize::from(recorded.native == PASS);
        }
        let mut s = String::from("| function | overlay pass / tests | native pass |\n|---|---|---|\n");
        for (function, (pass, total, native)) in &by_function {
            writeln!(s, "| `{function}` | {pass} / {total} | {native} |").unwrap();
        }
        let (pass, total, native) = by_function.values().fold((0, 0, 0), |(a, b, c), (x, y, z)| (a + x, b + y, c + z));
        writeln!(s, "| **all** | **{pass} / {total}** | **{native}** |").unwrap();
        s
    }

    /// Each test that does not pass over the overlay, with its cause.
    pub fn not_passing(&self) -> String {
        let mut s = String::new();
        for (id, recorded) in self.tests.iter().filter(|(_, r)| r.overlay != PASS) {
            let native = if recorded.native == PASS { "passes natively".to_owned() } else { recorded.native.clone() };
            writeln!(s, "- `{id}`: {} ({native})", recorded.overlay).unwrap();
        }
        s
    }
}

/// The console report: the table, the tests that do not pass with their causes, and the summary figures.
pub fn summary(rows: &[Row], expectations: &Expectations) -> String {
    let mut s = expectations.table();
    s.push('\n');
    s.push_str(&expectations.not_passing());
    let free: Vec<&Row> = rows.iter().filter(|r| !r.structural).collect();
    let structural = rows.len() - free.len();
    writeln!(
        s,
        "\noverlay: {} of {} pass; of the {} that need neither fork nor threads, {} pass over the overlay and {} natively",
        rows.iter().filter(|r| r.overlay.passed()).count(),
        rows.len(),
        rows.len() - structural,
        free.iter().filter(|r| r.overlay.passed()).count(),
        free.iter().filter(|r| r.native.passed()).count(),
    )
    .unwrap();
    s
}

/// The README's generated section, between these markers.
pub const README_START: &str = "<!-- posix-suite table: generated by `cargo xtask posix-suite --record` from tests/expected/posix-suite.json; do not edit -->";
pub const README_END: &str = "<!-- end of posix-suite table -->";

/// `readme` with its posix-suite section made from `expectations`.
pub fn with_readme_section(readme: &str, expectations: &Expectations) -> Result<String> {
    let (Some(start), Some(end)) = (readme.find(README_START), readme.find(README_END)) else {
        anyhow::bail!("README.md lacks the posix-suite table markers");
    };
    let section = format!(
        "{README_START}\nPolicy `{}`, base {}, each test natively built with gcc and run as an unprivileged user beside it:\n\n{}\nTests that do not pass over the overlay, and why:\n\n{}",
        expectations.policy,
        expectations.base,
        expectations.table(),
        expectations.not_passing()
    );
    Ok(format!("{}{section}{}", &readme[..start], &readme[end..]))
}

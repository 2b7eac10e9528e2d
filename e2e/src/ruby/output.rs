//! Ruby's two test runners' output read into per-file results: `bootstraptest/runner.rb -v` and test-unit's
//! `test/runner.rb -v`, including a run that a trap ended half-way.

use std::collections::{BTreeMap, BTreeSet};

use crate::TestFile;

/// How a test that was running when its file's run ended (a trap) is reported.
pub const RUN_ENDED: &str = "the run ended here, later tests never ran";

/// Results of `bootstraptest/runner.rb -v`: a `#ID file:LINE ` line per assertion ending in `.`
/// (passed) or `F`/`E`, and for failures a `stderr output is not empty` block or a `#=>` line.
pub fn parse_bootstraptest(text: &str) -> BTreeMap<String, TestFile> {
    let mut results: BTreeMap<String, TestFile> = BTreeMap::new();
    let mut ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    let mut want_stderr_line = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            let mut words = rest.splitn(3, ' ');
            if let (Some(id), Some(place), Some(outcome)) = (words.next(), words.next(), words.next()) {
                if id.chars().all(|c| c.is_ascii_digit()) {
                    if let Some((file, _)) =
                        place.rsplit_once(':').filter(|(_, l)| l.chars().all(|c| c.is_ascii_digit()))
                    {
                        let name = format!("{place} #{id}");
                        let result = results.entry(file.to_owned()).or_default();
                        match outcome.trim_start().chars().next() {
                            Some('.') => {
                                result.passed.insert(name);
                                current = None;
                            }
                            Some('F' | 'E') => {
                                result.failed.insert(name.clone(), String::new());
                                ids.insert(id.to_owned(), (file.to_owned(), name.clone()));
                                current = Some((file.to_owned(), name));
                            }
                            _ => {}
                        }
                        continue;
                    }
                }
            }
        }
        if line.contains("stderr output is not empty") {
            want_stderr_line = true;
            continue;
        }
        if let Some((file, name)) = &current {
            let message = results.get_mut(file).and_then(|r| r.failed.get_mut(name));
            if let Some(message) = message.filter(|m| m.is_empty()) {
                if want_stderr_line && !line.trim().is_empty() {
                    *message = line.trim().to_owned();
                    want_stderr_line = false;
                }
            }
        }
    }
    // The error buffer printed at the end: `#ID file:LINE: …` then the source, then `#=> got (expected …)`.
    let mut pending: Option<&(String, String)> = None;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix('#').and_then(|r| r.split(' ').next()).filter(|id| ids.contains_key(*id)) {
            pending = ids.get(id);
        } else if let (Some((file, name)), Some(got)) = (pending, line.trim_start().strip_prefix("#=> ")) {
            if let Some(message) = results.get_mut(file).and_then(|r| r.failed.get_mut(name)).filter(|m| m.is_empty()) {
                *message = format!("got {}", got.trim_end());
            }
            pending = None;
        }
    }
    results
}

/// Results of `test/runner.rb -v --show-skip`: `[ n/N] Class#test = 0.00 s` per test started, then
/// numbered `Failure:`/`Error:`/`Skipped:` blocks naming `Class#test` and what it reported.
pub fn parse_test_unit(text: &str, exit: Option<i32>) -> TestFile {
    let mut started = BTreeSet::new();
    let mut result = TestFile::default();
    let mut lines = text.lines().peekable();
    let mut skipped = BTreeSet::new();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('[').and_then(|r| r.split_once("] ")).map(|(_, r)| r) {
            if let Some((name, _)) = rest.split_once(" = ") {
                started.insert(name.to_owned());
                continue;
            }
        }
        let kind = trimmed
            .split_once(") ")
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            .map(|(_, k)| k);
        if let Some(kind @ ("Failure:" | "Error:" | "Skipped:")) = kind {
            let Some(header) = lines.next() else { break };
            let name = header.split([' ', ':']).next().unwrap_or(header).to_owned();
            let message = lines.peek().map(|l| l.trim().to_owned()).unwrap_or_default();
            if kind == "Skipped:" {
                skipped.insert(name);
            } else {
                result.failed.insert(name, message);
            }
        }
    }
    // No summary line (`N tests, N assertions, …`): the run ended early (a trap), and the test
    // that was running is a failure; the tests after it never ran.
    let finished = text.lines().any(|l| l.contains(" tests, ") && l.contains(" assertions, "));
    let last_started = text
        .lines()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix('[').and_then(|r| r.split_once("] ")).map(|(_, r)| r.to_owned()));
    if !finished {
        if let Some(running) = last_started {
            // The runner's trap message is printed straight after the unfinished test's name.
            let name = running.split("wasi-shim run").next().unwrap_or(&running);
            let name = name.split([' ', '=']).next().unwrap_or(name).to_owned();
            // Ruby's own crash report ("[BUG] try to mark T_NONE object") says more than the trap.
            let why = text
                .lines()
                .find(|l| l.contains("[BUG]"))
                .or_else(|| text.lines().rev().find(|l| l.contains("trapped") || l.contains("wasm trap")))
                .unwrap_or("no summary line")
                .trim()
                .to_owned();
            started.insert(name.clone());
            result.failed.insert(name, format!("{RUN_ENDED}: {why}"));
        }
    }
    result.skipped = skipped.len();
    result.passed = started.into_iter().filter(|t| !result.failed.contains_key(t) && !skipped.contains(t)).collect();
    if result.run() == 0 {
        let why = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("no output").trim().to_owned();
        result.not_run = Some(format!("exit {exit:?}: {why}"));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstraptest_output_gives_passes_and_failures_with_their_cause() {
        let text = "test_io.rb     \n#1 test_io.rb:2 . 1.008\n#4 test_io.rb:45 F 1.010\nstderr output is not empty\n   /src/lib/tmpdir.rb:43:in `tmpdir': could not find a temporary directory (ArgumentError)\n           from x.rb:6:in `<main>'\n#5 test_io.rb:61 F 0.9\ntest_flip.rb   \n#6 test_flip.rb:1 . 1.016\n\nFinished in 2 sec\n\n#5 test_io.rb:61: \n     :ok\n  #=> \"\" (expected \"ok\")  \n";
        let results = parse_bootstraptest(text);
        let io = &results["test_io.rb"];
        assert_eq!(io.passed, BTreeSet::from(["test_io.rb:2 #1".to_owned()]));
        assert_eq!(
            io.failed["test_io.rb:45 #4"],
            "/src/lib/tmpdir.rb:43:in `tmpdir': could not find a temporary directory (ArgumentError)"
        );
        assert_eq!(io.failed["test_io.rb:61 #5"], "got \"\" (expected \"ok\")");
        assert_eq!(results["test_flip.rb"].run(), 1);
    }

    #[test]
    fn test_unit_output_gives_passes_failures_and_skips() {
        let text = "# Running tests:\n\n[1/3] TestEnv#test_a = 0.00 s\n[2/3] TestEnv#test_b = 0.00 s\n[3/3] TestEnv#test_c = 0.01 s\n\n  1) Error:\nTestEnv#test_b:\nErrno::ENOSYS: Function not implemented\n    /src/test/ruby/test_env.rb:1151:in `test_b'\n\n  2) Skipped:\nTestEnv#test_c [/src/test/ruby/test_env.rb:9]:\nno fork\n\n3 tests, 3 assertions, 0 failures, 1 errors, 1 skips\n";
        let result = parse_test_unit(text, Some(1));
        assert_eq!(result.passed, BTreeSet::from(["TestEnv#test_a".to_owned()]));
        assert_eq!(result.failed["TestEnv#test_b"], "Errno::ENOSYS: Function not implemented");
        assert_eq!((result.skipped, result.run()), (1, 3));
        assert!(result.not_run.is_none());
    }

    #[test]
    fn a_run_that_traps_fails_the_running_test() {
        let text = "[1/3] TestA#test_a = 0.00 s\n[2/3] TestA#test_b = 0.01 s\n[3/3] TestA#test_mkdir_pwasi-shim run: /x/ruby trapped: error while executing\n    wasm trap: wasm `unreachable` instruction executed\n";
        let result = parse_test_unit(text, Some(134));
        assert_eq!(result.passed.len(), 2);
        assert!(result.failed["TestA#test_mkdir_p"].starts_with("the run ended here"), "{:?}", result.failed);
    }

    #[test]
    fn a_test_file_that_cannot_load_is_not_run() {
        let result = parse_test_unit(
            "/src/test/ruby/test_file.rb: cannot load such file -- -test-/file\n0 tests, 0 assertions\n",
            Some(1),
        );
        assert_eq!(
            result.not_run.as_deref(),
            Some("exit Some(1): /src/test/ruby/test_file.rb: cannot load such file -- -test-/file")
        );
    }
}

//! The Open POSIX Test Suite as upstream wasi-libc vendors it: extracted once from the snapshot into the cache,
//! and the conformance tests of the functions asked for.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use wasi_shim::provision::{cache_dir, locked, unpack_beside};

/// Where the suite lives inside a wasi-libc tree.
const SUITE: &str = "test/open-posix-test-suite";

/// One conformance test: `function/N-M`, and its source.
#[derive(Debug, Clone)]
pub struct TestCase {
    pub function: String,
    pub name: String,
    pub source: PathBuf,
}

impl TestCase {
    /// `function/N-M`, as the suite's own logs name it.
    pub fn id(&self) -> String {
        format!("{}/{}", self.function, self.name)
    }

    /// The test's source text (for what it needs: fork, threads, exec, alarm).
    pub fn text(&self) -> String {
        std::fs::read_to_string(&self.source).unwrap_or_default()
    }
}

/// The suite's directory (holding `include/` and `conformance/interfaces/`), extracted from `tarball` (a
/// `git archive` of wasi-libc) into the cache on first use.
pub fn extract(tarball: &Path) -> Result<PathBuf> {
    let stem = tarball.file_name().context("the snapshot has a file name")?.to_string_lossy();
    let stem = stem.trim_end_matches(".tar.xz").to_owned();
    let dir = cache_dir().join("posix-suite").join(&stem);
    locked(&format!("posix-suite-{stem}"), || {
        if dir.join("include/posixtest.h").is_file() {
            return Ok(());
        }
        unpack_beside(&dir, |staging| {
            std::fs::create_dir_all(staging)?;
            let status = Command::new("tar")
                .arg("-xJf")
                .arg(tarball)
                .arg("-C")
                .arg(staging)
                .arg("--strip-components=3")
                .arg("--wildcards")
                .arg(format!("*/{SUITE}/include/*"))
                .arg(format!("*/{SUITE}/conformance/interfaces/*"))
                .status()
                .with_context(|| format!("cannot run tar on {}", tarball.display()))?;
            if !status.success() {
                bail!("tar could not extract {SUITE} from {} ({status})", tarball.display());
            }
            Ok(())
        })
    })?;
    Ok(dir)
}

/// The conformance tests (`N-M.c`) of each function in `functions` that the suite has, in order.
pub fn tests(suite: &Path, functions: &[&str]) -> Result<Vec<TestCase>> {
    let mut cases = Vec::new();
    for function in functions {
        let dir = suite.join("conformance/interfaces").join(function);
        if !dir.is_dir() {
            continue;
        }
        // Only the directory's own files: `speculative/` holds tests of behaviour POSIX leaves open.
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot list {}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "c"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|n| is_conformance_test(n))
            .collect();
        names.sort_by_key(|n| order_key(n));
        cases.extend(names.into_iter().map(|name| TestCase {
            function: (*function).to_owned(),
            source: dir.join(format!("{name}.c")),
            name,
        }));
    }
    Ok(cases)
}

/// `N-M`: a test; `N-buildonly` and helpers are not.
fn is_conformance_test(name: &str) -> bool {
    name.split_once('-')
        .is_some_and(|(a, b)| [a, b].iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
}

fn order_key(name: &str) -> (u32, u32) {
    let (a, b) = name.split_once('-').unwrap_or_default();
    (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_numbered_tests_count_and_they_sort_numerically() {
        assert!(super::is_conformance_test("10-1"));
        assert!(!super::is_conformance_test("9-buildonly"));
        assert!(!super::is_conformance_test("helper"));
        assert!(super::order_key("2-1") < super::order_key("10-1"));
    }
}

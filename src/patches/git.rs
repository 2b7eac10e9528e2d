//! The scratch repository the series is committed in, and the untouched tree every state is rendered from.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::Layout;

/// The untouched tree's files that every state is rendered from.
pub(super) struct Pristine {
    root: PathBuf,
    pub(super) layout: Layout,
    /// The file the build system edits start from: the Makefile, or libc-bottom-half/CMakeLists.txt.
    pub(super) build_file: String,
    /// Headers the build removes after copying musl's (`MUSL_OMIT_HEADERS`, or CMake's `REMOVE_ITEM` list).
    pub(super) omitted_headers: BTreeSet<String>,
    /// The check-symbols lists of every triple the areas are built for.
    pub(super) expected: Vec<Expected>,
    /// Symbols check-symbols leaves out of undefined-symbols.txt (CMake trees; none for the Makefile's).
    pub(super) ignored_undefined: Vec<regex::Regex>,
}

/// One `expected/<triple>/` directory of the untouched tree.
pub(super) struct Expected {
    pub(super) triple: String,
    pub(super) defined_symbols: Vec<String>,
    pub(super) undefined_symbols: Vec<String>,
    pub(super) include_all: Vec<String>,
    pub(super) predefined_macros: Vec<String>,
    /// Whether each file ended with a newline (upstream's CMake writes defined-symbols.txt without one).
    pub(super) final_newlines: [bool; 4],
    /// Whether the areas' libraries are built for this triple (their headers are installed for every one).
    pub(super) areas_built: bool,
}

/// The `expected/` files, in the order of `Expected::final_newlines`.
pub(super) const EXPECTED_FILES: [&str; 4] =
    ["defined-symbols.txt", "undefined-symbols.txt", "include-all.c", "predefined-macros.txt"];

/// Whether the areas' libraries are built for `triple`: preview 1 only for now, whose interfaces they call.
fn areas_built_for(triple: &str) -> bool {
    triple == "wasm32-wasi" || triple.starts_with("wasm32-wasip1")
}

impl Expected {
    fn read(dir: &Path, triple: &str) -> Result<Expected> {
        let mut texts = Vec::new();
        for name in EXPECTED_FILES {
            let path = dir.join(triple).join(name);
            texts.push(std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?);
        }
        let lines = |i: usize| texts[i].lines().map(str::to_owned).collect::<Vec<_>>();
        Ok(Expected {
            triple: triple.to_owned(),
            defined_symbols: lines(0),
            undefined_symbols: lines(1),
            include_all: lines(2),
            predefined_macros: lines(3),
            final_newlines: [0, 1, 2, 3].map(|i| texts[i].is_empty() || texts[i].ends_with('\n')),
            areas_built: areas_built_for(triple),
        })
    }
}

impl Pristine {
    pub(super) fn read(root: &Path, layout: Layout) -> Result<Pristine> {
        let (build_path, omitted_from) = match layout {
            Layout::Makefile => ("Makefile", "Makefile"),
            Layout::CMake => ("libc-bottom-half/CMakeLists.txt", "libc-top-half/CMakeLists.txt"),
        };
        let omitted_text = std::fs::read_to_string(root.join(omitted_from))?;
        let ignored_undefined = match layout {
            Layout::Makefile => Vec::new(),
            Layout::CMake => {
                ignored_undefined(&std::fs::read_to_string(root.join("cmake/scripts/run-check-symbols.cmake"))?)?
            }
        };
        let expected_dir = root.join("expected");
        let mut triples: Vec<String> = match layout {
            Layout::Makefile => vec!["wasm32-wasi".to_owned()],
            Layout::CMake => std::fs::read_dir(&expected_dir)
                .with_context(|| format!("cannot list {}", expected_dir.display()))?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect(),
        };
        triples.sort();
        let expected = triples.iter().map(|t| Expected::read(&expected_dir, t)).collect::<Result<Vec<_>>>()?;
        Ok(Pristine {
            root: root.to_path_buf(),
            layout,
            build_file: std::fs::read_to_string(root.join(build_path))?,
            omitted_headers: omitted_headers(&omitted_text, layout),
            expected,
            ignored_undefined,
        })
    }

    /// A file of the untouched tree.
    pub(super) fn file(&self, path: &str) -> Result<String> {
        let full = self.root.join(path);
        std::fs::read_to_string(&full).with_context(|| format!("cannot read {}", full.display()))
    }
}

pub(super) fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status().context("cannot run cp")?;
    if !status.success() {
        bail!("cp -a {} {} failed", from.display(), to.display());
    }
    for leftover in [".git", ".pc"] {
        let _ = std::fs::remove_dir_all(to.join(leftover));
    }
    Ok(())
}

/// git in the scratch repository, isolated from the user's configuration so output is stable.
pub(super) struct Git {
    repo: PathBuf,
}

impl Git {
    /// A repository at `repo` holding a copy of `tree` as its first commit.
    pub(super) fn init_from(tree: &Path, repo: &Path, message: &str) -> Result<Git> {
        copy_tree(tree, repo)?;
        let git = Git { repo: repo.to_path_buf() };
        git.run(&["init", "-q"])?;
        git.run(&["add", "-A"])?;
        git.run(&["commit", "-q", "-m", message])?;
        Ok(git)
    }

    /// Commit everything the working tree now holds.
    pub(super) fn commit_all(&self, message: &str) -> Result<()> {
        self.run(&["add", "-A"])?;
        self.commit(message)
    }

    /// The last `count` commits as patches in `out`, replacing earlier patches there; their file names.
    pub(super) fn format_patches(&self, out: &Path, count: usize) -> Result<Vec<String>> {
        let listing = self.output(
            &["format-patch", "--zero-commit", "--no-signature", "--no-numbered", "-o"],
            &[out],
            &[format!("HEAD~{count}..HEAD")],
        )?;
        let patches: Vec<String> = listing
            .lines()
            .map(|l| Path::new(l.trim()).file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        if patches.len() != count {
            bail!("git format-patch wrote {} patches, expected {count}", patches.len());
        }
        Ok(patches)
    }

    fn command(&self) -> Command {
        let mut c = Command::new("git");
        c.arg("-C")
            .arg(&self.repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "wasi-shim")
            .env("GIT_AUTHOR_EMAIL", "wasi-shim@users.noreply.github.com")
            .env("GIT_COMMITTER_NAME", "wasi-shim")
            .env("GIT_COMMITTER_EMAIL", "wasi-shim@users.noreply.github.com")
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
            .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]);
        c
    }

    fn run(&self, args: &[&str]) -> Result<()> {
        self.output(args, &[], &[]).map(|_| ())
    }

    fn output(&self, args: &[&str], paths: &[&Path], rest: &[String]) -> Result<String> {
        let mut c = self.command();
        c.args(args).args(paths).args(rest);
        let out = c.output().context("cannot run git: install it (apt-get install git)")?;
        if !out.status.success() {
            bail!("git {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn commit(&self, message: &str) -> Result<()> {
        let mut c = self.command();
        c.args(["commit", "-q", "--allow-empty", "-F", "-"]).stdin(std::process::Stdio::piped());
        let mut child = c.spawn().context("cannot run git commit")?;
        std::io::Write::write_all(child.stdin.as_mut().expect("piped"), message.as_bytes())?;
        let status = child.wait()?;
        if !status.success() {
            bail!("git commit failed");
        }
        Ok(())
    }
}

/// The headers every omission block lists: quoted names in `MUSL_OMIT_HEADERS` (the Makefile, up to the end of
/// the `\\`-continued variable) or `musl/include/<name>` lines in `list(REMOVE_ITEM globbed_headers` (CMake, up
/// to the closing `)`; its second block is wasip1's: `netdb.h`).
fn omitted_headers(text: &str, layout: Layout) -> BTreeSet<String> {
    let start = match layout {
        Layout::Makefile => "MUSL_OMIT_HEADERS",
        Layout::CMake => "list(REMOVE_ITEM globbed_headers",
    };
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in text.lines() {
        if line.trim_start().starts_with(start) {
            inside = true;
        }
        if !inside {
            continue;
        }
        for quoted in line.split('"').skip(1).step_by(2) {
            out.insert(quoted.to_owned());
        }
        if let Some(name) = line.trim().strip_prefix("musl/include/") {
            out.insert(name.to_owned());
        }
        let ended = match layout {
            Layout::Makefile => !line.trim_end().ends_with('\\'),
            Layout::CMake => line.trim() == ")",
        };
        if ended {
            inside = false;
        }
    }
    out
}

/// The symbols run-check-symbols.cmake leaves out of undefined-symbols.txt (`NOT symbol MATCHES "^__mul"`,
/// `NOT symbol STREQUAL "__memory_base"` …), read from the script so the series follows the tree's rules.
fn ignored_undefined(script: &str) -> Result<Vec<regex::Regex>> {
    let mut patterns = Vec::new();
    for line in script.lines().map(str::trim) {
        let line = line.trim_start_matches("if(").trim_start_matches("if (");
        let (pattern, exact) = if let Some(rest) = line.strip_prefix("NOT symbol MATCHES \"") {
            (rest, false)
        } else if let Some(rest) = line.strip_prefix("NOT symbol STREQUAL \"") {
            (rest, true)
        } else {
            continue;
        };
        let Some((pattern, _)) = pattern.split_once('"') else { continue };
        let pattern = if exact { format!("^{}$", regex::escape(pattern)) } else { pattern.to_owned() };
        patterns.push(regex::Regex::new(&pattern).with_context(|| format!("run-check-symbols.cmake: `{pattern}`"))?);
    }
    Ok(patterns)
}

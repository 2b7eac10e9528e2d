//! Putting a finished overlay at `--out`: what may be replaced (nothing, an empty directory, or an overlay
//! holding only files of ours), the atomic rename, and the leftovers of builds that were killed.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::{Manifest, MANIFEST};
use crate::codegen::GENERATED_MARKER;

/// Refuse an `--out` whose contents a build would destroy: anything but an empty directory or an overlay
/// whose manifest lists every file in it. Runs before any work, and again just before the rename.
pub(super) fn check_replaceable(out: &Path) -> Result<()> {
    let shown = out.display();
    let metadata = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        other => other.with_context(|| format!("cannot inspect --out {shown}"))?,
    };
    if metadata.file_type().is_symlink() {
        bail!(
            "--out {shown} is a symbolic link; give the directory it points to, or another path (nothing was changed)"
        );
    }
    if !metadata.is_dir() {
        bail!("--out {shown} is a file, not an overlay: choose another path (nothing was changed)");
    }
    if std::fs::read_dir(out).with_context(|| format!("cannot list --out {shown}"))?.next().is_none() {
        return Ok(());
    }
    let Some(manifest) = our_manifest(out) else {
        bail!(
            "--out {shown} is neither empty nor an overlay built by wasi-shim (it has no manifest.toml of ours), \
             so building there would delete its files: choose another path or empty it (nothing was changed)"
        );
    };
    let foreign = foreign_files(out, &manifest)?;
    if !foreign.is_empty() {
        bail!(
            "--out {shown} is an overlay, but holds files wasi-shim did not write ({}): move them out or choose \
             another path (nothing was changed)",
            foreign.join(", ")
        );
    }
    Ok(())
}

/// The manifest of an overlay we built: its first line is our marker and it parses.
fn our_manifest(out: &Path) -> Option<Manifest> {
    let text = read_small(&out.join(MANIFEST)).ok()?;
    text.starts_with(&format!("# {GENERATED_MARKER}\n")).then(|| toml::from_str(&text).ok()).flatten()
}

/// A manifest is a few hundred kilobytes; anything much larger is not one of ours.
fn read_small(path: &Path) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)?.take(16 << 20).read_to_string(&mut text)?;
    Ok(text)
}

/// Files under `out` that its manifest does not list (overlays from before the list are trusted whole).
fn foreign_files(out: &Path, manifest: &Manifest) -> Result<Vec<String>> {
    let Some(listed) = &manifest.files else { return Ok(Vec::new()) };
    let present = crate::files::under(out).with_context(|| format!("cannot list {}", out.display()))?;
    Ok(present
        .iter()
        .filter_map(|p| p.strip_prefix(out).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p != MANIFEST && !listed.contains(p))
        .take(5)
        .collect())
}

/// What a build of `out` names its temporary directories: `.<name>.staging-<pid>-…` beside it, and
/// `wasi-shim-build-<pid>-…` in the system's temporary directory; the pid lets a later build tell a
/// killed build's leftovers from a running one's.
pub(super) fn staging_prefix(name: &str) -> String {
    format!(".{name}.staging-{}-", std::process::id())
}

pub(super) fn work_prefix() -> String {
    format!("wasi-shim-build-{}-", std::process::id())
}

/// Remove what builds of `out` that were killed (SIGKILL, power loss) left behind.
pub(super) fn remove_stale(parent: &Path, name: &str) {
    let ours = [format!(".{name}.staging-"), format!(".{name}.old-")];
    remove_dead(parent, &ours);
    remove_dead(&std::env::temp_dir(), &["wasi-shim-build-".to_owned()]);
}

/// Directories in `dir` named `<prefix><pid>-…` (or `<prefix><pid>`) whose process is gone.
fn remove_dead(dir: &Path, prefixes: &[String]) {
    // Without /proc nothing tells a dead build from a running one: leave everything.
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = prefixes.iter().find_map(|p| name.strip_prefix(p.as_str())) else { continue };
        let pid = rest.split('-').next().unwrap_or_default();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && !process_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: &str) -> bool {
    Path::new("/proc").join(pid).exists()
}

/// Move the finished staging directory to `out`, replacing what was there only once everything is written.
pub(super) fn install(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    // Checked again: something may have appeared at `out` while the overlay was built.
    check_replaceable(out)?;
    let staged = staging.keep();
    let result = replace(&staged, out);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    result
}

fn replace(staged: &Path, out: &Path) -> Result<()> {
    let previous = match std::fs::symlink_metadata(out) {
        Ok(_) if our_manifest(out).is_some() => Some(aside(out)?),
        // An empty directory: rename(2) replaces it.
        Ok(_) | Err(_) => None,
    };
    if let Err(e) = std::fs::rename(staged, out) {
        if let Some(previous) = &previous {
            let _ = std::fs::rename(previous, out);
        }
        return Err(e).with_context(|| format!("cannot move the new overlay into {}", out.display()));
    }
    if let Some(previous) = previous {
        // Every file in it was listed by its manifest (check_replaceable): all of it is ours to remove.
        std::fs::remove_dir_all(&previous)
            .with_context(|| format!("cannot remove the previous overlay at {}", previous.display()))?;
    }
    Ok(())
}

/// Rename the previous overlay out of the way, beside it.
fn aside(out: &Path) -> Result<PathBuf> {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let old = out.with_file_name(format!(".{name}.old-{}", std::process::id()));
    std::fs::rename(out, &old).with_context(|| format!("cannot move the previous overlay {} aside", out.display()))?;
    Ok(old)
}

//! The one directory walker: the files under a directory (all, or those with a given extension), recursively, sorted.
//!
//! `build.rs` compiles this file too (`#[path]`), so the embedded tables and the `--shims` reader see the same files.

use std::path::{Path, PathBuf};

/// Every file under `dir` whose name ends in `.<ext>`, at any depth, sorted by path.
pub fn with_extension(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut found = under(dir)?;
    found.retain(|path| path.extension().is_some_and(|x| x == ext));
    Ok(found)
}

/// Every file under `dir`, at any depth, sorted by path (component by component, so a directory's files stay
/// together).
pub fn under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    walk(dir, &mut found)?;
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

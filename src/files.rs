//! The one directory walker: files under a directory with a given extension, recursively, sorted.
//!
//! `build.rs` compiles this file too (`#[path]`), so the embedded tables and the `--shims` reader see the same files.

use std::path::{Path, PathBuf};

/// Every file under `dir` whose name ends in `.<ext>`, at any depth, sorted by path.
pub fn with_extension(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    walk(dir, ext, &mut found)?;
    found.sort();
    Ok(found)
}

fn walk(dir: &Path, ext: &str, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, ext, found)?;
        } else if path.extension().is_some_and(|x| x == ext) {
            found.push(path);
        }
    }
    Ok(())
}

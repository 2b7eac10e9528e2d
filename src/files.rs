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

/// Symbolic links are listed, never followed, so a link cannot lead the walk in a circle or out of `dir`.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

/// The bytes of `path`, which must be a regular file (checked before it is opened, so a FIFO cannot block
/// and a device cannot stream forever) of at most `max` bytes.
pub fn read_regular(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, Read};
    if !std::fs::metadata(path)?.is_file() {
        return Err(Error::other("it is not a regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(Error::other(format!("it is larger than {} MiB", max >> 20)));
    }
    Ok(bytes)
}

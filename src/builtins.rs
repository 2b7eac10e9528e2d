//! clang's wasm32 builtins where a link for the sysroot's triple looks for them.
//!
//! Debian's `libclang-rt-19-dev-wasm32` ships `libclang_rt.builtins-wasm32.a` for `--target=wasm32-wasi` only,
//! so linking anything for an upstream `wasm32-wasip1` sysroot fails with "cannot open
//! .../lib/wasm32-unknown-wasip1/libclang_rt.builtins.a". Upstream wasi-libc's own build meets the same gap
//! with a resource directory of its own (`cmake/builtins.cmake`); so does this: a copy of clang's resource
//! directory made of symbolic links, once per clang, with the same archive also where the triple looks.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::provision::{cache_dir, locked, unpack_beside};

/// `-resource-dir` for `clang` linking for `triple`, when its own lacks the builtins there but has them for
/// `wasm32-wasi`; `None` when the compiler's own directory serves (wasi-sdk, the Debian triple).
pub fn resource_dir(clang: &Path, triple: &str) -> Result<Option<PathBuf>> {
    // The usual case (wasi-sdk, Debian's own triple) ends here, after one question to clang.
    let Some(wanted) = clang_prints(clang, &[&format!("--target={triple}"), "-print-libgcc-file-name"])
        .filter(|wanted| !wanted.is_file())
    else {
        return Ok(None);
    };
    let builtins = clang_prints(clang, &["--target=wasm32-wasi", "-print-libgcc-file-name"]);
    let (Some(builtins), Some(real)) =
        (builtins.filter(|b| b.is_file()), clang_prints(clang, &["-print-resource-dir"]))
    else {
        return Ok(None);
    };
    let Ok(relative) = wanted.strip_prefix(&real) else { return Ok(None) };
    let name = format!("{}-{}", clang.file_name().unwrap_or_default().to_string_lossy(), triple);
    let dir = cache_dir().join("clang-resource").join(name);
    let path: Vec<OsString> = relative.iter().map(|c| c.to_os_string()).collect();
    locked("clang-resource", || {
        if !dir.join(relative).is_file() {
            unpack_beside(&dir, |staging| mirror(&real, staging, &path, &builtins))?;
        }
        Ok(())
    })?;
    Ok(Some(dir))
}

/// What `clang args` prints (`-print-libgcc-file-name`, `-print-resource-dir`), as a path.
pub fn clang_prints(clang: &Path, args: &[&str]) -> Option<PathBuf> {
    let output = Command::new(clang).args(args).output().ok().filter(|o| o.status.success())?;
    Some(PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}

/// `dir` made into `real` in symbolic links, except along `path`, whose directories are made and whose last
/// component links to `file`.
fn mirror(real: &Path, dir: &Path, path: &[OsString], file: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for entry in std::fs::read_dir(real).into_iter().flatten().flatten() {
        let name = entry.file_name();
        if path.first() != Some(&name) {
            symlink(&entry.path(), &dir.join(&name))?;
        }
    }
    match path {
        [last] => symlink(file, &dir.join(last)),
        [next, rest @ ..] => mirror(&real.join(next), &dir.join(next), rest, file),
        [] => Ok(()),
    }
}

fn symlink(target: &Path, link: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, link)
        .with_context(|| format!("cannot link {} to {}", link.display(), target.display()))
}

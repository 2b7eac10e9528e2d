//! Build outputs the tests reuse between runs (overlays, guest modules), each kept beside a stamp holding the
//! SHA-256 of everything that went into it, so a warm `cargo test -p wasi-shim` rebuilds only what changed.
//!
//! Only builds are reused, never results: every guest still runs, every assertion is still checked.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// A fingerprint of the product code itself: every source the `wasi-shim` library is built from (its Rust, the
/// shim sources and catalog it embeds, the presets, the build script and the locked dependencies). Sources rather
/// than the built binary, whose bytes also change with the environment cargo happens to build it in.
pub fn product_fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let root = crate::root();
        let listed = |dir: &str, ext: &str| {
            wasi_shim::files::with_extension(&root.join(dir), ext).unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        };
        let mut sources = vec![root.join("build.rs"), root.join("Cargo.toml"), root.join("Cargo.lock")];
        for (dir, ext) in [("src", "rs"), ("shims", "c"), ("shims", "h"), ("shims", "toml"), ("policy", "toml")] {
            sources.extend(listed(dir, ext));
        }
        sources.into_iter().fold(Inputs::default(), |inputs, path| inputs.file(&path)).key()
    })
}

/// A key made of named parts; the names keep two parts from being mistaken for one.
#[derive(Default)]
pub struct Inputs(Sha256);

impl Inputs {
    pub fn text(mut self, name: &str, value: &str) -> Self {
        for part in [name, value] {
            self.0.update((part.len() as u64).to_le_bytes());
            self.0.update(part.as_bytes());
        }
        self
    }

    /// A file's whole contents (a missing file counts as empty: its absence is then the input).
    pub fn file(self, path: &Path) -> Self {
        let contents = std::fs::read(path).unwrap_or_default();
        self.text(&path.display().to_string(), &hex(&Sha256::digest(contents)))
    }

    pub fn key(self) -> String {
        hex(&self.0.finalize())
    }
}

/// The stamp recording which inputs built `output`.
fn stamp(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".inputs");
    output.with_file_name(name)
}

/// Whether `output` exists and was built from exactly `key`, as its stamp beside it records.
pub fn is_fresh(output: &Path, key: &str) -> bool {
    is_current(output, &stamp(output), key)
}

/// Whether `artifact` exists and was built from inputs whose key `stamp` records.
pub fn is_current(artifact: &Path, stamp: &Path, key: &str) -> bool {
    artifact.exists() && std::fs::read_to_string(stamp).is_ok_and(|k| k == key)
}

/// A content hash of files (directories walked in path order): the key of a cached interpreter build.
pub fn content_hash(paths: &[&Path]) -> anyhow::Result<String> {
    use anyhow::Context;
    let mut hasher = Sha256::new();
    for path in paths {
        let files = if path.is_dir() { wasi_shim::files::under(path)? } else { vec![path.to_path_buf()] };
        for file in files.iter().filter(|f| f.is_file()) {
            hasher.update(file.to_string_lossy().as_bytes());
            hasher.update(std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?);
        }
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Record that `output` was built from `key` (after the build succeeded, so a failed build is never reused).
pub fn mark_built(output: &Path, key: &str) {
    std::fs::write(stamp(output), key)
        .unwrap_or_else(|e| panic!("cannot write the stamp of {}: {e}", output.display()));
}

/// Forget `output`'s inputs before rebuilding it, so a build interrupted half-way is never taken for fresh.
pub fn forget(output: &Path) {
    let _ = std::fs::remove_file(stamp(output));
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

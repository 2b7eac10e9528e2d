//! Whether the overlay at `--out` was built from the same inputs, so a build with nothing changed returns at
//! once instead of compiling and checking the archive again (issue 14: under half a second).
//!
//! The inputs are hashed without running a tool: the shims' texts, the resolved policy, the toolchain as
//! discovered, the identity (size and modification time) of the base sysroot's libraries, of clang and of the
//! program doing the build, and the `--out` path the scripts embed (the compile takes no flags from the
//! environment). The overlay counts as intact when every file its manifest lists is there and none was
//! changed after the manifest was written.

use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::{read_manifest, MANIFEST};
use crate::policy::Policy;
use crate::shims::Shims;
use crate::toolchain::Toolchain;

/// The key of everything a build at `out` is made from.
pub fn inputs_key(shims: &Shims, policy: &Policy, toolchain: &Toolchain, out: &Path) -> String {
    let mut hash = Sha256::new();
    let mut add = |label: &str, value: &[u8]| {
        hash.update((label.len() as u64).to_le_bytes());
        hash.update(label.as_bytes());
        hash.update((value.len() as u64).to_le_bytes());
        hash.update(value);
    };
    add("version", env!("CARGO_PKG_VERSION").as_bytes());
    add("program", identity(&std::env::current_exe().unwrap_or_default()).as_bytes());
    for (name, text) in shims.c_sources.iter().chain(&shims.c_headers).chain(&shims.public_headers) {
        add(name, text.as_bytes());
    }
    add("catalog", format!("{:?}", shims.catalog).as_bytes());
    add("recipes", format!("{:?}", shims.recipes).as_bytes());
    add("policy", policy.hash.as_bytes());
    add("toolchain", format!("{toolchain:?}").as_bytes());
    add("clang", identity(&toolchain.clang).as_bytes());
    let mut libraries: Vec<_> = std::fs::read_dir(toolchain.sysroot_lib())
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    libraries.sort();
    for library in libraries {
        add(&library.to_string_lossy(), identity(&library).as_bytes());
    }
    add("out", std::path::absolute(out).unwrap_or_default().to_string_lossy().as_bytes());
    format!("{:x}", hash.finalize())
}

/// Size and modification time of the file a path names (symbolic links followed), or what made them unknown.
fn identity(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) => format!("{} {:?}", m.len(), m.modified().ok()),
        Err(e) => format!("unreadable: {e}"),
    }
}

/// Whether `out` holds an intact overlay built from inputs with this `key`.
pub fn is_current(out: &Path, key: &str) -> bool {
    let Ok(manifest) = read_manifest(out) else { return false };
    let (Some(inputs), Some(files)) = (&manifest.inputs, &manifest.files) else { return false };
    let Some(written) = modified(&out.join(MANIFEST)) else { return false };
    inputs == key && files.iter().all(|f| modified(&out.join(f)).is_some_and(|m| m <= written))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::symlink_metadata(path).and_then(|m| m.modified()).ok()
}

//! Rust's `wasm32-wasip1` target as a base: the wasi-libc that rustc bundles (`self-contained/libc.a`) under a
//! C sysroot's headers, and the link settings that put `libwasi-shim.a` into a Rust program.
//!
//! rustc links its own copy of wasi-libc, not the sysroot an overlay sits on, and it ships no opt-in emulation
//! libraries. So the base a Rust overlay is planned over is assembled from parts: headers from the C toolchain
//! (Debian's wasi-libc by default), `libc.a` and the start files from rustc, and the C sysroot's
//! `libwasi-emulated-*.a` that the overlay's headers switch on. The link plan (`base::plan_links`) then sees
//! exactly what a Rust link contains.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::base::HEADER_ENABLED_EMULATIONS;
use crate::overlay::{read_manifest, LIBRARY};
use crate::provision::unpack_beside;
use crate::toolchain::{self, BaseRelease, Toolchain};

/// The Rust target this module serves.
pub const TARGET: &str = "wasm32-wasip1";

/// Where `wasi-shim env` writes its overlay when `--out` is not given (relative to the current directory).
pub const DEFAULT_OUT: &str = "target/wasi-shim/rust-overlay";

/// The triple directories a Rust sysroot has: clang's own name for the overlay's compiles, and the one the
/// `cc` crate passes (`--target=wasm32-wasip1`) when a `-sys` crate compiles through the overlay's wrapper.
const TRIPLES: &[&str] = &["wasm32-wasi", "wasm32-wasip1"];

/// What rustc links from its own copy of wasi-libc.
const BUNDLED: &[&str] = &["libc.a", "crt1-command.o", "crt1-reactor.o"];

/// rustc's bundled wasi-libc directory for [`TARGET`] (`…/lib/rustlib/wasm32-wasip1/lib/self-contained`).
pub fn bundled_libc(rustc: &Path) -> Result<PathBuf> {
    let output = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", TARGET])
        .output()
        .with_context(|| format!("cannot run {}", rustc.display()))?;
    if !output.status.success() {
        bail!("{} --print target-libdir failed: {}", rustc.display(), String::from_utf8_lossy(&output.stderr));
    }
    let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()).join("self-contained");
    if !dir.join("libc.a").is_file() {
        bail!(
            "rustc's {TARGET} standard library is not installed (no {}): install it with\n  rustup target add {TARGET}",
            dir.join("libc.a").display()
        );
    }
    Ok(dir)
}

/// The sysroot at `at`: `c`'s headers, `bundled`'s libc and start files, `c`'s header-enabled emulation
/// libraries; every entry a symbolic link, rebuilt whole (beside, then renamed) so it is never half made.
pub fn assemble_sysroot(c: &Toolchain, bundled: &Path, at: &Path) -> Result<()> {
    let parent = at.parent().context("a Rust sysroot needs a parent directory")?;
    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    unpack_beside(at, |staging| {
        for triple in TRIPLES {
            let include = staging.join("include");
            std::fs::create_dir_all(&include)?;
            symlink(&c.sysroot_include(), &include.join(triple))?;
            let lib = staging.join("lib").join(triple);
            std::fs::create_dir_all(&lib)?;
            for file in BUNDLED {
                symlink(&bundled.join(file), &lib.join(file))?;
            }
            for emulation in HEADER_ENABLED_EMULATIONS {
                let library = c.sysroot_lib().join(emulation);
                if library.is_file() {
                    symlink(&library, &lib.join(emulation))?;
                }
            }
        }
        Ok(())
    })
}

fn symlink(target: &Path, link: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, link)
        .with_context(|| format!("cannot link {} to {}", link.display(), target.display()))
}

/// A toolchain over the Rust sysroot assembled at `at` from `bundled` (rustc's, as [`bundled_libc`] finds it):
/// clang and headers provisioned as `wasi-shim build` provisions them (`release`'s wasi-libc unless
/// `WASI_SDK_PATH` or `WASI_SYSROOT` says otherwise).
pub fn toolchain(bundled: &Path, release: BaseRelease, at: &Path) -> Result<Toolchain> {
    let c = toolchain::discover_or_provision(release, crate::target::Target::Wasip1)?;
    // Two builds assembling the same directory take turns (the second replaces it with the same links).
    crate::provision::locked("rust-sysroot", || assemble_sysroot(&c, bundled, at))?;
    toolchain::over_sysroot(
        at.to_path_buf(),
        crate::target::Target::Wasip1,
        format!("rustc's bundled wasi-libc ({}) under the headers of {}", bundled.display(), c.found_by),
    )
}

/// Where `wasi-shim env` assembles the Rust sysroot of the rustc whose bundled libc is `bundled`.
pub fn cached_sysroot(bundled: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let key = format!("{:x}", Sha256::digest(bundled.to_string_lossy().as_bytes()));
    toolchain::cache_dir().join("rust-sysroot").join(&key[..16])
}

/// The rustc cargo would run: `RUSTC`, or `rustc` from PATH.
pub fn rustc() -> PathBuf {
    std::env::var_os("RUSTC").filter(|r| !r.is_empty()).map_or_else(|| PathBuf::from("rustc"), PathBuf::from)
}

/// The variables that make cargo's C builds for [`TARGET`] compile over `overlay` (the `cc` crate reads
/// `CC_<target>`, `AR_<target>` and `CFLAGS_<target>`, bindgen `BINDGEN_EXTRA_CLANG_ARGS_<target>`) and its
/// links take the shims (`CARGO_TARGET_<TARGET>_RUSTFLAGS`), in the order to print them. Values are split at
/// whitespace by their readers, so a path with a space in it is refused.
pub fn environment(overlay: &Path, toolchain: &Toolchain, link: &RustLink) -> Result<Vec<(String, String)>> {
    let suffix = TARGET.replace('-', "_");
    let mut cflags = toolchain.target_flags();
    cflags.extend(["-isystem".to_owned(), overlay.join("include").display().to_string()]);
    // cargo and the cc crate split these variables at whitespace, with no quoting.
    let cflags = cflags.join(" ");
    let variables = vec![
        (format!("CC_{suffix}"), overlay.join("bin/wasm32-wasi-clang").display().to_string()),
        (format!("CXX_{suffix}"), overlay.join("bin/wasm32-wasi-clang++").display().to_string()),
        (format!("AR_{suffix}"), toolchain.ar.display().to_string()),
        (format!("CFLAGS_{suffix}"), cflags.clone()),
        // wasm32 declarations are hidden by default, and bindgen leaves hidden functions out.
        (format!("BINDGEN_EXTRA_CLANG_ARGS_{suffix}"), format!("{cflags} -fvisibility=default")),
        (format!("CARGO_TARGET_{}_RUSTFLAGS", suffix.to_uppercase()), link.rustflags().join(" ")),
    ];
    let paths =
        [overlay, &toolchain.sysroot, &toolchain.ar].into_iter().chain(link.search.iter().map(PathBuf::as_path));
    if let Some(path) =
        paths.chain(toolchain.resource_dir.as_deref()).find(|p| p.to_string_lossy().contains(char::is_whitespace))
    {
        bail!("{} has whitespace in it, which cargo and the cc crate would split the variables at: choose another --out or cache directory", path.display());
    }
    Ok(variables)
}

/// What `wasi-shim-sys` generates Rust declarations for: the catalog's functions (with wasi-libc's `SIG_IGN`
/// and `SIG_ERR`, which are the addresses of functions ours define), the headers that declare them, and the
/// constants their arguments and results take (as regular expressions over macro names).
pub struct BindingSpec {
    pub headers: Vec<String>,
    pub functions: Vec<String>,
    /// Families of constants, as patterns.
    pub constants: Vec<String>,
    /// Every errno a catalog row names.
    pub errnos: Vec<String>,
}

/// Families of constants the catalog's functions take or return, named as `<signal.h>`, `<sys/resource.h>`,
/// `<fcntl.h>`, `<syslog.h>`, `<sys/mman.h>`, `<sys/wait.h>` and `<termios.h>` name them.
const CONSTANT_FAMILIES: &[&str] = &[
    "SIG[A-Z0-9]+",
    "SA_[A-Z]+",
    "SS_[A-Z]+",
    "SI_[A-Z]+",
    "MINSIGSTKSZ",
    "NSIG",
    "_NSIG",
    "RLIMIT_[A-Z_]+",
    "RLIM_[A-Z_]+",
    "RUSAGE_[A-Z]+",
    "PRIO_[A-Z]+",
    "LOG_[A-Z0-9]+",
    "F_[A-Z_]*LK[A-Z]*",
    "F_(RD|WR|UN)LCK",
    "F_(LOCK|TLOCK|ULOCK|TEST)",
    "LOCK_(SH|EX|NB|UN)",
    "W(NOHANG|UNTRACED|CONTINUED)",
    "MCL_[A-Z]+",
    "MADV_[A-Z]+",
    "POSIX_MADV_[A-Z]+",
    "PROT_[A-Z]+",
    "MS_[A-Z]+",
    "MFD_[A-Z_]+",
    "TC[A-Z]+",
    // What the `_r` lookups return when the caller's buffer is too small.
    "ERANGE",
];

impl BindingSpec {
    pub fn of(catalog: &crate::catalog::Catalog) -> BindingSpec {
        let mut headers: Vec<String> = catalog.functions.iter().map(|f| f.header.clone()).collect();
        headers.sort();
        headers.dedup();
        let functions =
            catalog.functions.iter().map(|f| f.name.clone()).chain(["__SIG_IGN".into(), "__SIG_ERR".into()]);
        let mut errnos: Vec<String> = catalog.functions.iter().flat_map(|f| f.errnos.iter().cloned()).collect();
        errnos.sort();
        errnos.dedup();
        BindingSpec {
            headers,
            functions: functions.collect(),
            constants: CONSTANT_FAMILIES.iter().map(|c| (*c).to_owned()).collect(),
            errnos,
        }
    }

    /// The C text bindgen parses: one `#include` per header.
    pub fn header_text(&self) -> String {
        self.headers.iter().map(|h| format!("#include <{h}>\n")).collect()
    }

    /// The allowlist of constants: the families and the errnos.
    pub fn constant_pattern(&self) -> String {
        Self::pattern(&[self.constants.as_slice(), self.errnos.as_slice()].concat())
    }

    /// Rust source of `errno_name`, which names the errnos the catalog names (from the generated constants).
    pub fn errno_names_source(&self) -> String {
        let entries: String = self.errnos.iter().map(|e| format!("    ({e}, \"{e}\"),\n")).collect();
        format!(
            "/// The errno values the catalog names, with their names.\npub const ERRNO_NAMES: &[(u32, &str)] = &[\n{entries}];\n"
        )
    }

    /// One anchored alternation of `names`, as bindgen's allowlists take it.
    pub fn pattern(names: &[String]) -> String {
        format!("^({})$", names.join("|"))
    }
}

/// How a Rust program links an overlay built over a Rust sysroot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustLink {
    /// Directories searched for the libraries below: the overlay's and the Rust sysroot's.
    pub search: Vec<PathBuf>,
    /// Static libraries, in link order: `wasi-shim`, then the emulation libraries ours replace members of.
    pub libraries: Vec<String>,
    /// Functions linked through `--wrap` (a linker argument, which cargo takes only from the program's own
    /// configuration, never from a dependency's build script).
    pub wraps: Vec<String>,
}

impl RustLink {
    /// The link settings an overlay's manifest records.
    pub fn of_overlay(overlay: &Path) -> Result<RustLink> {
        let manifest = read_manifest(overlay)?;
        let triple = &manifest.base.triple;
        let library = LIBRARY.trim_start_matches("lib").trim_end_matches(".a").to_owned();
        Ok(RustLink {
            search: vec![
                overlay.join("lib").join(triple),
                PathBuf::from(&manifest.base.sysroot).join("lib").join(triple),
            ],
            libraries: std::iter::once(library).chain(manifest.base.superseded_libraries.iter().cloned()).collect(),
            // The login environment's wraps first, as the overlay's own link flags have them.
            wraps: crate::overlay::LOGIN_ENVIRONMENT_WRAPS
                .iter()
                .map(|w| (*w).to_owned())
                .chain(manifest.symbols.iter().filter(|s| s.link == "wrap").map(|s| s.name.clone()))
                .collect(),
        })
    }

    /// The linker arguments of the wraps: `--wrap=fcntl`, …
    pub fn wrap_args(&self) -> Vec<String> {
        self.wraps.iter().map(|w| format!("--wrap={w}")).collect()
    }

    /// Everything as rustc flags (`-L native=…`, `-l static=…`, `-C link-arg=--wrap=…`), for `RUSTFLAGS`.
    pub fn rustflags(&self) -> Vec<String> {
        let search = self.search.iter().flat_map(|d| ["-L".to_owned(), format!("native={}", d.display())]);
        let libraries = self.libraries.iter().flat_map(|l| ["-l".to_owned(), format!("static={l}")]);
        let wraps = self.wrap_args().into_iter().flat_map(|w| ["-C".to_owned(), format!("link-arg={w}")]);
        search.chain(libraries).chain(wraps).collect()
    }

    /// The wraps that rustc's flags (cargo's `CARGO_ENCODED_RUSTFLAGS`, separated by 0x1f) do not pass.
    pub fn missing_wraps(&self, encoded_rustflags: &str) -> Vec<&str> {
        let flags: Vec<&str> = encoded_rustflags.split('\u{1f}').collect();
        let passed = |wrap: &str| {
            let arg = format!("--wrap={wrap}");
            flags.iter().enumerate().any(|(i, f)| {
                let value =
                    f.strip_prefix("-C")
                        .map(|v| if v.is_empty() { flags.get(i + 1).copied().unwrap_or("") } else { v });
                value.and_then(|v| v.strip_prefix("link-arg=")).is_some_and(|v| v == arg)
            })
        };
        self.wraps.iter().map(String::as_str).filter(|w| !passed(w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::RustLink;

    fn link() -> RustLink {
        RustLink { search: vec![], libraries: vec!["wasi-shim".into()], wraps: vec!["fcntl".into(), "stat".into()] }
    }

    #[test]
    fn wraps_are_found_in_either_spelling_of_the_codegen_flag() {
        let flags = ["-C", "link-arg=--wrap=fcntl", "-Clink-arg=--wrap=stat"].join("\u{1f}");
        assert!(link().missing_wraps(&flags).is_empty());
        assert_eq!(link().missing_wraps("-C\u{1f}link-arg=--wrap=fcntl"), ["stat"]);
        assert_eq!(link().missing_wraps(""), ["fcntl", "stat"]);
    }

    #[test]
    fn rustflags_list_search_paths_libraries_then_wraps() {
        let flags = link().rustflags();
        assert_eq!(flags, ["-l", "static=wasi-shim", "-C", "link-arg=--wrap=fcntl", "-C", "link-arg=--wrap=stat"]);
    }
}

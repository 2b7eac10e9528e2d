//! Builds the shims for the policy `WASI_SHIM_POLICY` names (a preset or a file; `default` when unset) over
//! rustc's own wasi-libc, links them into the program, and generates the Rust declarations from the same headers.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use wasi_shim::overlay;
use wasi_shim::policy::Policy;
use wasi_shim::rust_target::{self, BindingSpec, RustLink};
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::{BaseRelease, Toolchain};

/// What the build reads from the environment besides cargo's own variables: the policy, and what
/// `wasi-shim build` reads to find a toolchain and its cache.
const INPUTS: &[&str] = &["WASI_SHIM_POLICY", "WASI_SDK_PATH", "WASI_SYSROOT", "XDG_CACHE_HOME", "LIBCLANG_PATH"];

fn main() {
    if let Err(error) = build() {
        eprintln!("error: wasi-shim-sys: {error:#}");
        std::process::exit(1);
    }
}

fn build() -> Result<()> {
    for name in INPUTS {
        println!("cargo:rerun-if-env-changed={name}");
    }
    // Only the build script's own changes rerun it otherwise: the shims come inside the wasi-shim build
    // dependency, whose change rebuilds this script anyway.
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").context("cargo sets TARGET")?;
    if target != rust_target::TARGET {
        // A host build (a workspace's `cargo check`) gets an empty crate; the shims are for wasm32-wasip1.
        return Ok(());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").context("cargo sets OUT_DIR")?);
    let shims = Shims::builtin();
    let policy = load_policy(&shims)?;
    let bundled = rust_target::bundled_libc(&rust_target::rustc())?;
    println!("cargo:rerun-if-changed={}", bundled.join("libc.a").display());
    let toolchain = rust_target::toolchain(&bundled, BaseRelease::Trixie, &out.join("sysroot"))?;
    let overlay_dir = out.join("overlay");
    overlay::build(&shims, &policy, &toolchain, &overlay_dir)?;
    link(&RustLink::of_overlay(&overlay_dir)?);
    // Dependents' build scripts see DEP_WASI_SHIM_OVERLAY: the overlay whose wrapper compiles their C.
    println!("cargo:overlay={}", overlay_dir.display());
    generate_bindings(&shims, &toolchain, &overlay_dir, &out.join("bindings.rs"))
}

/// The policy `WASI_SHIM_POLICY` names; a file is read again when it (or a file it extends) changes.
fn load_policy(shims: &Shims) -> Result<Policy> {
    let spec = std::env::var("WASI_SHIM_POLICY").unwrap_or_default();
    let spec = if spec.is_empty() { "default".to_owned() } else { spec };
    let policy = Policy::load(&spec, &shims.catalog).with_context(|| {
        format!("WASI_SHIM_POLICY={spec} (a relative path is read from {}; in .cargo/config.toml's [env], give `relative = true`)", std::env::current_dir().unwrap_or_default().display())
    })?;
    for file in policy.chain.iter().filter(|f| !f.starts_with("preset:")) {
        println!("cargo:rerun-if-changed={file}");
    }
    for warning in &policy.warnings {
        println!("cargo:warning=wasi-shim-sys: {warning}");
    }
    Ok(policy)
}

/// The archive and the emulation libraries; the wraps for this crate's own tests and examples, and a
/// warning naming what a program must add itself (cargo passes no linker argument from a dependency).
fn link(link: &RustLink) {
    for dir in &link.search {
        println!("cargo:rustc-link-search=native={}", dir.display());
    }
    for library in &link.libraries {
        println!("cargo:rustc-link-lib=static={library}");
    }
    for wrap in link.wrap_args() {
        println!("cargo:rustc-link-arg={wrap}");
    }
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    let missing = link.missing_wraps(&flags);
    if !missing.is_empty() {
        let args: Vec<String> = missing.iter().map(|w| format!("\"-C\", \"link-arg=--wrap={w}\"")).collect();
        println!(
            "cargo:warning=wasi-shim-sys: {} keep rustc's wasi-libc behaviour, not the policy's, until the program links them with --wrap; add to .cargo/config.toml: [target.{}] rustflags = [{}]",
            missing.join(", "),
            rust_target::TARGET,
            args.join(", ")
        );
    }
}

/// Rust declarations of the catalog's functions and constants, parsed from the overlay's headers with the
/// flags its compiler wrapper uses.
fn generate_bindings(shims: &Shims, toolchain: &Toolchain, overlay: &Path, out: &Path) -> Result<()> {
    let spec = BindingSpec::of(&shims.catalog);
    // The errno values come from <errno.h>, which no catalog header is declared in.
    let header = format!("#include <errno.h>\n{}", spec.header_text());
    // A file, not header_contents: the macro fallback compiles the input headers into a precompiled header.
    let wrapper = out.with_file_name("wasi_shim_sys.h");
    std::fs::write(&wrapper, header).with_context(|| format!("cannot write {}", wrapper.display()))?;
    use_matching_libclang(toolchain)?;
    let bindings = bindgen::Builder::default()
        .header(wrapper.display().to_string())
        .clang_args(toolchain.target_flags())
        // wasm32 declarations are hidden by default, and bindgen leaves hidden functions out.
        .clang_arg("-fvisibility=default")
        .clang_arg("-isystem")
        .clang_arg(overlay.join("include").display().to_string())
        .allowlist_function(BindingSpec::pattern(&spec.functions))
        .allowlist_var(spec.constant_pattern())
        // wasi-libc's errno values are `(UINT16_C(n))`, which bindgen's own macro evaluator cannot read.
        .clang_macro_fallback()
        .generate_comments(false)
        .generate()
        .map_err(|e| anyhow::anyhow!("bindgen over {}: {e}", overlay.join("include").display()))?;
    bindings.write_to_file(out).with_context(|| format!("cannot write {}", out.display()))?;
    let names = out.with_file_name("errno_names.rs");
    std::fs::write(&names, spec.errno_names_source()).with_context(|| format!("cannot write {}", names.display()))
}

/// bindgen's libclang from the same LLVM as the clang that compiled the shims (clang-sys otherwise takes the
/// newest installed), unless `LIBCLANG_PATH` chooses one; Debian's package for it installed (as root) when the
/// clang is Debian's and its libclang is missing, or the error names the command.
fn use_matching_libclang(toolchain: &Toolchain) -> Result<()> {
    if std::env::var_os("LIBCLANG_PATH").is_some() {
        return Ok(());
    }
    let Some(resource) = wasi_shim::builtins::clang_prints(&toolchain.clang, &["-print-resource-dir"]) else {
        return Ok(());
    };
    // /usr/lib/llvm-19/lib/clang/19 -> /usr/lib/llvm-19/lib
    let Some(lib) = resource.parent().and_then(Path::parent) else { return Ok(()) };
    let has_libclang = || {
        std::fs::read_dir(lib)
            .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("libclang-")))
            .unwrap_or(false)
    };
    let debian = format!("/usr/lib/llvm-{}/lib", wasi_shim::toolchain::LLVM_MAJOR);
    if !has_libclang() && lib == Path::new(&debian) {
        let package = format!("libclang1-{}", wasi_shim::toolchain::LLVM_MAJOR);
        wasi_shim::provision::ensure_packages("bindgen (wasi-shim-sys's declarations) needs libclang", &[&package])?;
    }
    if has_libclang() {
        std::env::set_var("LIBCLANG_PATH", lib);
    }
    Ok(())
}

//! `cargo xtask demo`: a static site (under target/demo) that shows the compatibility matrix and runs
//! e2e/demo/demo.c in the browser, built over Debian trixie's wasi-libc with each policy preset's overlay and
//! once over the stock sysroot; served on 127.0.0.1 by e2e/browser/serve.mjs.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

use crate::browser::Browser;

/// The site's directory.
pub fn site_dir() -> PathBuf {
    test_support::target_dir().join("demo")
}

/// Build the site: the page, the shim's modules, the matrix's record, and the program once per preset and once
/// over the stock sysroot. Returns the site and the browser runtime it was staged with.
pub fn build_site(root: &Path) -> Result<(PathBuf, Browser)> {
    let browser = Browser::provision(root)?;
    let site = site_dir();
    let _ = std::fs::remove_dir_all(&site);
    let modules = site.join("modules");
    std::fs::create_dir_all(&modules).with_context(|| format!("cannot create {}", modules.display()))?;
    for (from, to) in [
        (root.join("e2e/demo/index.html"), "index.html"),
        (root.join("e2e/demo/demo.mjs"), "demo.mjs"),
        (root.join("e2e/browser/guest.mjs"), "guest.mjs"),
        (crate::matrix::record_path(root), "matrix.json"),
        (root.join("COMPATIBILITY.md"), "COMPATIBILITY.md"),
    ] {
        std::fs::copy(&from, site.join(to)).with_context(|| format!("cannot copy {}", from.display()))?;
    }
    copy_dir(&browser.shim, &site.join("shim"))?;
    let source = root.join("e2e/demo/demo.c");
    let mut presets = Vec::new();
    for (name, _) in wasi_shim::embedded::PRESETS {
        let overlay = test_support::overlay(name, BaseRelease::Trixie);
        compile(Command::new(overlay.join("bin/wasm32-wasi-clang")), &source, &modules.join(format!("{name}.wasm")))?;
        let description = Policy::load(name, wasi_shim::catalog::Catalog::builtin())?.description.unwrap_or_default();
        presets.push(serde_json::json!({ "name": name, "description": description }));
    }
    compile(stock_compiler(), &source, &modules.join("stock.wasm"))?;
    std::fs::write(site.join("presets.json"), serde_json::to_string_pretty(&presets)?)?;
    Ok((site, browser))
}

/// The stock build as a porter makes it over plain wasi-libc: the signal and getpid emulations it offers,
/// `STOCK_SYSROOT` for the functions it may lack (demo.c's weak declarations).
pub fn stock_compiler() -> Command {
    let toolchain = test_support::toolchain(BaseRelease::Trixie);
    let mut command = Command::new(&toolchain.clang);
    command.args(toolchain.target_flags()).args([
        "-DSTOCK_SYSROOT",
        "-D_WASI_EMULATED_SIGNAL",
        "-D_WASI_EMULATED_GETPID",
        "-lwasi-emulated-signal",
        "-lwasi-emulated-getpid",
    ]);
    command
}

fn compile(mut compiler: Command, source: &Path, module: &Path) -> Result<()> {
    let out = compiler.arg(source).args(["-Wall", "-Werror", "-O2", "-o"]).arg(module).output()?;
    if !out.status.success() {
        bail!("compiling {} failed:\n{}", module.display(), String::from_utf8_lossy(&out.stderr));
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// `cargo xtask demo`: build the site and serve it on 127.0.0.1:`port` until interrupted.
pub fn serve(root: &Path, port: u16) -> Result<()> {
    let (site, browser) = build_site(root)?;
    println!("demo: the site is {}; stop the server with Ctrl-C", site.display());
    let status =
        browser.script("serve.mjs").arg(format!("--port={port}")).arg(format!("/={}", site.display())).status()?;
    if !status.success() {
        bail!("serve.mjs ended with {status}");
    }
    Ok(())
}

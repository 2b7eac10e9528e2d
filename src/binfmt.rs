//! `wasi-shim binfmt`: registering an overlay's runner (`bin/<target>-run`) with the kernel's binfmt_misc for
//! WebAssembly modules and components, so a program the overlay built runs when executed, and a configure
//! script's run-tests (`AC_RUN_IFELSE`) run under the policy instead of guessing for a cross build.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Where binfmt_misc lives.
const BINFMT: &str = "/proc/sys/fs/binfmt_misc";

/// (entry name, magic as binfmt_misc's escapes): a core module (version 1) and a component (layer 1).
pub const ENTRIES: [(&str, &str); 2] =
    [("wasi-shim-module", r"\x00asm\x01\x00\x00\x00"), ("wasi-shim-component", r"\x00asm\x0d\x00\x01\x00")];

/// The overlay's runner script: its single `bin/*-run`.
pub fn runner_of(overlay: &Path) -> Result<PathBuf> {
    let bin = overlay.join("bin");
    let runners: Vec<PathBuf> = crate::files::under(&bin)
        .with_context(|| format!("{} is not an overlay (no bin/)", overlay.display()))?
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().ends_with("-run")))
        .collect();
    match runners.as_slice() {
        [one] => std::path::absolute(one).context("cannot resolve the runner's path"),
        _ => bail!("{} has no bin/<target>-run: build it again with this wasi-shim", overlay.display()),
    }
}

/// Register `runner` for both entries (replacing ours if present); the lines to print.
pub fn install(runner: &Path) -> Result<Vec<String>> {
    let mut said = mount()?;
    for (name, magic) in ENTRIES {
        said.extend(remove_entry(name)?);
        // F: the kernel opens the runner now, so the registration works in any mount namespace.
        let line = format!(":{name}:M::{magic}::{}:F", crate::valid::utf8(runner)?);
        std::fs::write(Path::new(BINFMT).join("register"), &line).with_context(|| {
            format!("cannot register {name} with binfmt_misc (root is needed): echo '{line}' > {BINFMT}/register")
        })?;
        said.push(format!("registered {name}: {BINFMT}/{name} runs {}", runner.display()));
    }
    Ok(said)
}

/// Remove both entries; the lines to print.
pub fn remove() -> Result<Vec<String>> {
    let mut said = Vec::new();
    for (name, _) in ENTRIES {
        said.extend(remove_entry(name)?);
    }
    Ok(said)
}

fn remove_entry(name: &str) -> Result<Option<String>> {
    let entry = Path::new(BINFMT).join(name);
    if !entry.exists() {
        return Ok(None);
    }
    std::fs::write(&entry, "-1").with_context(|| format!("cannot remove {}: echo -1 > {}", name, entry.display()))?;
    Ok(Some(format!("removed {}", entry.display())))
}

/// Mount binfmt_misc where it is not mounted yet (echoed, as every command wasi-shim runs).
fn mount() -> Result<Vec<String>> {
    if Path::new(BINFMT).join("register").exists() {
        return Ok(Vec::new());
    }
    let command = format!("mount -t binfmt_misc binfmt_misc {BINFMT}");
    eprintln!("+ {command}");
    let status = Command::new("mount").args(["-t", "binfmt_misc", "binfmt_misc", BINFMT]).status();
    match status {
        Ok(s) if s.success() => Ok(vec![format!("mounted binfmt_misc at {BINFMT}")]),
        _ => bail!(
            "binfmt_misc is not mounted and could not be (root is needed, and a kernel that allows it): {command}"
        ),
    }
}

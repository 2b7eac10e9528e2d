//! The browser runtime of the matrix and the demo: Debian's Chromium, headless, driven by Playwright, running
//! guests under `@bjorn3/browser_wasi_shim`. The npm packages come from e2e/browser's lock file, installed once
//! into the cache (`npm ci`, keyed by the lock file); the scripts run from a staging directory beside them.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use test_support::reuse;
use wasi_shim::provision;

/// Node and the staged scripts (e2e/browser's files with the installed `node_modules` beside them).
pub struct Browser {
    pub node: PathBuf,
    /// Where `matrix_run.mjs`, `serve.mjs`, `guest.mjs` and the demo's driver run from.
    pub scripts: PathBuf,
    /// The WASI shim's ES modules, served as `/shim/` to the pages.
    pub shim: PathBuf,
}

impl Browser {
    /// Chromium and Node from Debian's packages when missing, the npm packages into the cache, the scripts staged.
    pub fn provision(root: &Path) -> Result<Browser> {
        provision::ensure_commands(
            "the browser runtime (headless Chromium under Playwright)",
            &[("chromium", "chromium"), ("node", "nodejs"), ("npm", "npm")],
        )?;
        let node = provision::which("node").context("node was installed but is not on PATH")?;
        let sources = root.join("e2e/browser");
        let modules = npm_ci(&sources)?;
        let scripts = test_support::target_dir().join("browser");
        let _ = std::fs::remove_dir_all(&scripts);
        std::fs::create_dir_all(&scripts).with_context(|| format!("cannot create {}", scripts.display()))?;
        for file in wasi_shim::files::with_extension(&sources, "mjs")?
            .into_iter()
            .chain(wasi_shim::files::with_extension(&sources, "html")?)
        {
            let name = file.file_name().context("a file name")?;
            std::fs::copy(&file, scripts.join(name)).with_context(|| format!("cannot copy {}", file.display()))?;
        }
        std::os::unix::fs::symlink(&modules, scripts.join("node_modules"))
            .with_context(|| format!("cannot link {}", modules.display()))?;
        let shim = modules.join("@bjorn3/browser_wasi_shim/dist");
        Ok(Browser { node, scripts, shim })
    }

    /// `node SCRIPT` in the staging directory.
    pub fn script(&self, name: &str) -> Command {
        let mut command = Command::new(&self.node);
        command.arg(self.scripts.join(name)).current_dir(&self.scripts);
        command
    }

    /// Chromium's own version line (`Chromium 156.0.8078.129 built on Debian ...`), shortened.
    pub fn chromium_version() -> String {
        let out = Command::new("chromium").arg("--version").output().map(|o| o.stdout).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        text.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
    }

    /// The shim's version, from its installed package.json.
    pub fn shim_version(&self) -> String {
        let manifest = self.shim.parent().map(|p| p.join("package.json")).unwrap_or_default();
        let text = std::fs::read_to_string(manifest).unwrap_or_default();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        parsed["version"].as_str().unwrap_or("?").to_owned()
    }
}

/// `npm ci` of `sources`' package.json and lock file into the cache, once per lock file; the node_modules.
fn npm_ci(sources: &Path) -> Result<PathBuf> {
    let lock = std::fs::read_to_string(sources.join("package-lock.json")).context("e2e/browser/package-lock.json")?;
    let key = reuse::Inputs::default().text("package-lock.json", &lock).key();
    let dir = provision::cache_dir().join(format!("npm-browser-{}", &key[..16]));
    let modules = dir.join("node_modules");
    provision::locked(&format!("npm-browser-{}", &key[..16]), || {
        if modules.join("playwright-core/package.json").is_file() {
            return Ok(());
        }
        provision::unpack_beside(&dir, |staging| {
            std::fs::create_dir_all(staging)?;
            for file in ["package.json", "package-lock.json"] {
                std::fs::copy(sources.join(file), staging.join(file))?;
            }
            eprintln!("provisioning the browser runtime's npm packages: npm ci in {}", dir.display());
            provision::run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(staging))
        })
    })?;
    Ok(modules)
}

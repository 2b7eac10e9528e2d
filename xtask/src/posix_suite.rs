//! `cargo xtask posix-suite`: the Open POSIX Test Suite's conformance tests for the catalog's functions, over an
//! overlay and natively (e2e::posix_suite); `--record` writes tests/expected/posix-suite.json and the README's
//! table from the default policy's run over trixie.

use std::path::Path;

use anyhow::{bail, Context, Result};
use e2e::posix_suite::{self, report, Run};
use wasi_shim::catalog::Catalog;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

pub struct Options {
    pub policy: String,
    pub base: BaseRelease,
    pub families: Vec<String>,
    pub record: bool,
}

pub fn run(root: &Path, options: &Options) -> Result<()> {
    let all: Vec<String> = posix_suite::FAMILIES.iter().map(|(n, _)| (*n).to_owned()).collect();
    let families = if options.families.is_empty() { all.clone() } else { options.families.clone() };
    if options.record && (options.policy != "default" || options.base != BaseRelease::Trixie || families != all) {
        bail!(
            "--record records the default policy over trixie with every family: drop --policy, --base and the families"
        );
    }
    let policy = Policy::load(&options.policy, Catalog::builtin())?;
    let functions = posix_suite::functions(&families)?;
    let work = root.join("target/posix-suite").join(format!("{}-{}", policy.name, options.base.suite()));
    let rows = posix_suite::run(&Run { policy: &policy, base: options.base, functions: &functions, work })?;
    let expectations = report::Expectations::of(&rows, &policy.name, options.base.suite());
    println!("{}", report::summary(&rows, &expectations));
    if options.record {
        let path = root.join("tests/expected/posix-suite.json");
        std::fs::write(&path, expectations.render()).with_context(|| format!("cannot write {}", path.display()))?;
        let readme_path = root.join("README.md");
        let readme = std::fs::read_to_string(&readme_path)?;
        std::fs::write(&readme_path, report::with_readme_section(&readme, &expectations)?)?;
        println!("written: {} and README.md's table", path.display());
    }
    Ok(())
}

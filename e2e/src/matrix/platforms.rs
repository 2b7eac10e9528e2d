//! The bases × targets the matrix builds its guests for: Debian bookworm's and trixie's wasi-libc (provisioned
//! as the tests provision them) and upstream wasi-libc main (the snapshot in ../shared/upstream, built pristine
//! once into the cache), each with an overlay per policy and the guests compiled with its wrapper.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use test_support::GuestConfig;
use wasi_shim::policy::Policy;
use wasi_shim::target::Target;
use wasi_shim::toolchain::{BaseRelease, Toolchain};
use wasi_shim::upstream;

/// A wasi-libc the overlay layers over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Base {
    Bookworm,
    Trixie,
    UpstreamMain,
}

impl Base {
    pub fn title(self) -> &'static str {
        match self {
            Base::Bookworm => "Debian bookworm (2022)",
            Base::Trixie => "Debian trixie (2024)",
            Base::UpstreamMain => "upstream main",
        }
    }

    /// The Debian release whose guest configuration applies (upstream main is newer than trixie).
    fn guest_release(self) -> BaseRelease {
        match self {
            Base::Bookworm => BaseRelease::Bookworm,
            _ => BaseRelease::Trixie,
        }
    }
}

/// Every (base, target) the matrix covers: preview 1 on all three, preview 2 where the base has it.
pub const PLATFORMS: [(Base, Target); 5] = [
    (Base::Bookworm, Target::Wasip1),
    (Base::Trixie, Target::Wasip1),
    (Base::UpstreamMain, Target::Wasip1),
    (Base::Trixie, Target::Wasip2),
    (Base::UpstreamMain, Target::Wasip2),
];

/// One platform's overlays (one per policy, built on first use) and the guests compiled with them.
pub struct Platform {
    pub base: Base,
    pub target: Target,
    /// Upstream main's pristine toolchain; the Debian bases use the tests' own overlays.
    upstream: Option<Toolchain>,
    overlays: HashMap<String, (PathBuf, String)>,
}

impl Platform {
    pub fn new(base: Base, target: Target) -> Result<Platform> {
        let upstream = match base {
            Base::UpstreamMain => Some(upstream_toolchain(target)?),
            _ => None,
        };
        Ok(Platform { base, target, upstream, overlays: HashMap::new() })
    }

    /// Whether `config` is a guest for this platform.
    pub fn runs(&self, config: &GuestConfig) -> bool {
        config.platforms().contains(&(self.base.guest_release(), self.target))
    }

    /// `name` compiled with its policy's overlay for this platform (reused when its inputs are unchanged).
    pub fn module(&mut self, name: &str, config: &GuestConfig) -> Result<PathBuf> {
        let dir = format!("{}-{}", serde_plain(self.base), self.target);
        let overlay = match self.overlays.get(&config.policy) {
            Some(built) => built.clone(),
            None => {
                let built = self.overlay(&config.policy, &dir)?;
                self.overlays.insert(config.policy.clone(), built.clone());
                built
            }
        };
        test_support::build_guest_with(name, &overlay, self.target, &test_support::scratch(&format!("matrix/{dir}")))
            .with_context(|| format!("{name} over {} for {}", self.base.title(), self.target))
    }

    fn overlay(&self, policy: &str, dir: &str) -> Result<(PathBuf, String)> {
        match &self.upstream {
            None => Ok(test_support::overlay_keyed(policy, self.base.guest_release(), self.target)),
            Some(toolchain) => {
                let loaded = Policy::load(&test_support::policy_spec(policy), wasi_shim::catalog::Catalog::builtin())?;
                let out =
                    test_support::scratch(&format!("matrix/overlays/{dir}")).join(policy.trim_end_matches(".toml"));
                test_support::build_reused_with(&loaded, &out, toolchain)
            }
        }
    }
}

/// The kebab-case name serde gives a base (`upstream-main`).
pub fn serde_plain(base: Base) -> String {
    serde_json::to_value(base).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Upstream main's pristine sysroot for `target`, built into the cache on first use.
fn upstream_toolchain(target: Target) -> Result<Toolchain> {
    test_support::provision_test_tools();
    let tree = upstream::source_tree(&test_support::upstream_snapshot()?)?;
    let commit = wasi_shim::patches::base_commit(&tree)?;
    match target {
        Target::Wasip1 => upstream::pristine_toolchain(&tree, &commit),
        Target::Wasip2 => {
            let (clang, settings) = test_support::wasip2_compiler()?;
            upstream::pristine_wasip2_toolchain(&tree, &commit, &clang, &settings)
        }
    }
}

//! The committed wasi-libc-patches/ series is what `wasi-shim patches` makes now from the
//! catalog and the default policy against Debian bookworm's wasi-libc source: regenerate it and
//! compare, ignoring dates and object hashes.

mod support;

use support::{root, toolchain};
use wasi_shim::patches::{Generator, Series};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::{fetch_upstream_source, BaseRelease};

/// A patch's text without what changes from one generation to the next by design.
fn stable(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("Date: ") && !(l.starts_with("From ") && l.ends_with(" 2001")) && !l.starts_with("index "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn committed_series_is_fresh() {
    let shims = Shims::builtin();
    let committed_dir = root().join("wasi-libc-patches");
    let committed = Series::read(&committed_dir.join("series.toml")).unwrap();
    let policy = Policy::load(&committed.policy, shims.catalog).unwrap();
    let tree = fetch_upstream_source("wasi-libc", "bookworm").unwrap();
    let out = tempfile::tempdir().unwrap();
    let fresh = Generator { shims: &shims, policy: &policy, toolchain: &toolchain(BaseRelease::Bookworm) }.generate(&tree, out.path()).unwrap();
    let regenerate = "regenerate with: cargo run -- patches --wasi-libc ~/.cache/wasi-shim/src/wasi-libc_0.0~git20220510.9886d3d --out wasi-libc-patches";
    assert_eq!(fresh, committed, "series.toml is stale; {regenerate}");
    for patch in std::iter::once(&fresh.common_patch).chain(fresh.areas.iter().map(|a| &a.patch)) {
        let now = std::fs::read_to_string(out.path().join(patch)).unwrap();
        let then = std::fs::read_to_string(committed_dir.join(patch)).unwrap_or_default();
        assert!(stable(&now) == stable(&then), "wasi-libc-patches/{patch} is stale; {regenerate}");
    }
    let committed_patches = std::fs::read_dir(&committed_dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "patch")).count();
    assert_eq!(committed_patches, fresh.areas.len() + 1, "wasi-libc-patches/ holds patches the series no longer lists; {regenerate}");
}

#[test]
fn every_area_opts_in_with_its_switch_and_library() {
    let series = Series::read(&root().join("wasi-libc-patches/series.toml")).unwrap();
    assert_eq!(series.base, "9886d3d");
    for area in &series.areas {
        let switch = format!("-D_WASI_EMULATED_{}", area.name.to_uppercase());
        assert_eq!(area.cflags.first(), Some(&switch), "{}", area.name);
        assert_eq!(area.ldflags.first(), Some(&format!("-lwasi-emulated-{}", area.name)), "{}", area.name);
        assert!(area.ldflags.contains(&"-lwasi-emulated-common".to_owned()), "{}", area.name);
        let text = std::fs::read_to_string(root().join("wasi-libc-patches").join(&area.patch)).unwrap();
        assert!(text.contains(&format!("Add libwasi-emulated-{}:", area.name)), "{} patch subject", area.name);
    }
}

//! The committed wasi-libc-patches/ series is what `wasi-shim patches` makes now from the
//! catalog and the default policy against Debian bookworm's wasi-libc source: regenerate it and
//! compare, ignoring dates and object hashes.

use test_support::fetch_upstream_source;
use test_support::{root, toolchain};
use wasi_shim::patches::{Generator, Series};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::BaseRelease;

/// A patch's text without what changes from one generation to the next by design.
fn stable(text: &str) -> String {
    text.lines()
        .filter(|l| {
            !(l.starts_with("Date: ") || l.starts_with("index ") || (l.starts_with("From ") && l.ends_with(" 2001")))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn committed_series_is_fresh() {
    let shims = Shims::builtin();
    let committed_dir = root().join("wasi-libc-patches");
    let committed = Series::read(&committed_dir.join("series.toml")).unwrap();
    let policy = Policy::load(&committed.policy, &shims.catalog).unwrap();
    let tree = fetch_upstream_source("wasi-libc", "bookworm").unwrap();
    let out = tempfile::tempdir().unwrap();
    let fresh = Generator { shims: &shims, policy: &policy, toolchain: &toolchain(BaseRelease::Bookworm) }
        .generate(&tree, out.path())
        .unwrap();
    let regenerate = "regenerate with: cargo run -- patches --wasi-libc ~/.cache/wasi-shim/src/wasi-libc_0.0~git20220510.9886d3d --out wasi-libc-patches";
    assert_eq!(fresh, committed, "series.toml is stale; {regenerate}");
    for patch in std::iter::once(&fresh.common_patch).chain(fresh.areas.iter().map(|a| &a.patch)) {
        let now = std::fs::read_to_string(out.path().join(patch)).unwrap();
        let then = std::fs::read_to_string(committed_dir.join(patch)).unwrap_or_default();
        assert!(stable(&now) == stable(&then), "wasi-libc-patches/{patch} is stale; {regenerate}");
    }
    let committed_patches = std::fs::read_dir(&committed_dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "patch"))
        .count();
    assert_eq!(
        committed_patches,
        fresh.areas.len() + 1,
        "wasi-libc-patches/ holds patches the series no longer lists; {regenerate}"
    );
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

#[test]
fn musl_is_touched_only_inside_the_unmodified_upstream_guard() {
    // Every line the series adds to musl's files is the appended include of the areas' additions,
    // inside `#ifndef __wasilibc_unmodified_upstream`, or a deprecation gate widened the way
    // wasi-libc widens getpid's: `#if defined(__wasilibc_unmodified_upstream) || defined(...)`,
    // which is also the only musl line it may remove (the `#ifdef` it widens).
    let dir = root().join("wasi-libc-patches");
    let series = Series::read(&dir.join("series.toml")).unwrap();
    let mut musl_lines = 0;
    for patch in std::iter::once(&series.common_patch).chain(series.areas.iter().map(|a| &a.patch)) {
        let text = std::fs::read_to_string(dir.join(patch)).unwrap();
        let mut in_musl = false;
        for line in text.lines() {
            if line.starts_with("diff --git") {
                in_musl = line.contains(" a/libc-top-half/musl/");
                continue;
            }
            if !in_musl || line.starts_with("+++") || line.starts_with("---") {
                continue;
            }
            if let Some(added) = line.strip_prefix('+') {
                musl_lines += 1;
                let allowed = added.is_empty()
                    || added.starts_with("/*")
                    || added == "#ifndef __wasilibc_unmodified_upstream"
                    || (added.starts_with("#include <__wasi_emulated_") && added.ends_with(".h>"))
                    || added == "#endif"
                    || added.starts_with("#if defined(__wasilibc_unmodified_upstream) || defined(_WASI_EMULATED_");
                assert!(allowed, "{patch} adds to musl outside the __wasilibc_unmodified_upstream idiom: {added}");
            } else if let Some(removed) = line.strip_prefix('-') {
                assert!(
                    removed.starts_with("#ifdef __wasilibc_unmodified_upstream"),
                    "{patch} removes musl text: {removed}"
                );
            }
        }
    }
    assert!(musl_lines > 0, "the series appends its includes to musl's headers");
}

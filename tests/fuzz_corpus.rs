//! `check` and `build` agree on every policy of the committed fuzz corpus (`fuzz/corpus/policy`): each one
//! `check` accepts builds an overlay, and each one it rejects is refused with `file:line:column`.

use test_support::{build_reused, root, scratch};
use wasi_shim::catalog::Catalog;
use wasi_shim::diagnostic::Diagnostics;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

/// The corpus's raw-text inputs: a first byte that is even (the policy target reads the rest as TOML).
fn corpus_policies() -> Vec<(String, String)> {
    let dir = root().join("fuzz/corpus/policy");
    let mut policies = Vec::new();
    for path in wasi_shim::files::under(&dir).unwrap() {
        let bytes = std::fs::read(&path).unwrap();
        let Some((first, rest)) = bytes.split_first() else { continue };
        if first % 2 == 0 {
            if let Ok(text) = std::str::from_utf8(rest) {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                policies.push((name, text.to_owned()));
            }
        }
    }
    policies
}

#[test]
fn check_and_build_agree_on_the_fuzz_corpus() {
    let policies = corpus_policies();
    assert!(policies.len() >= 20, "the committed corpus has only {} policies", policies.len());
    let dir = scratch("fuzz-corpus");
    let (mut accepted, mut rejected) = (0, 0);
    for (name, text) in &policies {
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        match Policy::load(path.to_str().unwrap(), Catalog::builtin()) {
            Ok(policy) => {
                let out = scratch("fuzz-corpus-overlays").join(name);
                build_reused(&policy, &out, BaseRelease::Trixie)
                    .unwrap_or_else(|e| panic!("{name}: check accepts it but build fails: {e:#}\n{text}"));
                accepted += 1;
            }
            Err(error) => {
                let diagnostics = error
                    .downcast_ref::<Diagnostics>()
                    .unwrap_or_else(|| panic!("{name}: rejected without a location: {error:#}"));
                let shown = diagnostics.to_string();
                let location = format!("error: {}:", path.display());
                assert!(shown.starts_with(&location), "{name}: {shown}");
                rejected += 1;
            }
        }
    }
    assert!(accepted > 0 && rejected > 0, "accepted {accepted}, rejected {rejected}: the corpus should have both");
}

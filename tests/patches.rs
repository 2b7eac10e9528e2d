//! The committed wasi-libc-patches/ series is what `wasi-shim patches` makes now from the catalog and the
//! default policy against upstream wasi-libc main (the snapshot in ../shared/upstream): regenerate it and
//! compare, ignoring dates and object hashes. The series stays in upstream's idiom, and a tree whose
//! layout has moved is refused by name.

use std::path::PathBuf;

use test_support::root;
use wasi_shim::patches::{base_commit, detect_layout, Generator, Series};
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::upstream::{WASIP1_TRIPLE, WASIP2_TRIPLE};

/// The upstream snapshot the committed series is made for (test data beside the project, never copied in).
fn snapshot() -> PathBuf {
    wasi_shim::upstream::source_tree(&test_support::upstream_snapshot().unwrap()).unwrap()
}

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
    let tree = snapshot();
    let toolchain = wasi_shim::upstream::pristine_toolchain(&tree, &base_commit(&tree).unwrap()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let fresh =
        Generator { shims: &shims, policy: &policy, toolchain: &toolchain }.generate(&tree, out.path()).unwrap();
    let regenerate =
        "regenerate with: cargo run -- patches --wasi-libc ../shared/upstream/wasi-libc-476bd3c.tar.xz --out wasi-libc-patches";
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
    assert_eq!(series.base, "476bd3c");
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

#[test]
fn a_tree_whose_anchor_moved_is_refused_naming_it() {
    let copy = tempfile::tempdir().unwrap();
    let tree = copy.path().join("wasi-libc-476bd3c");
    let status = std::process::Command::new("cp").arg("-a").arg(snapshot()).arg(&tree).status().unwrap();
    assert!(status.success());
    assert_eq!(detect_layout(&tree).unwrap(), wasi_shim::patches::Layout::CMake);
    let bottom = tree.join("libc-bottom-half/CMakeLists.txt");
    let text =
        std::fs::read_to_string(&bottom).unwrap().replace("add_subdirectory(signal)", "add_subdirectory(signals)");
    std::fs::write(&bottom, text).unwrap();
    let err = detect_layout(&tree).unwrap_err().to_string();
    assert!(err.contains("libc-bottom-half/CMakeLists.txt containing `add_subdirectory(signal)`"), "{err}");
}

/// Every committed patch applies in turn with `git apply` and with `patch -p1`, to the same tree; that tree
/// builds with upstream's own checks on (`-DCHECK_SYMBOLS=ON -DENABLE_WERROR=ON`) for wasm32-wasip1 with clang 19,
/// its sysroot holding every area's library, and for wasm32-wasip2 with clang 22, the areas left out there.
/// Skipped work: a build already proven for the same series, tree, target and compiler.
#[test]
fn committed_series_applies_and_builds_with_upstream_checks_for_wasip1_and_wasip2() {
    let dir = root().join("wasi-libc-patches");
    let series = Series::read(&dir.join("series.toml")).unwrap();
    let patches: Vec<PathBuf> = series.patch_files().map(|p| dir.join(p)).collect();
    let work = test_support::scratch("upstream-patched");
    let applied = |name: &str, apply: &dyn Fn(&std::path::Path, &std::path::Path) -> bool| -> PathBuf {
        let tree = work.join(name);
        let _ = std::fs::remove_dir_all(&tree);
        assert!(std::process::Command::new("cp").arg("-a").arg(snapshot()).arg(&tree).status().unwrap().success());
        for patch in &patches {
            assert!(apply(&tree, patch), "{name}: {} does not apply", patch.display());
        }
        tree
    };
    let git = applied("git-apply", &|tree, patch| {
        // Its own repository: inside the project's, git apply would skip the paths outside its subdirectory.
        if !tree.join(".git").exists() {
            std::process::Command::new("git").arg("-C").arg(tree).args(["init", "-q"]).status().unwrap();
        }
        let git = |check: bool| {
            let mut c = std::process::Command::new("git");
            c.arg("-C").arg(tree).arg("apply");
            if check {
                c.arg("--check");
            }
            c.arg(patch).status().unwrap().success()
        };
        git(true) && git(false)
    });
    let patch = applied("patch-p1", &|tree, patch| {
        let file = std::fs::File::open(patch).unwrap();
        std::process::Command::new("patch").args(["-p1", "-s", "-d"]).arg(tree).stdin(file).status().unwrap().success()
    });
    let same = std::process::Command::new("diff").args(["-r", "-x", ".git"]).arg(&git).arg(&patch).status().unwrap();
    assert!(same.success(), "git apply and patch -p1 give different trees");

    let series_hash =
        test_support::reuse::content_hash(&patches.iter().map(|p| p.as_path()).collect::<Vec<_>>()).unwrap();
    let (clang_19, ..) = wasi_shim::toolchain::provisioned_llvm().unwrap();
    let (clang_22, wasip2_settings) = test_support::wasip2_compiler().unwrap();
    let snapshot_commit = base_commit(&snapshot()).unwrap();
    for (triple, clang, settings) in [(WASIP1_TRIPLE, clang_19, vec![]), (WASIP2_TRIPLE, clang_22, wasip2_settings)] {
        let key = test_support::reuse::Inputs::default()
            .text("series", &series_hash)
            .text("snapshot", &snapshot_commit)
            .text("target", triple)
            .text("compiler", &format!("{} {settings:?}", clang.display()))
            .key();
        let build = work.join(format!("build-{triple}"));
        if !test_support::reuse::is_fresh(&build, &key) {
            wasi_shim::upstream::build_tree(&git, &build, &clang, triple, &settings).unwrap();
            test_support::reuse::mark_built(&build, &key);
        }
        let lib = build.join("sysroot/lib").join(triple);
        assert!(lib.join("libc.a").is_file(), "{triple}: no libc.a in the patched sysroot");
        // The areas serve wasm32-wasip1: on wasip2 the tree builds and checks as before, without them.
        for library in series.library_names() {
            let present = lib.join(format!("lib{library}.a")).is_file();
            assert_eq!(present, triple == WASIP1_TRIPLE, "{triple}: lib{library}.a present: {present}");
        }
    }
}

/// A program links and runs over upstream's pristine wasm32-wasip1 sysroot with Debian's clang 19, whose wasm32
/// builtins are packaged for `wasm32-wasi` only: the toolchain supplies a resource directory where a
/// `wasm32-wasip1` link looks for them (without it: "cannot open .../wasm32-unknown-wasip1/libclang_rt.builtins.a").
#[test]
fn a_program_links_and_runs_over_the_upstream_sysroot() {
    let tree = snapshot();
    let toolchain = wasi_shim::upstream::pristine_toolchain(&tree, &base_commit(&tree).unwrap()).unwrap();
    assert_eq!(toolchain.triple, WASIP1_TRIPLE);
    let dir = test_support::scratch("upstream-hello");
    let source = dir.join("hello.c");
    // clang names the builtins archive in every link; printf's long double arithmetic (__multf3 …) needs it.
    std::fs::write(
        &source,
        "#include <stdio.h>\nint main(int c, char **v) { long long n = 1LL << 40; printf(\"%lld %g\\n\", n / (c + 1), (double)n); return 3; }\n",
    )
    .unwrap();
    let module = dir.join("hello.wasm");
    let out = std::process::Command::new(&toolchain.clang)
        .args(toolchain.target_flags())
        .arg(&source)
        .arg("-o")
        .arg(&module)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_wasi-shim")).arg("run").arg(&module).output().unwrap();
    assert_eq!(run.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&run.stdout), "549755813888 1.09951e+12\n");
}

//! The overlay as a whole: manifest, config.site, expected symbols, atomic replacement, and autoconf finding our functions.

use std::process::Command;

use test_support::{overlay, overlay_for, root, scratch, toolchain};
use wasi_shim::catalog::Catalog;
use wasi_shim::overlay::{archive_symbols, read_manifest};
use wasi_shim::policy::Policy;
use wasi_shim::target::Target;
use wasi_shim::toolchain::BaseRelease;

#[test]
fn manifest_records_every_function_its_behaviour_and_the_base() {
    let out = overlay("default", BaseRelease::Trixie);
    let manifest = read_manifest(&out).unwrap();
    let catalog = Catalog::builtin();
    assert_eq!(manifest.symbols.len(), catalog.functions.len());
    assert_eq!(manifest.policy.name, "default");
    assert_eq!(manifest.policy.sha256, Policy::load("default", catalog).unwrap().hash);
    let symbol =
        |name: &str| manifest.symbols.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("{name} missing"));
    assert_eq!((symbol("getuid").base.as_str(), symbol("getuid").link.as_str()), ("absent", "direct"));
    assert_eq!(symbol("signal").base, "libwasi-emulated-signal.a:signal.o");
    assert_eq!(symbol("signal").link, "direct", "our signals object defines every symbol of the base's signal.o");
    assert_eq!((symbol("stat").base.as_str(), symbol("stat").link.as_str()), ("libc.a:posix.o", "wrap"));
    assert_eq!(symbol("getpid").base, "libwasi-emulated-getpid.a:getpid.o");
    assert_eq!(symbol("getpid").base_kind, "emulation");
    assert_eq!(symbol("stat").base_kind, "real");
    assert_eq!(symbol("getuid").base_kind, "absent");
    assert_eq!(
        manifest.base.superseded_libraries,
        ["wasi-emulated-getpid", "wasi-emulated-mman", "wasi-emulated-process-clocks", "wasi-emulated-signal"]
    );
}

#[test]
fn config_site_follows_behaviour_not_symbols() {
    let default_site =
        std::fs::read_to_string(overlay("default", BaseRelease::Trixie).join("share/config.site")).unwrap();
    assert!(default_site.contains("ac_cv_func_getuid=${ac_cv_func_getuid=yes}"), "{default_site}");
    assert!(default_site.contains("ac_cv_func_sigaction=${ac_cv_func_sigaction=yes}"));
    assert!(
        default_site.contains("ac_cv_func_alarm=${ac_cv_func_alarm=no}  # fails with ENOSYS"),
        "alarm defaults to error"
    );
    let strict_site =
        std::fs::read_to_string(overlay("strict", BaseRelease::Trixie).join("share/config.site")).unwrap();
    assert!(strict_site.contains("ac_cv_func_getuid=${ac_cv_func_getuid=no}  # fails with ENOSYS"), "{strict_site}");
    assert!(strict_site.contains("ac_cv_func_kill=${ac_cv_func_kill=no}"));
}

/// A wasm32-wasip2 overlay: its tools named for the target, the component linker in its wrapper with the shims'
/// component type, the socket calls the preview 2 base implements left to it (linked nowhere, answered yes to
/// autoconf whatever the policy says), and CMake told the target.
#[test]
fn a_wasip2_overlay_names_its_tools_for_the_target_and_leaves_the_real_sockets_to_the_base() {
    let out = overlay_for("strict", BaseRelease::Trixie, Target::Wasip2);
    for tool in ["clang", "clang++", "ar", "ranlib", "nm"] {
        assert!(out.join("bin").join(format!("wasm32-wasip2-{tool}")).is_file(), "no wasm32-wasip2-{tool}");
    }
    assert!(!out.join("bin/wasm32-wasi-clang").exists());
    let wrapper = std::fs::read_to_string(out.join("bin/wasm32-wasip2-clang")).unwrap();
    assert!(wrapper.contains("--target=wasm32-wasip2"), "{wrapper}");
    assert!(wrapper.contains("--component-type"), "{wrapper}");
    assert!(wrapper.contains("-B/") && wrapper.contains("--wasm-ld-path="), "{wrapper}");
    let wit = std::fs::read_to_string(out.join("share/wasi-shim.wit")).unwrap();
    assert!(wit.contains("exit-with-code: func(status-code: u8);"), "{wit}");
    let manifest = read_manifest(&out).unwrap();
    assert_eq!(manifest.base.target, "wasm32-wasip2");
    let symbol = |name: &str| manifest.symbols.iter().find(|s| s.name == name).unwrap();
    for real in ["socket", "connect", "recvfrom", "sendto", "getaddrinfo"] {
        assert_eq!((symbol(real).link.as_str(), symbol(real).base_kind.as_str()), ("unlinked", "real"), "{real}");
    }
    // hstrerror shares the base's netdb.o with getaddrinfo, which is the base's now: ours wraps it instead.
    assert_eq!(symbol("hstrerror").link, "wrap");
    let site = std::fs::read_to_string(out.join("share/config.site")).unwrap();
    assert!(site.contains("ac_cv_func_socket=${ac_cv_func_socket=yes}  # the wasm32-wasip2 base implements it"));
    assert!(site.contains("ac_cv_func_getuid=${ac_cv_func_getuid=no}  # fails with ENOSYS"), "strict elsewhere");
    let cmake = std::fs::read_to_string(out.join("share/wasi-shim.cmake")).unwrap();
    assert!(cmake.contains("bin/wasm32-wasip2-clang\")") && cmake.contains("CMAKE_C_COMPILER_TARGET wasm32-wasip2"));
    assert!(cmake.contains("CMAKE_SYSTEM_VERSION 2"), "{cmake}");
    // The preview 1 overlay for the same policy keeps its names, and its sockets are ours (the base lacks them).
    let p1 = read_manifest(&overlay("strict", BaseRelease::Trixie)).unwrap();
    assert_eq!(p1.base.target, "wasm32-wasip1");
    assert_eq!(p1.symbols.iter().find(|s| s.name == "socket").unwrap().link, "direct");
}

#[test]
fn strict_leaves_the_stat_family_to_the_base() {
    let manifest = read_manifest(&overlay("strict", BaseRelease::Trixie)).unwrap();
    let stat = manifest.symbols.iter().find(|s| s.name == "stat").unwrap();
    assert_eq!(stat.link, "unlinked");
    let wrapper =
        std::fs::read_to_string(overlay("strict", BaseRelease::Trixie).join("bin/wasm32-wasi-clang")).unwrap();
    assert!(!wrapper.contains("--wrap=stat"), "{wrapper}");
}

#[test]
fn defined_symbols_match_the_expected_list_and_the_catalog() {
    let tc = toolchain(BaseRelease::Trixie);
    let archive = overlay("default", BaseRelease::Trixie).join("lib/wasm32-wasi/libwasi-shim.a");
    let defined: Vec<String> = archive_symbols(&tc, &archive).unwrap().into_iter().collect();
    let expected_path = root().join("tests/expected/defined-symbols.txt");
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    let actual = defined.iter().map(|s| format!("{s}\n")).collect::<String>();
    assert!(
        expected == actual,
        "{} is stale; run `cargo xtask codegen` and review the diff.\nexpected:\n{expected}\nactual:\n{actual}",
        expected_path.display()
    );
    for f in &Catalog::builtin().functions {
        assert!(
            defined.contains(&f.name) || defined.contains(&format!("__wrap_{}", f.name)),
            "catalog function {} is not defined by libwasi-shim.a",
            f.name
        );
    } // Nothing else lands in the user's namespace: helpers are `__wasi_shim_*`, as wasi-libc names its own.
    let catalog = Catalog::builtin();
    let outside: Vec<&String> = defined
        .iter()
        .filter(|s| {
            let name = s.strip_prefix("__wrap_").unwrap_or(s);
            catalog.function(name).is_none()
                && !s.starts_with("__wasi_shim_")
                && !wasi_shim::catalog::EXTRA_SYMBOLS.iter().any(|(extra, _)| extra == s)
        })
        .collect();
    assert!(outside.is_empty(), "libwasi-shim.a defines symbols outside its namespaces: {outside:?}");
}

#[test]
fn failed_build_leaves_the_previous_overlay_untouched() {
    let catalog = Catalog::builtin();
    let policy = Policy::load("default", catalog).unwrap();
    let parent = scratch("atomic");
    let out = parent.join("overlay");
    let good = toolchain(BaseRelease::Trixie);
    wasi_shim::overlay::build(&wasi_shim::shims::Shims::builtin(), &policy, &good, &out).unwrap();
    let manifest_before = std::fs::read_to_string(out.join("manifest.toml")).unwrap();

    // A compiler that fails once headers are already staged: the build must stop and change nothing.
    let mut broken = good.clone();
    broken.clang = std::path::PathBuf::from("/bin/false");
    let err = wasi_shim::overlay::build(&wasi_shim::shims::Shims::builtin(), &policy, &broken, &out).unwrap_err();
    assert!(format!("{err:#}").contains("compiling the shims failed"), "{err:#}");
    assert_eq!(std::fs::read_to_string(out.join("manifest.toml")).unwrap(), manifest_before);
    assert!(out.join("lib/wasm32-wasi/libwasi-shim.a").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "overlay")
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

/// A build with nothing changed returns at once and rewrites nothing (issue 14); another policy, a file edited in
/// the overlay after its build, or one missing, builds again.
#[test]
fn an_unchanged_build_does_nothing_and_a_changed_input_rebuilds() {
    use std::time::{Duration, SystemTime};
    let catalog = Catalog::builtin();
    let shims = wasi_shim::shims::Shims::builtin();
    let good = toolchain(BaseRelease::Trixie);
    let out = scratch("no-op").join("overlay");
    let _ = std::fs::remove_dir_all(&out);
    let build = |policy: &str| {
        let policy = Policy::load(policy, catalog).unwrap();
        wasi_shim::overlay::build(&shims, &policy, &good, &out).unwrap().rebuilt
    };
    let archive = out.join("lib/wasm32-wasi/libwasi-shim.a");
    let modified = |path: &std::path::Path| std::fs::metadata(path).unwrap().modified().unwrap();

    assert!(build("default"), "the first build builds");
    let built_at = modified(&archive);
    assert!(!build("default"), "the same inputs again must not rebuild");
    assert_eq!(modified(&archive), built_at, "a no-op build rewrote the archive");

    assert!(build("strict"), "another policy rebuilds");
    assert!(!build("strict"));
    let edited = std::fs::File::options().write(true).open(out.join("include/pwd.h")).unwrap();
    edited.set_modified(SystemTime::now() + Duration::from_secs(60)).unwrap();
    assert!(build("strict"), "a file edited after the build rebuilds");
    std::fs::remove_file(out.join("share/config.site")).unwrap();
    assert!(build("strict"), "a missing file rebuilds");
    assert!(out.join("share/config.site").is_file());
}

/// Run the committed configure.ac through autoconf and configure against an overlay; return config.h.
fn configure(policy: &str, use_config_site: bool) -> String {
    let out = overlay(policy, BaseRelease::Trixie);
    let dir = scratch(&format!("autoconf/{policy}-{use_config_site}"));
    std::fs::copy(root().join("tests/autoconf/configure.ac"), dir.join("configure.ac")).unwrap();
    std::fs::copy(root().join("tests/autoconf/config.h.in"), dir.join("config.h.in")).unwrap();
    let autoconf = Command::new("autoconf")
        .current_dir(&dir)
        .output()
        .expect("autoconf is needed for this test: apt-get install -y autoconf");
    assert!(autoconf.status.success(), "autoconf: {}", String::from_utf8_lossy(&autoconf.stderr));
    let site = if use_config_site { out.join("share/config.site") } else { "/dev/null".into() };
    let configure = Command::new("sh")
        .arg("./configure")
        .arg("--host=wasm32-wasi")
        .arg(format!("CC={}", out.join("bin/wasm32-wasi-clang").display()))
        .env("CONFIG_SITE", site)
        .current_dir(&dir)
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.join("config.log")).unwrap_or_default();
    assert!(configure.status.success(), "configure failed:\n{}\n{log}", String::from_utf8_lossy(&configure.stdout));
    std::fs::read_to_string(dir.join("config.h")).unwrap()
}

#[test]
fn autoconf_finds_headers_and_functions_through_the_wrapper() {
    // No config.site: every answer comes from real compile and link checks with the wrapper compiler.
    let config = configure("default", false);
    for define in [
        "HAVE_PWD_H",
        "HAVE_GRP_H",
        "HAVE_GETUID",
        "HAVE_GETPWNAM_R",
        "HAVE_SIGACTION",
        "HAVE_SIGPROCMASK",
        "HAVE_KILL",
    ] {
        assert!(config.contains(&format!("#define {define} 1")), "{define} not found:\n{config}");
    }
}

#[test]
fn autoconf_under_strict_is_told_the_functions_do_not_work() {
    let config = configure("strict", true);
    assert!(config.contains("#define HAVE_PWD_H 1"), "the header is still there:\n{config}");
    for define in ["HAVE_GETUID", "HAVE_SIGACTION", "HAVE_KILL"] {
        assert!(config.contains(&format!("/* #undef {define} */")), "{define} should be answered no:\n{config}");
    }
}

#[test]
fn shims_compile_without_warnings_under_every_preset() {
    for policy in ["default", "strict", "wasix"] {
        for release in test_support::RELEASES {
            let tc = toolchain(release);
            let out = overlay(policy, release);
            for (file, _) in wasi_shim::embedded::C_SOURCES {
                let compiled = Command::new(&tc.clang)
                    .args(tc.target_flags())
                    .arg("-isystem")
                    .arg(out.join("include"))
                    .arg("-I")
                    .arg(out.join("share"))
                    .arg("-I")
                    .arg(root().join("shims/src"))
                    .args(["-O2", "-Wall", "-Wextra", "-Werror", "-c", "-o", "/dev/null"])
                    .arg(root().join("shims/src").join(file))
                    .output()
                    .unwrap();
                assert!(
                    compiled.status.success(),
                    "{file} under {policy} over {}:\n{}",
                    release.suite(),
                    String::from_utf8_lossy(&compiled.stderr)
                );
            }
        }
    }
}

#[test]
fn readme_function_table_is_fresh() {
    let catalog = Catalog::builtin();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = wasi_shim::codegen::function_table(catalog, &Policy::load("default", catalog).unwrap());
    assert!(
        wasi_shim::codegen::replace_table(&readme, &table).unwrap() == readme,
        "README.md's function table is stale: run `cargo xtask codegen`"
    );
}

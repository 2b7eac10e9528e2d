//! Issue 12's defect classes, one test (or more) each, named after the class: data loss at `--out`,
//! injection through paths and names, panics, unbounded reads, one validation rule, truthful audits, guest
//! stack safety, and the smaller ones. Each failed on the code before the fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use test_support::{build_guest, overlay, run_module, scratch, toolchain};
use wasi_shim::catalog::Catalog;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;
use wasi_shim::toolchain::BaseRelease;
use wasi_shim::valid::{parse_env_number, ID_RANGE, PID_RANGE};

fn wasi_shim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasi-shim")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every entry under `dir` (names only), sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn build(out: &Path) -> anyhow::Result<wasi_shim::overlay::BuildReport> {
    let policy = Policy::load("default", Catalog::builtin()).unwrap();
    wasi_shim::overlay::build(&Shims::builtin(), &policy, &toolchain(BaseRelease::Trixie), out)
}

// ---- 1. data loss

#[test]
fn data_loss_out_refuses_a_directory_that_is_not_an_overlay() {
    let parent = scratch("data-loss-dir");
    let out = parent.join("u");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("thesis.txt"), "x").unwrap();
    let error = format!("{:#}", build(&out).unwrap_err());
    assert!(error.contains("neither empty nor an overlay built by wasi-shim"), "{error}");
    assert!(error.contains("nothing was changed"), "{error}");
    assert_eq!(std::fs::read_to_string(out.join("thesis.txt")).unwrap(), "x");
    assert_eq!(listing(&out), ["thesis.txt"]);
    assert_eq!(listing(&parent), ["u"], "nothing staged or moved aside");
}

#[test]
fn data_loss_out_refuses_a_regular_file() {
    let parent = scratch("data-loss-file");
    let out = parent.join("notes.txt");
    std::fs::write(&out, "notes").unwrap();
    let stderr = text(&wasi_shim(&["build", "--out", out.to_str().unwrap()]).stderr);
    assert!(stderr.contains("is a file, not an overlay"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "notes");
    assert_eq!(listing(&parent), ["notes.txt"]);
}

#[test]
fn data_loss_out_refuses_an_overlay_holding_files_it_did_not_write() {
    let parent = scratch("data-loss-foreign");
    let out = parent.join("overlay");
    let _ = std::fs::remove_dir_all(&out);
    // A built overlay, copied (its manifest lists its files), with one file of the user's added.
    let status = Command::new("cp").arg("-a").arg(overlay("default", BaseRelease::Trixie)).arg(&out).status();
    assert!(status.unwrap().success());
    std::fs::create_dir_all(out.join("lib/pkgconfig")).unwrap();
    std::fs::write(out.join("lib/pkgconfig/zlib.pc"), "Name: zlib\n").unwrap();
    let error = format!("{:#}", build(&out).unwrap_err());
    assert!(error.contains("holds files wasi-shim did not write (lib/pkgconfig/zlib.pc)"), "{error}");
    assert!(out.join("lib/pkgconfig/zlib.pc").is_file() && out.join("manifest.toml").is_file());
    // Without the foreign file the same overlay is replaced, and an empty directory is filled.
    std::fs::remove_dir_all(out.join("lib/pkgconfig")).unwrap();
    build(&out).unwrap();
    let empty = parent.join("empty");
    let _ = std::fs::remove_dir_all(&empty);
    std::fs::create_dir_all(&empty).unwrap();
    build(&empty).unwrap();
    assert!(empty.join("manifest.toml").is_file());
    let manifest = wasi_shim::overlay::read_manifest(&empty).unwrap();
    assert!(manifest.files.unwrap().contains(&"share/config.site".to_owned()));
}

#[test]
fn data_loss_patches_out_refuses_patches_it_did_not_write() {
    let tree = test_support::fetch_upstream_source("wasi-libc", "bookworm").unwrap();
    let out = scratch("data-loss-patches");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("0001-my-own-work.patch"), "mine").unwrap();
    let run = wasi_shim(&["patches", "--wasi-libc", tree.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("holds patches that no series.toml of wasi-shim lists (0001-my-own-work.patch)"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(out.join("0001-my-own-work.patch")).unwrap(), "mine");
    assert_eq!(listing(&out), ["0001-my-own-work.patch"]);
}

// ---- 2. injection

/// A name that would run a command, end a quote or a comment, or start a new line if it were not quoted.
const HOSTILE: &str = "d$(touch PWNED)`touch PWNED2`'\"*/;x";

#[test]
fn injection_hostile_names_are_inert_in_every_generated_file() {
    let parent = scratch("injection");
    let _ = std::fs::remove_dir_all(&parent);
    let dir = parent.join(format!("{HOSTILE}\nline2"));
    std::fs::create_dir_all(&dir).unwrap();
    // The policy's file name and its text both carry the hostile text.
    // HOSTILE holds `*/`, so these paths go through a directory named `…*`: create it.
    let policy_path = dir.join(format!("p{HOSTILE}\n.toml"));
    std::fs::create_dir_all(policy_path.parent().unwrap()).unwrap();
    let gecos = HOSTILE.replace(';', " ");
    std::fs::write(&policy_path, format!("extends = \"default\"\n[identity]\ngecos = '''{gecos}'''\n")).unwrap();
    let policy = Policy::load(policy_path.to_str().unwrap(), Catalog::builtin()).unwrap();
    // The sysroot reached through a link with a hostile name (not `;`, which CMake cannot quote).
    let mut tc = toolchain(BaseRelease::Trixie);
    let sysroot = parent.join("sys$(touch PWNED3)\"root\nx");
    std::os::unix::fs::symlink(&tc.sysroot, &sysroot).unwrap();
    tc.sysroot = sysroot.clone();
    let out = dir.join(format!("out{HOSTILE}"));
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    wasi_shim::overlay::build(&Shims::builtin(), &policy, &tc, &out).unwrap();

    // config.site (generic and the recipe's), sourced by sh: the path comes back whole, nothing runs.
    for site in [out.join("share/config.site"), out.join("share/cpython/config.site")] {
        let shown = Command::new("sh")
            .args(["-c", ". \"$1\" && printf %s \"$PKG_CONFIG_LIBDIR\"", "sh"])
            .arg(&site)
            .current_dir(&parent)
            .output()
            .unwrap();
        assert!(shown.status.success(), "{}", text(&shown.stderr));
        assert_eq!(text(&shown.stdout), format!("{}/lib/pkgconfig", out.display()));
    }
    // The wrapper compiles and links a program; the policy header (with the policy's name and gecos) compiled.
    let source = parent.join("hello.c");
    std::fs::write(&source, "#include <pwd.h>\nint main(void){return getpwuid(1000)->pw_gecos[0]!='d';}\n").unwrap();
    let module = parent.join("hello.wasm");
    let built = test_support::compile(&out, &source, &module, &[]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let ran = run_module(&module, &[], &[], &parent.join("work"));
    assert_eq!(ran.status.code(), Some(0), "{}", text(&ran.stderr));
    let setup = std::fs::read_to_string(out.join("share/cpython/Setup.local")).unwrap();
    assert!(setup.lines().all(|l| l.starts_with('#') || l == "*static*" || !l.contains("PWNED")), "{setup}");
    let header = std::fs::read_to_string(out.join("share/wasi_shim_policy.h")).unwrap();
    assert!(header.lines().all(|l| !l.starts_with(".toml") && !l.starts_with("line2")), "{header}");
    // The CMake toolchain file names the sysroot exactly.
    let script = parent.join("show.cmake");
    let toolchain_file = out.join("share/wasi-shim.cmake");
    std::fs::write(
        &script,
        format!("include([==[{}]==])\nmessage(\"${{CMAKE_SYSROOT}}\")\n", toolchain_file.display()),
    )
    .unwrap();
    let cmake = Command::new("cmake").arg("-P").arg(&script).output().unwrap();
    assert!(cmake.status.success(), "{}", text(&cmake.stderr));
    assert_eq!(text(&cmake.stderr).trim_end(), sysroot.display().to_string());
    // The manifest reads back with the names intact.
    let manifest = wasi_shim::overlay::read_manifest(&out).unwrap();
    assert_eq!(manifest.policy.name, policy_path.display().to_string());
    assert_eq!(manifest.base.sysroot, sysroot.display().to_string());
    // What no generated file could hold faithfully is refused before any work: a path that is not UTF-8,
    // and (through the policy's rules) a NUL in any name.
    use std::os::unix::ffi::OsStrExt;
    let not_utf8 = parent.join(std::ffi::OsStr::from_bytes(b"out\xff"));
    let error = format!("{:#}", wasi_shim::overlay::build(&Shims::builtin(), &policy, &tc, &not_utf8).unwrap_err());
    assert!(error.contains("is not valid UTF-8"), "{error}");
    assert!(!not_utf8.exists());
    let nul = dir.join("nul.toml");
    std::fs::write(&nul, "extends = \"default\"\n[identity]\ngecos = \"a\\u0000b\"\n").unwrap();
    let refused = format!("{:#}", Policy::load(nul.to_str().unwrap(), Catalog::builtin()).unwrap_err());
    assert!(refused.contains("control character"), "{refused}");
    for pwned in ["PWNED", "PWNED2", "PWNED3"] {
        assert!(!parent.join(pwned).exists() && !Path::new(pwned).exists(), "{pwned} was created");
    }
}

// ---- 3. panic

#[test]
fn panic_run_refuses_a_stack_size_it_cannot_hold() {
    let out = wasi_shim(&["run", "-W", "max-wasm-stack=18446744073709551615", "x.wasm"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("is outside 1..=1073741824 bytes"), "{}", text(&out.stderr));
}

// ---- 4. unbounded reads

/// `child` must end by itself; it is killed (and the test fails) if it has not after two minutes.
fn finishes(mut child: std::process::Child) -> Output {
    for _ in 0..1200 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("the command hung");
}

fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_wasi-shim"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn unbounded_reads_policies_and_audits_read_only_bounded_regular_files() {
    let dir = scratch("unbounded");
    let fifo = dir.join("fifo.toml");
    let _ = std::fs::remove_file(&fifo);
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let extends_zero = dir.join("zero.toml");
    std::fs::write(&extends_zero, "extends = \"/dev/zero\"\n").unwrap();
    for args in [
        vec!["check", "/dev/zero"],
        vec!["check", fifo.to_str().unwrap()],
        vec!["check", extends_zero.to_str().unwrap()],
    ] {
        let out = finishes(spawn(&args));
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
    let big = dir.join("big.toml");
    std::fs::write(&big, vec![b'#'; (wasi_shim::policy::MAX_POLICY_BYTES + 1) as usize]).unwrap();
    let out = finishes(spawn(&["check", big.to_str().unwrap()]));
    assert!(text(&out.stderr).contains("larger than 64 MiB"), "{}", text(&out.stderr));
}

// ---- 5. one rule, wherever a value enters

/// `check` refuses each of these with a `file:line:column` diagnostic (and `build` would have failed, or
/// built something that misbehaves).
#[test]
fn one_rule_check_refuses_what_build_cannot_honour() {
    let dir = scratch("one-rule");
    let mut many_groups = String::from("extends = \"default\"\n");
    for i in 0..65 {
        many_groups.push_str(&format!("[[groups]]\nname = \"g{i}\"\ngid = {}\nmembers = [\"wasi\"]\n", 5000 + i));
    }
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "getpid-max",
            "[functions]\ngetpid = { behaviour = \"value\", value = 4294967295 }\n".into(),
            "outside 1..=2147483647",
        ),
        (
            "getpid-zero",
            "[functions]\ngetpid = { behaviour = \"value\", value = 0 }\n".into(),
            "outside 1..=2147483647",
        ),
        (
            "getuid-reserved",
            "[functions]\ngetuid = { behaviour = \"value\", value = 4294967295 }\n".into(),
            "outside 0..=4294967294",
        ),
        ("groups-reserved", "[identity]\ngroups = [4294967295]\n".into(), "unchanged"),
        ("two-roots", "[identity]\nuid = 1000\n".into(), "keeps root's name"),
        ("name-nul", "[identity]\nuser = \"a\\u0000b\"\n".into(), "not a user or group name"),
        ("name-newline", "[identity]\nuser = \"a\\nb\"\n".into(), "not a user or group name"),
        (
            "name-colon",
            "[[users]]\nname = \"a:b\"\nuid = 7\ngid = 7\nhome = \"/\"\n".into(),
            "not a user or group name",
        ),
        ("name-empty", "[identity]\ngroup = \"\"\n".into(), "not a user or group name"),
        ("home-colon", "[identity]\nhome = \"/a:b\"\n".into(), "passwd format's separator"),
        (
            "env-digit",
            "[functions]\ngetuid = { behaviour = \"value\", env = \"1X\" }\n".into(),
            "not an environment variable name",
        ),
        ("setting-range", "[terminal]\nrows = 70000\n".into(), "outside 0..=65535"),
        ("many-groups", many_groups, "in more than 64 groups"),
    ];
    for (name, body, expected) in cases {
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, &body).unwrap();
        let out = wasi_shim(&["check", path.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.starts_with(&format!("error: {}:", path.display())), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: expected `{expected}` in {stderr}");
        assert!(stderr.contains("= help:"), "{name}: {stderr}");
    }
}

/// The C side checks environment overrides by the Rust rule: each text gives exactly the id that
/// `parse_env_number` says, or the policy's value.
#[test]
fn one_rule_environment_overrides_follow_the_same_rule_in_c() {
    let module = build_guest("getuid_value_env_rule", BaseRelease::Trixie, "wasix");
    let texts =
        [" 5", "+5", "-0", "05", "5", "0", "4294967294", "4294967295", "-1", "2147483647", "2147483648", "12abc", ""];
    for t in texts {
        let env = [format!("WASIX_UID={t}"), format!("WASIX_PID={t}")];
        let ran = run_module(&module, &env, &[], &scratch("env-rule"));
        let uid = parse_env_number(t, ID_RANGE).unwrap_or(1);
        let pid = parse_env_number(t, PID_RANGE).unwrap_or(66600);
        assert_eq!(text(&ran.stdout), format!("{uid} {pid} 55500\n"), "override {t:?}");
    }
}

// ---- 6. audit tells the truth

#[test]
fn audit_truth_config_log_checks_for_programs_and_types_are_not_functions() {
    let dir = scratch("audit-truth");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("configure.ac"),
        "AC_INIT([truth], [1.0])\nAC_PROG_CC\nAC_PROG_AWK\nAC_CHECK_PROGS([YACC], [bison byacc yacc])\n\
         AC_CHECK_TYPES([off64_t, loff_t, wasi_shim_no_such_type])\nAC_CHECK_FUNCS([getuid wasi_shim_no_such_function])\nAC_OUTPUT\n",
    )
    .unwrap();
    test_support::sh(Command::new("autoconf").current_dir(&dir), "autoconf");
    // A native configure run gives a real config.log; the path includes a non-UTF-8 byte in its text.
    test_support::sh(Command::new("sh").arg("./configure").current_dir(&dir), "configure");
    let log = dir.join("config.log");
    let mut bytes = std::fs::read(&log).unwrap();
    bytes.extend_from_slice(b"\n# a byte that is not UTF-8: \xff\n");
    std::fs::write(&log, bytes).unwrap();
    let out = wasi_shim(&["audit", log.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("UNCOVERED  wasi_shim_no_such_function"), "{stdout}{}", text(&out.stderr));
    for not_a_function in
        ["gawk", "mawk", "bison", "byacc", "yacc", "off64_t", "loff_t", "wasi_shim_no_such_type", "getuid"]
    {
        assert!(!stdout.contains(not_a_function), "{not_a_function} reported: {stdout}");
    }
    assert!(stdout.trim_end().ends_with("1 uncovered"), "{stdout}");
    let zeros = dir.join("zeros.wasm");
    std::fs::write(&zeros, [0u8; 100]).unwrap();
    let out = wasi_shim(&["audit", zeros.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("neither a wasm module or object"), "{}", text(&out.stderr));
}

// ---- 7. guest stack

/// 160 frames of 1 KiB overflow the 64 KiB stack by about 96 KiB. Linked with the stack after the data
/// (wasm-ld's default), the overflow silently ran into `.bss` (here a 256 KiB array that must stay zero);
/// the wrappers link with --stack-first, so it now traps at address 0 instead.
#[test]
fn guest_stack_an_overflow_traps_instead_of_overwriting_data() {
    let dir = scratch("stack-first");
    let source = dir.join("deep.c");
    std::fs::write(
        &source,
        "#include <stdio.h>\nstatic char zeros[256 * 1024];\n\
         static int deep(int n) { volatile char frame[1024]; frame[0] = (char)n; return n ? deep(n - 1) + frame[0] : 0; }\n\
         int main(void) { int r = deep(160); for (unsigned i = 0; i < sizeof zeros; i++) if (zeros[i]) { puts(\"corrupted\"); return 1; }\n\
         printf(\"%d\\n\", r); return 0; }\n",
    )
    .unwrap();
    let module = dir.join("deep.wasm");
    let built = test_support::compile(&overlay("default", BaseRelease::Trixie), &source, &module, &["-O0"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let ran = run_module(&module, &[], &[], &dir.join("work"));
    assert_eq!(ran.status.code(), Some(134), "stdout {} stderr {}", text(&ran.stdout), text(&ran.stderr));
    assert!(text(&ran.stderr).contains("trapped"), "{}", text(&ran.stderr));
}

// ---- 8. smaller ones

#[test]
fn small_extends_through_other_spellings_of_the_same_file_is_a_loop() {
    let dir = scratch("extends-spelling").join("dir");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("self.toml");
    std::fs::write(&path, "extends = \"../dir/self.toml\"\n").unwrap();
    let stderr = text(&wasi_shim(&["check", path.to_str().unwrap()]).stderr);
    assert!(stderr.contains("`extends` loops:"), "{stderr}");
    assert!(stderr.len() < 2_000, "{stderr}");
}

#[test]
fn small_an_error_at_the_end_of_a_huge_line_prints_a_window_of_it() {
    let dir = scratch("huge-line");
    let path = dir.join("huge.toml");
    std::fs::write(&path, format!("description = \"{}\" bogus\n", "a".repeat(50 << 20))).unwrap();
    let out = wasi_shim(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.len() < 10_000, "{} bytes of stderr", out.stderr.len());
    assert!(text(&out.stderr).contains(&format!("{}:1:", path.display())), "{}", text(&out.stderr));
}

#[test]
fn small_many_users_resolve_in_linear_time() {
    // 200,000 users: quadratic clash checks took minutes here; the hash maps take well under a second.
    let dir = scratch("many-users");
    let mut policy = String::from("extends = \"default\"\n");
    for i in 0..200_000u32 {
        policy.push_str(&format!("[[users]]\nname = \"u{i}\"\nuid = {}\ngid = 100\nhome = \"/\"\n", 10_000 + i));
    }
    let path = dir.join("many.toml");
    std::fs::write(&path, policy).unwrap();
    let resolved = Policy::load(path.to_str().unwrap(), Catalog::builtin()).unwrap();
    assert_eq!(resolved.users.len(), 200_002);
}

#[test]
fn small_a_killed_build_leaves_nothing_behind_for_long() {
    let parent = scratch("stale");
    let _ = std::fs::remove_dir_all(&parent);
    std::fs::create_dir_all(&parent).unwrap();
    // Leftovers of a build whose process (pid 2^22 + 1 is above Linux's pid_max) is gone.
    let dead = 4_194_305;
    let staging = parent.join(format!(".overlay.staging-{dead}-abc"));
    let old = parent.join(format!(".overlay.old-{dead}"));
    let work: PathBuf = std::env::temp_dir().join(format!("wasi-shim-build-{dead}-xyz"));
    for d in [&staging, &old, &work] {
        std::fs::create_dir_all(d.join("include")).unwrap();
    }
    build(&parent.join("overlay")).unwrap();
    assert_eq!(listing(&parent), ["overlay"]);
    assert!(!work.exists());
}

#[test]
fn small_run_env_name_unset_on_the_host_stays_unset_in_the_guest() {
    let dir = scratch("env-unset");
    let source = dir.join("env.c");
    std::fs::write(&source, "#include <stdio.h>\n#include <stdlib.h>\nint main(void){const char*v=getenv(\"WS_PROBE\");puts(v?v:\"(unset)\");return 0;}\n").unwrap();
    let module = dir.join("env.wasm");
    let built = test_support::compile(&overlay("default", BaseRelease::Trixie), &source, &module, &[]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let run = |set: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wasi-shim"));
        cmd.args(["run", "--env", "WS_PROBE"]).arg(&module).env_remove("WS_PROBE");
        if let Some(v) = set {
            cmd.env("WS_PROBE", v);
        }
        text(&cmd.output().unwrap().stdout)
    };
    assert_eq!(run(None), "(unset)\n");
    assert_eq!(run(Some("")), "\n");
    assert_eq!(run(Some("x")), "x\n");
}

//! The `wasi-shim` command line: check, explain, toolchain, and run's wasmtime-compatible flags.

use std::process::Command;

use test_support::{scratch, toolchain};
use wasi_shim::toolchain::BaseRelease;

fn wasi_shim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wasi-shim")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_prints_each_choice_and_where_it_was_made() {
    let out = wasi_shim(&["check", "wasix"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("chain: preset:default <- preset:wasix"), "{stdout}");
    let getuid = stdout.lines().find(|l| l.starts_with("getuid ")).unwrap();
    assert!(getuid.contains("value 1 ($WASIX_UID)") && getuid.ends_with("policy/wasix.toml:23"), "{getuid}");
    assert!(text(&out.stderr).contains("warning: setuid: `succeed` is lossy"), "{}", text(&out.stderr));
}

#[test]
fn check_reports_policy_errors_with_location_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[functions]\nsigprocmsk = \"emulate\"\n").unwrap();
    let out = wasi_shim(&["check", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("error: {}:2:1: unknown function `sigprocmsk`", path.display())), "{stderr}");
    assert!(stderr.contains("did you mean `sigprocmask`?"), "{stderr}");
}

#[test]
fn explain_shows_the_catalog_row_and_the_policy_choice() {
    let out = wasi_shim(&["explain", "getlogin", "--policy", "strict"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("char *getlogin(void);"), "{stdout}");
    assert!(stdout.contains("https://pubs.opengroup.org/onlinepubs/9799919799/functions/getlogin.html"), "{stdout}");
    assert!(stdout.contains("reason:     ENXIO is POSIX's"), "{stdout}");
    assert!(stdout.contains("policy strict:  error with ENOSYS"), "{stdout}");
}

#[test]
fn explain_unknown_function_suggests_the_closest() {
    let out = wasi_shim(&["explain", "getpwnma"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("`getpwnma` is not in the catalog; did you mean `getpwnam`?"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn unknown_preset_is_a_clear_error() {
    let out = wasi_shim(&["check", "stirct"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("unknown policy preset `stirct`: did you mean `strict`?"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn toolchain_reports_how_it_was_found() {
    toolchain(BaseRelease::Trixie);
    let out = wasi_shim(&["toolchain"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("found by:  wasi-libc 0.0~git20241209.574b88d-2 (trixie) provisioned in"), "{stdout}");
    assert!(stdout.contains("triple:    wasm32-wasi"), "{stdout}");
}

/// A plain wasi-libc program (no overlay) that echoes its arguments, one env var, a file, and exits with a status.
fn echo_module() -> std::path::PathBuf {
    let tc = toolchain(BaseRelease::Trixie);
    let dir = scratch("cli");
    let source = dir.join("echo.c");
    std::fs::write(
        &source,
        r#"#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) printf("arg %s\n", argv[i]);
    const char *v = getenv("GREETING");
    printf("env %s\n", v ? v : "(unset)");
    FILE *f = fopen("data/in.txt", "r");
    char line[64] = "(no file)";
    if (f) { fgets(line, sizeof line, f); fclose(f); }
    printf("file %s\n", line);
    return argc > 1 ? atoi(argv[argc - 1]) : 0;
}
"#,
    )
    .unwrap();
    let module = dir.join("echo.wasm");
    let mut cmd = Command::new(&tc.clang);
    cmd.args(tc.target_flags()).arg(&source).arg("-o").arg(&module);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    module
}

#[test]
fn run_passes_args_env_dirs_and_the_exit_status() {
    let module = echo_module();
    let data = scratch("cli-data");
    std::fs::write(data.join("in.txt"), "hello").unwrap();
    let dir_flag = format!("{}::data", data.display());
    let out = wasi_shim(&["run", "--dir", &dir_flag, "--env", "GREETING=hi", module.to_str().unwrap(), "-x", "7"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(7), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("arg {}\narg -x\narg 7\n", module.display())),
        "argv[0] is the module path: {stdout}"
    );
    assert!(stdout.contains("env hi\n") && stdout.contains("file hello\n"), "{stdout}");
}

/// A module compiled to print `word`, at `path`.
fn printing_module(path: &std::path::Path, word: &str) {
    let tc = toolchain(BaseRelease::Trixie);
    let source = path.with_extension("c");
    std::fs::write(&source, format!("#include <stdio.h>\nint main(void) {{ puts(\"{word}\"); return 0; }}\n")).unwrap();
    let out = Command::new(&tc.clang).args(tc.target_flags()).arg(&source).arg("-o").arg(path).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// `run` finds a module's compiled code through the file's identity instead of hashing it (issue 14), so a module
/// replaced in place, even with the same size and its old modification time put back, must run its new code.
#[test]
fn run_of_a_module_replaced_in_place_runs_the_new_code() {
    let dir = scratch("cli-replaced");
    let (module, other) = (dir.join("one.wasm"), dir.join("two.wasm"));
    printing_module(&module, "first");
    printing_module(&other, "later");
    let run = || text(&wasi_shim(&["run", module.to_str().unwrap()]).stdout);
    assert_eq!(run(), "first\n");
    assert_eq!(run(), "first\n", "the cached code runs the same");
    let old_mtime = std::fs::metadata(&module).unwrap().modified().unwrap();
    assert_eq!(std::fs::metadata(&module).unwrap().len(), std::fs::metadata(&other).unwrap().len(), "same size");
    std::fs::write(&module, std::fs::read(&other).unwrap()).unwrap();
    std::fs::File::options().write(true).open(&module).unwrap().set_modified(old_mtime).unwrap();
    assert_eq!(run(), "later\n");
}

#[test]
fn run_accepts_the_older_mapdir_spelling_and_hides_the_host_environment() {
    let module = echo_module();
    let data = scratch("cli-data-mapdir");
    std::fs::write(data.join("in.txt"), "mapped").unwrap();
    let mapdir = format!("data::{}", data.display());
    let out = Command::new(env!("CARGO_BIN_EXE_wasi-shim"))
        .args(["run", "--mapdir", &mapdir, module.to_str().unwrap()])
        .env("GREETING", "from-host")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("env (unset)\n"), "the host environment must not leak in: {stdout}");
    assert!(stdout.contains("file mapped\n"), "{stdout}");
}

#[test]
fn run_reports_a_missing_module() {
    let out = wasi_shim(&["run", "/nonexistent/x.wasm"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("no module at /nonexistent/x.wasm"), "{}", text(&out.stderr));
}

#[test]
fn audit_of_a_config_log_lists_missing_functions_and_fails_on_uncovered_ones() {
    let dir = scratch("audit-log");
    let log = dir.join("config.log");
    std::fs::write(
        &log,
        "This file contains any messages produced by compilers while\nrunning configure, to aid debugging if configure makes a mistake.\n\n\
         It was created by demo configure 1.0, which was\ngenerated by GNU Autoconf 2.71.\n\n\
         configure:10: checking for getuid\nconfigure:10: cc -o conftest conftest.c\nconfigure:11: result: no\n\
         configure:12: checking for kill\nconfigure:12: cc -o conftest conftest.c\nconfigure:13: result: no\n\
         configure:14: checking for epoll_create\nconfigure:14: cc -o conftest conftest.c\nconfigure:15: result: no\n\
         configure:18: checking for frobnicate_widget\nconfigure:18: cc -o conftest conftest.c\nconfigure:19: result: no\n\
         configure:16: checking for printf\nconfigure:16: cc -o conftest conftest.c\nconfigure:17: result: yes\n",
    )
    .unwrap();
    let out = wasi_shim(&["audit", log.to_str().unwrap(), "--policy", "strict"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("4 functions the base sysroot lacks"), "{stdout}");
    assert!(stdout.contains("covered    getuid                   error under policy strict (ENOSYS)"), "{stdout}");
    assert!(stdout.contains("covered    kill"), "{stdout}");
    assert!(stdout.contains("excluded   epoll_create             Linux-only system call"), "{stdout}");
    assert!(stdout.contains("UNCOVERED  frobnicate_widget"), "{stdout}");
    assert!(stdout.trim_end().ends_with("1 uncovered"), "{stdout}");
    assert!(!stdout.contains("printf"), "{stdout}");
}

#[test]
fn audit_of_an_object_and_a_module_reads_their_undefined_symbols() {
    let tc = toolchain(BaseRelease::Trixie);
    let dir = scratch("audit-object");
    let source = dir.join("needs.c");
    std::fs::write(&source, "#include <stdio.h>\nint getuid(void);\nint sigaction(int, const void *, void *);\nint main(void) { printf(\"%d\", getuid()); return sigaction(1, 0, 0); }\n").unwrap();
    let object = dir.join("needs.o");
    let module = dir.join("needs.wasm");
    let compile = |extra: &[&str], out: &std::path::Path| {
        let status = Command::new(&tc.clang)
            .args(tc.target_flags())
            .args(extra)
            .arg(&source)
            .arg("-o")
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
    };
    compile(&["-c"], &object);
    compile(&["-Wl,--allow-undefined"], &module);
    for file in [&object, &module] {
        let out = wasi_shim(&["audit", file.to_str().unwrap()]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        assert!(stdout.contains("2 functions the base sysroot lacks"), "{stdout}");
        assert!(stdout.contains("covered    getuid                   value under policy default"), "{stdout}");
        assert!(stdout.contains("covered    sigaction                emulate under policy default"), "{stdout}");
    }
}

/// `build` shows its steps as cargo does (a line each with its elapsed time, on stderr), and `--quiet` silences
/// them while the summary still prints.
#[test]
fn build_shows_its_steps_with_elapsed_times_and_quiet_silences_them() {
    toolchain(BaseRelease::Trixie);
    let dir = scratch("progress");
    for quiet in [false, true] {
        let out_dir = dir.join(if quiet { "quiet" } else { "loud" });
        let _ = std::fs::remove_dir_all(&out_dir);
        let mut args = vec!["build", "--out", out_dir.to_str().unwrap()];
        if quiet {
            args.push("--quiet");
        }
        let out = wasi_shim(&args);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(out.status.success(), "{stderr}");
        assert!(stdout.starts_with("built overlay "), "{stdout}");
        if quiet {
            assert_eq!(stderr, "", "--quiet printed on stderr");
            continue;
        }
        for step in ["Scanned the base's archives", "Compiled the shims for policy default", "Installed the overlay"] {
            let line =
                stderr.lines().find(|l| l.trim_start().starts_with(step)).unwrap_or_else(|| panic!("{step}: {stderr}"));
            let seconds = line.rsplit_once(" in ").and_then(|(_, t)| t.strip_suffix('s')).unwrap_or("");
            assert!(seconds.parse::<f64>().is_ok(), "no elapsed time in `{line}`");
        }
    }
}

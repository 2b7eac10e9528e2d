//! Rust programs on wasm32-wasip1 (issue 16): the guests of `tests/rust/`, built by cargo for a policy through
//! wasi-shim-sys and `wasi-shim env` and run with `wasi-shim run`; what each line should say comes from the
//! policy's choices, as `wasi-shim check` prints them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use e2e::rust_guests::{self, CBuild};
use test_support::{cargo, readme_between, root, scratch, wasi_shim_binary};
use wasi_shim::catalog::Behaviour;
use wasi_shim::policy::Policy;
use wasi_shim::shims::Shims;

/// The presets the issue names, and a user's own policy file.
fn policies() -> Vec<(String, Policy)> {
    let custom = root().join("tests/policies/custom.toml").display().to_string();
    let catalog = &Shims::builtin().catalog;
    ["default".to_owned(), "strict".to_owned(), custom]
        .into_iter()
        .map(|spec| {
            let policy = Policy::load(&spec, catalog).unwrap();
            (spec, policy)
        })
        .collect()
}

/// The guest's module; every function it calls is defined in it (rustc would have made a missing one an import).
fn built(package: &str, policy: &str, c: CBuild) -> PathBuf {
    let module = built_with_imports(package, policy, c);
    let foreign = rust_guests::foreign_imports(&module).unwrap();
    assert!(foreign.is_empty(), "{package} for {policy} imports what nothing defined: {foreign:?}");
    module
}

fn built_with_imports(package: &str, policy: &str, c: CBuild) -> PathBuf {
    let built = rust_guests::build(package, policy, c).unwrap();
    let stderr = String::from_utf8_lossy(&built.output.stderr);
    built.module.unwrap_or_else(|| panic!("cargo build -p {package} for {policy} failed:\n{stderr}"))
}

fn run(module: &Path, args: &[&str], dirs: &[String]) -> Output {
    let mut command = Command::new(wasi_shim_binary());
    command.arg("run");
    for dir in dirs {
        command.args(["--dir", dir]);
    }
    command.arg(module).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `err(ERRNO)` of the first of `functions` the policy makes fail, or `ok(<success>)`.
fn outcome(policy: &Policy, functions: &[&str], success: &str) -> String {
    for function in functions {
        let choice = policy.choice(function).unwrap_or_else(|| panic!("{function} is not in the catalog"));
        if choice.behaviour == Behaviour::Error {
            return format!("err({})", choice.errno);
        }
    }
    format!("ok({success})")
}

#[test]
fn getpwuid_of_getuid_prints_the_policy_user_or_its_errno() {
    for (spec, policy) in policies() {
        let ran = run(&built("whoami", &spec, CBuild::Plain), &[], &[]);
        let id = &policy.identity;
        let expected = match outcome(&policy, &["getpwuid"], "") {
            failed if failed.starts_with("err(") => {
                format!("getpwuid: NULL errno={}", &failed[4..failed.len() - 1])
            }
            _ => format!("{} {} {}", id.user.as_str(), id.uid, id.home.as_str()),
        };
        assert_eq!(stdout(&ran).trim(), expected, "whoami under {spec}");
        assert_eq!(ran.status.code(), Some(if expected.contains("NULL") { 1 } else { 0 }), "under {spec}");
    }
}

/// What each line of the safe-layer guest says under `policy`.
fn safe_layer_expectations(policy: &Policy) -> Vec<(String, String)> {
    let id = &policy.identity;
    let user =
        format!("({:?}, {}, {}, {:?}, {:?})", id.user.as_str(), id.uid, id.gid, id.home.as_str(), id.shell.as_str());
    let groups: Vec<String> = policy.supplementary_groups().iter().map(|g| g.to_string()).collect();
    let host = policy.choice("gethostname").and_then(|c| c.value.clone()).map(|v| v.to_string()).unwrap_or_default();
    let handled = |how: &str| {
        let delivered = outcome(policy, &["sigaction", how], "").starts_with("ok");
        if delivered { "10" } else { "0" }.to_owned()
    };
    [
        ("current_user", outcome(policy, &["getuid", "getpwuid_r"], &user)),
        ("home_dir", outcome(policy, &["getuid", "getpwuid_r"], &format!("{:?}", id.home.as_str()))),
        ("user_by_name", outcome(policy, &["getpwnam_r"], "Some((\"root\", 0))")),
        ("group_by_gid", outcome(policy, &["getgrgid_r"], "Some(\"root\")")),
        ("groups", outcome(policy, &["getgroups"], &format!("[{}]", groups.join(", ")))),
        ("umask", outcome(policy, &["umask"], "18")),
        ("umask_again", outcome(policy, &["umask"], "63")),
        ("get_rlimit", outcome(policy, &["getrlimit"], "true")),
        ("on_signal", outcome(policy, &["sigaction"], "()")),
        ("kill_self", outcome(policy, &["getpid", "kill"], "()")),
        ("handled", handled("kill")),
        ("raise", outcome(policy, &["raise"], "()")),
        ("handled", handled("raise")),
        ("gethostname", outcome(policy, &["gethostname"], &host)),
        ("env_home", login_home(policy)),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value))
    .collect()
}

/// What `std::env::var("HOME")` gives a program the runtime passes no environment: the policy's home when its
/// login environment is on.
fn login_home(policy: &Policy) -> String {
    let on = policy.settings.get("environment.login_defaults").is_some_and(|v| v.to_string() == "1");
    if on {
        format!("Some({:?})", policy.identity.home.as_str())
    } else {
        "None".to_owned()
    }
}

#[test]
fn the_safe_layer_and_a_raw_call_answer_as_the_policy_chooses() {
    for (spec, policy) in policies() {
        // Built with `wasi-shim env`'s variables, so the link carries the policy's --wrap arguments (the login
        // environment's among them), as the README tells a program to.
        let ran = run(&built("safe-layer", &spec, CBuild::ShimEnv), &[], &[]);
        assert_eq!(ran.status.code(), Some(0), "under {spec}: {}", String::from_utf8_lossy(&ran.stderr));
        let lines: Vec<(String, String)> = stdout(&ran)
            .lines()
            .map(|l| l.split_once(": ").map(|(n, v)| (n.to_owned(), v.to_owned())).unwrap_or_default())
            .collect();
        assert_eq!(lines, safe_layer_expectations(&policy), "safe-layer under {spec}");
    }
}

#[test]
fn sig_dfl_ends_the_program_with_128_plus_the_signal_where_the_policy_delivers_it() {
    for (spec, policy) in policies() {
        let ran = run(&built("safe-layer", &spec, CBuild::Plain), &["default-action"], &[]);
        let delivered = outcome(&policy, &["sigaction", "getpid", "kill"], "").starts_with("ok");
        let usr1 = 10;
        if delivered {
            assert_eq!(ran.status.code(), Some(128 + usr1), "under {spec}: {}", stdout(&ran));
            assert!(!stdout(&ran).contains("still running"), "under {spec}");
        } else {
            assert_eq!(ran.status.code(), Some(0), "under {spec}");
            assert!(stdout(&ran).contains("kill_self: err("), "under {spec}: {}", stdout(&ran));
        }
    }
}

#[test]
fn c_from_the_programs_build_script_links_against_the_same_shims() {
    let custom = root().join("tests/policies/custom.toml").display().to_string();
    for spec in ["default".to_owned(), custom] {
        let policy = Policy::load(&spec, &Shims::builtin().catalog).unwrap();
        let ran = run(&built("with-c", &spec, CBuild::ShimCompiler), &[], &[]);
        assert_eq!(ran.status.code(), Some(0), "under {spec}: {}", String::from_utf8_lossy(&ran.stderr));
        let id = &policy.identity;
        let expected = format!(
            "c getpwnam({user}): {uid}\nrust getuid: {uid}\nc sigaction: 0\nc handler after rust kill: 12\nc kill: 0\n\
             rust handler after c kill: 10\n",
            user = id.user.as_str(),
            uid = id.uid
        );
        assert_eq!(stdout(&ran), expected, "with-c under {spec}");
    }
}

#[test]
fn a_vendored_c_crate_fails_without_the_shims_and_works_with_them() {
    let before = rust_guests::build("vendored", "default", CBuild::NoShims).unwrap();
    let stderr = String::from_utf8_lossy(&before.output.stderr);
    assert!(before.module.is_none(), "UnQLite built without the shims");
    assert!(stderr.contains("'pwd.h' file not found"), "the failure is not the missing <pwd.h>:\n{stderr}");

    // The overlay's headers without its archive: UnQLite compiles and rustc links it, turning what nothing
    // defines into imports, so the module cannot be instantiated.
    let headers_only = built_with_imports("vendored", "default", CBuild::ShimCompiler);
    let foreign = rust_guests::foreign_imports(&headers_only).unwrap();
    assert!(foreign.iter().any(|i| i == "env::getpwnam"), "{foreign:?}");
    let refused = run(&headers_only, &[], &[]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(refused.status.code() != Some(0) && stderr.contains("unknown import: `env::"), "{stderr}");

    let module = built("vendored", "default", CBuild::ShimEnv);
    let data = scratch("rust-vendored");
    let _ = std::fs::remove_file(data.join("guest.unqlite"));
    let ran = run(&module, &[], &[format!("{}::/data", data.display())]);
    assert_eq!(stdout(&ran), "unqlite shim=getpwuid\n", "{}", String::from_utf8_lossy(&ran.stderr));
    assert!(data.join("guest.unqlite").metadata().unwrap().len() > 0, "the database file was not written");
}

#[test]
fn a_no_op_rebuild_does_not_rerun_the_shim_build_script() {
    let (first, again, elapsed) = rust_guests::build_twice("whoami", "default", CBuild::Plain).unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let log = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{log}");
    assert!(log.contains("Fresh wasi-shim-sys"), "wasi-shim-sys was not fresh:\n{log}");
    assert!(!log.contains("build-script-build`"), "a build script ran again:\n{log}");
    eprintln!("no-op cargo build of whoami: {:.2} s", elapsed.as_secs_f64());
}

/// The function names inside bindgen's `extern "C"` blocks.
fn declared_functions(bindings: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut inside = false;
    for line in bindings.lines() {
        if line.starts_with("unsafe extern \"C\" {") || line.starts_with("extern \"C\" {") {
            inside = true;
        } else if line == "}" {
            inside = false;
        } else if let Some(rest) = line.trim_start().strip_prefix("pub fn ").filter(|_| inside) {
            names.push(rest.split('(').next().unwrap_or_default().to_owned());
        }
    }
    names.sort();
    names
}

#[test]
fn the_bindings_declare_every_catalog_function_whose_header_the_overlay_ships() {
    let bindings = rust_guests::bindings("default").unwrap();
    let shims = Shims::builtin();
    let shipped: Vec<&str> = shims.public_headers.iter().map(|(name, _)| name.as_str()).collect();
    let mut expected: Vec<String> = shims
        .catalog
        .functions
        .iter()
        .filter(|f| shipped.contains(&f.header.as_str()))
        .map(|f| f.name.clone())
        .chain(["__SIG_ERR".to_owned(), "__SIG_IGN".to_owned()])
        .collect();
    expected.sort();
    assert!(expected.len() > 200, "only {} catalog functions have shipped headers", expected.len());
    assert_eq!(declared_functions(&bindings), expected);
}

#[test]
fn wasi_shim_sys_builds_without_wasmtime() {
    let tree = cargo()
        .args(["tree", "--package", "wasi-shim-sys", "--target", wasi_shim::rust_target::TARGET])
        .args(["--edges", "normal,build", "--prefix", "none", "--manifest-path"])
        .arg(root().join("Cargo.toml"))
        .output()
        .unwrap();
    let text = stdout(&tree);
    assert!(tree.status.success(), "{}", String::from_utf8_lossy(&tree.stderr));
    let crates: BTreeMap<&str, ()> =
        text.lines().filter_map(|l| l.split_whitespace().next()).map(|c| (c, ())).collect();
    assert!(crates.contains_key("bindgen") && crates.contains_key("wasi-shim"), "unexpected tree:\n{text}");
    let engines: Vec<&&str> =
        crates.keys().filter(|c| c.starts_with("wasmtime") || c.starts_with("cranelift")).collect();
    assert!(engines.is_empty(), "wasi-shim-sys pulls in {engines:?}");
}

#[test]
fn the_doc_examples_run_in_wasm() {
    let ran = rust_guests::doc_tests().unwrap();
    let log = format!("{}{}", stdout(&ran), String::from_utf8_lossy(&ran.stderr));
    assert!(ran.status.success(), "{log}");
    // Each example is a ``` line that opens a doc block and one that closes it.
    let fences: usize = wasi_shim::files::under(&root().join("sys/src"))
        .unwrap()
        .iter()
        .map(|file| std::fs::read_to_string(file).unwrap())
        .map(|text| text.lines().filter(|l| matches!(l.trim(), "/// ```" | "//! ```")).count())
        .sum();
    let examples = fences / 2;
    assert!(log.contains(&format!("test result: ok. {examples} passed")), "expected {examples} examples:\n{log}");
}

/// The README's "Rust programs" example: its shell blocks run in order with bash from the checkout, each
/// `# prints:` comment one line of what they print.
#[test]
fn the_readme_rust_section_runs_as_written() {
    let section = readme_between("<!-- rust-example: start -->\n", "<!-- rust-example: end -->");
    let script: String =
        section.split("```sh\n").skip(1).filter_map(|b| b.split_once("```\n")).map(|(b, _)| b).collect();
    let expected: Vec<&str> =
        script.lines().filter_map(|l| l.split_once("# prints: ").map(|(_, p)| p.trim())).collect();
    assert!(expected.len() >= 3, "the example documents what it prints");
    rust_guests::ensure_rust_target();
    // Kept between runs, as a user's project directory would be: a warm run rebuilds nothing.
    let tmp = wasi_shim::toolchain::cache_dir().join("readme-rust");
    std::fs::create_dir_all(&tmp).unwrap();
    let ran = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(root())
        .env("TMPDIR", &tmp)
        .env_remove("WASI_SHIM_POLICY")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let printed = stdout(&ran);
    assert!(ran.status.success(), "{printed}{}", String::from_utf8_lossy(&ran.stderr));
    assert_eq!(printed.lines().collect::<Vec<_>>(), expected, "{}", String::from_utf8_lossy(&ran.stderr));
}

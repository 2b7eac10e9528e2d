//! Choosing a policy: `init --from` states a preset's choices for exactly what a program uses, `diff` shows where
//! two policies answer differently, and `check --format json` follows its committed schema.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use test_support::starter::{
    answer, assert_states_the_presets_choices, audit_covered, check_json, starter_round_trip, wasi_shim_in,
    write_starter,
};
use test_support::{scratch, toolchain};
use wasi_shim::catalog::Catalog;
use wasi_shim::toolchain::BaseRelease;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A module linked over the plain sysroot with its POSIX needs left as imports, as a porter's first link leaves
/// them: catalog functions (one of them lossy under wasix), one the catalog excludes, one nothing provides. A
/// linked module imports only what its libc lacks, so a catalog function the base defines (chmod) is not among them.
fn linked_module(name: &str) -> PathBuf {
    let tc = toolchain(BaseRelease::Trixie);
    let dir = scratch(name);
    let source = dir.join("uses.c");
    std::fs::write(
        &source,
        "#include <stdio.h>\n\
         int getuid(void); void *getpwuid(int); int sigaction(int, const void *, void *); int kill(int, int);\n\
         int umask(int); int setuid(int); int epoll_create(int); int frobnicate_widget(void);\n\
         int main(void) {\n\
           printf(\"%p\", getpwuid(getuid()));\n\
           return sigaction(15, 0, 0) + kill(1, 15) + umask(022) + setuid(0) + epoll_create(1)\n\
                  + frobnicate_widget();\n\
         }\n",
    )
    .unwrap();
    let module = dir.join("uses.wasm");
    let status = Command::new(&tc.clang)
        .args(tc.target_flags())
        .arg("-Wl,--allow-undefined")
        .arg(&source)
        .arg("-o")
        .arg(&module)
        .status()
        .unwrap();
    assert!(status.success());
    module
}

#[test]
fn init_from_a_module_states_exactly_what_audit_lists_with_the_presets_choices() {
    let module = linked_module("init-module");
    let used = audit_covered(&module, "wasix");
    let expected: BTreeSet<String> =
        ["getuid", "getpwuid", "sigaction", "kill", "umask", "setuid"].map(String::from).into();
    assert_eq!(used, expected, "audit's list");
    let starter = write_starter(&module, "wasix", &module.with_file_name("starter.toml"));
    assert_eq!(starter.stated, used, "{}", starter.text);
    assert_states_the_presets_choices(&starter, "wasix");
    let line = |name: &str| starter.text.lines().find(|l| l.starts_with(&format!("{name} = "))).unwrap().to_owned();
    assert_eq!(line("setuid"), "setuid = \"succeed\"  # lossy");
    assert_eq!(line("getuid"), "getuid = { behaviour = \"value\", env = \"WASIX_UID\" }");
    assert_eq!(line("kill"), "kill = { behaviour = \"error\", errno = \"ENOTSUP\" }");
    assert!(starter.text.contains("# uid_t getuid(void)  (<unistd.h>, area identity)"), "{}", starter.text);
    assert!(starter.text.contains("#   trap:     aborts with a message naming the function"), "{}", starter.text);
    assert!(starter.text.contains("#   epoll_create: Linux-only system call"), "{}", starter.text);
    assert!(starter.text.contains("#   frobnicate_widget\n"), "{}", starter.text);
}

/// Editing one line of the starter changes that one function and nothing else.
#[test]
fn editing_one_line_of_a_starter_changes_one_behaviour() {
    let module = linked_module("init-edit");
    let starter = write_starter(&module, "default", &module.with_file_name("starter.toml"));
    let edited = module.with_file_name("edited.toml");
    let text: Vec<String> = starter
        .text
        .lines()
        .map(|l| if l.starts_with("umask = ") { "umask = \"error\"".to_owned() } else { l.to_owned() })
        .collect();
    std::fs::write(&edited, text.join("\n") + "\n").unwrap();
    let dir = module.parent().unwrap();
    let out = wasi_shim_in(dir, &["diff", "starter.toml", "edited.toml"]);
    let report = text_of(&out);
    assert!(report.starts_with("starter.toml vs edited.toml: 1 of "), "{report}");
    let rows = table_rows(&report);
    assert_eq!(rows.len(), 1, "{report}");
    assert_eq!(&rows[0][..3], ["umask", "modes", "emulate"], "{report}");
    assert_eq!(rows[0][4..6], ["error", "ENOSYS"], "{report}");
    assert!(rows[0][6].starts_with("edited.toml:"), "{report}");
}

/// The starter policy builds an overlay whose manifest has the preset's behaviours, symbol for symbol.
#[test]
fn a_starter_builds_an_overlay_that_behaves_as_its_preset() {
    starter_round_trip(&linked_module("init-overlay"), "default", 6);
}

#[test]
fn init_never_writes_over_an_existing_file() {
    let module = linked_module("init-existing");
    let out = module.with_file_name("mine.toml");
    std::fs::write(&out, "# my edits\nextends = \"strict\"\n").unwrap();
    let run =
        wasi_shim_in(Path::new("."), &["init", "--from", module.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("already exists; choose another --out, or remove it first"),
        "{}",
        text(&run.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "# my edits\nextends = \"strict\"\n");
}

fn text_of(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

/// The table's rows (after its heading), split into words.
fn table_rows(report: &str) -> Vec<Vec<String>> {
    let table = report.lines().skip_while(|l| !l.starts_with("function ")).skip(1);
    table.take_while(|l| !l.is_empty()).map(|l| l.split_whitespace().map(str::to_owned).collect()).collect()
}

/// The functions two `check --format json` documents answer differently, worked out from the documents alone.
fn differing(a: &Value, b: &Value) -> Vec<String> {
    let (fa, fb) = (a["functions"].as_array().unwrap(), b["functions"].as_array().unwrap());
    fa.iter().zip(fb).filter(|(x, y)| answer(x) != answer(y)).map(|(x, _)| x["name"].as_str().unwrap().into()).collect()
}

fn diff_rows(a: &str, b: &str) -> (String, Vec<Vec<String>>) {
    let report = text_of(&wasi_shim_in(&test_support::root(), &["diff", a, b]));
    let rows = table_rows(&report);
    let names: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(names, differing(&check_json(a), &check_json(b)), "{report}");
    assert!(report.starts_with(&format!("{a} vs {b}: {} of ", rows.len())), "{report}");
    (report, rows)
}

fn row<'r>(rows: &'r [Vec<String>], name: &str) -> &'r [String] {
    rows.iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("no {name} row"))
}

#[test]
fn diff_strict_default_lists_every_function_they_answer_differently() {
    let (report, rows) = diff_rows("strict", "default");
    assert_eq!(
        row(&rows, "getuid")[2..],
        ["error", "ENOSYS", "policy/strict.toml:24", "value", "1000", "catalog", "default"]
    );
    assert_eq!(row(&rows, "sigaction")[2..5], ["error", "ENOSYS", "policy/strict.toml:25"], "{report}");
    assert!(report.contains("\nother values that differ:\n"), "{report}");
    assert!(report.lines().any(|l| l.split_whitespace().eq(["identity.uid", "0", "1000"])), "{report}");
}

#[test]
fn diff_default_wasix_shows_the_values_and_where_wasix_sets_them() {
    let (report, rows) = diff_rows("default", "wasix");
    assert_eq!(
        row(&rows, "getuid")[2..],
        ["value", "1000", "catalog", "default", "value", "1", "($WASIX_UID)", "policy/wasix.toml:23"]
    );
    assert_eq!(row(&rows, "chmod")[5..], ["succeed", "policy/wasix.toml:42"], "{report}");
    assert!(report.lines().any(|l| l.split_whitespace().eq(["process.pid", "42", "66600"])), "{report}");
}

#[test]
fn diff_of_a_policy_file_against_its_preset_shows_its_own_lines_and_can_keep_to_what_a_program_uses() {
    let module = linked_module("diff-custom");
    let dir = module.parent().unwrap();
    std::fs::write(
        dir.join("custom.toml"),
        "extends = \"default\"\n\n[functions]\nkill = \"error\"\ngethostname = { behaviour = \"value\", value = \"build-box\" }\n",
    )
    .unwrap();
    let report = text_of(&wasi_shim_in(dir, &["diff", "default", "custom.toml"]));
    let rows = table_rows(&report);
    assert_eq!(rows.len(), 2, "{report}");
    assert_eq!(row(&rows, "kill")[2..], ["emulate", "policy/default.toml:25", "error", "ENOSYS", "custom.toml:4"]);
    assert_eq!(row(&rows, "gethostname")[6..], ["value", "\"build-box\"", "custom.toml:5"]);
    assert!(!report.contains("other values that differ"), "{report}");
    let only = text_of(&wasi_shim_in(dir, &["diff", "default", "custom.toml", "--only-used", "uses.wasm"]));
    assert!(only.starts_with("default vs custom.toml: 1 of the 6 catalog functions uses.wasm uses differ"), "{only}");
    assert_eq!(table_rows(&only).iter().map(|r| r[0].as_str()).collect::<Vec<_>>(), ["kill"], "{only}");
}

/// `check --format json` for every preset and a policy file validates against the committed schema, and the
/// schema is strict enough to refuse documents that break its promises.
#[test]
fn check_json_follows_its_schema() {
    let schema: Value = serde_json::from_str(wasi_shim::choosing::CHECK_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = scratch("check-json");
    std::fs::write(
        dir.join("logged.toml"),
        "extends = \"wasix\"\n\n[functions]\ngetuid = { behaviour = \"value\", log = true }\n",
    )
    .unwrap();
    let custom = dir.join("logged.toml");
    let catalog = Catalog::builtin();
    for spec in ["default", "strict", "wasix", "cpython", "ruby", custom.to_str().unwrap()] {
        let doc = check_json(spec);
        let errors: Vec<String> =
            validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{spec}: {errors:?}");
        assert_eq!(doc["format"], wasi_shim::choosing::CHECK_FORMAT);
        assert_eq!(doc["functions"].as_array().unwrap().len(), catalog.functions.len(), "{spec}");
    }
    let doc = check_json(custom.to_str().unwrap());
    let getuid = doc["functions"].as_array().unwrap().iter().find(|f| f["name"] == "getuid").unwrap();
    assert_eq!(
        (&getuid["value"], &getuid["env"], &getuid["log"]),
        (&Value::from(1), &Value::from("WASIX_UID"), &Value::from(true))
    );
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut bad = check_json("strict");
        edit(&mut bad);
        validator.is_valid(&bad)
    };
    assert!(!broken(&|d| d["format"] = "wasi-shim-check/2".into()));
    assert!(!broken(&|d| {
        let functions = d["functions"].as_array_mut().unwrap();
        let error = functions.iter_mut().find(|f| f["behaviour"] == "error").unwrap();
        error.as_object_mut().unwrap().remove("errno");
    }));
    assert!(!broken(&|d| d["functions"][0]["behaviour"] = "ignore".into()));
    assert!(!broken(&|d| d["identity"]["uid"] = (-1).into()));
    assert!(!broken(&|d| {
        d.as_object_mut().unwrap().remove("settings");
    }));
}

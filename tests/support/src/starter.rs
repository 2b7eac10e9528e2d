//! The `init --from` round trip the fast tests and the CPython e2e share: audit a file, write its starter policy,
//! and check that the policy states the preset's choice for exactly the functions audit lists, and nothing else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use wasi_shim::catalog::Catalog;
use wasi_shim::policy::Policy;
use wasi_shim::toolchain::BaseRelease;

use crate::{build_reused, overlay, wasi_shim_binary};

/// `wasi-shim ARGS` run in `dir`.
pub fn wasi_shim_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(wasi_shim_binary()).args(args).current_dir(dir).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The catalog functions `wasi-shim audit` says `file` uses (its `covered` lines).
pub fn audit_covered(file: &Path, policy: &str) -> BTreeSet<String> {
    let out = wasi_shim_in(Path::new("."), &["audit", "--policy", policy, file.to_str().unwrap()]);
    let report = text(&out.stdout);
    assert!(out.status.code().is_some(), "audit: {}", text(&out.stderr));
    report
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("covered"))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// `wasi-shim check SPEC --format json`, parsed.
pub fn check_json(spec: &str) -> Value {
    let out = wasi_shim_in(Path::new("."), &["check", spec, "--format", "json"]);
    assert!(out.status.success(), "check {spec}: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("check {spec} --format json: {e}"))
}

/// A starter policy `init --from` wrote, and the functions its `[functions]` table names.
pub struct Starter {
    pub path: PathBuf,
    pub text: String,
    pub stated: BTreeSet<String>,
}

/// `wasi-shim init --from FILE --extends PRESET --out OUT` (OUT removed first), which must succeed.
pub fn write_starter(from: &Path, extends: &str, out: &Path) -> Starter {
    let _ = std::fs::remove_file(out);
    let args = ["init", "--from", from.to_str().unwrap(), "--extends", extends, "--out", out.to_str().unwrap()];
    let run = wasi_shim_in(Path::new("."), &args);
    assert!(run.status.success(), "init: {}{}", text(&run.stdout), text(&run.stderr));
    let policy_text = std::fs::read_to_string(out).unwrap();
    let table: toml::Table = policy_text.parse().unwrap_or_else(|e| panic!("{}: {e}\n{policy_text}", out.display()));
    let functions = table.get("functions").and_then(|f| f.as_table()).expect("a [functions] table");
    Starter { path: out.to_path_buf(), text: policy_text, stated: functions.keys().cloned().collect() }
}

/// What makes a function's answer, as `check --format json` reports it: everything but where it was chosen.
pub fn answer(function: &Value) -> Value {
    let mut answer = function.clone();
    answer.as_object_mut().unwrap().remove("chosen_at");
    answer
}

/// `check` on the starter gives exactly the preset's answers; the functions it states are chosen in it (at the
/// line that names them), the others where the preset chose them.
pub fn assert_states_the_presets_choices(starter: &Starter, preset: &str) {
    let mine = check_json(starter.path.to_str().unwrap());
    let theirs = check_json(preset);
    let (mine, theirs) = (mine["functions"].as_array().unwrap(), theirs["functions"].as_array().unwrap());
    assert_eq!(mine.len(), theirs.len());
    for (m, t) in mine.iter().zip(theirs) {
        let name = m["name"].as_str().unwrap();
        assert_eq!(answer(m), answer(t), "{name} resolves differently from {preset}");
        let chosen_at = m["chosen_at"].as_str().unwrap();
        if starter.stated.contains(name) {
            let line = chosen_at.rsplit(':').next().unwrap().parse::<usize>().unwrap();
            let written = starter.text.lines().nth(line - 1).unwrap_or_default();
            assert!(chosen_at.starts_with(starter.path.to_str().unwrap()), "{name} chosen at {chosen_at}");
            assert!(written.starts_with(&format!("{name} = ")), "{name} chosen at line {line}: {written}");
        } else {
            assert_eq!(chosen_at, t["chosen_at"].as_str().unwrap(), "{name} is not in the starter");
        }
    }
}

/// The manifest's symbols of an overlay: name, behaviour, errno and link, in manifest order.
pub fn manifest_behaviours(overlay: &Path) -> Vec<(String, String, Option<String>, String)> {
    let text = std::fs::read_to_string(overlay.join("manifest.toml")).unwrap();
    let manifest: wasi_shim::overlay::Manifest = toml::from_str(&text).unwrap();
    manifest.symbols.into_iter().map(|s| (s.name, s.behaviour, s.errno, s.link)).collect()
}

/// The whole round trip on `from`: `init --from FROM --extends PRESET` states the preset's choice for exactly the
/// (at least `at_least`) functions `audit` lists, and the overlay built from it has the preset overlay's
/// behaviours, symbol for symbol.
pub fn starter_round_trip(from: &Path, preset: &str, at_least: usize) -> Starter {
    let used = audit_covered(from, preset);
    assert!(used.len() >= at_least, "{}: {used:?}", from.display());
    let starter = write_starter(from, preset, &from.with_file_name(format!("starter-{preset}.toml")));
    assert_eq!(starter.stated, used, "{}", starter.text);
    assert_states_the_presets_choices(&starter, preset);
    let loaded = Policy::load(starter.path.to_str().unwrap(), Catalog::builtin()).unwrap();
    let out = from.with_file_name(format!("starter-{preset}-overlay"));
    let (built, _) = build_reused(&loaded, &out, BaseRelease::Trixie).unwrap();
    let theirs = manifest_behaviours(&overlay(preset, BaseRelease::Trixie));
    let mine = manifest_behaviours(&built);
    assert!(mine.len() > 200, "{} symbols", mine.len());
    assert_eq!(mine, theirs, "the overlay from {} behaves as {preset}'s", starter.path.display());
    starter
}

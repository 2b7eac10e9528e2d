//! Every catalog function under every generic behaviour it offers: `trap` aborts naming the function,
//! `error` returns the row's failure value with the policy's errno, `succeed` returns the row's success
//! value. One generated program calls each function with null/zero arguments (the prologue answers
//! before any argument is used), compiled with the wrapper and run per function in wasmtime.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::process::Command;

use test_support::{compile, overlay, scratch};
use wasi_shim::catalog::{Behaviour, Catalog, Function};
use wasi_shim::toolchain::BaseRelease;

/// The number of parameters of a prototype, or None when one is passed by value as a struct.
fn parameter_count(f: &Function) -> Option<usize> {
    let open = f.prototype.find(&format!("{}(", f.name))? + f.name.len();
    let mut depth = 0;
    let mut params = String::new();
    for c in f.prototype[open..].chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        if depth >= 1 && !(depth == 1 && c == '(') {
            params.push(c);
        }
    }
    let params = params.trim();
    if params == "void" || params.is_empty() {
        return Some(0);
    }
    // Split on top-level commas only (function-pointer parameters contain their own).
    let (mut count, mut depth) = (1, 0);
    let mut parts = vec![String::new()];
    for c in params.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                count += 1;
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    let by_value_struct = parts.iter().any(|p| p.contains("struct") && !p.contains('*'));
    (!by_value_struct).then_some(count - usize::from(parts.last().is_some_and(|p| p.trim() == "...")))
}

/// Functions whose all-zero call is a documented special case, or that take a union by value, called with
/// arguments that are not and do.
const ARGUMENTS: &[(&str, &str)] = &[("dup2", "0, 1"), ("dup3", "0, 1, 0"), ("sigqueue", "0, 0, (union sigval){0}")];

fn call(f: &Function) -> Option<String> {
    if let Some((_, args)) = ARGUMENTS.iter().find(|(n, _)| *n == f.name) {
        return Some(format!("{}({args})", f.name));
    }
    let n = parameter_count(f)?;
    Some(format!("{}({})", f.name, vec!["0"; n].join(", ")))
}

/// A program whose argv[1] picks a function (by catalog index) and whose argv[2] says what to check.
fn matrix_program(catalog: &Catalog, behaviour: Behaviour) -> String {
    let headers: BTreeSet<&str> = catalog.functions.iter().map(|f| f.header.as_str()).collect();
    let mut p = String::from(
        "#define _GNU_SOURCE\n#include <errno.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n",
    );
    for h in headers {
        writeln!(p, "#include <{h}>").unwrap();
    }
    p.push_str("\nint main(int argc, char **argv) {\n    (void)argc;\n    int which = atoi(argv[1]);\n    errno = 0;\n    switch (which) {\n");
    for (i, f) in catalog.functions.iter().enumerate() {
        let Some(call) = call(f) else { continue };
        if !f.allows(behaviour) {
            continue;
        }
        let void = f.failure.is_empty();
        let expected = match behaviour {
            Behaviour::Error => f.failure.replace(&format!("WS_ERRNO_{}", f.name), "ENOSYS"),
            Behaviour::Succeed => f.success.clone().unwrap_or_default(),
            _ => String::new(),
        };
        writeln!(p, "    case {i}: {{").unwrap();
        if void || behaviour == Behaviour::Trap {
            writeln!(p, "        {call};").unwrap();
        } else {
            writeln!(p, "        __typeof__({call}) r = {call};").unwrap();
            writeln!(
                p,
                "        if (r != ({expected})) {{ printf(\"{} returned the wrong value\\n\"); return 1; }}",
                f.name
            )
            .unwrap();
        }
        if behaviour == Behaviour::Error && !f.failure.starts_with("WS_ERRNO_") {
            writeln!(p, "        if (errno != ENOSYS) {{ printf(\"{} errno %d\\n\", errno); return 1; }}", f.name)
                .unwrap();
        }
        writeln!(p, "        printf(\"{} ok\\n\");\n        return 0;\n    }}", f.name).unwrap();
    }
    p.push_str("    }\n    return 2;\n}\n");
    p
}

fn run_matrix(behaviour: Behaviour, policy_text: &str) {
    let catalog = Catalog::builtin();
    // Not behaviours/<behaviour>: that is where the policy's overlay is built, and a rebuild refuses an
    // overlay holding files it did not write.
    let dir = scratch(&format!("behaviour-programs/{behaviour}"));
    let policy = scratch("behaviours").join(format!("{behaviour}.toml"));
    std::fs::write(&policy, policy_text).unwrap();
    let out = overlay(policy.to_str().unwrap(), BaseRelease::Trixie);
    let source = dir.join("matrix.c");
    std::fs::write(&source, matrix_program(catalog, behaviour)).unwrap();
    let module = dir.join("matrix.wasm");
    let built = compile(&out, &source, &module, &["-Wno-deprecated-declarations", "-Wno-nonnull", "-w"]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, f) in catalog.functions.iter().enumerate() {
        if !f.allows(behaviour) || call(f).is_none() {
            continue;
        }
        checked += 1;
        let ran =
            Command::new(env!("CARGO_BIN_EXE_wasi-shim")).arg("run").arg(&module).arg(i.to_string()).output().unwrap();
        let stdout = String::from_utf8_lossy(&ran.stdout);
        let stderr = String::from_utf8_lossy(&ran.stderr);
        let ok = match behaviour {
            Behaviour::Trap => {
                ran.status.code() == Some(134) && stderr.contains(&format!("wasi-shim: {} trapped", f.name))
            }
            _ => ran.status.code() == Some(0) && stdout.contains(&format!("{} ok", f.name)),
        };
        if !ok {
            failures.push(format!("{}: exit {:?} {stdout}{stderr}", f.name, ran.status.code()));
        }
    }
    let minimum = if behaviour == Behaviour::Succeed { 20 } else { 150 };
    assert!(checked >= minimum, "only {checked} functions checked under {behaviour}");
    assert!(
        failures.is_empty(),
        "{} of {checked} functions misbehave under {behaviour}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn every_area(behaviour: &str) -> String {
    let mut text = String::from("extends = \"default\"\n[areas]\n");
    for area in Catalog::builtin().areas.keys() {
        writeln!(text, "{area} = \"{behaviour}\"").unwrap();
    }
    text
}

#[test]
fn every_function_traps_naming_itself_under_trap() {
    run_matrix(Behaviour::Trap, &every_area("trap"));
}

#[test]
fn every_function_returns_its_failure_value_and_errno_under_error() {
    run_matrix(Behaviour::Error, "extends = \"strict\"\n");
}

#[test]
fn every_lossy_function_returns_its_success_value_under_succeed() {
    run_matrix(Behaviour::Succeed, &every_area("succeed"));
}

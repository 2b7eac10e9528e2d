//! The catalog, the guest programs and the expected symbols agree: a function without a guest fails here.

use std::collections::BTreeSet;

use test_support::root;
use wasi_shim::catalog::{Behaviour, Catalog};
use wasi_shim::policy::Policy;

/// Guests that exercise several functions together rather than one function and behaviour.
/// Guests of no single function: whole programs, and the login environment (a setting, `environment.login_defaults`).
const COMBINED_GUESTS: &[&str] = &[
    "posix_program",
    "posix_program_strict",
    "setjmp_program",
    "login_environment_default",
    "login_environment_kept",
    "login_environment_strict",
];

fn guest_names() -> BTreeSet<String> {
    std::fs::read_dir(root().join("tests/guests"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// `getpwnam_r_emulate_small` -> (`getpwnam_r`, emulate): the function is everything before the first behaviour word.
fn split_guest(name: &str) -> Option<(String, Behaviour)> {
    let parts: Vec<&str> = name.split('_').collect();
    (1..parts.len()).find_map(|i| Behaviour::parse(parts[i]).map(|b| (parts[..i].join("_"), b)))
}

#[test]
fn every_function_has_a_guest_for_its_default_and_error_behaviours() {
    let catalog = Catalog::builtin();
    let guests: BTreeSet<(String, Behaviour)> = guest_names().iter().filter_map(|g| split_guest(g)).collect();
    let default = Policy::load("default", catalog).unwrap();
    let mut missing = Vec::new();
    for f in &catalog.functions {
        let chosen = default.choice(&f.name).unwrap().behaviour;
        for behaviour in [chosen, Behaviour::Error] {
            if f.allows(behaviour) && !guests.contains(&(f.name.clone(), behaviour)) {
                missing.push(format!("tests/guests/{}_{behaviour}.c", f.name));
            }
        }
    }
    assert!(missing.is_empty(), "catalog functions without a guest:\n{}", missing.join("\n"));
}

#[test]
fn every_guest_names_a_catalog_function_and_a_behaviour_it_offers() {
    let catalog = Catalog::builtin();
    for guest in guest_names() {
        if COMBINED_GUESTS.contains(&guest.as_str()) {
            continue;
        }
        let (function, behaviour) =
            split_guest(&guest).unwrap_or_else(|| panic!("{guest}.c is not named <function>_<behaviour>[_detail]"));
        let f = catalog.function(&function).unwrap_or_else(|| panic!("{guest}.c: `{function}` is not in the catalog"));
        assert!(f.allows(behaviour), "{guest}.c: `{function}` does not offer `{behaviour}`");
    }
}

#[test]
fn headers_without_a_template_are_declared_by_the_base() {
    let shims = wasi_shim::shims::Shims::builtin();
    let templates: BTreeSet<&str> = shims.header_templates().map(|(h, _)| h).collect();
    let tc = test_support::toolchain(wasi_shim::toolchain::BaseRelease::Trixie);
    for f in shims.catalog.functions.iter().filter(|f| !templates.contains(f.header.as_str())) {
        let dir = test_support::scratch("base-declared");
        let probe = dir.join(format!("{}.c", f.name));
        std::fs::write(&probe, format!("#include <{}>\nvoid *probe = (void *)&{};\n", f.header, f.name)).unwrap();
        let out = std::process::Command::new(&tc.clang)
            .args(tc.target_flags())
            .args(["-Werror", "-c", "-o", "/dev/null"])
            .arg(&probe)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{} is in <{}>, which has no template, and the base does not declare it:\n{}",
            f.name,
            f.header,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

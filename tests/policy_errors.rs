//! Every way a policy can be wrong gets one error naming file:line:column, what was expected, and a suggestion.

use std::path::PathBuf;

use wasi_shim::catalog::Catalog;
use wasi_shim::policy::Policy;

/// Write `text` as a policy file and return the error loading it produces.
fn error_for(name: &str, text: &str) -> (String, PathBuf) {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(&path, text).unwrap();
    let err = Policy::load(path.to_str().unwrap(), Catalog::builtin()).expect_err("policy should be rejected");
    (format!("{err:#}"), path)
}

fn assert_one_error(shown: &str, location: &str, message: &str, help: &str) {
    assert_eq!(shown.matches("error: ").count(), 1, "expected exactly one error:\n{shown}");
    assert!(shown.contains(&format!("{location}: {message}")), "expected `{location}: {message}` in:\n{shown}");
    assert!(shown.contains(&format!("= help: {help}")), "expected help `{help}` in:\n{shown}");
}

#[test]
fn misspelt_function() {
    let (shown, path) = error_for("f", "extends = \"default\"\n\n[functions]\ngetuidd = \"value\"\n");
    assert_one_error(
        &shown,
        &format!("{}:4:1", path.display()),
        "unknown function `getuidd`",
        "did you mean `getuid`?",
    );
    assert!(shown.contains("4 | getuidd = \"value\"\n  | ^^^^^^^"), "{shown}");
}

#[test]
fn unknown_behaviour() {
    let (shown, path) = error_for("b", "[functions]\nkill = \"emulat\"\n");
    assert_one_error(
        &shown,
        &format!("{}:2:8", path.display()),
        "unknown behaviour `emulat`",
        "did you mean `emulate`?",
    );
}

#[test]
fn unknown_behaviour_inside_a_table() {
    let (shown, path) = error_for("bt", "[functions]\nkill = { behaviour = \"trapp\", log = true }\n");
    assert_one_error(&shown, &format!("{}:2:22", path.display()), "unknown behaviour `trapp`", "did you mean `trap`?");
}

#[test]
fn wrong_value_type() {
    let (shown, path) = error_for("t", "extends = \"default\"\n[identity]\nuid = \"1000\"\n");
    assert_one_error(
        &shown,
        &format!("{}:3:7", path.display()),
        "invalid type: string \"1000\", expected i64",
        "write it as `uid = 1000`",
    );
}

#[test]
fn wrong_value_type_for_log() {
    let (shown, path) = error_for("tl", "[functions]\ngetuid = { behaviour = \"value\", log = \"yes\" }\n");
    assert_one_error(
        &shown,
        &format!("{}:2:39", path.display()),
        "invalid type: string \"yes\", expected a boolean",
        "write it as `log = true`",
    );
}

#[test]
fn wrong_value_for_a_value_function() {
    let (shown, path) = error_for("v", "[functions]\ngetuid = { behaviour = \"value\", value = \"alice\" }\n");
    assert_one_error(
        &shown,
        &format!("{}:2:41", path.display()),
        "`getuid` returns its identity.uid: expected an integer from 0 to 4294967294, not `\"alice\"`",
        "write it as `value = 1000`",
    );
}

#[test]
fn unknown_key() {
    let (shown, path) = error_for("k", "[identity]\nusr = \"alice\"\n");
    assert_one_error(&shown, &format!("{}:2:1", path.display()), "unknown field `usr`", "did you mean `user`?");
}

#[test]
fn unknown_top_level_table() {
    let (shown, path) = error_for("tt", "[function]\ngetuid = \"value\"\n");
    assert_one_error(
        &shown,
        &format!("{}:1:2", path.display()),
        "unknown field `function`",
        "did you mean `functions`?",
    );
}

#[test]
fn unknown_key_in_a_function_table() {
    let (shown, path) = error_for("kt", "[functions]\nkill = { behavior = \"error\" }\n");
    assert_one_error(
        &shown,
        &format!("{}:2:10", path.display()),
        "unknown field `behavior`",
        "did you mean `behaviour`?",
    );
}

#[test]
fn behaviour_not_offered_by_the_function() {
    let (shown, path) = error_for("n", "[functions]\ngetpid = \"emulate\"\n");
    assert_one_error(
        &shown,
        &format!("{}:2:10", path.display()),
        "`getpid` does not offer behaviour `emulate`",
        "`getpid` offers value, error, trap",
    );
}

#[test]
fn errno_not_allowed_for_the_function() {
    let (shown, path) = error_for("e", "[functions]\nsetuid = { behaviour = \"error\", errno = \"EPRM\" }\n");
    assert_one_error(
        &shown,
        &format!("{}:2:41", path.display()),
        "`setuid` cannot fail with `EPRM`",
        "did you mean `EPERM`?",
    );
}

#[test]
fn errno_without_error_behaviour() {
    let (shown, path) = error_for("ee", "[functions]\nkill = { behaviour = \"emulate\", errno = \"EPERM\" }\n");
    assert_one_error(
        &shown,
        &format!("{}:2:41", path.display()),
        "`errno` only applies to behaviour `error`",
        "add `behaviour = \"error\"` or drop `errno`",
    );
}

#[test]
fn unknown_area() {
    let (shown, path) = error_for("a", "[areas]\nsignal = \"error\"\n");
    assert_one_error(&shown, &format!("{}:2:1", path.display()), "unknown area `signal`", "did you mean `signals`?");
}

#[test]
fn unknown_preset_in_extends() {
    let (shown, path) = error_for("x", "extends = \"defualt\"\n");
    assert_one_error(
        &shown,
        &format!("{}:1:11", path.display()),
        "cannot extend `defualt`",
        "unknown policy preset `defualt`: did you mean `default`?",
    );
}

#[test]
fn extends_loop() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), "extends = \"b.toml\"\n").unwrap();
    std::fs::write(dir.path().join("b.toml"), "extends = \"a.toml\"\n").unwrap();
    let err = Policy::load(dir.path().join("a.toml").to_str().unwrap(), Catalog::builtin()).unwrap_err();
    assert!(format!("{err:#}").contains("`extends` loops:"), "{err:#}");
}

#[test]
fn duplicate_user() {
    let (shown, path) =
        error_for("u", "extends = \"default\"\n[[users]]\nname = \"root\"\nuid = 7\ngid = 7\nhome = \"/\"\n");
    assert!(
        shown.contains(&format!("{}:2:1: user `root` (uid 7) clashes with `root` (uid 0)", path.display())),
        "{shown}"
    );
}

#[test]
fn toml_syntax_error() {
    let (shown, path) = error_for("s", "[functions]\ngetuid = \n");
    assert!(shown.contains(&format!("{}:2:", path.display())), "{shown}");
    assert_eq!(shown.matches("error: ").count(), 1, "{shown}");
}

#[test]
fn several_errors_are_reported_together_in_file_order() {
    let (shown, path) = error_for("m", "[functions]\nzzz_unknown = \"value\"\nkill = \"emulat\"\n");
    let first = shown.find(&format!("{}:2:1", path.display())).expect("first error");
    let second = shown.find(&format!("{}:3:8", path.display())).expect("second error");
    assert!(first < second, "{shown}");
}

#[test]
fn user_policy_extends_default_and_sets_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "extends = \"default\"\n[identity]\nuid = 2000\nuser = \"alice\"\n[functions]\nkill = { behaviour = \"error\", errno = \"EPERM\", log = true }\n").unwrap();
    let policy = Policy::load(path.to_str().unwrap(), Catalog::builtin()).unwrap();
    assert_eq!(policy.identity.uid.get(), 2000);
    assert_eq!(policy.identity.gid.get(), 1000, "gid comes from default");
    assert_eq!(policy.identity.user.as_str(), "alice");
    let kill = policy.choice("kill").unwrap();
    assert_eq!(kill.behaviour.as_str(), "error");
    assert_eq!(kill.errno, "EPERM");
    assert!(kill.log);
    assert!(kill.source.ends_with("mine.toml:6"), "{}", kill.source);
    assert_eq!(policy.choice("sigaction").unwrap().source, "policy/default.toml:25");
    assert_eq!(policy.users.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["root", "alice"]);
}

#[test]
fn presets_resolve_and_lossy_choices_warn() {
    let catalog = Catalog::builtin();
    let strict = Policy::load("strict", catalog).unwrap();
    for choice in &strict.choices {
        let expected = if choice.function.allows(wasi_shim::catalog::Behaviour::Error) { "error" } else { "emulate" };
        assert_eq!(choice.behaviour.as_str(), expected, "strict: {}", choice.function.name);
    }
    let wasix = Policy::load("wasix", catalog).unwrap();
    assert_eq!(wasix.choice("getuid").unwrap().env.as_ref().map(|e| e.as_str()), Some("WASIX_UID"));
    assert!(wasix.warnings.iter().any(|w| w.starts_with("setuid: `succeed` is lossy")), "{:?}", wasix.warnings);
    assert!(Policy::load("default", catalog).unwrap().warnings.is_empty());
    // Ruby's one lossy choice is deliberate (its fiber guard pages; see policy/ruby.toml) and still warns.
    for (interpreter, lossy) in [("cpython", &[][..]), ("ruby", &["mprotect"][..])] {
        let policy = Policy::load(interpreter, catalog).unwrap();
        let warned: Vec<&str> = policy.warnings.iter().map(|w| w.split(':').next().unwrap_or_default()).collect();
        assert_eq!(warned, lossy, "{interpreter}: {:?}", policy.warnings);
        assert_eq!(policy.choice("fork").unwrap().behaviour.as_str(), "error");
        assert_eq!(policy.choice("umask").unwrap().behaviour.as_str(), "emulate");
        assert!(policy.choice("umask").unwrap().source.starts_with(&format!("policy/{interpreter}.toml:")));
    }
}

#[test]
fn reserved_uid_is_rejected() {
    let (shown, path) = error_for("r", "[identity]\nuid = 4294967295\n");
    assert_one_error(
        &shown,
        &format!("{}:2:7", path.display()),
        "uid 4294967295 is outside 0..=4294967294: (uid_t)-1 means \"unchanged\" to setreuid",
        "pick a uid from 0 to 4294967294",
    );
}

#[test]
fn pid_outside_pid_t_is_rejected() {
    let (shown, path) = error_for("p", "[process]\npid = 0\n");
    assert_one_error(
        &shown,
        &format!("{}:2:7", path.display()),
        "pid 0 is outside 1..=2147483647",
        "pick a pid from 1 to 2147483647",
    );
}

#[test]
fn too_many_supplementary_groups_are_rejected() {
    let groups: Vec<String> = (0..65).map(|g| g.to_string()).collect();
    let (shown, path) = error_for("g", &format!("[identity]\ngroups = [{}]\n", groups.join(", ")));
    assert_one_error(
        &shown,
        &format!("{}:2:10", path.display()),
        "65 supplementary groups, but getgroups keeps at most 64",
        "list fewer groups",
    );
}

#[test]
fn a_lone_carriage_return_is_named() {
    // Found by the fuzzer: the toml crate reports this syntax error with an empty message.
    let (shown, path) = error_for("cr", "[areas]\n\r\rsignals = \"emulate\"\n");
    assert!(
        shown.starts_with(&format!("error: {}:2:1: a carriage return must be followed by a newline", path.display())),
        "{shown}"
    );
    assert!(!shown.contains('\r'), "{shown:?}");
}

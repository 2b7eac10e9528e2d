//! The README's example works as written: its C program, compiled with the wrapper alone, prints what the README says.

use test_support::{compile, overlay, readme_between, root, run_module, scratch};
use wasi_shim::toolchain::BaseRelease;

#[test]
fn readme_example_compiles_and_prints_the_documented_output() {
    let program = readme_between("cat > hello.c <<'C'\n", "\nC\n");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let expected = readme
        .lines()
        .find_map(|l| l.split_once("# prints: ").map(|(_, out)| out.trim().to_owned()))
        .expect("README documents the output");
    let dir = scratch("readme");
    std::fs::write(dir.join("hello.c"), program).unwrap();
    let out = overlay("default", BaseRelease::Trixie);
    let built = compile(&out, &dir.join("hello.c"), &dir.join("hello.wasm"), &[]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let ran = run_module(&dir.join("hello.wasm"), &[], &[], &dir.join("work"));
    assert_eq!(ran.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&ran.stdout).trim(), expected);
}

/// README's "Choosing a policy": every `$ command` of its console blocks runs, in order, in one directory (holding
/// `tests/choosing/whoami.c` and the default overlay as `overlay/`), and prints what the README shows after it. A
/// line `...` stands for any remaining lines, `[..]` for any text within a line.
#[test]
fn readme_choosing_a_policy_prints_what_it_shows() {
    let section = readme_between("<!-- choosing a policy -->\n", "<!-- /choosing a policy -->\n");
    let dir = scratch("readme-choosing");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root().join("tests/choosing/whoami.c"), dir.join("whoami.c")).unwrap();
    std::os::unix::fs::symlink(overlay("default", BaseRelease::Trixie), dir.join("overlay")).unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_wasi-shim")).parent().unwrap().to_owned();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let commands = console_commands(&section);
    assert!(commands.len() >= 6, "{commands:?}");
    for (command, shown) in commands {
        let out =
            std::process::Command::new("sh").arg("-c").arg(&command).env("PATH", &path).current_dir(&dir).output();
        let out = out.unwrap();
        let printed = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "$ {command}\n{printed}{}", String::from_utf8_lossy(&out.stderr));
        assert!(shows(&shown, &printed), "$ {command}\nREADME shows:\n{}\nit printed:\n{printed}", shown.join("\n"));
    }
}

/// The `$ ` commands of a text's ```console blocks, each with the lines shown after it.
fn console_commands(text: &str) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        match (in_block, line) {
            (false, "```console") => in_block = true,
            (true, "```") => in_block = false,
            (true, l) if l.starts_with("$ ") => commands.push((l[2..].to_owned(), Vec::new())),
            (true, l) => commands.last_mut().expect("a block starts with a command").1.push(l.to_owned()),
            _ => {}
        }
    }
    commands
}

/// Whether `printed` is what `shown` shows: line for line, `[..]` matching any text and a final `...` any lines.
fn shows(shown: &[String], printed: &str) -> bool {
    let printed: Vec<&str> = printed.lines().collect();
    let open_ended = shown.last().is_some_and(|l| l == "...");
    let shown = &shown[..shown.len() - usize::from(open_ended)];
    let count_ok = if open_ended { printed.len() >= shown.len() } else { printed.len() == shown.len() };
    count_ok
        && shown.iter().zip(&printed).all(|(s, p)| {
            let pattern = s.split("[..]").map(regex::escape).collect::<Vec<_>>().join(".*");
            regex::Regex::new(&format!("^{pattern}$")).unwrap().is_match(p)
        })
}

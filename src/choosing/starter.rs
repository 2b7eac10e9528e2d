//! `wasi-shim init --from`: a policy that extends a preset and states the preset's choice for exactly the catalog
//! functions a program uses, each with its prototype, the behaviours it offers and what each does; what the program
//! needs that the catalog leaves out, or that nothing provides, is listed in comments.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Result};

use crate::audit::Audit;
use crate::catalog::{Behaviour, Catalog, Function};
use crate::policy::{Choice, Policy, Value};
use crate::report::describe;
use crate::text::wrap_words;

/// Comment lines are wrapped to this width, as the presets are.
const WIDTH: usize = 100;

/// The starter policy's text: `extends` names `preset` (a preset name or a policy path, as `extends` takes it).
pub fn starter_policy(preset: &Policy, extends: &str, audit: &Audit) -> String {
    let used: Vec<&Choice> = audit.covered().filter_map(|name| preset.choice(name)).collect();
    let mut s = header(preset, extends, audit, used.len());
    s.push_str("[functions]\n");
    for choice in &used {
        s.push('\n');
        s.push_str(&function_block(preset, choice));
    }
    s.push_str(&left_out(audit));
    s
}

/// Resolve the starter `text` as the file `path` would be, and confirm it answers every function as `preset` does:
/// a starter that did not would be this generator's bug, caught before the file is written.
pub fn check_round_trip(preset: &Policy, path: &Path, text: &str, catalog: &Catalog) -> Result<()> {
    let starter = Policy::from_text(path, text, catalog)?;
    let differing: Vec<&str> =
        super::differences(&starter, preset, None).iter().map(|d| d.a.function.name.as_str()).collect();
    if !differing.is_empty() {
        bail!(
            "the starter policy would answer {} differently from {}; please report this",
            differing.join(", "),
            preset.name
        );
    }
    Ok(())
}

fn header(preset: &Policy, extends: &str, audit: &Audit, used: usize) -> String {
    let mut s = String::new();
    let intro = format!(
        "A starter policy for {}, written by `wasi-shim init --from`. It extends `{}` and states that policy's \
         choice for each of the {used} catalog functions the program uses, so each line below is a decision you \
         can read and change: edit one line to change one function's behaviour. `wasi-shim check <this file>` shows \
         what it resolves to, `wasi-shim diff {} <this file>` what you changed, and `wasi-shim explain <function>` \
         tells more about a function.",
        audit.source, preset.name, preset.name
    );
    for line in wrap_words(&intro, WIDTH - 2) {
        writeln!(s, "# {line}").unwrap();
    }
    writeln!(s, "extends = {}\n", toml_string(extends)).unwrap();
    s
}

/// One function: its prototype and header, each behaviour it offers with what that does, where the preset made its
/// choice, then the choice as an entry (`# lossy` marked when it is `succeed`).
fn function_block(preset: &Policy, choice: &Choice) -> String {
    let f = &choice.function;
    let mut s = format!("# {}  (<{}>, area {})\n", f.prototype, f.header, f.area);
    for &b in &f.behaviours {
        let note = behaviour_line(f, b, choice);
        let mut lines = wrap_words(&note, WIDTH - 14).into_iter();
        writeln!(s, "#   {:<9} {}", format!("{b}:"), lines.next().unwrap_or_default()).unwrap();
        for line in lines {
            writeln!(s, "#             {line}").unwrap();
        }
    }
    writeln!(s, "# `{}` chooses {} ({}).", preset.name, describe(choice), choice.source).unwrap();
    let lossy = if choice.behaviour == Behaviour::Succeed { "  # lossy" } else { "" };
    writeln!(s, "{}{lossy}", entry(choice)).unwrap();
    s
}

/// What behaviour `b` of `f` does: the catalog's note, with the errno or value it would use under this policy.
fn behaviour_line(f: &Function, b: Behaviour, choice: &Choice) -> String {
    let note = f.behaviour_note(b);
    match b {
        Behaviour::Error => {
            let fails = format!("returns {} with errno {}", failure(f), f.errnos.join(" or "));
            match note {
                Some(why) => format!("{fails}: {why}"),
                None => fails,
            }
        }
        Behaviour::Value => match &choice.value {
            Some(v) => format!("returns {} (here {v})", note.unwrap_or_default()),
            None => format!("returns {}", note.unwrap_or_default()),
        },
        // Rows whose emulation needs no words (setpwent, sigemptyset) do what POSIX says.
        _ => note.unwrap_or_else(|| "implemented in the shims as POSIX describes".to_owned()),
    }
}

fn failure(f: &Function) -> &str {
    if f.failure.is_empty() {
        "nothing"
    } else {
        &f.failure
    }
}

/// The choice as a `[functions]` entry that resolves to exactly it: the behaviour, and every key that changes it.
fn entry(c: &Choice) -> String {
    let mut keys = Vec::new();
    if c.behaviour == Behaviour::Error {
        keys.push(format!("errno = {}", toml_string(&c.errno)));
    }
    if let (true, Some(v)) = (c.value_is_own, &c.value) {
        keys.push(format!("value = {}", toml_value(v)));
    }
    if let Some(env) = &c.env {
        keys.push(format!("env = {}", toml_string(env.as_ref())));
    }
    if c.log {
        keys.push("log = true".to_owned());
    }
    let behaviour = toml_string(c.behaviour.as_str());
    if keys.is_empty() {
        format!("{} = {behaviour}", c.function.name)
    } else {
        format!("{} = {{ behaviour = {behaviour}, {} }}", c.function.name, keys.join(", "))
    }
}

/// The program's needs no policy can choose for: those the catalog excludes (with why), and those nothing provides.
fn left_out(audit: &Audit) -> String {
    let mut s = String::new();
    let excluded: Vec<(&str, &str)> = audit.excluded().collect();
    if !excluded.is_empty() {
        writeln!(s, "\n# The program also uses functions the catalog leaves out on purpose; no policy provides them:")
            .unwrap();
        for (name, why) in excluded {
            let mut lines = wrap_words(why, WIDTH - 8).into_iter();
            writeln!(s, "#   {name}: {}", lines.next().unwrap_or_default()).unwrap();
            for line in lines {
                writeln!(s, "#     {line}").unwrap();
            }
        }
    }
    let uncovered: Vec<&str> = audit.uncovered().collect();
    if !uncovered.is_empty() {
        writeln!(
            s,
            "\n# And functions neither the base sysroot nor the catalog has (uncovered): a link that needs them"
        )
        .unwrap();
        writeln!(s, "# fails until the program stops using them or defines its own:").unwrap();
        for line in wrap_words(&uncovered.join(" "), WIDTH - 4) {
            writeln!(s, "#   {line}").unwrap();
        }
    }
    s
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn toml_value(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::Text(t) => toml_string(t),
    }
}

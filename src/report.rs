//! Text the commands print: the resolved policy table, a build summary, a function's explanation.

use std::fmt::Write as _;

use anyhow::{bail, Result};

use crate::base::Link;
use crate::catalog::{Behaviour, Catalog};
use crate::overlay::BuildReport;
use crate::policy::{Choice, Policy};
use crate::target::Target;
use crate::toolchain::Toolchain;

/// `wasi-shim check`: function -> behaviour -> where that choice was written.
pub fn check_table(policy: &Policy) -> String {
    let mut s = String::new();
    writeln!(s, "policy {} (sha256 {})", policy.name, &policy.hash[..16]).unwrap();
    writeln!(s, "chain: {}", policy.chain.join(" <- ")).unwrap();
    let id = &policy.identity;
    writeln!(s, "identity: {}({}) group {}({}) home {} shell {}", id.user, id.uid, id.group, id.gid, id.home, id.shell)
        .unwrap();
    writeln!(s, "process: pid {} ppid {}", policy.process.pid, policy.process.ppid).unwrap();
    for (key, value) in &policy.settings {
        writeln!(s, "setting: {key} = {value}").unwrap();
    }
    let width = policy.choices.iter().map(|c| c.function.name.len()).max().unwrap_or(8);
    writeln!(s, "\n{:<width$}  {:<8}  {:<24}  chosen at", "function", "area", "behaviour").unwrap();
    for c in &policy.choices {
        writeln!(s, "{:<width$}  {:<8}  {:<24}  {}", c.function.name, c.function.area, describe(c), c.source).unwrap();
    }
    s
}

/// A choice in a few words, all that changes what the function does: `error ENOSYS`, `value 1000 ($WASIX_UID)`,
/// `emulate +log`.
pub fn describe(c: &Choice) -> String {
    let mut behaviour = c.behaviour.to_string();
    if c.behaviour == Behaviour::Error {
        write!(behaviour, " {}", c.errno).unwrap();
    }
    if let Some(v) = &c.value {
        if c.behaviour == Behaviour::Value {
            write!(behaviour, " {v}").unwrap();
        }
    }
    if let Some(env) = &c.env {
        write!(behaviour, " (${env})").unwrap();
    }
    if c.log {
        behaviour.push_str(" +log");
    }
    behaviour
}

/// `wasi-shim build`: where the overlay is, what it replaced in the base, and how to use it.
pub fn build_summary(report: &BuildReport, policy: &Policy, toolchain: &Toolchain) -> String {
    let mut s = String::new();
    let out = report.out.canonicalize().unwrap_or_else(|_| report.out.clone());
    if !report.rebuilt {
        writeln!(
            s,
            "overlay {} is up to date for policy {} over {}: its inputs are unchanged, nothing was rebuilt",
            out.display(),
            policy.name,
            toolchain.sysroot.display()
        )
        .unwrap();
        return s + &usage(&out, toolchain.target);
    }
    writeln!(s, "built overlay {} for policy {} over {}", out.display(), policy.name, toolchain.sysroot.display())
        .unwrap();
    let replaced: Vec<_> = report.replaced().collect();
    if replaced.is_empty() {
        writeln!(s, "replaced no base symbols").unwrap();
    } else {
        writeln!(s, "replaced {} base symbols:", replaced.len()).unwrap();
        for p in replaced {
            let how = if p.link == Link::Wrap { "wrap" } else { "first" };
            writeln!(s, "  {:<12} {:<5} {}", p.function, how, p.why).unwrap();
        }
    }
    s + &usage(&out, toolchain.target)
}

/// How to use an overlay, after a build's report.
fn usage(out: &std::path::Path, target: Target) -> String {
    let mut s = String::new();
    let clang = target.tool("clang");
    let host = target.autoconf_host();
    writeln!(s, "use it ({target}):").unwrap();
    writeln!(s, "  {}/bin/{clang} hello.c -o hello.wasm", out.display()).unwrap();
    writeln!(s, "  CONFIG_SITE={0}/share/config.site ./configure --host={host} CC={0}/bin/{clang}", out.display())
        .unwrap();
    writeln!(s, "  wasi-shim run hello.wasm").unwrap();
    s
}

/// `wasi-shim explain <function>`.
pub fn explain(catalog: &Catalog, policy: &Policy, name: &str) -> Result<String> {
    let Some(f) = catalog.function(name) else {
        match catalog.suggest(name) {
            Some(s) => bail!("`{name}` is not in the catalog; did you mean `{s}`?"),
            None => bail!("`{name}` is not in the catalog"),
        }
    };
    let mut s = String::new();
    writeln!(s, "{};", f.prototype).unwrap();
    writeln!(s, "  header:     <{}>", f.header).unwrap();
    writeln!(s, "  area:       {}", f.area).unwrap();
    writeln!(s, "  posix:      {}", f.posix_url()).unwrap();
    let offered: Vec<String> =
        f.behaviours.iter().map(|b| if *b == f.default { format!("{b} (default)") } else { b.to_string() }).collect();
    writeln!(s, "  behaviours: {}", offered.join(", ")).unwrap();
    writeln!(s, "  errnos:     {}", f.errnos.join(", ")).unwrap();
    writeln!(s, "  failure:    {}", if f.failure.is_empty() { "(void)" } else { &f.failure }).unwrap();
    if let Some(v) = &f.value {
        writeln!(s, "  value:      policy key {v}").unwrap();
    }
    if let Some(e) = &f.emulation {
        writeln!(s, "  emulate:    {e}").unwrap();
    }
    if let Some(l) = &f.lossy {
        writeln!(s, "  succeed:    lossy: {l}").unwrap();
    }
    if let Some(r) = &f.reason {
        writeln!(s, "  reason:     {r}").unwrap();
    }
    if let Some(note) = f.runtimes.as_ref().and_then(|n| catalog.runtime_notes.get(n)) {
        writeln!(s, "  runtimes:   {note}").unwrap();
    }
    for (target, what) in &f.base_real {
        writeln!(s, "  {target}: the base's own, left alone: {what}").unwrap();
    }
    if let Some(c) = policy.choice(name) {
        write!(s, "  policy {}:  {}", policy.name, c.behaviour).unwrap();
        if c.behaviour == Behaviour::Error {
            write!(s, " with {}", c.errno).unwrap();
        }
        writeln!(s, " (chosen at {})", c.source).unwrap();
    }
    Ok(s)
}

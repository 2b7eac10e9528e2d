//! `wasi-shim diff A B`: the functions whose behaviour differs between two resolved policies, side by side with
//! where each choice was made, and the identity, process and settings values that differ.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::policy::{Choice, Policy};
use crate::report::describe;

/// One function the two policies answer differently.
#[derive(Debug)]
pub struct Difference<'p> {
    pub a: &'p Choice,
    pub b: &'p Choice,
}

/// The functions whose choice differs in anything that changes what they do, in catalog order; only those in
/// `only` when it is given.
pub fn differences<'p>(a: &'p Policy, b: &'p Policy, only: Option<&BTreeSet<String>>) -> Vec<Difference<'p>> {
    a.choices
        .iter()
        .zip(&b.choices)
        .filter(|(ca, _)| only.is_none_or(|names| names.contains(&ca.function.name)))
        .filter(|(ca, cb)| describe(ca) != describe(cb))
        .map(|(a, b)| Difference { a, b })
        .collect()
}

/// The report `diff` prints: a count, a table of the differing functions, then the other values that differ.
pub fn diff_report(a: &Policy, b: &Policy, only: Option<(&str, &BTreeSet<String>)>) -> String {
    let diffs = differences(a, b, only.map(|(_, names)| names));
    let mut s = String::new();
    let compared = match only {
        Some((source, names)) => format!("the {} catalog functions {source} uses", names.len()),
        None => format!("{} catalog functions", a.choices.len()),
    };
    writeln!(s, "{} vs {}: {} of {compared} differ", a.name, b.name, diffs.len()).unwrap();
    if !diffs.is_empty() {
        s.push('\n');
        s.push_str(&table(a, b, &diffs));
    }
    let values = value_differences(a, b);
    if !values.is_empty() {
        writeln!(s, "\nother values that differ:").unwrap();
        let width = values.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
        let a_width = values.iter().map(|(_, va, _)| va.len()).max().unwrap_or(0);
        for (key, va, vb) in values {
            writeln!(s, "  {key:<width$}  {va:<a_width$}  {vb}").unwrap();
        }
    }
    s
}

fn table(a: &Policy, b: &Policy, diffs: &[Difference]) -> String {
    let rows: Vec<[String; 6]> = diffs
        .iter()
        .map(|d| {
            let f = &d.a.function;
            [f.name.clone(), f.area.clone(), describe(d.a), d.a.source.clone(), describe(d.b), d.b.source.clone()]
        })
        .collect();
    let heading = ["function", "area", &a.name, "chosen at", &b.name, "chosen at"].map(str::to_owned);
    let mut widths = [0; 6];
    for row in std::iter::once(&heading).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut s = String::new();
    for row in std::iter::once(&heading).chain(&rows) {
        let cells: Vec<String> = row.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        writeln!(s, "{}", cells.join("  ").trim_end()).unwrap();
    }
    s
}

/// `[identity]`, `[process]` and the catalog settings whose values differ: (key, A's, B's).
fn value_differences(a: &Policy, b: &Policy) -> Vec<(String, String, String)> {
    let pairs = |p: &Policy| -> Vec<(String, String)> {
        let id = &p.identity;
        let groups = p.supplementary_groups().iter().map(|g| g.to_string()).collect::<Vec<_>>().join(",");
        let mut v = vec![
            ("identity.uid".into(), id.uid.to_string()),
            ("identity.gid".into(), id.gid.to_string()),
            ("identity.user".into(), id.user.to_string()),
            ("identity.group".into(), id.group.to_string()),
            ("identity.home".into(), id.home.to_string()),
            ("identity.shell".into(), id.shell.to_string()),
            ("identity.gecos".into(), id.gecos.to_string()),
            ("identity.groups".into(), groups),
            ("process.pid".into(), p.process.pid.to_string()),
            ("process.ppid".into(), p.process.ppid.to_string()),
        ];
        v.extend(p.settings.iter().map(|(k, value)| (k.clone(), value.to_string())));
        v
    };
    pairs(a)
        .into_iter()
        .zip(pairs(b))
        .filter(|((_, va), (_, vb))| va != vb)
        .map(|((key, va), (_, vb))| (key, va, vb))
        .collect()
}

//! What the fuzz targets share: a structure-aware generator of policies (valid-looking TOML whose values
//! reach every rule, hostile strings and edge numbers included), and the checks every accepted policy's
//! generated text must pass.

use arbitrary::{Arbitrary, Unstructured};
use wasi_shim::catalog::{Behaviour, Catalog};
use wasi_shim::policy::Policy;

/// Strings that have broken generated text or validation before, or could.
pub const HOSTILE: &[&str] = &[
    "",
    "root",
    "wasi",
    "a:b",
    "a\nb",
    "a\0b",
    "*/",
    "/*",
    "$(touch PWNED)",
    "`id`",
    "'",
    "\"",
    "\\",
    "-x",
    "é",
    "\u{202e}",
    "x;y",
    "${HOME}",
    "??/",
    "%s%n",
    " 5",
    "+5",
    "-0",
    "05",
    "1X",
    "_X",
];

/// Numbers at the edges of every range a policy value can have.
pub const EDGES: &[i64] = &[
    0,
    1,
    -1,
    42,
    1000,
    65535,
    65536,
    2147483647,
    2147483648,
    -2147483648,
    4294967294,
    4294967295,
    4294967296,
    i64::MAX,
    i64::MIN,
];

#[derive(Arbitrary, Debug)]
enum Text {
    Hostile(u8),
    Name(u8),
    Any(String),
}

impl Text {
    fn render(&self) -> String {
        const NAMES: &[&str] = &["alice", "bob", "www-data", "users", "staff", "wasi", "root", "sudo"];
        match self {
            Text::Hostile(i) => HOSTILE[*i as usize % HOSTILE.len()].to_owned(),
            Text::Name(i) => NAMES[*i as usize % NAMES.len()].to_owned(),
            Text::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Number {
    Edge(u8),
    Small(u16),
    Any(i64),
}

impl Number {
    fn render(&self) -> i64 {
        match self {
            Number::Edge(i) => EDGES[*i as usize % EDGES.len()],
            Number::Small(n) => i64::from(*n),
            Number::Any(n) => *n,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Scalar {
    Number(Number),
    Text(Text),
}

impl Scalar {
    fn render(&self) -> toml::Value {
        match self {
            Scalar::Number(n) => toml::Value::Integer(n.render()),
            Scalar::Text(t) => toml::Value::String(t.render()),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct FunctionSetting {
    function: u16,
    behaviour: u8,
    errno: Option<u8>,
    log: Option<bool>,
    value: Option<Scalar>,
    env: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct Entry {
    name: Text,
    id: Number,
    gid: Number,
    home: Option<Text>,
    members: Vec<Text>,
}

/// A policy as a structure: every table the format has, with values drawn to reach the rules' edges.
#[derive(Arbitrary, Debug)]
pub struct PolicySpec {
    extends: Option<u8>,
    identity: Option<Vec<(u8, Scalar)>>,
    groups_list: Option<Vec<Number>>,
    process: Option<(Option<Number>, Option<Number>)>,
    users: Vec<Entry>,
    groups: Vec<Entry>,
    areas: Vec<(u8, u8)>,
    functions: Vec<FunctionSetting>,
    settings: Vec<(u8, Scalar)>,
}

impl PolicySpec {
    /// The policy as TOML text (written by the `toml` crate, so it always parses as TOML).
    pub fn render(&self, catalog: &Catalog) -> String {
        let mut root = toml::Table::new();
        if let Some(i) = self.extends {
            let presets = ["default", "strict", "wasix", "cpython", "ruby", "nonexistent"];
            root.insert("extends".into(), presets[i as usize % presets.len()].into());
        }
        if let Some(fields) = &self.identity {
            let keys = ["uid", "gid", "user", "group", "home", "shell", "gecos"];
            let mut t: toml::Table =
                fields.iter().map(|(k, v)| (keys[*k as usize % keys.len()].to_owned(), v.render())).collect();
            if let Some(list) = &self.groups_list {
                t.insert("groups".into(), toml::Value::Array(list.iter().map(|n| n.render().into()).collect()));
            }
            root.insert("identity".into(), t.into());
        }
        if let Some((pid, ppid)) = &self.process {
            let mut t = toml::Table::new();
            pid.as_ref().map(|n| t.insert("pid".into(), n.render().into()));
            ppid.as_ref().map(|n| t.insert("ppid".into(), n.render().into()));
            root.insert("process".into(), t.into());
        }
        root.insert("users".into(), self.users.iter().map(|e| entry(e, "uid")).collect::<Vec<_>>().into());
        root.insert("groups".into(), self.groups.iter().map(|e| entry(e, "gid")).collect::<Vec<_>>().into());
        root.insert("areas".into(), self.area_table(catalog).into());
        root.insert("functions".into(), self.function_table(catalog).into());
        for (i, value) in &self.settings {
            let keys: Vec<&String> = catalog.settings.keys().collect();
            let key = keys[*i as usize % keys.len()];
            let (table, field) = key.split_once('.').expect("settings are table.field");
            let t = root.entry(table).or_insert_with(|| toml::Table::new().into());
            if let Some(t) = t.as_table_mut() {
                t.insert(field.into(), value.render());
            }
        }
        toml::to_string(&root).unwrap_or_default()
    }

    fn area_table(&self, catalog: &Catalog) -> toml::Table {
        let areas: Vec<&String> = catalog.areas.keys().collect();
        self.areas.iter().map(|(a, b)| (areas[*a as usize % areas.len()].clone(), behaviour_name(*b).into())).collect()
    }

    fn function_table(&self, catalog: &Catalog) -> toml::Table {
        let mut table = toml::Table::new();
        for s in &self.functions {
            let f = &catalog.functions[s.function as usize % catalog.functions.len()];
            let mut t = toml::Table::new();
            t.insert("behaviour".into(), behaviour_name(s.behaviour).into());
            if let Some(e) = s.errno {
                t.insert(
                    "errno".into(),
                    f.errnos.get(e as usize % (f.errnos.len() + 1)).map_or("EBOGUS", |e| e).into(),
                );
            }
            s.log.map(|l| t.insert("log".into(), l.into()));
            s.value.as_ref().map(|v| t.insert("value".into(), v.render()));
            s.env.as_ref().map(|v| t.insert("env".into(), v.render().into()));
            table.insert(f.name.clone(), t.into());
        }
        table
    }
}

fn behaviour_name(i: u8) -> &'static str {
    Behaviour::ALL.map(|b| b.as_str()).get(i as usize % (Behaviour::ALL.len() + 1)).copied().unwrap_or("emulat")
}

fn entry(e: &Entry, id_key: &str) -> toml::Value {
    let mut t = toml::Table::new();
    t.insert("name".into(), e.name.render().into());
    t.insert(id_key.into(), e.id.render().into());
    if id_key == "uid" {
        t.insert("gid".into(), e.gid.render().into());
        t.insert("home".into(), e.home.as_ref().map_or_else(|| "/home/x".to_owned(), Text::render).into());
    } else {
        t.insert("members".into(), e.members.iter().map(|m| toml::Value::from(m.render())).collect::<Vec<_>>().into());
    }
    t.into()
}

/// The policy text a fuzz input stands for: raw text (libFuzzer's mutations of the committed corpus) when
/// the first byte is even, else a [`PolicySpec`] drawn from the rest.
pub fn policy_text(data: &[u8], catalog: &Catalog) -> Option<String> {
    let (first, rest) = data.split_first()?;
    if first % 2 == 0 {
        return std::str::from_utf8(rest).ok().map(str::to_owned);
    }
    PolicySpec::arbitrary(&mut Unstructured::new(rest)).ok().map(|spec| spec.render(catalog))
}

/// What must hold for any text: resolution either succeeds, with generated files that embed every value
/// inertly, or fails with diagnostics that point into the text.
pub fn check_policy(text: &str, catalog: &Catalog) {
    let path = std::path::Path::new("fuzz.toml");
    match Policy::from_text(path, text, catalog) {
        Ok(policy) => check_generated(&policy),
        Err(error) => {
            if let Some(diagnostics) = error.downcast_ref::<wasi_shim::diagnostic::Diagnostics>() {
                for d in &diagnostics.0 {
                    assert!(d.span.start <= d.text.len(), "a diagnostic points past its file: {d:?}");
                    assert!(!d.message.is_empty());
                }
            }
            assert!(!format!("{error:#}").is_empty());
        }
    }
}

/// Every line of the generated policy header that this input can reach (the shared part, and each
/// function the input itself set; the rest comes from the presets, whose text is fixed) is a directive, a
/// comment, an initializer row or blank: a value that broke out of its string or comment would leave
/// some other line.
fn check_generated(policy: &Policy) {
    let mut header = wasi_shim::codegen::policy_globals(policy);
    for choice in policy.choices.iter().filter(|c| c.source.starts_with("fuzz.toml")) {
        header.push_str(&wasi_shim::codegen::function_defines(choice, wasi_shim::base::Link::Direct));
    }
    for line in header.lines() {
        let ok = line.is_empty()
            || line.starts_with("#define ")
            || (line.starts_with("/* ") && line.ends_with(" */") && !line[3..line.len() - 3].contains("*/"))
            || line.starts_with("    { ")
            || line == "}";
        assert!(ok, "unexpected line in the policy header: {line:?}");
    }
}

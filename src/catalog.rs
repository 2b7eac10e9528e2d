//! The catalog (`shims/catalog/*.toml`): every function wasi-shim provides and what a policy may choose for it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::target::Target;
use crate::valid::{Kind, Range};

/// Where the Open Group keeps the function pages the catalog's `posix` field names.
pub const POSIX_BASE_URL: &str = "https://pubs.opengroup.org/onlinepubs/9799919799/functions/";

/// The closed set of behaviours a policy can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Behaviour {
    Emulate,
    Value,
    Error,
    Succeed,
    Trap,
}

impl Behaviour {
    pub const ALL: [Behaviour; 5] =
        [Behaviour::Emulate, Behaviour::Value, Behaviour::Error, Behaviour::Succeed, Behaviour::Trap];

    pub fn as_str(self) -> &'static str {
        match self {
            Behaviour::Emulate => "emulate",
            Behaviour::Value => "value",
            Behaviour::Error => "error",
            Behaviour::Succeed => "succeed",
            Behaviour::Trap => "trap",
        }
    }

    pub fn parse(name: &str) -> Option<Behaviour> {
        Behaviour::ALL.into_iter().find(|b| b.as_str() == name)
    }

    /// Whether a program calling the function gets a working answer, which is what autoconf asks.
    pub fn works(self) -> bool {
        matches!(self, Behaviour::Emulate | Behaviour::Value | Behaviour::Succeed)
    }
}

impl fmt::Display for Behaviour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub summary: String,
    pub headers: Vec<String>,
}

/// How our definition relates to one the base sysroot may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BaseRelation {
    /// Ours is the function; where the base defines it too, ours replaces it.
    #[default]
    Replace,
    /// Ours runs on top of the base's (linked with `--wrap`, calling `__real_<name>`).
    Wrap,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    pub name: String,
    pub area: String,
    pub header: String,
    pub prototype: String,
    pub posix: String,
    pub behaviours: Vec<Behaviour>,
    pub default: Behaviour,
    /// C expression the `error` behaviour returns; empty for void functions.
    pub failure: String,
    /// C expression the `succeed` behaviour returns.
    pub success: Option<String>,
    /// What a `succeed` choice loses; present exactly when `succeed` is offered.
    pub lossy: Option<String>,
    pub errnos: Vec<String>,
    /// Policy key the `value` behaviour returns.
    pub value: Option<String>,
    pub emulation: Option<String>,
    #[serde(default)]
    pub base: BaseRelation,
    /// Set when newer wasi-libc releases define this function as a stub that always fails: says
    /// since when and what it answers, so the manifest can tell a stub from a real definition.
    pub base_stub: Option<String>,
    /// Targets whose base implements this function for real, each with what the base does: there the base's
    /// definition is left alone, whatever the policy chooses (`wasm32-wasip2`'s libc has `wasi:sockets`).
    #[serde(default)]
    pub base_real: BTreeMap<String, String>,
    pub reason: Option<String>,
    /// The `[runtime_notes]` entry saying what runtimes other than `wasi-shim run` make of this function's visible
    /// effect (an exit status, a trap), as the compatibility matrix found it.
    pub runtimes: Option<String>,
}

impl Function {
    pub fn posix_url(&self) -> String {
        format!("{POSIX_BASE_URL}{}.html", self.posix)
    }

    pub fn allows(&self, behaviour: Behaviour) -> bool {
        self.behaviours.contains(&behaviour)
    }

    pub fn default_errno(&self) -> &str {
        &self.errnos[0]
    }

    /// What choosing `behaviour` does, in a line (the catalog's own words where it has them): the patch
    /// series' messages and `init`'s starter policies print it.
    pub fn behaviour_note(&self, behaviour: Behaviour) -> Option<String> {
        match behaviour {
            Behaviour::Emulate => self.emulation.clone(),
            Behaviour::Value => self.value.as_ref().map(|key| format!("the policy's {key}")),
            Behaviour::Error => self.reason.clone(),
            Behaviour::Succeed => self.lossy.as_ref().map(|l| format!("lossy: {l}")),
            Behaviour::Trap => Some("aborts with a message naming the function".to_owned()),
        }
    }

    /// What `target`'s base does with this function when it implements it for real (see `base_real`).
    pub fn real_in_base(&self, target: Target) -> Option<&str> {
        self.base_real.get(target.name()).map(String::as_str)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub areas: BTreeMap<String, Area>,
    /// Shared with the policies resolved against this catalog (each `Choice` names its function).
    pub functions: Vec<Arc<Function>>,
    /// Policy settings beyond [identity] and [process]: `host.name` -> its default and reason.
    pub settings: BTreeMap<String, Setting>,
    /// Functions deliberately left out, each with the reason (for `wasi-shim audit`).
    pub excluded: Vec<Excluded>,
    /// What other runtimes make of a visible effect several rows share (a signal's default termination), by name.
    pub runtime_notes: BTreeMap<String, String>,
}

/// A function configure scripts probe for that wasi-shim deliberately does not provide.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excluded {
    pub name: String,
    pub reason: String,
}

/// A policy setting the catalog introduces (`[host] name = "..."` in a policy), with its default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// A string or an integer; a policy must give the same type.
    pub default: toml::Value,
    /// Why the default is what it is.
    pub reason: String,
    /// The range an integer setting's values must lie in (both required for integers, absent for strings):
    /// what the C type it is returned as can hold and still mean what the policy said.
    pub min: Option<i64>,
    pub max: Option<i64>,
}

impl Setting {
    /// The rule this setting's values pass.
    pub fn kind(&self) -> Kind {
        match (self.min, self.max) {
            (Some(min), Some(max)) => Kind::Number(Range { min, max }),
            _ => Kind::Text,
        }
    }
}

/// Policy tables that may hold catalog settings.
pub const SETTING_TABLES: &[&str] = &["environment", "host", "limits", "paths", "signals", "syslog", "terminal"];

/// One file of `shims/catalog/`: some areas and their functions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    areas: BTreeMap<String, Area>,
    #[serde(default, rename = "function")]
    functions: Vec<Function>,
    #[serde(default)]
    settings: BTreeMap<String, Setting>,
    #[serde(default)]
    excluded: Vec<Excluded>,
    #[serde(default)]
    runtime_notes: BTreeMap<String, String>,
}

/// Symbols our archive defines besides the catalog's functions, each with the reason it must.
pub const EXTRA_SYMBOLS: &[(&str, &str)] = &[
    ("__SIG_IGN", "wasi-libc's SIG_IGN is the address of this function; defined beside signal() so the base's signal.o is never pulled in"),
    ("__SIG_ERR", "wasi-libc's SIG_ERR is the address of this function; defined beside signal() for the same reason"),
    ("bsd_signal", "the base's signal.o defines it beside signal(); ours must too, or that member could be pulled in and clash"),
    ("__sysv_signal", "the base's signal.o defines it beside signal(); ours must too, for the same reason"),
    ("h_errno", "netdb.h declares it as the error of gethostbyname and gethostbyaddr; hostnames.c defines it"),
    ("__wrap___wasilibc_ensure_environ", "where getenv and setenv first read the runtime's environment: login_environment.c fills in HOME, USER, LOGNAME and SHELL there (environment.login_defaults)"),
    ("__wrap___wasilibc_initialize_environ", "where a program reading `environ` first reads the runtime's environment: the same, for that path"),
];

/// Policy keys a catalog row may name in `value`.
pub const VALUE_KEYS: &[&str] = &["identity.uid", "identity.gid", "identity.user", "process.pid", "process.ppid"];

/// A setting's default is a string, or an integer with the range its values must lie in.
fn check_setting(file: &str, key: &str, setting: &Setting) -> Result<()> {
    match (&setting.default, setting.min, setting.max) {
        (toml::Value::String(text), None, None) if crate::valid::Text::new(text).is_ok() => Ok(()),
        (toml::Value::Integer(n), Some(min), Some(max)) if (min..=max).contains(n) => Ok(()),
        _ => bail!(
            "shims/catalog/{file}: setting `{key}` needs a one-line string default, or an integer default with \
             `min` and `max` around it"
        ),
    }
}

impl Catalog {
    /// The rule a value key's values pass: the identity's and process's keys are ids and names, the
    /// settings say their own.
    pub fn value_kind(&self, key: &str) -> Kind {
        match key {
            "identity.uid" | "identity.gid" => Kind::Number(crate::valid::ID_RANGE),
            "process.pid" | "process.ppid" => Kind::Number(crate::valid::PID_RANGE),
            "identity.user" => Kind::Name,
            setting => self.settings.get(setting).map_or(Kind::Text, Setting::kind),
        }
    }

    /// The catalog compiled into this binary (shims/catalog/*.toml).
    pub fn builtin() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::parse(crate::embedded::CATALOG_FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())))
                .expect("the built-in catalog is checked by tests")
        })
    }

    /// Merge `(file name, text)` catalog files, in name order, and validate the whole.
    pub fn parse(files: impl IntoIterator<Item = (String, String)>) -> Result<Catalog> {
        let mut files: Vec<(String, String)> = files.into_iter().collect();
        files.sort();
        let mut catalog = Catalog::default();
        for (name, text) in files {
            let file: CatalogFile =
                toml::from_str(&text).with_context(|| format!("shims/catalog/{name} does not parse"))?;
            for (area, a) in file.areas {
                if catalog.areas.insert(area.clone(), a).is_some() {
                    bail!("shims/catalog/{name}: area `{area}` is defined twice");
                }
            }
            catalog.functions.extend(file.functions.into_iter().map(Arc::new));
            catalog.excluded.extend(file.excluded);
            for (note, text) in file.runtime_notes {
                if catalog.runtime_notes.insert(note.clone(), text).is_some() {
                    bail!("shims/catalog/{name}: runtime note `{note}` is defined twice");
                }
            }
            for (key, setting) in file.settings {
                let table = key.split_once('.').map(|(t, _)| t).unwrap_or("");
                if !SETTING_TABLES.contains(&table) {
                    bail!(
                        "shims/catalog/{name}: setting `{key}` must be `<table>.<field>` with table one of {}",
                        SETTING_TABLES.join(", ")
                    );
                }
                check_setting(&name, &key, &setting)?;
                if catalog.settings.insert(key.clone(), setting).is_some() {
                    bail!("shims/catalog/{name}: setting `{key}` is defined twice");
                }
            }
        }
        catalog.validate()?;
        Ok(catalog)
    }

    fn validate(&self) -> Result<()> {
        let mut seen = std::collections::BTreeSet::new();
        for f in &self.functions {
            let row = || format!("catalog row `{}`", f.name);
            if !seen.insert(&f.name) {
                bail!("{} appears twice", row());
            }
            if !self.areas.contains_key(&f.area) {
                bail!("{}: unknown area `{}`", row(), f.area);
            }
            if !f.behaviours.contains(&f.default) {
                bail!("{}: default `{}` is not among its behaviours", row(), f.default);
            }
            if f.errnos.is_empty() {
                bail!("{}: needs at least one errno", row());
            }
            if f.allows(Behaviour::Succeed) != f.lossy.is_some() || f.allows(Behaviour::Succeed) != f.success.is_some()
            {
                bail!("{}: `succeed` needs both `success` and `lossy`, and they need `succeed`", row());
            }
            if f.allows(Behaviour::Value) != f.value.is_some() {
                bail!("{}: `value` behaviour and `value` key go together", row());
            }
            if let Some(key) = &f.value {
                if !VALUE_KEYS.contains(&key.as_str()) && !self.settings.contains_key(key) {
                    bail!("{}: unknown value key `{key}`", row());
                }
            }
            if !f.prototype.contains(&format!("{}(", f.name)) {
                bail!("{}: prototype does not declare `{}`", row(), f.name);
            }
            if let Some(note) = f.runtimes.as_ref().filter(|n| !self.runtime_notes.contains_key(*n)) {
                bail!("{}: runtimes names `{note}`, which no [runtime_notes] table defines", row());
            }
            for target in f.base_real.keys() {
                Target::parse(target).with_context(|| format!("{}: base_real", row()))?;
            }
        }
        Ok(())
    }

    pub fn function(&self, name: &str) -> Option<&Arc<Function>> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// Closest catalog function name, for "did you mean" hints.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        suggest(name, self.functions.iter().map(|f| f.name.as_str()))
    }

    pub fn functions_in_area<'a>(&'a self, area: &'a str) -> impl Iterator<Item = &'a Arc<Function>> + 'a {
        self.functions.iter().filter(move |f| f.area == area)
    }
}

/// The candidate closest to `name` by Jaro-Winkler similarity, if any is close enough to be a likely typo.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_is_valid() {
        let catalog = Catalog::builtin();
        assert!(catalog.function("getuid").is_some());
        assert!(catalog.functions.len() > 50);
    }

    #[test]
    fn suggests_close_names_only() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.suggest("getuidd"), Some("getuid"));
        assert_eq!(catalog.suggest("sigactoin"), Some("sigaction"));
        assert_eq!(catalog.suggest("zzzzzz"), None);
    }

    #[test]
    fn rejects_default_outside_behaviours() {
        let (name, text) = *crate::embedded::CATALOG_FILES.iter().find(|(n, _)| *n == "identity.toml").unwrap();
        let text = text.replacen("default = \"value\"", "default = \"emulate\"", 1);
        let err = format!("{:#}", Catalog::parse([(name.to_string(), text)]).unwrap_err());
        assert!(err.contains("default `emulate` is not among its behaviours"), "{err}");
    }
}

//! Policy files: parsing with source spans, `extends` chains, validation against the catalog, resolution.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::catalog::{suggest, Behaviour, Catalog, Function};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Presets shipped inside the binary: `extends = "<name>"` and `--policy <name>` find them without a source tree.
pub const PRESETS: &[(&str, &str)] = &[
    ("default", include_str!("../policy/default.toml")),
    ("strict", include_str!("../policy/strict.toml")),
    ("wasix", include_str!("../policy/wasix.toml")),
    ("cpython", include_str!("../policy/cpython.toml")),
    ("ruby", include_str!("../policy/ruby.toml")),
];

// ------------------------------------------------------------------ the file format

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    extends: Option<Spanned<String>>,
    description: Option<String>,
    identity: Option<IdentityTable>,
    process: Option<ProcessTable>,
    #[serde(default)]
    users: Vec<Spanned<UserEntry>>,
    #[serde(default)]
    groups: Vec<Spanned<GroupEntry>>,
    #[serde(default)]
    areas: BTreeMap<Spanned<String>, Spanned<Setting>>,
    #[serde(default)]
    functions: BTreeMap<Spanned<String>, Spanned<Setting>>,
    // Tables of catalog settings (catalog::SETTING_TABLES): checked against the catalog's registry.
    host: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    limits: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    paths: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    syslog: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    terminal: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct IdentityTable {
    uid: Option<Spanned<u32>>,
    gid: Option<Spanned<u32>>,
    user: Option<String>,
    group: Option<String>,
    home: Option<String>,
    shell: Option<String>,
    gecos: Option<String>,
    groups: Option<Spanned<Vec<u32>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProcessTable {
    pid: Option<Spanned<u32>>,
    ppid: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UserEntry {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    #[serde(default)]
    pub gecos: String,
    pub home: String,
    #[serde(default = "default_shell")]
    pub shell: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    pub name: String,
    pub gid: u32,
    #[serde(default)]
    pub members: Vec<String>,
}

fn default_shell() -> String {
    "/bin/sh".into()
}

/// A function's or area's setting: `"emulate"` or `{ behaviour = "error", errno = "EPERM", log = true }`.
#[derive(Debug)]
enum Setting {
    Behaviour(String),
    Table(SettingTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingTable {
    behaviour: Option<Spanned<String>>,
    errno: Option<Spanned<String>>,
    log: Option<bool>,
    value: Option<Spanned<toml::Value>>,
    env: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for Setting {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = Setting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a behaviour name such as \"emulate\", or a table such as { behaviour = \"error\", errno = \"EPERM\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Setting, E> {
                Ok(Setting::Behaviour(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Setting, A::Error> {
                SettingTable::deserialize(de::value::MapAccessDeserializer::new(map)).map(Setting::Table)
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

// ------------------------------------------------------------------ the resolved policy

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    pub user: String,
    pub group: String,
    pub home: String,
    pub shell: String,
    pub gecos: String,
    /// Supplementary groups; `None` means "every group of the database that lists the user".
    pub groups: Option<Vec<u32>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub pid: u32,
    pub ppid: u32,
}

/// A value a `value` behaviour returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Number(i64),
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(s) => write!(f, "{s:?}"),
        }
    }
}

/// What the policy decided for one catalog function, and where that decision was written.
#[derive(Debug, Clone)]
pub struct Choice {
    pub function: &'static Function,
    pub behaviour: Behaviour,
    pub errno: String,
    pub log: bool,
    pub value: Option<Value>,
    pub env: Option<String>,
    /// `file:line` of the setting that chose the behaviour, or "catalog default".
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct Policy {
    /// Preset name, or the policy file's path as given.
    pub name: String,
    pub description: Option<String>,
    /// The chain of files, base first (presets as `preset:<name>`).
    pub chain: Vec<String>,
    /// SHA-256 of the chain's texts, so a manifest names exactly the policy it was built from.
    pub hash: String,
    pub identity: Identity,
    pub process: Process,
    pub users: Vec<UserEntry>,
    pub groups: Vec<GroupEntry>,
    /// One choice per catalog function, in catalog order.
    pub choices: Vec<Choice>,
    /// Every catalog setting (`host.name` ...), the policy's value or the catalog's default.
    pub settings: BTreeMap<String, Value>,
    pub warnings: Vec<String>,
}

impl Policy {
    pub fn choice(&self, function: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.function.name == function)
    }

    /// Supplementary groups of the identity user, as getgroups reports them.
    pub fn supplementary_groups(&self) -> Vec<u32> {
        match &self.identity.groups {
            Some(groups) => groups.clone(),
            None => {
                let mut gids = vec![self.identity.gid];
                for g in &self.groups {
                    if g.members.contains(&self.identity.user) && !gids.contains(&g.gid) {
                        gids.push(g.gid);
                    }
                }
                gids
            }
        }
    }

    /// Load a preset by name or a policy file by path, following `extends`.
    pub fn load(spec: &str, catalog: &'static Catalog) -> Result<Policy> {
        let source = PolicySource::locate(spec, Path::new("."))?;
        let name = match &source {
            PolicySource::Preset { name, .. } => name.clone(),
            PolicySource::File { path, .. } => path.display().to_string(),
        };
        let mut chain = Vec::new();
        collect_chain(source, &mut chain)?;
        resolve(name, chain, catalog)
    }
}

// ------------------------------------------------------------------ loading

enum PolicySource {
    Preset { name: String, text: Arc<str> },
    File { path: PathBuf, text: Arc<str> },
}

impl PolicySource {
    /// A preset name, or a path (relative to `dir`, the directory of the file that names it).
    fn locate(spec: &str, dir: &Path) -> Result<PolicySource> {
        let looks_like_path = spec.contains('/') || spec.ends_with(".toml");
        if !looks_like_path {
            if let Some((name, text)) = PRESETS.iter().find(|(name, _)| *name == spec) {
                return Ok(PolicySource::Preset { name: (*name).to_owned(), text: Arc::from(*text) });
            }
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            let hint = match suggest(spec, names.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("presets are {}; a file path must end in .toml", names.join(", ")),
            };
            bail!("unknown policy preset `{spec}`: {hint}");
        }
        let path = dir.join(spec);
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read policy file {}", path.display()))?;
        Ok(PolicySource::File { path, text: Arc::from(text) })
    }

    fn label(&self) -> String {
        match self {
            PolicySource::Preset { name, .. } => format!("preset:{name}"),
            PolicySource::File { path, .. } => path.display().to_string(),
        }
    }

    fn display_path(&self) -> PathBuf {
        match self {
            PolicySource::Preset { name, .. } => PathBuf::from(format!("policy/{name}.toml")),
            PolicySource::File { path, .. } => path.clone(),
        }
    }

    fn text(&self) -> &Arc<str> {
        match self {
            PolicySource::Preset { text, .. } | PolicySource::File { text, .. } => text,
        }
    }

    fn dir(&self) -> PathBuf {
        match self {
            PolicySource::Preset { .. } => PathBuf::from("."),
            PolicySource::File { path, .. } => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }
}

struct LoadedFile {
    source: PolicySource,
    file: PolicyFile,
}

impl LoadedFile {
    fn diagnostic(&self, span: std::ops::Range<usize>, message: String, help: Option<String>) -> Diagnostic {
        Diagnostic { file: self.source.display_path(), text: self.source.text().clone(), span, message, help }
    }
}

/// Parse `source` and everything it extends; the chain ends up base first.
fn collect_chain(source: PolicySource, chain: &mut Vec<LoadedFile>) -> Result<()> {
    let mut seen: Vec<String> = Vec::new();
    let mut next = Some(source);
    let mut reversed = Vec::new();
    while let Some(source) = next.take() {
        let label = source.label();
        if seen.contains(&label) {
            bail!("policy `extends` loops: {} -> {label}", seen.join(" -> "));
        }
        seen.push(label);
        let file = parse_file(&source)?;
        let loaded = LoadedFile { source, file };
        if let Some(extends) = &loaded.file.extends {
            let parent = PolicySource::locate(extends.get_ref(), &loaded.source.dir()).map_err(|e| {
                anyhow!(Diagnostics(vec![loaded.diagnostic(extends.span(), format!("cannot extend `{}`", extends.get_ref()), Some(e.to_string()))]))
            })?;
            next = Some(parent);
        }
        reversed.push(loaded);
    }
    reversed.reverse();
    chain.extend(reversed);
    Ok(())
}

fn parse_file(source: &PolicySource) -> Result<PolicyFile> {
    toml::from_str::<PolicyFile>(source.text()).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim_end_matches('.').to_owned();
        let help = help_for_parse_error(&message, source.text(), &span);
        anyhow!(Diagnostics(vec![Diagnostic {
            file: source.display_path(),
            text: source.text().clone(),
            span,
            message,
            help,
        }]))
    })
}

/// A concrete suggestion for serde's messages: the closest field name, or an example of the expected type.
fn help_for_parse_error(message: &str, text: &str, span: &std::ops::Range<usize>) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return Some(match suggest(field, candidates.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("allowed keys here: {}", candidates.join(", ")),
        });
    }
    if message.starts_with("invalid type") {
        // The key is the last identifier before the `=` that precedes the offending value.
        let before = text[..span.start.min(text.len())].trim_end().trim_end_matches('=').trim_end();
        let key_start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        let key = &before[key_start..];
        let example = match key {
            "uid" | "gid" | "pid" | "ppid" => format!("{key} = 1000"),
            "user" | "group" | "name" => format!("{key} = \"wasi\""),
            "home" => "home = \"/home/wasi\"".into(),
            "shell" => "shell = \"/bin/sh\"".into(),
            "gecos" | "description" => format!("{key} = \"some text\""),
            "groups" => "groups = [1000, 27]".into(),
            "members" => "members = [\"wasi\"]".into(),
            "log" => "log = true".into(),
            "errno" => "errno = \"EPERM\"".into(),
            "behaviour" => "behaviour = \"emulate\"".into(),
            "extends" => "extends = \"default\"".into(),
            _ => return Some("see the policy reference in README.md".into()),
        };
        return Some(format!("write it as `{example}`"));
    }
    None
}

// ------------------------------------------------------------------ resolution

/// Supplementary groups the C side keeps (`struct ws_ids` in shims/src/shim.h).
pub const MAX_GROUPS: usize = 64;

struct Draft {
    behaviour: Behaviour,
    errno: Option<String>,
    log: bool,
    value: Option<Value>,
    env: Option<String>,
    source: String,
}

fn location(file: &LoadedFile, span: std::ops::Range<usize>) -> String {
    let d = file.diagnostic(span, String::new(), None);
    let (line, _) = d.line_column();
    format!("{}:{line}", file.source.display_path().display())
}

fn resolve(name: String, chain: Vec<LoadedFile>, catalog: &'static Catalog) -> Result<Policy> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut identity = Identity {
        uid: 0,
        gid: 0,
        user: "root".into(),
        group: "root".into(),
        home: "/root".into(),
        shell: "/bin/sh".into(),
        gecos: "root".into(),
        groups: None,
    };
    let mut process = Process { pid: 42, ppid: 1 };
    let mut extra_users = Vec::new();
    let mut extra_groups = Vec::new();
    let mut description = None;
    let mut drafts: BTreeMap<&str, Draft> = catalog
        .functions
        .iter()
        .map(|f| {
            (f.name.as_str(), Draft { behaviour: f.default, errno: None, log: false, value: None, env: None, source: "catalog default".into() })
        })
        .collect();
    let mut hasher = Sha256::new();
    let mut settings: BTreeMap<String, Value> = catalog
        .settings
        .iter()
        .map(|(k, s)| (k.clone(), toml_scalar(&s.default).expect("catalog validation admits only strings and integers")))
        .collect();

    for file in &chain {
        hasher.update(file.source.text().as_bytes());
        let f = &file.file;
        if f.description.is_some() {
            description = f.description.clone();
        }
        if let Some(id) = &f.identity {
            macro_rules! take {
                ($($field:ident),*) => { $( if let Some(v) = &id.$field { identity.$field = v.clone(); } )* };
            }
            take!(user, group, home, shell, gecos);
            for (key, field, target) in [("uid", &id.uid, &mut identity.uid), ("gid", &id.gid, &mut identity.gid)] {
                if let Some(v) = field {
                    // (uid_t)-1 means "leave unchanged" to setreuid and friends: no user can have it.
                    if *v.get_ref() == u32::MAX {
                        errors.push(file.diagnostic(v.span(), format!("{key} {} is reserved: (uid_t)-1 means \"unchanged\" to setreuid", u32::MAX), Some(format!("pick a {key} below {}", u32::MAX))));
                    }
                    *target = *v.get_ref();
                }
            }
            if let Some(groups) = &id.groups {
                if groups.get_ref().len() > MAX_GROUPS {
                    errors.push(file.diagnostic(groups.span(), format!("{} supplementary groups, but getgroups keeps at most {MAX_GROUPS}", groups.get_ref().len()), Some("list fewer groups".into())));
                }
                identity.groups = Some(groups.get_ref().clone());
            }
        }
        if let Some(p) = &f.process {
            for (key, field, target) in [("pid", &p.pid, &mut process.pid), ("ppid", &p.ppid, &mut process.ppid)] {
                if let Some(v) = field {
                    // pid_t is a signed 32-bit int; 0 and negative ids mean process groups to kill().
                    if *v.get_ref() == 0 || *v.get_ref() > i32::MAX as u32 {
                        errors.push(file.diagnostic(v.span(), format!("{key} must be from 1 to {}, a positive pid_t", i32::MAX), Some(format!("write it as `{key} = 42`"))));
                    }
                    *target = *v.get_ref();
                }
            }
        }
        for (table, entries) in [("host", &f.host), ("limits", &f.limits), ("paths", &f.paths), ("syslog", &f.syslog), ("terminal", &f.terminal)] {
            for (field, value) in entries.iter().flatten() {
                let key = format!("{table}.{}", field.get_ref());
                let Some(setting) = catalog.settings.get(&key) else {
                    let prefix = format!("{table}.");
                    let fields: Vec<&str> = catalog.settings.keys().filter_map(|k| k.strip_prefix(&prefix)).collect();
                    let help = match suggest(field.get_ref(), fields.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if fields.is_empty() => format!("no catalog function reads [{table}] settings yet"),
                        None => format!("[{table}] takes {}", fields.join(", ")),
                    };
                    errors.push(file.diagnostic(field.span(), format!("unknown setting `{}` in [{table}]", field.get_ref()), Some(help)));
                    continue;
                };
                match (toml_scalar(value.get_ref()), &setting.default) {
                    (Some(v @ Value::Number(_)), toml::Value::Integer(_)) | (Some(v @ Value::Text(_)), toml::Value::String(_)) => {
                        settings.insert(key, v);
                    }
                    _ => errors.push(file.diagnostic(
                        value.span(),
                        format!("`{key}` takes {}, not `{}`", if setting.default.is_str() { "a string" } else { "an integer" }, value.get_ref()),
                        Some(format!("write it as `{} = {}`", field.get_ref(), setting.default)),
                    )),
                }
            }
        }
        extra_users.extend(f.users.iter().map(|u| (file, u)));
        extra_groups.extend(f.groups.iter().map(|g| (file, g)));

        for (area, setting) in &f.areas {
            if !catalog.areas.contains_key(area.get_ref()) {
                let help = suggest(area.get_ref(), catalog.areas.keys().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("areas are {}", catalog.areas.keys().cloned().collect::<Vec<_>>().join(", ")));
                errors.push(file.diagnostic(area.span(), format!("unknown area `{}`", area.get_ref()), Some(help)));
                continue;
            }
            let Some((behaviour, log, errno)) = area_setting(file, setting, &mut errors) else { continue };
            if let Some(errno) = &errno {
                let offered = catalog.functions_in_area(area.get_ref()).any(|f| f.allows(behaviour) && f.errnos.contains(errno.get_ref()));
                if !offered {
                    errors.push(file.diagnostic(errno.span(), format!("no function of area `{}` can fail with `{}`", area.get_ref(), errno.get_ref()), Some("`wasi-shim explain <function>` lists each function's errnos".into())));
                    continue;
                }
            }
            for function in catalog.functions_in_area(area.get_ref()) {
                let draft = drafts.get_mut(function.name.as_str()).expect("every function has a draft");
                if function.allows(behaviour) {
                    draft.behaviour = behaviour;
                    // An area errno applies where the function offers it; elsewhere the function's default stays.
                    draft.errno = errno.as_ref().map(|e| e.get_ref().clone()).filter(|e| function.errnos.contains(e));
                    draft.source = location(file, setting.span());
                }
                if let Some(log) = log {
                    draft.log = log;
                }
            }
        }

        for (function_name, setting) in &f.functions {
            let Some(function) = catalog.function(function_name.get_ref()) else {
                let help = catalog
                    .suggest(function_name.get_ref())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "`wasi-shim explain` lists the catalog; the README has the table".into());
                errors.push(file.diagnostic(function_name.span(), format!("unknown function `{}`", function_name.get_ref()), Some(help)));
                continue;
            };
            let draft = drafts.get_mut(function.name.as_str()).expect("every function has a draft");
            apply_function_setting(catalog, file, function, setting, draft, &mut errors);
        }
    }

    // The user and group databases: root, the identity, then the policy's extra entries.
    let mut users = vec![UserEntry {
        name: "root".into(),
        uid: 0,
        gid: 0,
        gecos: "root".into(),
        home: "/root".into(),
        shell: "/bin/sh".into(),
    }];
    let identity_user = UserEntry {
        name: identity.user.clone(),
        uid: identity.uid,
        gid: identity.gid,
        gecos: identity.gecos.clone(),
        home: identity.home.clone(),
        shell: identity.shell.clone(),
    };
    if identity.uid == 0 {
        users[0] = identity_user;
    } else {
        users.push(identity_user);
    }
    let mut groups = vec![GroupEntry { name: "root".into(), gid: 0, members: vec![] }];
    let identity_group = GroupEntry { name: identity.group.clone(), gid: identity.gid, members: vec![identity.user.clone()] };
    if identity.gid == 0 {
        groups[0] = GroupEntry { members: vec![], ..identity_group };
    } else {
        groups.push(identity_group);
    }
    for (file, user) in extra_users {
        if let Some(clash) = users.iter().find(|u| u.name == user.get_ref().name || u.uid == user.get_ref().uid) {
            errors.push(file.diagnostic(
                user.span(),
                format!("user `{}` (uid {}) clashes with `{}` (uid {})", user.get_ref().name, user.get_ref().uid, clash.name, clash.uid),
                Some("each user name and uid may appear once; root and the [identity] user are always present".into()),
            ));
        } else {
            users.push(user.get_ref().clone());
        }
    }
    for (file, group) in extra_groups {
        if let Some(i) = groups.iter().position(|g| g.name == group.get_ref().name || g.gid == group.get_ref().gid) {
            if groups[i].name == group.get_ref().name && groups[i].gid == group.get_ref().gid {
                // Re-declaring root or the identity group adds members to it.
                for m in &group.get_ref().members {
                    if !groups[i].members.contains(m) {
                        groups[i].members.push(m.clone());
                    }
                }
            } else {
                errors.push(file.diagnostic(
                    group.span(),
                    format!("group `{}` (gid {}) clashes with `{}` (gid {})", group.get_ref().name, group.get_ref().gid, groups[i].name, groups[i].gid),
                    Some("each group name and gid may appear once".into()),
                ));
            }
        } else {
            groups.push(group.get_ref().clone());
        }
    }

    if !errors.is_empty() {
        errors.sort_by_key(|d| (d.file.clone(), d.span.start));
        return Err(anyhow!(Diagnostics(errors)));
    }

    let mut choices = Vec::new();
    for function in &catalog.functions {
        let draft = drafts.remove(function.name.as_str()).expect("every function has a draft");
        let value = match (draft.behaviour, &function.value) {
            (_, Some(key)) => Some(draft.value.unwrap_or_else(|| settings.get(key).cloned().unwrap_or_else(|| policy_value(key, &identity, &process)))),
            _ => None,
        };
        if draft.behaviour == Behaviour::Succeed {
            warnings.push(format!(
                "{}: `succeed` is lossy: {} (chosen at {})",
                function.name,
                function.lossy.as_deref().unwrap_or("the call has no effect"),
                draft.source
            ));
        }
        choices.push(Choice {
            function,
            behaviour: draft.behaviour,
            errno: draft.errno.unwrap_or_else(|| function.default_errno().to_owned()),
            log: draft.log,
            value,
            env: draft.env,
            source: draft.source,
        });
    }

    Ok(Policy {
        name,
        description,
        chain: chain.iter().map(|f| f.source.label()).collect(),
        hash: format!("{:x}", hasher.finalize()),
        identity,
        process,
        users,
        groups,
        choices,
        settings,
        warnings,
    })
}

fn toml_scalar(value: &toml::Value) -> Option<Value> {
    match value {
        toml::Value::Integer(n) => Some(Value::Number(*n)),
        toml::Value::String(s) => Some(Value::Text(s.clone())),
        _ => None,
    }
}

fn policy_value(key: &str, identity: &Identity, process: &Process) -> Value {
    match key {
        "identity.uid" => Value::Number(identity.uid.into()),
        "identity.gid" => Value::Number(identity.gid.into()),
        "identity.user" => Value::Text(identity.user.clone()),
        "process.pid" => Value::Number(process.pid.into()),
        "process.ppid" => Value::Number(process.ppid.into()),
        other => unreachable!("catalog validation admits only known value keys, not {other}"),
    }
}

fn parse_behaviour(file: &LoadedFile, text: &str, span: std::ops::Range<usize>, errors: &mut Vec<Diagnostic>) -> Option<Behaviour> {
    match Behaviour::parse(text) {
        Some(b) => Some(b),
        None => {
            let names = Behaviour::ALL.map(|b| b.as_str());
            let help = match suggest(text, names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("behaviours are {}", names.join(", ")),
            };
            errors.push(file.diagnostic(span, format!("unknown behaviour `{text}`"), Some(help)));
            None
        }
    }
}

/// An area setting may only pick a behaviour and `log`: errnos and values differ per function.
fn area_setting(file: &LoadedFile, setting: &Spanned<Setting>, errors: &mut Vec<Diagnostic>) -> Option<(Behaviour, Option<bool>, Option<Spanned<String>>)> {
    match setting.get_ref() {
        Setting::Behaviour(text) => parse_behaviour(file, text, setting.span(), errors).map(|b| (b, None, None)),
        Setting::Table(table) => {
            for (key, present) in [("value", table.value.is_some()), ("env", table.env.is_some())] {
                if present {
                    errors.push(file.diagnostic(
                        setting.span(),
                        format!("`{key}` cannot be set for a whole area"),
                        Some(format!("set `{key}` on each function under [functions]")),
                    ));
                    return None;
                }
            }
            let Some(behaviour) = &table.behaviour else {
                errors.push(file.diagnostic(setting.span(), "area setting without `behaviour`".into(), Some("write it as `{ behaviour = \"emulate\", log = true }`".into())));
                return None;
            };
            let behaviour = parse_behaviour(file, behaviour.get_ref(), behaviour.span(), errors)?;
            if let Some(errno) = &table.errno {
                if behaviour != Behaviour::Error {
                    errors.push(file.diagnostic(errno.span(), format!("`errno` only applies to behaviour `error`, not `{behaviour}`"), Some("write `behaviour = \"error\"` or drop `errno`".into())));
                    return None;
                }
            }
            Some((behaviour, table.log, table.errno.clone()))
        }
    }
}

fn apply_function_setting(catalog: &Catalog, file: &LoadedFile, function: &Function, setting: &Spanned<Setting>, draft: &mut Draft, errors: &mut Vec<Diagnostic>) {
    let (behaviour_text, behaviour_span, table) = match setting.get_ref() {
        Setting::Behaviour(text) => (Some(text.as_str()), setting.span(), None),
        Setting::Table(table) => match &table.behaviour {
            Some(b) => (Some(b.get_ref().as_str()), b.span(), Some(table)),
            None => (None, setting.span(), Some(table)),
        },
    };
    let mut behaviour = draft.behaviour;
    if let Some(text) = behaviour_text {
        let Some(b) = parse_behaviour(file, text, behaviour_span.clone(), errors) else { return };
        if !function.allows(b) {
            let offered: Vec<&str> = function.behaviours.iter().map(|b| b.as_str()).collect();
            errors.push(file.diagnostic(
                behaviour_span,
                format!("`{}` does not offer behaviour `{b}`", function.name),
                Some(format!("`{}` offers {}", function.name, offered.join(", "))),
            ));
            return;
        }
        behaviour = b;
        draft.behaviour = b;
        draft.errno = None;
        draft.source = location(file, setting.span());
    }
    let Some(table) = table else { return };
    if let Some(log) = table.log {
        draft.log = log;
    }
    if let Some(errno) = &table.errno {
        if behaviour != Behaviour::Error {
            errors.push(file.diagnostic(errno.span(), format!("`errno` only applies to behaviour `error`, and `{}` is `{behaviour}`", function.name), Some("add `behaviour = \"error\"` or drop `errno`".into())));
        } else if !function.errnos.iter().any(|e| e == errno.get_ref()) {
            let help = match suggest(errno.get_ref(), function.errnos.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? `{}` may fail with {}", function.name, function.errnos.join(", ")),
                None => format!("`{}` may fail with {}", function.name, function.errnos.join(", ")),
            };
            errors.push(file.diagnostic(errno.span(), format!("`{}` cannot fail with `{}`", function.name, errno.get_ref()), Some(help)));
        } else {
            draft.errno = Some(errno.get_ref().clone());
        }
    }
    for (key, span) in [("value", table.value.as_ref().map(|v| v.span())), ("env", table.env.as_ref().map(|v| v.span()))] {
        if let Some(span) = span {
            if function.value.is_none() {
                errors.push(file.diagnostic(span, format!("`{key}` applies only to functions with a `value` behaviour, and `{}` has none", function.name), None));
                return;
            }
        }
    }
    if let Some(value) = &table.value {
        let key = function.value.as_deref().unwrap_or_default();
        let expects_text = key == "identity.user" || catalog.settings.get(key).is_some_and(|s| s.default.is_str());
        match (value.get_ref(), expects_text) {
            (toml::Value::Integer(n), false) if *n >= 0 && *n <= u32::MAX as i64 => draft.value = Some(Value::Number(*n)),
            (toml::Value::String(s), true) => draft.value = Some(Value::Text(s.clone())),
            _ => errors.push(file.diagnostic(
                value.span(),
                format!("`{}` returns {}, not `{}`", function.name, if expects_text { "a name" } else { "a number from 0 to 4294967295" }, value.get_ref()),
                Some(if expects_text { "write it as `value = \"wasi\"`".into() } else { "write it as `value = 1000`".into() }),
            )),
        }
    }
    if let Some(env) = &table.env {
        let ok = !env.get_ref().is_empty() && env.get_ref().chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if ok {
            draft.env = Some(env.get_ref().clone());
        } else {
            errors.push(file.diagnostic(env.span(), format!("`{}` is not an environment variable name", env.get_ref()), Some("use letters, digits and `_`, e.g. `env = \"WASIX_UID\"`".into())));
        }
    }
}

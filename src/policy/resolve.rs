//! Resolution: the chain's files applied in order over the catalog's defaults, every error collected with
//! its span, into one [`Choice`] per catalog function.

use std::collections::BTreeMap;

use anyhow::{anyhow, Result};
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::databases;
use super::file::PolicyFile;
use super::load::LoadedFile;
use super::setting::{apply_function_setting, area_setting, location, Draft};
use super::{GroupEntry, Identity, Policy, Process, UserEntry, Value, MAX_GROUPS};
use crate::catalog::{suggest, Behaviour, Catalog, SETTING_TABLES};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The policy being resolved: what the chain's files have said so far, and every error found.
struct Resolver<'c> {
    catalog: &'c Catalog,
    errors: Vec<Diagnostic>,
    hasher: Sha256,
    description: Option<String>,
    identity: Identity,
    /// Where the identity's uid and gid were last set, for errors about the pair of id and name.
    uid_at: Option<Diagnostic>,
    gid_at: Option<Diagnostic>,
    process: Process,
    settings: BTreeMap<String, Value>,
    drafts: BTreeMap<String, Draft>,
}

pub(super) fn resolve(name: String, chain: Vec<LoadedFile>, catalog: &Catalog) -> Result<Policy> {
    let mut resolver = Resolver::new(catalog);
    for file in &chain {
        resolver.hasher.update(file.source.text().as_bytes());
        if file.file.description.is_some() {
            resolver.description = file.file.description.clone();
        }
        resolver.take_identity(file);
        resolver.take_process(file);
        resolver.take_settings(file);
        resolver.take_areas(file);
        resolver.take_functions(file);
    }
    let ids_at = databases::IdsAt { uid: resolver.uid_at.take(), gid: resolver.gid_at.take() };
    let (users, groups) = databases::build(&resolver.identity, ids_at, &chain, &mut resolver.errors);
    if !resolver.errors.is_empty() {
        let mut errors = resolver.errors;
        errors.sort_by_key(|d| (d.file.clone(), d.span.start));
        return Err(anyhow!(Diagnostics(errors)));
    }
    let labels = chain.iter().map(|f| f.source.label()).collect();
    Ok(resolver.finish(name, labels, users, groups))
}

impl<'c> Resolver<'c> {
    fn new(catalog: &'c Catalog) -> Resolver<'c> {
        let drafts = catalog.functions.iter().map(|f| (f.name.clone(), Draft::catalog_default(f))).collect();
        let settings = catalog
            .settings
            .iter()
            .map(|(k, s)| {
                (k.clone(), toml_scalar(&s.default).expect("catalog validation admits only strings and integers"))
            })
            .collect();
        Resolver {
            catalog,
            errors: Vec::new(),
            hasher: Sha256::new(),
            description: None,
            identity: Identity::root(),
            uid_at: None,
            gid_at: None,
            process: Process {
                pid: crate::valid::Pid::new(42).expect("a valid pid"),
                ppid: crate::valid::Pid::new(1).expect("a valid pid"),
            },
            settings,
            drafts,
        }
    }

    /// `[identity]`: every value already passed its rule (crate::valid) when the file was parsed; the
    /// group list is checked against what getgroups keeps.
    fn take_identity(&mut self, file: &LoadedFile) {
        let Some(id) = &file.file.identity else { return };
        let identity = &mut self.identity;
        for (field, target) in [(&id.user, &mut identity.user), (&id.group, &mut identity.group)] {
            if let Some(v) = field {
                *target = v.clone();
            }
        }
        for (field, target) in
            [(&id.home, &mut identity.home), (&id.shell, &mut identity.shell), (&id.gecos, &mut identity.gecos)]
        {
            if let Some(v) = field {
                *target = v.clone();
            }
        }
        if let Some(uid) = &id.uid {
            identity.uid = *uid.get_ref();
            self.uid_at = Some(file.diagnostic(uid.span(), String::new(), None));
        }
        if let Some(gid) = &id.gid {
            identity.gid = *gid.get_ref();
            self.gid_at = Some(file.diagnostic(gid.span(), String::new(), None));
        }
        if let Some(groups) = &id.groups {
            if groups.get_ref().len() > MAX_GROUPS {
                self.errors.push(file.diagnostic(
                    groups.span(),
                    format!(
                        "{} supplementary groups, but getgroups keeps at most {MAX_GROUPS}",
                        groups.get_ref().len()
                    ),
                    Some("list fewer groups".into()),
                ));
            }
            identity.groups = Some(groups.get_ref().clone());
        }
    }

    /// `[process]`: the pids passed their rule (a positive `pid_t`) when the file was parsed.
    fn take_process(&mut self, file: &LoadedFile) {
        let Some(p) = &file.file.process else { return };
        for (field, target) in [(&p.pid, &mut self.process.pid), (&p.ppid, &mut self.process.ppid)] {
            if let Some(v) = field {
                *target = *v.get_ref();
            }
        }
    }

    /// The catalog's setting tables (`[host]`, `[limits]` ...): known keys, values of the default's type.
    fn take_settings(&mut self, file: &LoadedFile) {
        for table in SETTING_TABLES {
            for (field, value) in setting_table(&file.file, table).into_iter().flatten() {
                self.take_setting(file, table, field, value);
            }
        }
    }

    fn take_setting(&mut self, file: &LoadedFile, table: &str, field: &Spanned<String>, value: &Spanned<toml::Value>) {
        let key = format!("{table}.{}", field.get_ref());
        let Some(setting) = self.catalog.settings.get(&key) else {
            let prefix = format!("{table}.");
            let fields: Vec<&str> = self.catalog.settings.keys().filter_map(|k| k.strip_prefix(&prefix)).collect();
            let help = match suggest(field.get_ref(), fields.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if fields.is_empty() => format!("no catalog function reads [{table}] settings yet"),
                None => format!("[{table}] takes {}", fields.join(", ")),
            };
            let message = format!("unknown setting `{}` in [{table}]", field.get_ref());
            self.errors.push(file.diagnostic(field.span(), message, Some(help)));
            return;
        };
        match Value::checked(setting.kind(), field.get_ref(), value.get_ref()) {
            Ok(v) => {
                self.settings.insert(key, v);
            }
            Err(invalid) => self.errors.push(file.diagnostic(
                value.span(),
                format!("`{key}`: {}", invalid.message),
                Some(format!("{} (the default is `{} = {}`)", invalid.help, field.get_ref(), setting.default)),
            )),
        }
    }

    /// `[areas]`: a behaviour (and `log`, and an errno where a function offers it) for every function of an area.
    fn take_areas(&mut self, file: &LoadedFile) {
        for (area, setting) in &file.file.areas {
            if !self.catalog.areas.contains_key(area.get_ref()) {
                let help = suggest(area.get_ref(), self.catalog.areas.keys().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        format!("areas are {}", self.catalog.areas.keys().cloned().collect::<Vec<_>>().join(", "))
                    });
                self.errors.push(file.diagnostic(
                    area.span(),
                    format!("unknown area `{}`", area.get_ref()),
                    Some(help),
                ));
                continue;
            }
            let Some((behaviour, log, errno)) = area_setting(file, setting, &mut self.errors) else { continue };
            if let Some(errno) = &errno {
                let offered = self
                    .catalog
                    .functions_in_area(area.get_ref())
                    .any(|f| f.allows(behaviour) && f.errnos.contains(errno.get_ref()));
                if !offered {
                    self.errors.push(file.diagnostic(
                        errno.span(),
                        format!("no function of area `{}` can fail with `{}`", area.get_ref(), errno.get_ref()),
                        Some("`wasi-shim explain <function>` lists each function's errnos".into()),
                    ));
                    continue;
                }
            }
            let source = location(file, setting.span());
            for function in self.catalog.functions_in_area(area.get_ref()) {
                let draft = self.drafts.get_mut(&function.name).expect("every function has a draft");
                draft.apply_area(function, behaviour, log, errno.as_ref().map(|e| e.get_ref()), &source);
            }
        }
    }

    /// `[functions]`: one function's behaviour, errno, log, value and environment override.
    fn take_functions(&mut self, file: &LoadedFile) {
        for (function_name, setting) in &file.file.functions {
            let Some(function) = self.catalog.function(function_name.get_ref()) else {
                let help = self
                    .catalog
                    .suggest(function_name.get_ref())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| "`wasi-shim explain` lists the catalog; the README has the table".into());
                let message = format!("unknown function `{}`", function_name.get_ref());
                self.errors.push(file.diagnostic(function_name.span(), message, Some(help)));
                continue;
            };
            let draft = self.drafts.get_mut(&function.name).expect("every function has a draft");
            apply_function_setting(self.catalog, file, function, setting, draft, &mut self.errors);
        }
    }

    /// The resolved policy: one choice per catalog function, in catalog order, and a warning per lossy choice.
    fn finish(mut self, name: String, chain: Vec<String>, users: Vec<UserEntry>, groups: Vec<GroupEntry>) -> Policy {
        let mut warnings = Vec::new();
        let mut choices = Vec::new();
        for function in &self.catalog.functions {
            let draft = self.drafts.remove(&function.name).expect("every function has a draft");
            if draft.behaviour == Behaviour::Succeed {
                warnings.push(format!(
                    "{}: `succeed` is lossy: {} (chosen at {})",
                    function.name,
                    function.lossy.as_deref().unwrap_or("the call has no effect"),
                    draft.source
                ));
            }
            let key_value = function.value.as_deref().map(|key| self.key_value(key));
            let value_kind = function.value.as_deref().map(|key| self.catalog.value_kind(key));
            choices.push(draft.into_choice(function, key_value, value_kind));
        }
        Policy {
            name,
            description: self.description,
            chain,
            hash: format!("{:x}", self.hasher.finalize()),
            identity: self.identity,
            process: self.process,
            users,
            groups,
            choices,
            settings: self.settings,
            warnings,
        }
    }

    /// What a catalog `value` key stands for under this policy.
    fn key_value(&self, key: &str) -> Value {
        if let Some(setting) = self.settings.get(key) {
            return setting.clone();
        }
        let (identity, process) = (&self.identity, &self.process);
        match key {
            "identity.uid" => Value::Number(identity.uid.get().into()),
            "identity.gid" => Value::Number(identity.gid.get().into()),
            "identity.user" => Value::Text(identity.user.to_string()),
            "process.pid" => Value::Number(process.pid.get().into()),
            "process.ppid" => Value::Number(process.ppid.get().into()),
            other => unreachable!("catalog validation admits only known value keys, not {other}"),
        }
    }
}

/// One of the policy file's catalog setting tables, by name.
fn setting_table<'f>(file: &'f PolicyFile, table: &str) -> Option<&'f BTreeMap<Spanned<String>, Spanned<toml::Value>>> {
    match table {
        "environment" => file.environment.as_ref(),
        "host" => file.host.as_ref(),
        "limits" => file.limits.as_ref(),
        "paths" => file.paths.as_ref(),
        "signals" => file.signals.as_ref(),
        "syslog" => file.syslog.as_ref(),
        "terminal" => file.terminal.as_ref(),
        other => unreachable!("SETTING_TABLES names a table the file format lacks: {other}"),
    }
}

fn toml_scalar(value: &toml::Value) -> Option<Value> {
    match value {
        toml::Value::Integer(n) => Some(Value::Number(*n)),
        toml::Value::String(s) => Some(Value::Text(s.clone())),
        _ => None,
    }
}

//! Resolution: the chain's files applied in order over the catalog's defaults, every error collected with
//! its span, into one [`Choice`] per catalog function.

use std::collections::BTreeMap;

use anyhow::{anyhow, Result};
use sha2::{Digest, Sha256};
use toml::Spanned;

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
    let (users, groups) = resolver.databases(&chain);
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
            process: Process { pid: 42, ppid: 1 },
            settings,
            drafts,
        }
    }

    /// `[identity]`: names taken as they are; ids and the group list checked.
    fn take_identity(&mut self, file: &LoadedFile) {
        let Some(id) = &file.file.identity else { return };
        let identity = &mut self.identity;
        for (field, target) in [
            (&id.user, &mut identity.user),
            (&id.group, &mut identity.group),
            (&id.home, &mut identity.home),
            (&id.shell, &mut identity.shell),
            (&id.gecos, &mut identity.gecos),
        ] {
            if let Some(v) = field {
                *target = v.clone();
            }
        }
        for (key, field, target) in [("uid", &id.uid, &mut identity.uid), ("gid", &id.gid, &mut identity.gid)] {
            let Some(v) = field else { continue };
            // (uid_t)-1 means "leave unchanged" to setreuid and friends: no user can have it.
            if *v.get_ref() == u32::MAX {
                self.errors.push(file.diagnostic(
                    v.span(),
                    format!("{key} {} is reserved: (uid_t)-1 means \"unchanged\" to setreuid", u32::MAX),
                    Some(format!("pick a {key} below {}", u32::MAX)),
                ));
            }
            *target = *v.get_ref();
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

    /// `[process]`: pids must be positive `pid_t`s.
    fn take_process(&mut self, file: &LoadedFile) {
        let Some(p) = &file.file.process else { return };
        for (key, field, target) in [("pid", &p.pid, &mut self.process.pid), ("ppid", &p.ppid, &mut self.process.ppid)]
        {
            let Some(v) = field else { continue };
            // pid_t is a signed 32-bit int; 0 and negative ids mean process groups to kill().
            if *v.get_ref() == 0 || *v.get_ref() > i32::MAX as u32 {
                self.errors.push(file.diagnostic(
                    v.span(),
                    format!("{key} must be from 1 to {}, a positive pid_t", i32::MAX),
                    Some(format!("write it as `{key} = 42`")),
                ));
            }
            *target = *v.get_ref();
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
        match (toml_scalar(value.get_ref()), &setting.default) {
            (Some(v @ Value::Number(_)), toml::Value::Integer(_))
            | (Some(v @ Value::Text(_)), toml::Value::String(_)) => {
                self.settings.insert(key, v);
            }
            _ => self.errors.push(file.diagnostic(
                value.span(),
                format!(
                    "`{key}` takes {}, not `{}`",
                    if setting.default.is_str() { "a string" } else { "an integer" },
                    value.get_ref()
                ),
                Some(format!("write it as `{} = {}`", field.get_ref(), setting.default)),
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

    /// The user and group databases: root, the identity, then the chain's extra entries.
    fn databases(&mut self, chain: &[LoadedFile]) -> (Vec<UserEntry>, Vec<GroupEntry>) {
        let mut users = vec![UserEntry::root()];
        let identity_user = self.identity.user_entry();
        match self.identity.uid {
            0 => users[0] = identity_user,
            _ => users.push(identity_user),
        }
        let mut groups = vec![GroupEntry { name: "root".into(), gid: 0, members: vec![] }];
        let identity_group = self.identity.group_entry();
        match self.identity.gid {
            0 => groups[0] = GroupEntry { members: vec![], ..identity_group },
            _ => groups.push(identity_group),
        }
        for file in chain {
            for user in &file.file.users {
                self.add_user(file, user, &mut users);
            }
        }
        for file in chain {
            for group in &file.file.groups {
                self.add_group(file, group, &mut groups);
            }
        }
        (users, groups)
    }

    fn add_user(&mut self, file: &LoadedFile, user: &Spanned<UserEntry>, users: &mut Vec<UserEntry>) {
        let new = user.get_ref();
        match users.iter().find(|u| u.name == new.name || u.uid == new.uid) {
            Some(clash) => self.errors.push(file.diagnostic(
                user.span(),
                format!("user `{}` (uid {}) clashes with `{}` (uid {})", new.name, new.uid, clash.name, clash.uid),
                Some("each user name and uid may appear once; root and the [identity] user are always present".into()),
            )),
            None => users.push(new.clone()),
        }
    }

    fn add_group(&mut self, file: &LoadedFile, group: &Spanned<GroupEntry>, groups: &mut Vec<GroupEntry>) {
        let new = group.get_ref();
        let Some(i) = groups.iter().position(|g| g.name == new.name || g.gid == new.gid) else {
            groups.push(new.clone());
            return;
        };
        if groups[i].name == new.name && groups[i].gid == new.gid {
            // Re-declaring root or the identity group adds members to it.
            for m in &new.members {
                if !groups[i].members.contains(m) {
                    groups[i].members.push(m.clone());
                }
            }
        } else {
            self.errors.push(file.diagnostic(
                group.span(),
                format!(
                    "group `{}` (gid {}) clashes with `{}` (gid {})",
                    new.name, new.gid, groups[i].name, groups[i].gid
                ),
                Some("each group name and gid may appear once".into()),
            ));
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
            choices.push(draft.into_choice(function, key_value));
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
            "identity.uid" => Value::Number(identity.uid.into()),
            "identity.gid" => Value::Number(identity.gid.into()),
            "identity.user" => Value::Text(identity.user.clone()),
            "process.pid" => Value::Number(process.pid.into()),
            "process.ppid" => Value::Number(process.ppid.into()),
            other => unreachable!("catalog validation admits only known value keys, not {other}"),
        }
    }
}

/// One of the policy file's catalog setting tables, by name.
fn setting_table<'f>(file: &'f PolicyFile, table: &str) -> Option<&'f BTreeMap<Spanned<String>, Spanned<toml::Value>>> {
    match table {
        "host" => file.host.as_ref(),
        "limits" => file.limits.as_ref(),
        "paths" => file.paths.as_ref(),
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

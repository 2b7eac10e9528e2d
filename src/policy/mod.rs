//! Policies: a file format (`file`), loading with `extends` chains (`load`), and resolution against the
//! catalog (`resolve`) into one [`Choice`] per function, each knowing where it was made.

mod databases;
mod file;
mod load;
mod resolve;
mod setting;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use crate::catalog::{Behaviour, Catalog, Function};
use crate::valid::{EnvName, Field, Gid, Invalid, Kind, Name, Pid, Uid};

pub use file::{GroupEntry, UserEntry};
pub use load::MAX_POLICY_BYTES;

/// Supplementary groups the C side keeps (`WS_MAX_GROUPS` in the generated header sizes `struct ws_ids`).
pub const MAX_GROUPS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub uid: Uid,
    pub gid: Gid,
    pub user: Name,
    pub group: Name,
    pub home: Field,
    pub shell: Field,
    pub gecos: Field,
    /// Supplementary groups; `None` means "every group of the database that lists the user".
    pub groups: Option<Vec<Gid>>,
}

impl Identity {
    /// What a policy that says nothing about identity gets: root, as wasi-libc's `stat` reports 0:0.
    fn root() -> Identity {
        let root = UserEntry::root();
        let (user, group) = (root.name.clone(), root.name);
        let (uid, gid) = (root.uid, root.gid);
        Identity { uid, gid, user, group, home: root.home, shell: root.shell, gecos: root.gecos, groups: None }
    }

    /// The identity as a user database entry.
    fn user_entry(&self) -> UserEntry {
        let (name, gecos, home, shell) = (self.user.clone(), self.gecos.clone(), self.home.clone(), self.shell.clone());
        UserEntry { name, uid: self.uid, gid: self.gid, gecos, home, shell }
    }

    /// The identity's group as a group database entry, with the identity user as its member.
    fn group_entry(&self) -> GroupEntry {
        GroupEntry { name: self.group.clone(), gid: self.gid, members: vec![self.user.clone()] }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub pid: Pid,
    pub ppid: Pid,
}

/// A value a `value` behaviour returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Number(i64),
    Text(String),
}

impl Value {
    /// `value`, written as `key = value`, as a value of `kind`, or why it cannot be one.
    pub fn checked(kind: Kind, key: &str, value: &toml::Value) -> Result<Value, Invalid> {
        let wrong_type = |expected: &str, example: &str| Invalid {
            message: format!("expected {expected}, not `{value}`"),
            help: format!("write it as `{key} = {example}`"),
        };
        match (kind, value) {
            (Kind::Number(range), toml::Value::Integer(n)) => Ok(Value::Number(range.check(key, *n)?)),
            (Kind::Number(range), _) => Err(wrong_type(
                &format!("an integer from {} to {}", range.min, range.max),
                &range.max.min(1000).to_string(),
            )),
            (Kind::Name, toml::Value::String(s)) => Ok(Value::Text(Name::new(s)?.to_string())),
            (Kind::Text, toml::Value::String(s)) => Ok(Value::Text(crate::valid::Text::new(s)?.to_string())),
            (_, _) => Err(wrong_type("a string", "\"wasi\"")),
        }
    }
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
    pub function: Arc<Function>,
    pub behaviour: Behaviour,
    pub errno: String,
    pub log: bool,
    pub value: Option<Value>,
    /// True when the function's own `value = ...` set `value`; otherwise it is the policy key's value.
    pub value_is_own: bool,
    pub env: Option<EnvName>,
    /// The rule the value (and so its environment override) passes, for functions with a `value` key.
    pub value_kind: Option<Kind>,
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
    pub fn supplementary_groups(&self) -> Vec<Gid> {
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

    /// Index in `users` of the [identity] user (root's slot when the identity is uid 0).
    pub fn identity_user_index(&self) -> usize {
        self.users.iter().position(|u| u.uid == self.identity.uid).expect("resolution adds the identity user")
    }

    /// Index in `groups` of the [identity] group (root's slot when the identity is gid 0).
    pub fn identity_group_index(&self) -> usize {
        self.groups.iter().position(|g| g.gid == self.identity.gid).expect("resolution adds the identity group")
    }

    /// Resolve `text` as if it were the policy file `path` (its `extends` found from `path`'s directory):
    /// what the fuzzing harness feeds, with no file of its own on disk.
    pub fn from_text(path: &Path, text: &str, catalog: &Catalog) -> Result<Policy> {
        let source = load::PolicySource::File { path: path.to_path_buf(), text: Arc::from(text) };
        let name = source.name();
        resolve::resolve(name, load::collect_chain(source)?, catalog)
    }

    /// Load a preset by name or a policy file by path, following `extends`.
    pub fn load(spec: &str, catalog: &Catalog) -> Result<Policy> {
        let source = load::PolicySource::locate(spec, Path::new("."))?;
        let name = source.name();
        resolve::resolve(name, load::collect_chain(source)?, catalog)
    }
}

//! The policy file format: what serde reads, with the source spans diagnostics point at.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PolicyFile {
    pub(super) extends: Option<Spanned<String>>,
    pub(super) description: Option<String>,
    pub(super) identity: Option<IdentityTable>,
    pub(super) process: Option<ProcessTable>,
    #[serde(default)]
    pub(super) users: Vec<Spanned<UserEntry>>,
    #[serde(default)]
    pub(super) groups: Vec<Spanned<GroupEntry>>,
    #[serde(default)]
    pub(super) areas: BTreeMap<Spanned<String>, Spanned<Setting>>,
    #[serde(default)]
    pub(super) functions: BTreeMap<Spanned<String>, Spanned<Setting>>,
    // Tables of catalog settings (catalog::SETTING_TABLES): checked against the catalog's registry.
    pub(super) host: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) limits: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) paths: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) syslog: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) terminal: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct IdentityTable {
    pub(super) uid: Option<Spanned<u32>>,
    pub(super) gid: Option<Spanned<u32>>,
    pub(super) user: Option<String>,
    pub(super) group: Option<String>,
    pub(super) home: Option<String>,
    pub(super) shell: Option<String>,
    pub(super) gecos: Option<String>,
    pub(super) groups: Option<Spanned<Vec<u32>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ProcessTable {
    pub(super) pid: Option<Spanned<u32>>,
    pub(super) ppid: Option<Spanned<u32>>,
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

impl UserEntry {
    /// root, always in the user database.
    pub fn root() -> UserEntry {
        UserEntry {
            name: "root".into(),
            uid: 0,
            gid: 0,
            gecos: "root".into(),
            home: "/root".into(),
            shell: default_shell(),
        }
    }
}

fn default_shell() -> String {
    "/bin/sh".into()
}

/// A function's or area's setting: `"emulate"` or `{ behaviour = "error", errno = "EPERM", log = true }`.
#[derive(Debug)]
pub(super) enum Setting {
    Behaviour(String),
    Table(SettingTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SettingTable {
    pub(super) behaviour: Option<Spanned<String>>,
    pub(super) errno: Option<Spanned<String>>,
    pub(super) log: Option<bool>,
    pub(super) value: Option<Spanned<toml::Value>>,
    pub(super) env: Option<Spanned<String>>,
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

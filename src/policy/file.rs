//! The policy file format: what serde reads, with the source spans diagnostics point at.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::valid::{EnvName, Field, Gid, Name, Pid, Uid};

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
    pub(super) environment: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) host: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) limits: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) paths: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) signals: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) syslog: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    pub(super) terminal: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct IdentityTable {
    pub(super) uid: Option<Spanned<Uid>>,
    pub(super) gid: Option<Spanned<Gid>>,
    pub(super) user: Option<Name>,
    pub(super) group: Option<Name>,
    pub(super) home: Option<Field>,
    pub(super) shell: Option<Field>,
    pub(super) gecos: Option<Field>,
    pub(super) groups: Option<Spanned<Vec<Gid>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ProcessTable {
    pub(super) pid: Option<Spanned<Pid>>,
    pub(super) ppid: Option<Spanned<Pid>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UserEntry {
    pub name: Name,
    pub uid: Uid,
    pub gid: Gid,
    #[serde(default = "empty_field")]
    pub gecos: Field,
    pub home: Field,
    #[serde(default = "default_shell")]
    pub shell: Field,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GroupEntry {
    pub name: Name,
    pub gid: Gid,
    #[serde(default)]
    pub members: Vec<Name>,
}

impl UserEntry {
    /// root, always in the user database.
    pub fn root() -> UserEntry {
        let field = |text| Field::new(text).expect("root's fields are valid");
        UserEntry {
            name: Name::new("root").expect("root is a valid name"),
            uid: Uid::new(0).expect("0 is a valid uid"),
            gid: Gid::new(0).expect("0 is a valid gid"),
            gecos: field("root"),
            home: field("/root"),
            shell: default_shell(),
        }
    }
}

fn default_shell() -> Field {
    Field::new("/bin/sh").expect("a valid shell")
}

fn empty_field() -> Field {
    Field::new("").expect("an empty field is valid")
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
    pub(super) env: Option<Spanned<EnvName>>,
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

//! `wasi-shim check --format json`: the resolved policy as one JSON document, in the schema `check.schema.json`
//! (committed beside this file and documented in the README) describes; `format` names its version.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use crate::catalog::Behaviour;
use crate::policy::{Choice, Policy, Value};

/// The document's `format`: a consumer checks it before reading; a change that is not an addition bumps it.
pub const CHECK_FORMAT: &str = "wasi-shim-check/1";

/// The JSON Schema (draft 2020-12) of the document.
pub const CHECK_SCHEMA: &str = include_str!("check.schema.json");

#[derive(Serialize)]
struct Document<'p> {
    format: &'static str,
    policy: &'p str,
    description: Option<&'p str>,
    sha256: &'p str,
    chain: &'p [String],
    identity: serde_json::Value,
    process: serde_json::Value,
    users: Vec<serde_json::Value>,
    groups: Vec<serde_json::Value>,
    settings: BTreeMap<&'p str, serde_json::Value>,
    functions: Vec<FunctionChoice<'p>>,
    warnings: &'p [String],
}

#[derive(Serialize)]
struct FunctionChoice<'p> {
    name: &'p str,
    area: &'p str,
    header: &'p str,
    prototype: &'p str,
    behaviour: &'static str,
    /// The errno the `error` behaviour sets; absent for other behaviours.
    #[serde(skip_serializing_if = "Option::is_none")]
    errno: Option<&'p str>,
    /// What the `value` behaviour returns; absent for other behaviours.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<serde_json::Value>,
    /// The environment variable that overrides the value at run time.
    #[serde(skip_serializing_if = "Option::is_none")]
    env: Option<&'p str>,
    log: bool,
    /// What a `succeed` choice loses; absent for other behaviours.
    #[serde(skip_serializing_if = "Option::is_none")]
    lossy: Option<&'p str>,
    chosen_at: &'p str,
}

/// The resolved `policy` as the pretty-printed JSON document.
pub fn check_json(policy: &Policy) -> String {
    let id = &policy.identity;
    let document = Document {
        format: CHECK_FORMAT,
        policy: &policy.name,
        description: policy.description.as_deref(),
        sha256: &policy.hash,
        chain: &policy.chain,
        identity: json!({
            "uid": id.uid.get(), "gid": id.gid.get(), "user": id.user.as_ref(), "group": id.group.as_ref(),
            "home": id.home.as_ref(), "shell": id.shell.as_ref(), "gecos": id.gecos.as_ref(),
            "groups": policy.supplementary_groups().iter().map(|g| g.get()).collect::<Vec<_>>(),
        }),
        process: json!({ "pid": policy.process.pid.get(), "ppid": policy.process.ppid.get() }),
        users: policy
            .users
            .iter()
            .map(|u| {
                json!({
                    "name": u.name.as_ref(), "uid": u.uid.get(), "gid": u.gid.get(), "gecos": u.gecos.as_ref(),
                    "home": u.home.as_ref(), "shell": u.shell.as_ref(),
                })
            })
            .collect(),
        groups: policy
            .groups
            .iter()
            .map(|g| {
                json!({
                    "name": g.name.as_ref(), "gid": g.gid.get(),
                    "members": g.members.iter().map(|m| m.as_ref()).collect::<Vec<&str>>(),
                })
            })
            .collect(),
        settings: policy.settings.iter().map(|(k, v)| (k.as_str(), value(v))).collect(),
        functions: policy.choices.iter().map(function_choice).collect(),
        warnings: &policy.warnings,
    };
    serde_json::to_string_pretty(&document).expect("the document is plain data") + "\n"
}

fn function_choice(c: &Choice) -> FunctionChoice<'_> {
    let f = &c.function;
    FunctionChoice {
        name: &f.name,
        area: &f.area,
        header: &f.header,
        prototype: &f.prototype,
        behaviour: c.behaviour.as_str(),
        errno: (c.behaviour == Behaviour::Error).then_some(c.errno.as_str()),
        value: c.value.as_ref().filter(|_| c.behaviour == Behaviour::Value).map(value),
        env: c.env.as_ref().map(|e| e.as_ref()),
        log: c.log,
        lossy: f.lossy.as_deref().filter(|_| c.behaviour == Behaviour::Succeed),
        chosen_at: &c.source,
    }
}

fn value(v: &Value) -> serde_json::Value {
    match v {
        Value::Number(n) => json!(n),
        Value::Text(t) => json!(t),
    }
}

//! One policy setting checked against the catalog row it names, applied to that function's [`Draft`].

use std::ops::Range;

use toml::Spanned;

use super::file::{Setting, SettingTable};
use super::load::LoadedFile;
use super::{Choice, Value};
use crate::catalog::{suggest, Behaviour, Catalog, Function};
use crate::diagnostic::Diagnostic;
use crate::valid::EnvName;

/// One function's choice while the chain is applied.
pub(super) struct Draft {
    pub(super) behaviour: Behaviour,
    pub(super) errno: Option<String>,
    pub(super) log: bool,
    /// Set only by the function's own `value = ...`.
    pub(super) value: Option<Value>,
    pub(super) env: Option<EnvName>,
    pub(super) source: String,
}

pub(super) fn location(file: &LoadedFile, span: Range<usize>) -> String {
    let d = file.diagnostic(span, String::new(), None);
    let (line, _) = d.line_column();
    format!("{}:{line}", file.source.display_path().display())
}

impl Draft {
    pub(super) fn catalog_default(function: &Function) -> Draft {
        Draft {
            behaviour: function.default,
            errno: None,
            log: false,
            value: None,
            env: None,
            source: "catalog default".into(),
        }
    }

    /// An area's setting, where the function offers the behaviour; an area errno applies where the
    /// function offers it, elsewhere the function's default errno stays.
    pub(super) fn apply_area(
        &mut self,
        function: &Function,
        behaviour: Behaviour,
        log: Option<bool>,
        errno: Option<&String>,
        source: &str,
    ) {
        if function.allows(behaviour) {
            self.behaviour = behaviour;
            self.errno = errno.filter(|e| function.errnos.contains(e)).cloned();
            self.source = source.to_owned();
        }
        if let Some(log) = log {
            self.log = log;
        }
    }

    pub(super) fn into_choice(
        self,
        function: &std::sync::Arc<Function>,
        key_value: Option<Value>,
        value_kind: Option<crate::valid::Kind>,
    ) -> Choice {
        Choice {
            value_kind,
            function: function.clone(),
            behaviour: self.behaviour,
            errno: self.errno.unwrap_or_else(|| function.default_errno().to_owned()),
            log: self.log,
            value_is_own: self.value.is_some(),
            value: self.value.or(key_value),
            env: self.env,
            source: self.source,
        }
    }
}

pub(super) fn parse_behaviour(
    file: &LoadedFile,
    text: &str,
    span: std::ops::Range<usize>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Behaviour> {
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
pub(super) fn area_setting(
    file: &LoadedFile,
    setting: &Spanned<Setting>,
    errors: &mut Vec<Diagnostic>,
) -> Option<(Behaviour, Option<bool>, Option<Spanned<String>>)> {
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
                errors.push(file.diagnostic(
                    setting.span(),
                    "area setting without `behaviour`".into(),
                    Some("write it as `{ behaviour = \"emulate\", log = true }`".into()),
                ));
                return None;
            };
            let behaviour = parse_behaviour(file, behaviour.get_ref(), behaviour.span(), errors)?;
            if let Some(errno) = &table.errno {
                if behaviour != Behaviour::Error {
                    errors.push(file.diagnostic(
                        errno.span(),
                        format!("`errno` only applies to behaviour `error`, not `{behaviour}`"),
                        Some("write `behaviour = \"error\"` or drop `errno`".into()),
                    ));
                    return None;
                }
            }
            Some((behaviour, table.log, table.errno.clone()))
        }
    }
}

/// A `[functions]` entry: its behaviour, errno, log, value and environment override, each checked
/// against what the catalog row offers.
pub(super) fn apply_function_setting(
    catalog: &Catalog,
    file: &LoadedFile,
    function: &Function,
    setting: &Spanned<Setting>,
    draft: &mut Draft,
    errors: &mut Vec<Diagnostic>,
) {
    let mut check = Check { catalog, file, function, errors };
    let table = match setting.get_ref() {
        Setting::Behaviour(text) => {
            check.behaviour(text, setting.span(), setting.span(), draft);
            return;
        }
        Setting::Table(table) => table,
    };
    if let Some(b) = &table.behaviour {
        if !check.behaviour(b.get_ref(), b.span(), setting.span(), draft) {
            return;
        }
    }
    if let Some(log) = table.log {
        draft.log = log;
    }
    if let Some(errno) = &table.errno {
        check.errno(errno, draft);
    }
    if check.value_keys_apply(table) {
        if let Some(value) = &table.value {
            check.value(value, draft);
        }
        if let Some(env) = &table.env {
            check.env(env, draft);
        }
    }
}

/// One function's setting being checked, and where its errors go.
struct Check<'a> {
    catalog: &'a Catalog,
    file: &'a LoadedFile,
    function: &'a Function,
    errors: &'a mut Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        self.errors.push(self.file.diagnostic(span, message, help));
    }

    /// The behaviour named at `span`, if the function offers it; false when it was refused.
    fn behaviour(&mut self, text: &str, span: Range<usize>, setting_span: Range<usize>, draft: &mut Draft) -> bool {
        let Some(b) = parse_behaviour(self.file, text, span.clone(), self.errors) else { return false };
        let name = &self.function.name;
        if !self.function.allows(b) {
            let offered: Vec<&str> = self.function.behaviours.iter().map(|b| b.as_str()).collect();
            let help = format!("`{name}` offers {}", offered.join(", "));
            self.error(span, format!("`{name}` does not offer behaviour `{b}`"), Some(help));
            return false;
        }
        draft.behaviour = b;
        draft.errno = None;
        draft.source = location(self.file, setting_span);
        true
    }

    fn errno(&mut self, errno: &Spanned<String>, draft: &mut Draft) {
        let (name, errnos) = (&self.function.name, &self.function.errnos);
        if draft.behaviour != Behaviour::Error {
            let message = format!("`errno` only applies to behaviour `error`, and `{name}` is `{}`", draft.behaviour);
            self.error(errno.span(), message, Some("add `behaviour = \"error\"` or drop `errno`".into()));
        } else if !errnos.iter().any(|e| e == errno.get_ref()) {
            let help = match suggest(errno.get_ref(), errnos.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? `{name}` may fail with {}", errnos.join(", ")),
                None => format!("`{name}` may fail with {}", errnos.join(", ")),
            };
            self.error(errno.span(), format!("`{name}` cannot fail with `{}`", errno.get_ref()), Some(help));
        } else {
            draft.errno = Some(errno.get_ref().clone());
        }
    }

    /// `value` and `env` need a function with a `value` behaviour.
    fn value_keys_apply(&mut self, table: &SettingTable) -> bool {
        let spans = [("value", table.value.as_ref().map(|v| v.span())), ("env", table.env.as_ref().map(|v| v.span()))];
        let Some((key, span)) = spans.into_iter().find_map(|(k, s)| s.map(|s| (k, s))) else { return true };
        if self.function.value.is_some() {
            return true;
        }
        let message = format!(
            "`{key}` applies only to functions with a `value` behaviour, and `{}` has none",
            self.function.name
        );
        self.error(span, message, None);
        false
    }

    /// The function's own value, checked by the rule of the key it returns (a uid, a pid, a name ...).
    fn value(&mut self, value: &Spanned<toml::Value>, draft: &mut Draft) {
        let key = self.function.value.as_deref().unwrap_or_default();
        match Value::checked(self.catalog.value_kind(key), "value", value.get_ref()) {
            Ok(v) => draft.value = Some(v),
            Err(invalid) => {
                let message = format!("`{}` returns its {key}: {}", self.function.name, invalid.message);
                self.error(value.span(), message, Some(invalid.help));
            }
        }
    }

    /// The name passed its rule (crate::valid::EnvName) when the file was parsed.
    fn env(&mut self, env: &Spanned<EnvName>, draft: &mut Draft) {
        draft.env = Some(env.get_ref().clone());
    }
}

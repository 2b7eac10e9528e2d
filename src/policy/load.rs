//! Finding and parsing policy files: presets or paths, `extends` chains, parse errors with a suggestion.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};

use super::file::PolicyFile;
use crate::catalog::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::embedded::PRESETS;

pub(super) enum PolicySource {
    Preset { name: String, text: Arc<str> },
    File { path: PathBuf, text: Arc<str> },
}

impl PolicySource {
    /// A preset name, or a path (relative to `dir`, the directory of the file that names it).
    pub(super) fn locate(spec: &str, dir: &Path) -> Result<PolicySource> {
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
        let text =
            std::fs::read_to_string(&path).with_context(|| format!("cannot read policy file {}", path.display()))?;
        Ok(PolicySource::File { path, text: Arc::from(text) })
    }

    /// The preset's name, or the file's path as given: what the policy is called.
    pub(super) fn name(&self) -> String {
        match self {
            PolicySource::Preset { name, .. } => name.clone(),
            PolicySource::File { path, .. } => path.display().to_string(),
        }
    }

    pub(super) fn label(&self) -> String {
        match self {
            PolicySource::Preset { name, .. } => format!("preset:{name}"),
            PolicySource::File { path, .. } => path.display().to_string(),
        }
    }

    pub(super) fn display_path(&self) -> PathBuf {
        match self {
            PolicySource::Preset { name, .. } => PathBuf::from(format!("policy/{name}.toml")),
            PolicySource::File { path, .. } => path.clone(),
        }
    }

    pub(super) fn text(&self) -> &Arc<str> {
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

pub(super) struct LoadedFile {
    pub(super) source: PolicySource,
    pub(super) file: PolicyFile,
}

impl LoadedFile {
    pub(super) fn diagnostic(&self, span: std::ops::Range<usize>, message: String, help: Option<String>) -> Diagnostic {
        Diagnostic { file: self.source.display_path(), text: self.source.text().clone(), span, message, help }
    }
}

/// Parse `source` and everything it extends; the chain ends up base first.
pub(super) fn collect_chain(source: PolicySource) -> Result<Vec<LoadedFile>> {
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
                anyhow!(Diagnostics(vec![loaded.diagnostic(
                    extends.span(),
                    format!("cannot extend `{}`", extends.get_ref()),
                    Some(e.to_string())
                )]))
            })?;
            next = Some(parent);
        }
        reversed.push(loaded);
    }
    reversed.reverse();
    Ok(reversed)
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

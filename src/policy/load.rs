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
        // A file named from the working directory keeps the spelling it was given (`my.toml:4`, not `./my.toml:4`).
        let path = if dir == Path::new(".") { PathBuf::from(spec) } else { dir.join(spec) };
        let text = read_policy_file(&path).with_context(|| format!("cannot read policy file {}", path.display()))?;
        Ok(PolicySource::File { path, text: Arc::from(text) })
    }

    /// What identifies the source in an `extends` chain: the preset's name, or the file's canonical path,
    /// so `../dir/self.toml` and `self.toml` are seen to be the same file.
    fn identity(&self) -> String {
        match self {
            PolicySource::Preset { name, .. } => format!("preset:{name}"),
            PolicySource::File { path, .. } => {
                std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()).display().to_string()
            }
        }
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

/// The largest policy file read: far beyond any real policy, and bounded so that `/dev/zero` or a huge
/// file is refused instead of filling memory.
pub const MAX_POLICY_BYTES: u64 = 64 << 20;

/// A policy file's text: a regular file of at most MAX_POLICY_BYTES (crate::files::read_regular), in UTF-8.
fn read_policy_file(path: &Path) -> Result<String> {
    let bytes = crate::files::read_regular(path, MAX_POLICY_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|e| anyhow!("it is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
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
    let mut seen: Vec<(String, String)> = vec![(source.identity(), source.label())];
    let mut next = Some(source);
    let mut reversed = Vec::new();
    while let Some(source) = next.take() {
        let file = parse_file(&source)?;
        let loaded = LoadedFile { source, file };
        if let Some(extends) = &loaded.file.extends {
            let at = |message: String, help: String| {
                anyhow!(Diagnostics(vec![loaded.diagnostic(extends.span(), message, Some(help))]))
            };
            let parent = PolicySource::locate(extends.get_ref(), &loaded.source.dir())
                .map_err(|e| at(format!("cannot extend `{}`", extends.get_ref()), format!("{e:#}")))?;
            let identity = parent.identity();
            if seen.iter().any(|(i, _)| *i == identity) {
                let chain: Vec<&str> = seen.iter().map(|(_, l)| l.as_str()).collect();
                let message = format!("`extends` loops: {} -> {}", chain.join(" -> "), parent.label());
                return Err(at(message, "a policy cannot extend itself, directly or through others".into()));
            }
            seen.push((identity, parent.label()));
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
        // A value refused by its rule (crate::valid) carries its own help after HELP_SEPARATOR.
        let (message, help) = match e.message().split_once(crate::valid::HELP_SEPARATOR) {
            Some((message, help)) => (message.to_owned(), Some(help.trim_end().to_owned())),
            None => {
                let message = match e.message().trim_end_matches('.') {
                    // The toml crate gives some syntax errors (a lone carriage return, say) no message.
                    "" => unexplained_syntax_error(source.text(), &span),
                    message => message.to_owned(),
                };
                let help = help_for_parse_error(&message, source.text(), &span);
                (message, help)
            }
        };
        anyhow!(Diagnostics(vec![Diagnostic {
            file: source.display_path(),
            text: source.text().clone(),
            span,
            message,
            help,
        }]))
    })
}

/// What is wrong at `span` when the parser did not say: the character found there.
fn unexplained_syntax_error(text: &str, span: &std::ops::Range<usize>) -> String {
    match text.get(span.start..).and_then(|rest| rest.chars().next()) {
        Some('\r') => "a carriage return must be followed by a newline".into(),
        Some(c) if c.is_control() => format!("the control character {} is not allowed here", c.escape_unicode()),
        Some(c) => format!("invalid TOML at `{}`", c.escape_debug()),
        None => "invalid TOML at the end of the file".into(),
    }
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

//! One small writer per generated language: every value embedded in generated shell, C or CMake text goes
//! through the quoting function of that language, so no path or name can end a string or comment early.
//!
//! (TOML is written by the `toml` crate's serializer, which quotes for itself.)

/// `text` on one line: control characters shown as escapes, for comments and messages that a newline or
/// carriage return would end (a `#` comment in shell, CMake or TOML, a commit message's line).
pub fn one_line(text: impl AsRef<str>) -> String {
    visible(text.as_ref())
}

fn visible(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// POSIX shell.
pub mod sh {
    /// One shell word holding exactly `text`: single-quoted, each `'` written as `'\''`.
    pub fn quote(text: impl AsRef<str>) -> String {
        format!("'{}'", text.as_ref().replace('\'', "'\\''"))
    }

    /// `text` for the rest of a `#` comment line: control characters shown escaped, so it stays one line.
    pub fn comment(text: impl AsRef<str>) -> String {
        super::visible(text.as_ref())
    }

    /// `text` as it is when the shell would read it as one plain word (no quoting, expansion or
    /// globbing), else [`quote`]d: keeps generated files readable.
    pub fn word(text: impl AsRef<str>) -> String {
        let text = text.as_ref();
        let plain = |c: char| c.is_ascii_alphanumeric() || "_.,:/@%+=-".contains(c);
        match !text.is_empty() && text.chars().all(plain) {
            true => text.to_owned(),
            false => quote(text),
        }
    }
}

/// C (and the preprocessor).
pub mod c {
    use std::fmt::Write as _;

    /// A C string literal holding exactly `text`'s bytes; non-printable and non-ASCII bytes as octal
    /// escapes, `?` escaped so no trigraph can form.
    pub fn string(text: impl AsRef<str>) -> String {
        let mut out = String::from("\"");
        for c in text.as_ref().chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '?' => out.push_str("\\?"),
                c if c.is_ascii_graphic() || c == ' ' => out.push(c),
                c => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        write!(out, "\\{b:03o}").expect("writing to a String cannot fail");
                    }
                }
            }
        }
        out.push('"');
        out
    }

    /// `text` safe inside a `/* */` comment, on one line: `*/` cannot close it, and with no newline left
    /// no `\` can splice lines.
    pub fn comment(text: impl AsRef<str>) -> String {
        super::visible(text.as_ref()).replace("*/", "* /").replace("/*", "/ *")
    }
}

/// CMake.
pub mod cmake {
    use anyhow::{bail, Result};

    /// A quoted argument holding exactly `text`; `;` is refused, since CMake reads it as a list separator
    /// wherever the value is used again.
    pub fn quoted(text: impl AsRef<str>) -> Result<String> {
        let text = text.as_ref();
        if text.contains(';') {
            bail!(
                "`{}` contains `;`, which CMake reads as a list separator: choose a path without it",
                text.escape_debug()
            );
        }
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' | '\\' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
        Ok(out)
    }

    /// `text` for the rest of a `#` comment line.
    pub fn comment(text: impl AsRef<str>) -> String {
        super::visible(text.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_quotes_what_would_end_it() {
        assert_eq!(sh::quote("it's $(x)"), "'it'\\''s $(x)'");
        assert_eq!(sh::comment("a\nb"), "a\\nb");
        assert_eq!((sh::word("no"), sh::word("a b"), sh::word("")), ("no".into(), "'a b'".into(), "''".into()));
        assert_eq!(c::string("a\"b\\c??/"), "\"a\\\"b\\\\c\\?\\?/\"");
        assert_eq!(c::string("é"), "\"\\303\\251\"");
        assert_eq!(c::comment("x */ y\n"), "x * / y\\n");
        assert_eq!(cmake::quoted("a\"${b}\\").unwrap(), "\"a\\\"\\${b}\\\\\"");
        assert!(cmake::quoted("a;b").is_err());
    }
}

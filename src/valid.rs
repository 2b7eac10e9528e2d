//! One rule per kind of value, applied wherever such a value enters: a policy file, a catalog setting, an
//! environment override (the generated C checks the same bounds and characters) or the command line.
//!
//! The newtypes can only be built through their rule, so a resolved policy cannot hold an id, a name or a
//! path that `build` would then trip over.

use std::fmt;

use serde::Deserialize;

/// Why a value was refused, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub message: String,
    pub help: String,
}

/// What serde reports when a value fails its rule while a policy is parsed: the parser splits it again at
/// [`HELP_SEPARATOR`] into the diagnostic's message and help.
impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{HELP_SEPARATOR}{}", self.message, self.help)
    }
}

/// Between an [`Invalid`]'s message and help in its `Display` form.
pub const HELP_SEPARATOR: &str = "\nhelp: ";

impl std::error::Error for Invalid {}

fn invalid(message: impl Into<String>, help: impl Into<String>) -> Invalid {
    Invalid { message: message.into(), help: help.into() }
}

/// The range of an integer kind, inclusive; the generated C checks environment overrides against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: i64,
    pub max: i64,
}

/// A user or group id: `(uid_t)-1` means "unchanged" to setreuid and friends, so no entry may have it.
pub const ID_RANGE: Range = Range { min: 0, max: u32::MAX as i64 - 1 };
/// A process id: `pid_t` is a signed 32-bit int, and 0 or a negative id means a process group to kill().
pub const PID_RANGE: Range = Range { min: 1, max: i32::MAX as i64 };

impl Range {
    /// `n` if it lies in the range, else why not.
    pub fn check(self, what: &str, n: i64) -> Result<i64, Invalid> {
        if (self.min..=self.max).contains(&n) {
            return Ok(n);
        }
        let reserved =
            if self == ID_RANGE && n == u32::MAX as i64 { ": (uid_t)-1 means \"unchanged\" to setreuid" } else { "" };
        Err(invalid(
            format!("{what} {n} is outside {}..={}{reserved}", self.min, self.max),
            format!("pick a {what} from {} to {}", self.min, self.max),
        ))
    }
}

/// What a value key or a catalog setting holds, and so which rule its values pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number(Range),
    /// A user name ([`Name`]).
    Name,
    /// One line of text ([`Text`]).
    Text,
}

macro_rules! id_type {
    ($name:ident, $what:literal, $range:expr) => {
        #[doc = concat!("A ", $what, ", valid by construction.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        #[serde(try_from = "i64")]
        pub struct $name(u32);

        impl $name {
            pub const RANGE: Range = $range;
            pub fn new(n: i64) -> Result<$name, Invalid> {
                // The range lies within u32, so the conversion cannot fail once the range admits n.
                Ok($name(Self::RANGE.check($what, n)? as u32))
            }
            pub fn get(self) -> u32 {
                self.0
            }
        }

        impl TryFrom<i64> for $name {
            type Error = Invalid;
            fn try_from(n: i64) -> Result<$name, Invalid> {
                $name::new(n)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(Uid, "uid", ID_RANGE);
id_type!(Gid, "gid", ID_RANGE);
id_type!(Pid, "pid", PID_RANGE);

/// Characters of a user or group name: POSIX's portable filename set (useradd's own rule, less `$`).
pub const NAME_CHARS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
/// Longest user or group name, as Linux's useradd allows.
pub const NAME_MAX: usize = 32;

/// A user or group name: the passwd and group formats use `:` and newlines as separators, C strings end at
/// NUL, and a leading `-` reads as an option to the tools that take names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Name(String);

impl Name {
    pub fn new(text: &str) -> Result<Name, Invalid> {
        let help = format!("use 1 to {NAME_MAX} of letters, digits, `.`, `_` and `-`, not starting with `-`");
        if text.is_empty() || text.len() > NAME_MAX || text.starts_with('-') {
            return Err(invalid(format!("`{}` is not a user or group name", text.escape_debug()), help));
        }
        if let Some(c) = text.chars().find(|c| !NAME_CHARS.contains(*c)) {
            let message =
                format!("`{}` is not a user or group name: `{}` is not allowed", text.escape_debug(), c.escape_debug());
            return Err(invalid(message, help));
        }
        Ok(Name(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A text setting (host name, syslog ident, tmpdir): one line without control characters, since NUL would
/// cut the C string short and a newline would end the line of every text format it is written into.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Text(String);

impl Text {
    pub fn new(text: &str) -> Result<Text, Invalid> {
        if let Some(c) = text.chars().find(|c| c.is_control()) {
            return Err(invalid(
                format!("`{}` holds the control character `{}`", text.escape_debug(), c.escape_debug()),
                "use one line of printable characters",
            ));
        }
        Ok(Text(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A field of a user database entry (home, shell, gecos): a [`Text`] without `:`, the passwd format's
/// separator, so `getpwent` output can be written back as a passwd line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Field(String);

impl Field {
    pub fn new(text: &str) -> Result<Field, Invalid> {
        Text::new(text)?;
        if text.contains(':') {
            return Err(invalid(
                format!("`{}` holds `:`, the passwd format's separator", text.escape_debug()),
                "leave `:` out of user database fields",
            ));
        }
        Ok(Field(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! text_conversions {
    ($($name:ident),*) => {$(
        impl TryFrom<String> for $name {
            type Error = Invalid;
            fn try_from(text: String) -> Result<$name, Invalid> {
                $name::new(&text)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
    )*};
}

text_conversions!(Name, Text, Field, EnvName);

/// An environment variable name, as the shell accepts it: a letter or `_`, then letters, digits and `_`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct EnvName(String);

impl EnvName {
    pub fn new(text: &str) -> Result<EnvName, Invalid> {
        let mut chars = text.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
        if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || text.len() > 255 {
            return Err(invalid(
                format!("`{}` is not an environment variable name", text.escape_debug()),
                "start with a letter or `_`, then letters, digits and `_`, e.g. `env = \"WASIX_UID\"`",
            ));
        }
        Ok(EnvName(text.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `path` as text, for a generated script or file that names it: those are UTF-8, so a path that is not
/// cannot be written into them faithfully and is refused.
pub fn utf8(path: &std::path::Path) -> Result<&str, Invalid> {
    path.to_str().ok_or_else(|| {
        invalid(
            format!("the path {} is not valid UTF-8", path.display()),
            "the overlay's scripts name it in UTF-8 text: choose a path of UTF-8 characters",
        )
    })
}

/// The text an environment override must hold to replace a number of `range`: plain decimal digits, `-`
/// only where the range has negative numbers, no sign, space or leading zero (the generated C applies the
/// same rule: `__wasi_shim_value_from_env`).
pub fn parse_env_number(text: &str, range: Range) -> Option<i64> {
    let digits = text.strip_prefix('-').filter(|_| range.min < 0).unwrap_or(text);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && !(text.starts_with('-') && digits == "0");
    let n: i64 = text.parse().ok().filter(|_| canonical)?;
    range.check("value", n).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refuse_the_reserved_and_out_of_range() {
        assert!(Uid::new(4294967295).unwrap_err().message.contains("unchanged"));
        assert!(Gid::new(-1).is_err());
        assert_eq!(Uid::new(4294967294).unwrap().get(), 4294967294);
        assert!(Pid::new(0).is_err() && Pid::new(2147483648).is_err());
    }

    #[test]
    fn names_refuse_separators_and_controls() {
        for bad in ["", "a:b", "a\nb", "a\0b", "-x", "é", &"x".repeat(33)] {
            assert!(Name::new(bad).is_err(), "{bad:?}");
        }
        assert!(Name::new("www-data").is_ok());
        assert!(Field::new("Alice, room 4").is_ok() && Field::new("a\0").is_err() && Field::new("a:b").is_err());
        assert!(Text::new("/tmp:x").is_ok() && Text::new("a\nb").is_err());
        assert!(EnvName::new("1X").is_err() && EnvName::new("_X1").is_ok() && EnvName::new("").is_err());
    }

    #[test]
    fn environment_numbers_are_canonical_decimal() {
        for bad in [" 5", "+5", "-0", "05", "", "5 ", "4294967295"] {
            assert_eq!(parse_env_number(bad, ID_RANGE), None, "{bad:?}");
        }
        assert_eq!(parse_env_number("-1", ID_RANGE), None);
        assert_eq!(parse_env_number("0", ID_RANGE), Some(0));
        assert_eq!(parse_env_number("2147483648", PID_RANGE), None);
        assert_eq!(parse_env_number("-7", Range { min: -10, max: 10 }), Some(-7));
    }
}

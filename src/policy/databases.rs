//! The user and group databases a policy describes: root, the [identity] user and group, then every
//! `[[users]]` and `[[groups]]` entry of the chain, each name and id once, looked up in hash maps so a
//! policy with many entries resolves in linear time.

use std::collections::HashMap;

use toml::Spanned;

use super::load::LoadedFile;
use super::{GroupEntry, Identity, UserEntry, MAX_GROUPS};
use crate::diagnostic::Diagnostic;
use crate::valid::Name;

/// Where the chain last set the identity's uid and gid (an empty-message diagnostic at that span).
pub(super) struct IdsAt {
    pub(super) uid: Option<Diagnostic>,
    pub(super) gid: Option<Diagnostic>,
}

/// Both databases, every problem found pushed to `errors`.
pub(super) fn build(
    identity: &Identity,
    ids_at: IdsAt,
    chain: &[LoadedFile],
    errors: &mut Vec<Diagnostic>,
) -> (Vec<UserEntry>, Vec<GroupEntry>) {
    check_identity_names(identity, ids_at, errors);
    let (mut users, mut groups) = (Table::default(), Table::default());
    let root = UserEntry::root();
    if identity.uid != root.uid {
        users.add(root.clone()).expect("the first entry cannot clash");
    }
    // A clash here is root's name on another uid, which check_identity_names has reported.
    let _ = users.add(identity.user_entry());
    let root_group = GroupEntry { name: root.name, gid: root.gid, members: vec![] };
    // The identity group may be root's own (gid 0, then without members) or clash with root's name,
    // which check_identity_names has reported.
    if identity.gid == root_group.gid {
        let _ = groups.add(GroupEntry { members: vec![], ..identity.group_entry() });
    } else {
        let _ = groups.add(root_group);
        let _ = groups.add(identity.group_entry());
    }
    for file in chain {
        for user in &file.file.users {
            if let Err(clash) = users.add(user.get_ref().clone()) {
                errors.push(clash_error(
                    file,
                    user,
                    clash,
                    "user",
                    "uid",
                    "root and the [identity] user are always present",
                ));
            }
        }
    }
    for file in chain {
        for group in &file.file.groups {
            if let Err(clash) = groups.add(group.get_ref().clone()) {
                errors.push(clash_error(
                    file,
                    group,
                    clash,
                    "group",
                    "gid",
                    "root and the [identity] group are always present",
                ));
            }
        }
    }
    check_group_count(identity, chain, errors);
    (users.entries, groups.entries)
}

/// A non-zero id keeps root's name only by mistake: `getpwuid(1000)` and `getpwnam("root")` would then
/// disagree about who root is.
fn check_identity_names(identity: &Identity, ids_at: IdsAt, errors: &mut Vec<Diagnostic>) {
    let pairs = [
        (ids_at.uid, identity.uid.get() == 0, &identity.user, "user"),
        (ids_at.gid, identity.gid.get() == 0, &identity.group, "group"),
    ];
    for (at, id_is_root, name, what) in pairs {
        if id_is_root || name.as_str() != "root" {
            continue;
        }
        let mut error = at.expect("only a policy file sets a non-zero id");
        error.message = format!("the [identity] {what} has a non-zero id but keeps root's name `root`");
        error.help = Some(format!("name the {what} as well, e.g. `{what} = \"wasi\"`"));
        errors.push(error);
    }
}

/// getgroups keeps at most MAX_GROUPS supplementary groups: point at the `[[groups]]` entry that lists
/// the identity user once too often (the C side could not hold the list).
fn check_group_count(identity: &Identity, chain: &[LoadedFile], errors: &mut Vec<Diagnostic>) {
    if identity.groups.is_some() {
        return;
    }
    let mut gids = vec![identity.gid];
    for file in chain {
        for group in &file.file.groups {
            let entry = group.get_ref();
            if !entry.members.contains(&identity.user) || gids.contains(&entry.gid) {
                continue;
            }
            gids.push(entry.gid);
            if gids.len() > MAX_GROUPS {
                errors.push(file.diagnostic(
                    group.span(),
                    format!("the [identity] user `{}` is now in more than {MAX_GROUPS} groups", identity.user),
                    Some(format!("getgroups keeps at most {MAX_GROUPS}; list the user in fewer groups")),
                ));
                return;
            }
        }
    }
}

fn clash_error<E: Entry>(
    file: &LoadedFile,
    new: &Spanned<E>,
    clash: &E,
    what: &str,
    id: &str,
    always: &str,
) -> Diagnostic {
    let (new_name, new_id) = (new.get_ref().name(), new.get_ref().id());
    file.diagnostic(
        new.span(),
        format!("{what} `{new_name}` ({id} {new_id}) clashes with `{}` ({id} {})", clash.name(), clash.id()),
        Some(format!("each {what} name and {id} may appear once; {always}")),
    )
}

/// What the two databases' entries share: a name and a numeric id, each unique.
trait Entry: Clone {
    fn name(&self) -> &Name;
    fn id(&self) -> u32;
    /// Take `other`'s additions when it re-declares this entry (groups gain members); false if it may not.
    fn merge(&mut self, other: &Self) -> bool;
}

impl Entry for UserEntry {
    fn name(&self) -> &Name {
        &self.name
    }
    fn id(&self) -> u32 {
        self.uid.get()
    }
    fn merge(&mut self, _: &Self) -> bool {
        false
    }
}

impl Entry for GroupEntry {
    fn name(&self) -> &Name {
        &self.name
    }
    fn id(&self) -> u32 {
        self.gid.get()
    }
    /// Re-declaring root or the identity group adds members to it.
    fn merge(&mut self, other: &Self) -> bool {
        for m in &other.members {
            if !self.members.contains(m) {
                self.members.push(m.clone());
            }
        }
        true
    }
}

/// Entries in order, with their names and ids indexed.
struct Table<E> {
    entries: Vec<E>,
    by_name: HashMap<Name, usize>,
    by_id: HashMap<u32, usize>,
}

impl<E> Default for Table<E> {
    fn default() -> Self {
        Table { entries: Vec::new(), by_name: HashMap::new(), by_id: HashMap::new() }
    }
}

impl<E: Entry> Table<E> {
    /// Add `entry`, merge it into the entry it re-declares (same name and id), or return the entry it clashes with.
    fn add(&mut self, entry: E) -> Result<(), &E> {
        let found = self.by_name.get(entry.name()).or_else(|| self.by_id.get(&entry.id())).copied();
        let Some(i) = found else {
            self.by_name.insert(entry.name().clone(), self.entries.len());
            self.by_id.insert(entry.id(), self.entries.len());
            self.entries.push(entry);
            return Ok(());
        };
        let same = self.entries[i].name() == entry.name() && self.entries[i].id() == entry.id();
        if same && self.entries[i].merge(&entry) {
            return Ok(());
        }
        Err(&self.entries[i])
    }
}

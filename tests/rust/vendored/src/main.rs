//! A key-value store on disk through UnQLite: a record written in a transaction, then read back.

use unqlite::{Transaction, UnQLite, KV};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/data/guest.unqlite".to_owned());
    let db = UnQLite::create(&path);
    db.kv_store("shim", "getpwuid").expect("store");
    db.commit().expect("commit");
    let value = db.kv_fetch("shim").expect("fetch");
    println!("unqlite shim={}", String::from_utf8_lossy(&value));
}

//! Uploaded files (Parse REST guide, Files), by their stored name.

use super::Store;

/// A stored file: its bytes and the content type it is served with.
#[derive(Clone, Debug)]
pub struct StoredFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The `Content-Type` it is served with, if one is known.
    pub content_type: Option<String>,
}

impl Store {
    /// Stores a file under `name`, which the caller made unique.
    pub fn insert_file(&self, name: &str, file: StoredFile) {
        self.lock().files.insert(name.to_owned(), file);
    }

    /// The file stored under `name`.
    pub fn file(&self, name: &str) -> Option<StoredFile> {
        self.lock().files.get(name).cloned()
    }

    /// Deletes the file stored under `name`; whether there was one.
    pub fn delete_file(&self, name: &str) -> bool {
        self.lock().files.remove(name).is_some()
    }
}

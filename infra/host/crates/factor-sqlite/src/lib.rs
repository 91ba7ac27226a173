//! spin:sqlite/sqlite@3.0.0 on local files.

use std::fmt;

use api_kit::ApiError;

/// What went wrong, in the terms callers act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbErrorKind {
    /// The store could not be reached or is busy: retry later (503).
    Unavailable,
    /// A unique constraint rejected the write (409 for a client-visible duplicate).
    UniqueViolation,
    /// Anything else: a bug or a misconfiguration (500, cause logged, not shown).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbError {
    pub kind: DbErrorKind,
    pub message: String,
}

impl DbError {
    pub fn new(kind: DbErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into() }
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(DbErrorKind::Unavailable, message)
    }

    pub fn other(message: impl Into<String>) -> Self {
        Self::new(DbErrorKind::Other, message)
    }

    pub fn is_unique_violation(&self) -> bool {
        self.kind == DbErrorKind::UniqueViolation
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            DbErrorKind::Unavailable => "store unavailable",
            DbErrorKind::UniqueViolation => "unique constraint violated",
            DbErrorKind::Other => "store error",
        };
        write!(f, "{kind}: {}", self.message)
    }
}

impl std::error::Error for DbError {}

/// Callers that need a domain-specific answer (e.g. "email already registered") match on
/// the kind first; this is the fallback mapping.
impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e.kind {
            DbErrorKind::Unavailable => {
                eprintln!("storage unavailable: {}", e.message);
                ApiError::unavailable(Some(1))
            }
            DbErrorKind::UniqueViolation => ApiError::conflict("the resource already exists"),
            DbErrorKind::Other => ApiError::internal(e),
        }
    }
}

/// SQLite reports everything as text through Spin's interface; the extended messages are
/// stable ("UNIQUE constraint failed: ...", "database is locked").
#[cfg_attr(not(any(feature = "spin", feature = "native")), allow(dead_code))]
pub(crate) fn classify_sqlite_message(message: String) -> DbError {
    let kind = if message.contains("UNIQUE constraint failed")
        || message.contains("PRIMARY KEY constraint failed")
    {
        DbErrorKind::UniqueViolation
    } else if message.contains("database is locked") || message.contains("database is busy") {
        DbErrorKind::Unavailable
    } else {
        DbErrorKind::Other
    };
    DbError::new(kind, message)
}

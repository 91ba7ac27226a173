//! Personal dictionaries: words a user never wants flagged, stored per tenant and user in the
//! function's SQL store (SQLite on the embedded default, PostgreSQL when configured).

use api_kit::ApiError;
use serde_json::json;
use storage::{transaction, Dialect, Migration, Sql};

/// Longest word, in characters.
pub const MAX_WORD_CHARS: usize = 64;
/// Most words one user may keep.
pub const MAX_WORDS_PER_USER: usize = 5_000;
/// Most words one request may add.
pub const MAX_WORDS_PER_REQUEST: usize = 1_000;

const SCOPE: &str = "grammar";

// `word_key` is the lowercased word: the engine compares flagged text case-insensitively, so
// "Zorblax" and "zorblax" are one entry (the spelling first added is the one listed).
const V1: &str = "CREATE TABLE IF NOT EXISTS grammar_personal_words (
    tenant_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    word_key TEXT NOT NULL,
    word TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id, word_key)
)";

pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "personal dictionary words",
    sqlite: V1,
    postgres: V1,
}];

/// A word as stored: trimmed, non-empty, no whitespace inside, at most [`MAX_WORD_CHARS`].
pub fn validate_word(word: &str) -> Result<String, ApiError> {
    let trimmed = word.trim();
    let reason = if trimmed.is_empty() {
        "is empty".to_string()
    } else if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        "contains whitespace or control characters; add one word at a time".to_string()
    } else if trimmed.chars().count() > MAX_WORD_CHARS {
        format!("is longer than {MAX_WORD_CHARS} characters")
    } else {
        return Ok(trimmed.to_string());
    };
    Err(
        ApiError::unprocessable("invalid_word", format!("the word {word:?} {reason}"))
            .with_details(json!({ "word": word, "max_chars": MAX_WORD_CHARS })),
    )
}

/// What an add did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The words that were not in the dictionary before, as stored.
    pub added: Vec<String>,
    /// Words in the dictionary now.
    pub count: usize,
}

/// One user's dictionary.
pub struct PersonalDictionary<'a> {
    db: &'a dyn Sql,
    tenant_id: &'a str,
    user_id: &'a str,
}

impl<'a> PersonalDictionary<'a> {
    pub fn new(db: &'a dyn Sql, tenant_id: &'a str, user_id: &'a str) -> Self {
        Self {
            db,
            tenant_id,
            user_id,
        }
    }

    pub fn migrate(db: &dyn Sql) -> Result<(), ApiError> {
        Ok(storage::migrate(db, SCOPE, MIGRATIONS)?)
    }

    /// The words, ordered case-insensitively.
    pub fn list(&self) -> Result<Vec<String>, ApiError> {
        Self::migrate(self.db)?;
        self.query_words(self.db)
    }

    /// The words for a check: one query on the common path. A store that has never seen a
    /// dictionary has no table yet; only then is the schema created and the query repeated.
    pub fn words_for_check(&self) -> Result<Vec<String>, ApiError> {
        match self.query_words(self.db) {
            Ok(words) => Ok(words),
            Err(_) => {
                Self::migrate(self.db)?;
                self.query_words(self.db)
            }
        }
    }

    fn query_words(&self, db: &dyn Sql) -> Result<Vec<String>, ApiError> {
        let rows = db.query(
            "SELECT word FROM grammar_personal_words WHERE tenant_id = $1 AND user_id = $2 \
             ORDER BY word_key",
            &[self.tenant_id.into(), self.user_id.into()],
        )?;
        Ok(rows
            .iter()
            .map(|r| r.text("word"))
            .collect::<Result<_, _>>()?)
    }

    /// Adds the words not already present (idempotent). Refuses the whole request (409) when
    /// it would take the dictionary past [`MAX_WORDS_PER_USER`].
    pub fn add(&self, words: &[String]) -> Result<Added, ApiError> {
        if words.len() > MAX_WORDS_PER_REQUEST {
            return Err(ApiError::new(
                413,
                "too_many_words",
                format!("add at most {MAX_WORDS_PER_REQUEST} words per request"),
            )
            .with_details(json!({ "max_words_per_request": MAX_WORDS_PER_REQUEST })));
        }
        let words: Vec<String> = words
            .iter()
            .map(|w| validate_word(w))
            .collect::<Result<_, _>>()?;
        Self::migrate(self.db)?;
        transaction(self.db, |tx| {
            if tx.dialect() == Dialect::Postgres {
                // Serialises adds of one user, so two concurrent adds cannot both pass the
                // size check. SQLite's BEGIN IMMEDIATE already serialises all writers.
                tx.query(
                    "SELECT pg_advisory_xact_lock(hashtext($1))",
                    &[format!("grammar-dictionary:{}:{}", self.tenant_id, self.user_id).into()],
                )?;
            }
            let existing: std::collections::HashSet<String> = self
                .query_words(tx)?
                .iter()
                .map(|w| w.to_lowercase())
                .collect();
            let mut added: Vec<String> = Vec::new();
            let mut keys = existing.clone();
            for word in words {
                if keys.insert(word.to_lowercase()) {
                    added.push(word);
                }
            }
            if keys.len() > MAX_WORDS_PER_USER {
                return Err(ApiError::new(
                    409,
                    "dictionary_full",
                    format!(
                        "a personal dictionary holds at most {MAX_WORDS_PER_USER} words; \
                         remove some first"
                    ),
                )
                .with_details(json!({
                    "limit": MAX_WORDS_PER_USER,
                    "count": existing.len(),
                    "adding": added.len(),
                })));
            }
            let now = i64::try_from(crate::unix_now()).unwrap_or(i64::MAX);
            for word in &added {
                tx.execute(
                    "INSERT INTO grammar_personal_words \
                     (tenant_id, user_id, word_key, word, created_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (tenant_id, user_id, word_key) DO NOTHING",
                    &[
                        self.tenant_id.into(),
                        self.user_id.into(),
                        word.to_lowercase().into(),
                        word.into(),
                        now.into(),
                    ],
                )?;
            }
            Ok(Added {
                added,
                count: keys.len(),
            })
        })
    }

    /// Removes a word (any case); 404 when it is not there.
    pub fn remove(&self, word: &str) -> Result<(), ApiError> {
        let word = validate_word(word)?;
        Self::migrate(self.db)?;
        let removed = self.db.execute(
            "DELETE FROM grammar_personal_words \
             WHERE tenant_id = $1 AND user_id = $2 AND word_key = $3",
            &[
                self.tenant_id.into(),
                self.user_id.into(),
                word.to_lowercase().into(),
            ],
        )?;
        if removed == 0 {
            return Err(
                ApiError::not_found(format!("{word:?} is not in your dictionary"))
                    .with_details(json!({ "word": word })),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storage::native::{test_services, NativeSqlite};

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    fn exercise(db: &dyn Sql) {
        let ann = PersonalDictionary::new(db, "tenant-a", "ann");
        let bob = PersonalDictionary::new(db, "tenant-b", "ann");
        // The first check on a store that never had a dictionary creates the schema.
        assert_eq!(ann.words_for_check().unwrap(), Vec::<String>::new());

        let added = ann.add(&words(&["Zorblax", "kubectl"])).unwrap();
        assert_eq!(added.added, words(&["Zorblax", "kubectl"]));
        assert_eq!(added.count, 2);
        // Idempotent, case-insensitively.
        let again = ann.add(&words(&["zorblax", " kubectl "])).unwrap();
        assert_eq!((again.added.len(), again.count), (0, 2));
        assert_eq!(ann.list().unwrap(), words(&["kubectl", "Zorblax"]));
        assert_eq!(
            ann.words_for_check().unwrap(),
            words(&["kubectl", "Zorblax"])
        );
        // Same user id in another tenant: another dictionary.
        assert!(bob.list().unwrap().is_empty());

        ann.remove("ZORBLAX").unwrap();
        assert_eq!(ann.remove("zorblax").unwrap_err().status, 404);
        assert_eq!(ann.list().unwrap(), words(&["kubectl"]));

        let long = "x".repeat(MAX_WORD_CHARS + 1);
        for bad in ["", "two words", long.as_str(), "tab\there"] {
            let e = ann.add(&words(&[bad])).unwrap_err();
            assert_eq!(
                (e.status, e.code.as_str()),
                (422, "invalid_word"),
                "{bad:?}"
            );
        }
        let e = ann
            .add(&vec!["w".to_string(); MAX_WORDS_PER_REQUEST + 1])
            .unwrap_err();
        assert_eq!(e.status, 413);

        // Fill to the limit in batches; one more word is refused and nothing of it is kept.
        let mut n = 1; // "kubectl"
        while n < MAX_WORDS_PER_USER {
            let batch: Vec<String> = (n..(n + MAX_WORDS_PER_REQUEST).min(MAX_WORDS_PER_USER))
                .map(|i| format!("w{i}"))
                .collect();
            n += batch.len();
            assert_eq!(ann.add(&batch).unwrap().count, n);
        }
        let e = ann.add(&words(&["onemore", "w1"])).unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (409, "dictionary_full"));
        assert_eq!(ann.list().unwrap().len(), MAX_WORDS_PER_USER);
        // Re-adding present words is still fine when full.
        assert_eq!(ann.add(&words(&["w1"])).unwrap().added.len(), 0);
    }

    #[test]
    fn dictionary_on_sqlite() {
        exercise(&NativeSqlite::open_in_memory().unwrap());
    }

    #[test]
    fn dictionary_on_postgres() {
        exercise(&test_services::postgres("grammar_dictionary"));
    }
}

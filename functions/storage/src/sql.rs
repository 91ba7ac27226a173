use crate::{DbError, Row, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection to the function's relational store.
///
/// Statements are written once with `$1, $2, ...` placeholders; backends translate for
/// their engine. Where the dialects differ (upserts are the same; `RETURNING` works on
/// both; types mostly not), branch on [`Sql::dialect`].
pub trait Sql {
    fn dialect(&self) -> Dialect;
    /// Runs one statement; returns the number of rows it changed.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError>;
    /// Runs one statement and returns its rows.
    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError>;
}

impl<T: Sql + ?Sized> Sql for Box<T> {
    fn dialect(&self) -> Dialect {
        (**self).dialect()
    }
    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, DbError> {
        (**self).execute(sql, params)
    }
    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DbError> {
        (**self).query(sql, params)
    }
}

/// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise, so a
/// failed request never leaves half its writes behind. On SQLite the write lock is taken
/// up front (`BEGIN IMMEDIATE`): two instances that read then write would otherwise
/// deadlock on the lock upgrade and one would fail with "database is locked".
pub fn transaction<T, E: From<DbError>>(
    db: &dyn Sql,
    f: impl FnOnce(&dyn Sql) -> Result<T, E>,
) -> Result<T, E> {
    let begin = match db.dialect() {
        Dialect::Sqlite => "BEGIN IMMEDIATE",
        Dialect::Postgres => "BEGIN",
    };
    db.execute(begin, &[])?;
    match f(db) {
        Ok(value) => match db.execute("COMMIT", &[]) {
            Ok(_) => Ok(value),
            Err(e) => {
                let _ = db.execute("ROLLBACK", &[]);
                Err(e.into())
            }
        },
        Err(e) => {
            // The error that made us roll back is the one worth reporting.
            let _ = db.execute("ROLLBACK", &[]);
            Err(e)
        }
    }
}

/// Rewrites `$N` placeholders as SQLite's explicit `?N`, leaving quoted text and comments
/// alone. SQLite would accept `$1` too, but as a *named* parameter numbered by first
/// appearance, which silently misbinds a statement that mentions `$2` before `$1`.
pub(crate) fn sqlite_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    out.push(c);
                }
                '-' if chars.peek() == Some(&'-') => {
                    // A line comment: copy through the end of the line.
                    out.push(c);
                    for c in chars.by_ref() {
                        out.push(c);
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '$' if chars.peek().is_some_and(|d| d.is_ascii_digit()) => {
                    out.push('?');
                    while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                        out.push(d);
                        chars.next();
                    }
                }
                _ => out.push(c),
            },
        }
    }
    out
}

/// Splits a migration script into statements at top-level `;`. Both engines' statement
/// APIs prepare one statement at a time. Quotes and `--` comments are respected;
/// dollar-quoted bodies are not, so migrations must not define functions.
pub fn split_statements(script: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current = String::new();
    let mut chars = script.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                current.push(c);
                if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    current.push(c);
                }
                '-' if chars.peek() == Some(&'-') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            current.push('\n');
                            break;
                        }
                    }
                }
                ';' => {
                    let statement = current.trim();
                    if !statement.is_empty() {
                        statements.push(statement.to_string());
                    }
                    current.clear();
                }
                _ => current.push(c),
            },
        }
    }
    let statement = current.trim();
    if !statement.is_empty() {
        statements.push(statement.to_string());
    }
    statements
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_explicitly_numbered() {
        assert_eq!(
            sqlite_placeholders("SELECT a FROM t WHERE b = $2 AND c = $1 AND d = $10"),
            "SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = ?10"
        );
    }

    #[test]
    fn placeholders_inside_quotes_and_comments_stay() {
        assert_eq!(
            sqlite_placeholders("SELECT '$1', \"$2\" -- $3\n, $4"),
            "SELECT '$1', \"$2\" -- $3\n, ?4"
        );
        assert_eq!(sqlite_placeholders("SELECT 'it''s $1', $1"), "SELECT 'it''s $1', ?1");
    }

    #[test]
    fn scripts_split_at_top_level_semicolons() {
        let script = "CREATE TABLE a (x TEXT DEFAULT ';'); -- a comment; with a semicolon\n\
                      CREATE INDEX i ON a (x);\n  \n";
        assert_eq!(
            split_statements(script),
            vec!["CREATE TABLE a (x TEXT DEFAULT ';')", "CREATE INDEX i ON a (x)"]
        );
    }
}

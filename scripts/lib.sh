# Shared setup helpers for scripts/start and scripts/test; source this file, do not run it.
#
# Everything here is idempotent: a second run with unchanged requirements only checks stamps.

# Repository root, whatever the caller's working directory is.
KIM_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIM_VENV="$KIM_REPO_ROOT/.venv"
KIM_MIN_PYTHON="3.11"

kim_log() {
    printf '==> %s\n' "$*" >&2
}

kim_die() {
    printf '\nERROR: %s\n' "$*" >&2
    exit 1
}

# Runs a command as root: directly when we are root, else through sudo when it exists.
kim_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        kim_die "Need root to run '$*' (not root and no sudo). Install the packages named above as root, then run again."
    fi
}

# Installs Debian packages. Arguments: pairs of "package" "check", where check is a shell
# expression that succeeds when the package is already usable. apt-get update runs at most once,
# and only when something is missing.
kim_ensure_debian_packages() {
    local missing=()
    while [[ $# -gt 0 ]]; do
        local package="$1" check="$2"
        shift 2
        if ! eval "$check" >/dev/null 2>&1; then
            missing+=("$package")
        fi
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0

    command -v apt-get >/dev/null 2>&1 \
        || kim_die "Missing Debian packages: ${missing[*]}, and apt-get is not available to install them."
    kim_log "Installing Debian packages: ${missing[*]}"
    local started=$SECONDS
    kim_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        || kim_die "apt-get update failed (needed to install: ${missing[*]})."
    kim_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || kim_die "apt-get install failed for: ${missing[*]}"
    kim_log "Installed ${missing[*]} in $((SECONDS - started)) s"
}

# Succeeds when the given interpreter is at least KIM_MIN_PYTHON.
kim_python_is_recent() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

kim_create_venv() {
    local python="${PYTHON:-python3}"
    command -v "$python" >/dev/null 2>&1 \
        || kim_die "'$python' not found. Please install Python $KIM_MIN_PYTHON or newer (Debian: apt-get install python3 python3-venv)."
    kim_python_is_recent "$python" \
        || kim_die "$("$python" --version 2>&1) is too old: this project needs Python $KIM_MIN_PYTHON or newer. Set PYTHON=/path/to/python3.11 to pick another interpreter."
    # Debian splits venv/ensurepip into python3-venv; without it `python -m venv` fails midway.
    if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
        kim_ensure_debian_packages python3-venv false
    fi
    kim_log "Creating virtualenv in $KIM_VENV with $("$python" --version 2>&1)"
    local clear=()
    # A venv whose interpreter is gone or too old is rebuilt rather than patched.
    [[ -e "$KIM_VENV/bin/python" ]] && clear=(--clear)
    "$python" -m venv "${clear[@]}" "$KIM_VENV" || kim_die "Could not create the virtualenv in $KIM_VENV."
}

# Prints a hash over a requirements file, every file it includes with -r, and the venv's Python.
kim_requirements_hash() {
    local file="$1"
    {
        "$KIM_VENV/bin/python" --version 2>&1
        kim_requirements_files "$file" | while read -r path; do
            printf '%s\n' "$path"
            cat "$path"
        done
    } | sha256sum | cut -d' ' -f1
}

kim_requirements_files() {
    local file="$1" dir line include
    dir="$(dirname "$file")"
    printf '%s\n' "$file"
    while read -r line; do
        if [[ "$line" =~ ^(-r|--requirement)[[:space:]=]+([^[:space:]]+) ]]; then
            include="${BASH_REMATCH[2]}"
            [[ "$include" = /* ]] || include="$dir/$include"
            kim_requirements_files "$include"
        fi
    done <"$file"
}

# Makes sure .venv exists and has the given requirements file installed.
kim_ensure_venv() {
    local requirements="$KIM_REPO_ROOT/${1:?requirements file}"
    [[ -f "$requirements" ]] || kim_die "Requirements file not found: $requirements"

    # A symlink in place of the venv (a worktree pointing at another checkout's) that leads
    # nowhere, or back to itself, is dropped and the venv built for real.
    if [[ -L "$KIM_VENV" && ! -d "$KIM_VENV/" ]]; then
        kim_log "Removing the broken .venv link ($(readlink "$KIM_VENV"))"
        rm -f "$KIM_VENV"
    fi
    mkdir -p "$KIM_VENV"
    # Two scripts started at once (say, start and test) must not install into one venv together.
    exec 9>"$KIM_VENV/.setup.lock"
    flock 9

    if [[ ! -x "$KIM_VENV/bin/python" ]] || ! kim_python_is_recent "$KIM_VENV/bin/python"; then
        kim_create_venv
    fi

    local stamp
    stamp="$KIM_VENV/.installed-$(basename "$requirements").sha256"
    local wanted
    wanted="$(kim_requirements_hash "$requirements")"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
        flock -u 9
        return 0
    fi

    kim_log "Installing Python packages from $(basename "$requirements")"
    local started=$SECONDS
    "$KIM_VENV/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements" \
        || kim_die "pip install -r $(basename "$requirements") failed (see the output above)."
    printf '%s\n' "$wanted" >"$stamp"
    kim_log "Python packages ready in $((SECONDS - started)) s"
    flock -u 9
}

# Sourced by the entry points: create or reuse .venv and install what is missing.
# The install is redone only when pyproject.toml changes (its hash is kept in the venv).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

if ! "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "digituki needs Python 3.11 or newer as '$PYTHON_BIN' (set PYTHON=/path/to/python3.11)." >&2
  exit 2
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON_BIN" -m venv "$VENV"; then
    echo "Could not create $VENV: install the Debian package python3-venv." >&2
    exit 2
  fi
fi
stamp="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
if [ "$(cat "$VENV/.installed" 2>/dev/null)" != "$stamp" ]; then
  echo "Installing dependencies into .venv …" >&2
  "$VENV/bin/python" -m pip install -qq --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -qq --disable-pip-version-check -e "$ROOT[test]"
  echo "$stamp" > "$VENV/.installed"
fi
export PATH="$VENV/bin:$PATH"
cd "$ROOT"

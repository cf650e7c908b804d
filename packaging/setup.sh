#!/usr/bin/env bash
# Installs everything Deskhand needs on a fresh Debian/Ubuntu machine, then either
# launches it (`launch`, the default) or runs the whole test suite (`test`).
# Run as root (or with sudo). Safe to run again: finished steps are quick no-ops.
#
#   packaging/setup.sh launch   # system packages, venv, Python packages; then Deskhand
#   packaging/setup.sh test     # the same, plus test tools; then lint, types and tests
set -euo pipefail

mode=${1:-launch}
case "$mode" in launch|test) ;; *) echo "usage: $0 [launch|test]" >&2; exit 2 ;; esac
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${DESKHAND_VENV:-$repo/.venv}
cd "$repo"

phase_start=$SECONDS
phase() {  # prints how long the previous phase took, then names the next one
  local now=$SECONDS
  [ -n "${phase_name:-}" ] && printf '== %s: %ss\n' "$phase_name" "$((now - phase_start))"
  phase_name=$1; phase_start=$now
  [ -n "$phase_name" ] && printf '== %s ...\n' "$phase_name"
  return 0
}

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh installs system packages: run it as root or with sudo" >&2
  exit 7
fi

phase "system packages"
mapfile -t packages < <(grep -v '^\s*#' packaging/apt-packages.txt | grep -v '^\s*$')
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "${#packages[@]} packages present (${#missing[@]} installed now)"

phase "python and venv"
python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null &&
     "$candidate" -c 'import sys, venv, tkinter; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$(command -v "$candidate"); break
  fi
done
if [ -z "$python" ]; then
  echo "Deskhand needs Python 3.11 or newer with venv and tkinter; none found (try: apt-get install python3.11-venv python3.11-tk)" >&2
  exit 7
fi
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip

phase "llama-cpp-python wheel"
# PyPI has only its source (~11 min to build): build a wheel once per machine, outside the repo
llama_version=$(grep -oE '"llama-cpp-python==[0-9.]+"' pyproject.toml | tr -d '"' | cut -d= -f3)
wheel=$(packaging/llama-wheel.sh "$venv/bin/python" "$llama_version")
installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("llama-cpp-python"))' 2>/dev/null || true)
[ "$installed" = "$llama_version" ] || "$venv/bin/python" -m pip install -q "$wheel"
echo "llama-cpp-python $llama_version from $wheel"

phase "python packages"
extras=""; [ "$mode" = test ] && extras="[test]"
"$venv/bin/python" -m pip install -q -e ".$extras"
echo "venv $venv on $("$venv/bin/python" --version)"

phase "default model packs"
"$venv/bin/deskhand" models install  # a verified pack is left alone; models list shows where it is
"$venv/bin/deskhand" models install whisper-tiny.en  # the default speech model (whisper-base is opt-in)

if [ "$mode" = launch ]; then
  phase ""
  if [ -z "${DISPLAY:-}" ]; then
    echo "Installed. No DISPLAY here: run '$venv/bin/deskhand doctor' from your desktop session." >&2
    exit 7
  fi
  "$venv/bin/deskhand" doctor
  exec "$venv/bin/deskhand"  # on a terminal: talk to the agent on the default model pack
fi

phase "lint, types, import boundaries"
"$venv/bin/ruff" check .
"$venv/bin/ruff" format --check .
"$venv/bin/mypy"
"$venv/bin/lint-imports"

phase "tests"
status=0
# Two workers, each with its own Xvfb, a test file's tests on one worker (module-wide forms
# start once): half the wall time on 2 cores, since an e2e test waits on its application
# about as long as it computes. DESKHAND_TEST_WORKERS=0 runs the suite in one process.
"$venv/bin/python" -m pytest --numprocesses="${DESKHAND_TEST_WORKERS:-2}" --dist=loadfile "${@:2}" || status=$?
phase ""
exit $status

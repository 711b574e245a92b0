#!/usr/bin/env bash
# Installs what giltutor needs to build and test on Debian, and nothing when it is all there.
#   build: the Swift toolchain (checked only: it does not come from apt), libncurses-dev (headers, libncursesw.so)
#   tests: tmux (the end-to-end tests drive the real binary in a tmux pane)
set -euo pipefail

fail() {
  echo "ensure-deps: $*" >&2
  exit 1
}

if ! command -v "${SWIFT:-swift}" >/dev/null 2>&1; then
  fail "'${SWIFT:-swift}' is not on PATH. Install the Swift 6 toolchain (https://www.swift.org/install/linux/) and add its usr/bin to PATH."
fi

missing=()
if ! dpkg -s libncurses-dev >/dev/null 2>&1; then
  missing+=(libncurses-dev)
fi
if ! command -v tmux >/dev/null 2>&1; then
  missing+=(tmux)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "ensure-deps: installing ${missing[*]}"

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install ${missing[*]} with your system's package manager."

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "not root and sudo is not available: run 'apt-get install ${missing[*]}' as root."
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q >/dev/null || fail "'apt-get update' failed: cannot install ${missing[*]}."
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
  fail "'apt-get install ${missing[*]}' failed."

#!/bin/sh
# Installs the Debian packages budgetkit needs, if any are missing.
# Usage: tools/ensure-deps.sh PACKAGE...   (run as root to install; otherwise it only checks)
set -u
missing=""
for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "budgetkit needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale or absent on a fresh machine: update once, then install.
apt-get update -qq >&2 || { echo "apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2 || {
    echo "could not install:$missing (try: apt-get install -y$missing)" >&2
    exit 1
}

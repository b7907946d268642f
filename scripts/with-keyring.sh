#!/usr/bin/env bash
# Runs a command inside a throwaway session D-Bus with an unlocked gnome-keyring Secret Service, so the
# keychain tests can use a real keychain on a headless host (CI, containers):
#   scripts/with-keyring.sh npx vitest run test/integration/keychain.test.ts
# Needs the Debian packages: dbus dbus-x11 gnome-keyring libsecret-1-0 (dbus-run-session is in dbus).
set -euo pipefail

if [ "$#" -eq 0 ]; then
	echo "usage: $0 COMMAND [ARG...]" >&2
	exit 2
fi

if [ -z "${CORVANA_BB_IN_KEYRING_SESSION:-}" ]; then
	# Re-run this script inside a fresh session bus; the bus and the daemon end with it.
	export CORVANA_BB_IN_KEYRING_SESSION=1
	exec dbus-run-session -- "$0" "$@"
fi

# A private keyring directory, so the test never touches the user's real login keyring.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$keyring_home/run}"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock reads the (throwaway) password from stdin and creates an unlocked login keyring.
eval "$(printf 'corvana-bb-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

"$@"

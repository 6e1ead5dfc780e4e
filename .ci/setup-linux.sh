#!/usr/bin/env bash
# Installs what building and testing Schul-IT-Cockpit needs on Debian/Ubuntu.
# Idempotent: skips what is already there. Used by `.ci/run` and by the README commands.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_pkgs=()
# fonts-liberation2: the charts are laid out with the embedded Liberation Sans; the window shows
# them as SVG images, which can only use installed fonts (Windows and macOS have the
# metric-compatible Arial; Linux falls back to wider fonts and labels would collide).
for p in libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
         libayatana-appindicator3-dev librsvg2-dev pkg-config webkit2gtk-driver xvfb xauth \
         poppler-utils fonts-liberation2; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_pkgs+=("$p")
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-driver" ]; then
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "setup: installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
fi
echo "setup: ok"

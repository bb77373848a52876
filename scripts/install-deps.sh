#!/usr/bin/env bash
# Installs everything thinkdex needs to build, test and run on Debian 12.
# Idempotent: packages already present are left alone, and apt is not touched at all
# when nothing is missing.
set -euo pipefail

packages=(
    build-essential cmake pkg-config ca-certificates curl
    libxapian-dev xapian-tools
    libcurl4-openssl-dev
    libgumbo-dev
    libspdlog-dev libfmt-dev
    libgtest-dev libgmock-dev
    libcli11-dev
    libtomlplusplus-dev
    nlohmann-json3-dev
    libsqlite3-dev sqlite3
    libcpp-httplib-dev
    libuchardet-dev
    libpsl-dev
    zlib1g-dev
    libxml2-dev
    python3
    lighttpd
    # The web tests (tests/web) also run the search page under Apache and nginx + fcgiwrap.
    apache2
    nginx
    fcgiwrap
    tidy
    libxml2-utils
    # The browser test (tests/web): Debian's Chromium, driven by playwright-core from npm.
    chromium
    nodejs
)
# Debian's npm, unless an npm is there already (Node.js from elsewhere brings its own, and
# Debian's package would conflict with it).
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

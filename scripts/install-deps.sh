#!/usr/bin/env bash
# Installs what thinkdex needs on Debian 12: `install-deps.sh build` what building and running
# it needs (the quickstart), `install-deps.sh` (or `all`) that and what the tests need too:
# web servers, validators, a headless browser, libFuzzer (scripts/test.sh).
# Idempotent: packages already present are left alone, and apt is not touched at all
# when nothing is missing.
set -euo pipefail

# What building and running thinkdex needs: the compiler and the libraries (whose run-time parts
# come with their -dev packages), the tool the nightly job reads summaries with (jq), and the
# libraries the sample site's server (tests/support/serve-site) and the test suites are configured with.
build_packages=(
    build-essential cmake pkg-config ca-certificates curl
    libxapian-dev xapian-tools
    libcurl4-openssl-dev
    libgumbo-dev
    libspdlog-dev libfmt-dev
    libgtest-dev libgmock-dev
    libcli11-dev
    libtomlplusplus-dev
    nlohmann-json3-dev libsimdjson-dev
    libsqlite3-dev sqlite3
    libcpp-httplib-dev
    libuchardet-dev
    libpsl-dev
    liburiparser-dev
    libicu-dev
    zlib1g-dev
    libxml2-dev
    libexpat1-dev
    libpoppler-cpp-dev
    # The sample site's PDF report and the test PDFs are made with groff (-Tpdf) by the
    # build, one of them encrypted with qpdf (the build is configured with the tests).
    groff
    qpdf
    # query/tools/gen_stop_words.pl builds the query stop lists from its Snowball lists.
    liblingua-stopwords-perl
    python3
    jq
)
# Only the tests need these: web servers to run the CGI under, validators, a browser.
test_packages=(
    # The CGI tests run the search page under lighttpd, Apache and nginx + fcgiwrap.
    lighttpd
    apache2
    nginx
    fcgiwrap
    tidy
    libxml2-utils
    # scripts/bench_pdf.sh times pdftotext (poppler-utils) against thinkdex extract.
    poppler-utils
    # The install test reads the man page and parses the zsh completion.
    man-db
    zsh
    # scripts/fuzz.sh: libFuzzer's engine (fuzz/).
    libclang-rt-14-dev
    # The browser test (tests/web): Debian's Chromium, driven by playwright-core from npm.
    chromium
    nodejs
)

case ${1:-all} in
    build) packages=("${build_packages[@]}") ;;
    all | test) packages=("${build_packages[@]}" "${test_packages[@]}") ;;
    *) echo "usage: install-deps.sh [build|test|all] (test and all are the same)" >&2; exit 2 ;;
esac
# Debian's npm, unless an npm is there already (Node.js from elsewhere brings its own, and
# Debian's package would conflict with it).
[ "${1:-all}" = build ] || command -v npm >/dev/null || packages+=(npm)

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

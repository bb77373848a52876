#!/usr/bin/env bash
# `cmake --install` into a DESTDIR: the programs, the sample config, the cron example, the
# nightly script and the page's stylesheet land where a packager expects them (GNUInstallDirs),
# and the installed programs run.
#
#   run_install_test.sh BUILD_DIR SOURCE_DIR BINDIR LIBEXECDIR SYSCONFDIR DATADIR DOCDIR
# (the directories relative to the prefix, as GNUInstallDirs computed them)
set -euo pipefail
build=$1 src=$2 bindir=$3 libexecdir=$4 sysconfdir=$5 datadir=$6 docdir=$7

tmp=$(mktemp -d "${TMPDIR:-/tmp}/thinkdex-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=/opt/thinkdex
DESTDIR=$tmp cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
root=$tmp$prefix
# GNUInstallDirs may give absolute directories (e.g. /etc for the /usr prefix).
under() { case $1 in /*) echo "$tmp$1" ;; *) echo "$root/$1" ;; esac; }

failures=0
check() {
    local what=$1
    shift
    if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
check "thinkdex is in $bindir and executable" test -x "$(under "$bindir")/thinkdex"
check "thinkdex.cgi is in $libexecdir/thinkdex and executable" \
    test -x "$(under "$libexecdir")/thinkdex/thinkdex.cgi"
check "the sample config is in $sysconfdir/thinkdex" \
    cmp -s "$src/config/thinkdex.toml" "$(under "$sysconfdir")/thinkdex/thinkdex.toml"
check "the stylesheet is $datadir/thinkdex/thinkdex.css" \
    cmp -s "$src/cli/thinkdex.css" "$(under "$datadir")/thinkdex/thinkdex.css"
check "the nightly script is in $datadir/thinkdex/scripts" \
    test -x "$(under "$datadir")/thinkdex/scripts/nightly.sh"
check "the cron example is in $docdir" test -f "$(under "$docdir")/crontab.example"
check "nothing is installed outside the DESTDIR prefix" \
    test -z "$(find "$tmp" -mindepth 1 -maxdepth 1 ! -name "$(echo "$prefix" | cut -d/ -f2)" ! -name install.log)"

# The installed programs run, and the installed config is valid for them.
check "the installed thinkdex runs" "$(under "$bindir")/thinkdex" --version
check "the installed config loads" "$(under "$bindir")/thinkdex" status \
    --config "$(under "$sysconfdir")/thinkdex/thinkdex.toml" --data-dir "$tmp/data"
page=$(QUERY_STRING= REQUEST_METHOD=GET THINKDEX_INDEX="$tmp/no-index" \
    THINKDEX_CONFIG="$(under "$sysconfdir")/thinkdex/thinkdex.toml" \
    "$(under "$libexecdir")/thinkdex/thinkdex.cgi" 2>/dev/null || true)
check "the installed CGI answers, linking the stylesheet" \
    grep -qF '<link rel="stylesheet" href="/thinkdex/thinkdex.css">' <<<"$page"

echo "web_install: $failures failed"
[ "$failures" -eq 0 ]

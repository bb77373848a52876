#!/usr/bin/env bash
# `cmake --install` into a DESTDIR: the programs, the sample config, the cron example, the
# nightly script, the page's stylesheet, the man page and the shell completions land where a
# packager expects them (GNUInstallDirs), the programs are stripped, and all of them work.
#
#   run_install_test.sh BUILD_DIR SOURCE_DIR BINDIR LIBEXECDIR SYSCONFDIR DATADIR DOCDIR MANDIR STRIP
# (the directories relative to the prefix, as GNUInstallDirs computed them; STRIP: the value of
# THINKDEX_INSTALL_STRIP)
set -euo pipefail
build=$1 src=$2 bindir=$3 libexecdir=$4 sysconfdir=$5 datadir=$6 docdir=$7 mandir=$8 strip=$9

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
check "thinkdex-pdf-reader is in $libexecdir/thinkdex and executable" \
    test -x "$(under "$libexecdir")/thinkdex/thinkdex-pdf-reader"
check "thinkdex-crawler is in $libexecdir/thinkdex and executable" \
    test -x "$(under "$libexecdir")/thinkdex/thinkdex-crawler"
check "the sample config is in $sysconfdir/thinkdex" \
    cmp -s "$src/config/thinkdex.toml" "$(under "$sysconfdir")/thinkdex/thinkdex.toml"
check "the stylesheet is $datadir/thinkdex/thinkdex.css" \
    cmp -s "$src/cli/thinkdex.css" "$(under "$datadir")/thinkdex/thinkdex.css"
check "the nightly script is in $datadir/thinkdex/scripts" \
    test -x "$(under "$datadir")/thinkdex/scripts/nightly.sh"
check "the cron example is in $docdir" test -f "$(under "$docdir")/crontab.example"
stripped() { ! readelf -S "$1" | grep -q '\.debug_info'; }
case $strip in ON | TRUE | 1)
    check "the installed thinkdex is stripped" stripped "$(under "$bindir")/thinkdex"
    check "the installed thinkdex.cgi is stripped" stripped "$(under "$libexecdir")/thinkdex/thinkdex.cgi"
    check "the installed thinkdex-pdf-reader is stripped" \
        stripped "$(under "$libexecdir")/thinkdex/thinkdex-pdf-reader"
    check "the installed thinkdex-crawler is stripped" \
        stripped "$(under "$libexecdir")/thinkdex/thinkdex-crawler" ;;
esac
man_page=$(under "$mandir")/man1/thinkdex.1
check "the man page is $mandir/man1/thinkdex.1" test -f "$man_page"
if command -v man >/dev/null; then
    manual=$(MANWIDTH=100 man -l "$man_page" 2>/dev/null)
    check "the man page renders, with every command and its options" \
        grep -q -e "thinkdex search" <<<"$manual"
    check "the man page lists search's options" grep -q -e "--author" <<<"$manual"
fi
bash_completion=$(under "$datadir")/bash-completion/completions/thinkdex
check "the bash completion is in $datadir/bash-completion/completions" test -f "$bash_completion"
completes() {  # completes EXPECTED WORD...: the bash completion of the last WORD gives EXPECTED
    local expected=$1
    shift
    [ "$(bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _thinkdex
                  echo "${COMPREPLY[*]}"' _ "$bash_completion" "$@")" = "$expected" ]
}
check "bash completes a command" completes search thinkdex sea
check "bash completes a command's option" completes --author thinkdex search --au
check "the zsh completion is in $datadir/zsh/vendor-completions" \
    test -f "$(under "$datadir")/zsh/vendor-completions/_thinkdex"
if command -v zsh >/dev/null; then
    check "the zsh completion parses" zsh -n "$(under "$datadir")/zsh/vendor-completions/_thinkdex"
fi
check "nothing is installed outside the DESTDIR prefix" \
    test -z "$(find "$tmp" -mindepth 1 -maxdepth 1 ! -name "$(echo "$prefix" | cut -d/ -f2)" ! -name install.log)"

# The installed programs run, and the installed config is valid for them.
check "the installed thinkdex runs" "$(under "$bindir")/thinkdex" --version
check "the installed config loads" "$(under "$bindir")/thinkdex" status \
    --config "$(under "$sysconfdir")/thinkdex/thinkdex.toml" --data-dir "$tmp/data"
pdf_log=$(env -u THINKDEX_PDF_READER "$(under "$bindir")/thinkdex" extract -vv \
    "$build/tests/pdf/report.pdf" 2>&1 || true)
check "the installed thinkdex reads a PDF with the installed reader" \
    grep -qF "PDF reader: $(under "$libexecdir")/thinkdex/thinkdex-pdf-reader" <<<"$pdf_log"
check "... and extracts its text" grep -qF '"type":"pdf"' <<<"$pdf_log"
# The installed config names no sources: the crawler it runs stops there, after logging itself.
crawl_log=$(env -u THINKDEX_CRAWLER "$(under "$bindir")/thinkdex" crawl -vv \
    --config "$(under "$sysconfdir")/thinkdex/thinkdex.toml" --data-dir "$tmp/data" 2>&1 || true)
check "the installed thinkdex crawls with the installed crawler" \
    grep -qF "crawler: $(under "$libexecdir")/thinkdex/thinkdex-crawler" <<<"$crawl_log"
check "... which reads the config" grep -qF "nothing to crawl" <<<"$crawl_log"
page=$(QUERY_STRING= REQUEST_METHOD=GET THINKDEX_INDEX="$tmp/no-index" \
    THINKDEX_CONFIG="$(under "$sysconfdir")/thinkdex/thinkdex.toml" \
    "$(under "$libexecdir")/thinkdex/thinkdex.cgi" 2>/dev/null || true)
check "the installed CGI answers, linking the stylesheet" \
    grep -qF '<link rel="stylesheet" href="/thinkdex/thinkdex.css">' <<<"$page"

echo "web_install: $failures failed"
[ "$failures" -eq 0 ]

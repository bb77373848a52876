# Finds every third-party library as an imported target. When one is missing, configuration
# stops with the Debian package that provides it (scripts/install-deps.sh installs them all).

find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
    message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config' "
                        "(or run ./scripts/install-deps.sh)")
endif()

function(thinkdex_find_package name debian_package)
    find_package(${name} ${ARGN} QUIET)
    if(NOT ${name}_FOUND)
        message(FATAL_ERROR "${name} not found: install the Debian package '${debian_package}' "
                            "(or run ./scripts/install-deps.sh)")
    endif()
endfunction()

function(thinkdex_pkg_check var module debian_package)
    pkg_check_modules(${var} QUIET IMPORTED_TARGET ${module})
    if(NOT ${var}_FOUND)
        message(FATAL_ERROR "${module} (pkg-config) not found: install the Debian package "
                            "'${debian_package}' (or run ./scripts/install-deps.sh)")
    endif()
endfunction()

thinkdex_find_package(CURL libcurl4-openssl-dev)
thinkdex_find_package(spdlog libspdlog-dev)
thinkdex_find_package(CLI11 libcli11-dev)
thinkdex_find_package(tomlplusplus libtomlplusplus-dev)
thinkdex_find_package(nlohmann_json nlohmann-json3-dev)
thinkdex_find_package(simdjson libsimdjson-dev)
thinkdex_find_package(SQLite3 libsqlite3-dev)
thinkdex_find_package(ZLIB zlib1g-dev)
# libxml2: the crawler's sitemaps and feeds (crawler/src/links.cpp).
thinkdex_find_package(LibXml2 libxml2-dev)
# expat: the PDF reader's XMP packets (indexer/src/pdf_xmp.cpp); fontconfig, which poppler
# loads, loads it anyway.
thinkdex_find_package(EXPAT libexpat1-dev)
thinkdex_pkg_check(XAPIAN xapian-core libxapian-dev)
thinkdex_pkg_check(GUMBO gumbo libgumbo-dev)
thinkdex_pkg_check(UCHARDET uchardet libuchardet-dev)
thinkdex_pkg_check(PSL libpsl libpsl-dev)
# uriparser reads the URLs in pages (common/url_resolve.hpp), so that programs other than the
# crawler need not load libcurl and its libraries.
thinkdex_pkg_check(URIPARSER liburiparser liburiparser-dev)
# poppler reads PDF publications (indexer/src/pdf_reader.cpp).
thinkdex_pkg_check(POPPLER_CPP poppler-cpp libpoppler-cpp-dev)
# ICU: accent folding shared by the indexer and the query side (common/text_fold.hpp).
thinkdex_pkg_check(ICU "icu-uc;icu-i18n" libicu-dev)
find_package(Threads REQUIRED)
if(THINKDEX_BUILD_TESTS)
    thinkdex_find_package(GTest libgtest-dev)
    thinkdex_pkg_check(HTTPLIB cpp-httplib libcpp-httplib-dev)
endif()

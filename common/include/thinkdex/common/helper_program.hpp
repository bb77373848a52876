#pragma once
// Where `thinkdex` finds the programs it runs for the parts whose libraries it does not load
// itself: thinkdex-pdf-reader (poppler) and thinkdex-crawler (libcurl).

#include <string>
#include <string_view>

namespace thinkdex {

/// The path of the helper program `name`, which `cmake --install` puts in LIBEXECDIR/thinkdex
/// and the build beside `thinkdex` (build/cli). The first of: $`env_var` when it is set and
/// not empty; `name` beside the running program; LIBEXECDIR/thinkdex/`name` relative to the
/// running program's directory as BINDIR (the installed layout); else `built`, the one built in
/// this tree (for programs elsewhere, such as the test binaries). Only the two candidates
/// beside the program are checked (executable); running the one returned tells the rest.
///
/// Example: helper_program("thinkdex-crawler", "THINKDEX_CRAWLER",
/// "/src/build/cli/thinkdex-crawler") is "/usr/libexec/thinkdex/thinkdex-crawler" for an installed
/// /usr/bin/thinkdex.
std::string helper_program(std::string_view name, const char* env_var, std::string_view built);

}  // namespace thinkdex

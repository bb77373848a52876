// thinkdex-pdf-reader: reads one PDF from standard input with poppler and prints what it read
// (pdf_wire.hpp) on standard output. The indexer runs it in a bounded child process
// (pdf_sandbox.hpp), so that poppler runs in a process image of its own, never inside a
// threaded indexer, and `thinkdex` itself does not load poppler's thirty-odd libraries.
// Usage: thinkdex-pdf-reader MAX_PAGES < file.pdf

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <new>
#include <string>
#include <string_view>

#include "pdf_reader.hpp"
#include "pdf_sandbox.hpp"
#include "pdf_wire.hpp"

namespace {

// The whole of standard input.
std::string read_stdin() {
    std::string bytes;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        bytes.append(buf, static_cast<std::size_t>(n));
    }
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    namespace detail = thinkdex::indexer::detail;
    int max_pages = 0;
    const std::string_view arg = argc == 2 ? argv[1] : "";
    const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), max_pages);
    if (argc != 2 || ec != std::errc() || end != arg.data() + arg.size() || max_pages < 1) {
        std::cerr << "usage: thinkdex-pdf-reader MAX_PAGES < file.pdf\n";
        return 2;
    }
    int status = 0;
    try {
        const std::string out = detail::to_wire(detail::read_pdf(read_stdin(), max_pages));
        std::fwrite(out.data(), 1, out.size(), stdout);
        status = std::fflush(stdout) == 0 ? 0 : detail::kExitFailed;
    } catch (const std::bad_alloc&) {
        status = detail::kExitOutOfMemory;
    } catch (...) {
        status = detail::kExitFailed;
    }
    // Ends without exit-time teardown: poppler's font libraries (fontconfig) keep caches they
    // never free, which a leak checker would report at exit as a failure of every read.
    _exit(status);
}

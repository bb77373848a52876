// sandbox-probe MODE: a program that misbehaves on request, for the tests of the sandbox that
// runs the PDF reader (indexer/src/pdf_sandbox.hpp).
//   echo       copies standard input to standard output
//   spin       loops forever
//   abort      dies by SIGABRT
//   alloc MIB  allocates and touches MIB MiB, exiting kExitOutOfMemory when it cannot, as the
//              PDF reader does

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <new>
#include <string>

#include "pdf_sandbox.hpp"

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "echo") {
        std::cout << std::cin.rdbuf();
        return 0;
    }
    if (mode == "spin") {
        volatile unsigned long spins = 0;
        for (;;) spins = spins + 1;
    }
    if (mode == "abort") std::abort();
    if (mode == "alloc" && argc == 3) {
        try {
            const std::size_t bytes = std::stoul(argv[2]) << 20;
            std::unique_ptr<char[]> block(new char[bytes]);
            std::memset(block.get(), 1, bytes);
            return block[bytes - 1] == 1 ? 0 : 1;
        } catch (const std::bad_alloc&) {
            return thinkdex::indexer::detail::kExitOutOfMemory;
        }
    }
    std::cerr << "usage: sandbox-probe echo|spin|abort|alloc MIB\n";
    return 2;
}

// serve-site DIR [PORT [MORE_DIR...]]: serves DIR over HTTP on 127.0.0.1 until killed, and
// each MORE_DIR's files where DIR has none (the sample site's PDF report, built from source).
// Prints the base URL on its first line, so scripts can read where it listens (PORT 0 or
// absent: any free port).

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "http_server.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: serve-site DIR [PORT [MORE_DIR...]]\n";
        return 2;
    }
    // Block the signals before the server thread starts, so that it inherits the mask and
    // SIGTERM reaches sigwait below for a clean stop.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    try {
        thinkdex::test::HttpServer server(argv[1], argc >= 3 ? std::atoi(argv[2]) : 0);
        for (int i = 3; i < argc; ++i) server.add_root(argv[i]);
        server.start();
        std::cout << server.base_url() << std::endl;
        int sig = 0;
        sigwait(&set, &sig);
        server.stop();
    } catch (const std::exception& e) {
        std::cerr << "serve-site: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

// thinkdex serve-shard: serve one shard of a split index to searches over the network
// (docs/scale-out.md).
//
// Debian's libxapian-dev (1.4.22) ships no header for Xapian's TcpServer, so a server of our
// own with a registry of thinkdex's classes cannot be built on it. Searches therefore send
// remote shards only Xapian's own classes (see query/src/ranking.cpp and facet_count.cpp),
// and this command checks the shard and then becomes Xapian's stock server, xapian-tcpsrv
// (package xapian-tools), read-only.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/query/index_info.hpp"

namespace thinkdex::cli {

namespace {

struct ServeShardOptions {
    CommonOptions common;
    std::string db;
    unsigned port = 0;
    std::string interface = "127.0.0.1";
    unsigned idle_timeout_ms = 60'000;
    bool one_shot = false;
};

int run_serve_shard(const ServeShardOptions& options) {
    Config config = load(options.common);
    const std::filesystem::path shard =
        options.db.empty() ? config.index_path() : std::filesystem::path(options.db);
    if (!std::filesystem::is_directory(shard))
        throw Fatal("no shard at '" + shard.string() + "': build it with `thinkdex index "
                    "--shard i/N` first, or give --db DIR");
    const auto info = query::index_info(shard);
    if (!info) throw Fatal("'" + shard.string() + "' is not a thinkdex index");
    std::cerr << "thinkdex: serving shard " << shard.string() << " (" << info->documents
              << " documents) on " << options.interface << ":" << options.port << "\n";
    std::vector<std::string> args = {"xapian-tcpsrv", "--port", std::to_string(options.port),
                                     "--interface", options.interface, "--idle-timeout",
                                     std::to_string(options.idle_timeout_ms), "--quiet"};
    if (options.one_shot) args.push_back("--one-shot");
    args.push_back(shard.string());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    throw Fatal("cannot run xapian-tcpsrv: " + std::string(std::strerror(errno)) +
                " (install the xapian-tools package)");
}

}  // namespace

void add_serve_shard(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ServeShardOptions>();
    auto* sub = app.add_subcommand(
        "serve-shard", "Serve one index shard to searches over the network (xapian-tcpsrv)");
    add_common_options(*sub, options->common);
    sub->add_option("--db", options->db, "Shard index directory (default: DATA_DIR/index)");
    sub->add_option("--port", options->port, "TCP port to listen on")
        ->required()
        ->check(CLI::Range(1, 65535));
    sub->add_option("--interface", options->interface,
                    "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)");
    sub->add_option("--idle-timeout", options->idle_timeout_ms,
                    "Close a connection idle this many milliseconds (default 60000)");
    sub->add_flag("--one-shot", options->one_shot, "Serve one connection, then exit");
    sub->callback([options, &exit_code] { exit_code = run_serve_shard(*options); });
}

}  // namespace thinkdex::cli

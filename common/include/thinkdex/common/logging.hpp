#pragma once
// Logging setup: called once, first thing in each `main`. Libraries only log (spdlog's default
// logger); they never add sinks. Logs go to stderr so that stdout carries only results.

#include <string>

namespace thinkdex {

/// `verbosity`: 0 is the configured level (default info), each -v one level more detailed,
/// negative (--quiet) shows only errors. `file`: also log to this file, rotated at 10 MiB with
/// 5 kept; empty for none.
void init_logging(int verbosity, const std::string& level = "info", const std::string& file = {});

}  // namespace thinkdex

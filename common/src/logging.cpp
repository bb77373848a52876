#include "thinkdex/common/logging.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace thinkdex {

void init_logging(int verbosity, const std::string& level, const std::string& file) {
    std::vector<spdlog::sink_ptr> sinks;
    sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    if (!file.empty()) {
        constexpr std::size_t kMaxBytes = 10 * 1024 * 1024;
        constexpr std::size_t kFiles = 5;
        sinks.push_back(
            std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, kMaxBytes, kFiles));
    }
    auto logger = std::make_shared<spdlog::logger>("thinkdex", sinks.begin(), sinks.end());
    logger->set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");

    int base = static_cast<int>(spdlog::level::from_str(level));
    int chosen = verbosity < 0 ? static_cast<int>(spdlog::level::err) : base - verbosity;
    chosen = std::clamp(chosen, static_cast<int>(spdlog::level::trace),
                        static_cast<int>(spdlog::level::off));
    logger->set_level(static_cast<spdlog::level::level_enum>(chosen));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace thinkdex

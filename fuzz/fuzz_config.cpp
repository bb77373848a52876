// TOML config: any file loads or is refused with a ConfigError naming its problems, never a
// crash; a config that loads and validates prints (`config --show`) as TOML that loads back to
// the same config.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <thinkdex/common/config.hpp>
#include <thinkdex/common/config_toml.hpp>
#include <thinkdex/common/error.hpp>

#include "fuzz_support.hpp"

namespace fs = std::filesystem;
using namespace thinkdex;

namespace {

const fs::path& scratch() {
    static const fs::path path =
        fs::temp_directory_path() / ("thinkdex-fuzz-config-" + std::to_string(::getpid()) + ".toml");
    return path;
}

void write(const std::string& text) {
    std::ofstream(scratch(), std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    write(std::string(fuzz::as_text(data, size)));
    std::string shown;
    try {
        Config config = load_config(scratch());
        validate(config);
        shown = to_toml(config);
    } catch (const ConfigError&) {
        return 0;
    }
    write(shown);
    try {
        fuzz::check(to_toml(load_config(scratch())) == shown, "config --show reads back the same");
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        fuzz::check(false, "config --show output loads again");
    }
    std::error_code ignored;
    fs::remove(scratch(), ignored);
    return 0;
}

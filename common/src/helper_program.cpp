#include "thinkdex/common/helper_program.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace thinkdex {

std::string helper_program(std::string_view name, const char* env_var, std::string_view built) {
    namespace fs = std::filesystem;
    const char* set = std::getenv(env_var);
    if (set != nullptr && *set != '\0') return set;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path dir = self.parent_path();
        for (const fs::path& candidate : {dir / name, dir / THINKDEX_LIBEXEC_FROM_BINDIR / name}) {
            if (::access(candidate.c_str(), X_OK) == 0) return candidate.lexically_normal();
        }
    }
    return std::string(built);
}

}  // namespace thinkdex

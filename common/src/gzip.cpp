#include "thinkdex/common/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>

namespace thinkdex {

namespace {

Error gzip_error(std::string message) { return Error{"gzip", std::move(message)}; }

}  // namespace

bool is_gzip(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> gunzip(std::string_view bytes, std::size_t max_bytes) {
    if (!is_gzip(bytes)) return std::unexpected(gzip_error("not gzip data"));
    if (bytes.size() > std::numeric_limits<uInt>::max()) {
        return std::unexpected(gzip_error("more than 4 GiB of gzip data"));
    }
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        return std::unexpected(gzip_error("cannot initialise zlib"));
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    std::array<char, 64 * 1024> buffer{};
    auto fail = [&](std::string message) {
        inflateEnd(&zs);
        return std::unexpected(gzip_error(std::move(message)));
    };
    while (true) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
        zs.avail_out = static_cast<uInt>(buffer.size());
        int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            return fail(std::string("gzip data that does not inflate") +
                        (zs.msg ? std::string(" (zlib: ") + zs.msg + ")" : ""));
        }
        std::size_t produced = buffer.size() - zs.avail_out;
        if (out.size() + produced > max_bytes) {
            return fail("gzip data inflates to more than " + std::to_string(max_bytes) +
                        " bytes");
        }
        out.append(buffer.data(), produced);
        if (rc == Z_STREAM_END) {
            // Another member may follow (concatenated gzip files); anything else is ignored,
            // as gzip(1) ignores trailing zeros.
            std::string_view rest(reinterpret_cast<const char*>(zs.next_in), zs.avail_in);
            if (!is_gzip(rest)) break;
            inflateReset(&zs);
            continue;
        }
        // No progress possible: the input ended inside a member.
        if (zs.avail_in == 0 && produced == 0) return fail("truncated gzip data");
    }
    inflateEnd(&zs);
    return out;
}

}  // namespace thinkdex

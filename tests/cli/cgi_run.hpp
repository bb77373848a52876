#pragma once
// Runs thinkdex.cgi as a web server does: environment in, status, headers and body out.

#include <map>
#include <string>

#include "test_util.hpp"

namespace thinkdex::test {

struct CgiResponse {
    int exit_code = -1;
    std::string status;        // "200 OK"
    std::string headers;       // every header line
    std::string body;
    std::string err;
};

inline CgiResponse cgi(const std::map<std::string, std::string>& env) {
    auto r = run({bin("thinkdex.cgi").string()}, env);
    CgiResponse out;
    out.exit_code = r.exit_code;
    out.err = r.err;
    auto end = r.out.find("\r\n\r\n");
    if (end == std::string::npos) {
        out.body = r.out;
        return out;
    }
    out.headers = r.out.substr(0, end + 2);
    out.body = r.out.substr(end + 4);
    auto status = out.headers.find("Status: ");
    if (status != std::string::npos)
        out.status = out.headers.substr(status + 8, out.headers.find("\r\n", status) - status - 8);
    return out;
}

}  // namespace thinkdex::test

#pragma once
// What the extraction tests share: a page made of a head and a body, a paragraph long enough
// to be article text, and a check that extracted text is valid UTF-8.

#include <iconv.h>

#include <string>

namespace thinkdex::test {

inline bool valid_utf8(const std::string& s) {
    iconv_t cd = iconv_open("UTF-8", "UTF-8");
    std::string out(s.size() + 16, '\0');
    char* in = const_cast<char*>(s.data());
    std::size_t in_left = s.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    std::size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
    iconv_close(cd);
    return rc != static_cast<std::size_t>(-1) && in_left == 0;
}

inline std::string page(const std::string& head, const std::string& body) {
    return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

inline const std::string kLongPara =
    "The policy debate has moved from whether to act to how quickly, and the costs of delay "
    "are now measured in lost investment, higher bills and weaker security of supply.";

}  // namespace thinkdex::test

#include "fetcher.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include "thinkdex/common/ascii.hpp"
#include "thinkdex/common/error.hpp"
#include "thinkdex/common/gzip.hpp"

namespace thinkdex::crawler {

namespace {

// "Text/HTML; charset=utf-8" -> "text/html"
std::string media_type(const char* content_type) {
    if (!content_type) return {};
    std::string_view ct(content_type);
    return ascii_lower(ascii_trim(ct.substr(0, ct.find(';'))));
}

using Clock = std::chrono::steady_clock;

// One transfer in flight. Owned by Impl::transfers; the easy handle points back at it.
struct Transfer {
    FetchRequest request;
    CURL* easy = nullptr;
    Clock::time_point started = Clock::now();
    Clock::time_point last_byte{};  // of the answer; epoch until one arrived
    std::chrono::seconds read_timeout{0};
    curl_slist* header_list = nullptr;
    std::string headers;
    std::string body;
    std::size_t max_body = 0;
    std::size_t page_cap = 0;  // max_body once the body is known not to be a PDF; 0: keep it
    std::size_t pdf_cap = 0;   // max_body once it is known to be one
    bool type_checked = false;
    bool truncated = false;  // cut at max_body on purpose (FetchRequest::truncate)
    std::string abort_reason;  // set when a callback stopped the transfer on purpose
    std::string abort_detail;  // and why, for the log
    char error_buffer[CURL_ERROR_SIZE] = {};

    ~Transfer() {
        curl_slist_free_all(header_list);
        curl_easy_cleanup(easy);
    }
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t length = size * count;
    t->last_byte = Clock::now();
    std::string_view line(data, length);
    // Each response of a redirect chain starts with a status line: keep only the last block.
    if (line.starts_with("HTTP/")) {
        t->headers.clear();
        t->type_checked = false;
    }
    t->headers.append(line);
    return length;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::size_t length = size * count;
    t->last_byte = Clock::now();
    if (!t->type_checked) {
        t->type_checked = true;
        long status = 0;
        char* ct = nullptr;
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
        // Not downloading what we will not store saves the site's bandwidth and ours.
        if (!t->request.any_content_type && status / 100 == 2 && !is_page_type(media_type(ct))) {
            t->abort_reason = "content-type";
            t->abort_detail = ct ? media_type(ct) : "none";
            return 0;
        }
        if (t->page_cap != 0)
            t->max_body = ct && media_type(ct) == "application/pdf" ? t->pdf_cap : t->page_cap;
    }
    if (t->body.size() + length > t->max_body) {
        if (t->request.truncate) {
            t->body.append(data, t->max_body - t->body.size());
            t->truncated = true;
            return 0;  // ends the transfer; wait() reports it as an answer
        }
        t->abort_reason = "too-large";
        t->abort_detail = "body over " + std::to_string(t->max_body) + " bytes";
        return 0;
    }
    t->body.append(data, length);
    return length;
}

// libcurl has no first-byte timeout, and its low-speed limit also counts the connection
// time; this progress callback, which libcurl calls at least once a second, enforces both the
// wait for the first byte after the request was sent and the longest silence in a body.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    auto now = Clock::now();
    if (t->last_byte == Clock::time_point{}) {
        curl_off_t sent_after = 0;  // microseconds from start to the request being sent
        curl_easy_getinfo(t->easy, CURLINFO_PRETRANSFER_TIME_T, &sent_after);
        if (sent_after <= 0) return 0;  // still connecting: the connect timeout applies
        if (now - (t->started + std::chrono::microseconds(sent_after)) <= t->read_timeout) return 0;
        t->abort_reason = "timeout";
        t->abort_detail = "no answer within " + std::to_string(t->read_timeout.count()) +
                          " s of the request (first_byte_timeout_s)";
        return 1;
    }
    if (now - t->last_byte <= t->read_timeout) return 0;
    t->abort_reason = "timeout";
    t->abort_detail = "stalled: no data for " + std::to_string(t->read_timeout.count()) +
                      " s (first_byte_timeout_s)";
    return 1;
}

std::string error_reason(CURLcode code) {
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT: return "timeout";
        case CURLE_TOO_MANY_REDIRECTS: return "redirects";
        case CURLE_FILESIZE_EXCEEDED: return "too-large";
        case CURLE_COULDNT_RESOLVE_HOST: return "dns";
        case CURLE_COULDNT_CONNECT: return "connect";
        default: return "network";
    }
}

/// Undoes a 2xx answer's gzip Content-Encoding with the one bounded decoder (common/gzip.hpp),
/// so that what a page inflates to counts against `max_bytes` and a truncated stream is an
/// error; libcurl's own decoding stored such a stream as far as it inflated.
void decode_body(FetchResult& r, std::size_t max_bytes) {
    const std::string encoding = ascii_lower(r.header("Content-Encoding"));
    if (r.status / 100 != 2 || r.body.empty() || encoding.empty() || encoding == "identity")
        return;
    if (encoding != "gzip" && encoding != "x-gzip") {  // not asked for
        r.error = "content-encoding";
        r.error_message = "Content-Encoding '" + encoding + "' was not asked for";
    } else if (auto plain = gunzip(r.body, max_bytes); !plain) {
        const bool bomb = plain.error().message.find("inflates to more than") != std::string::npos;
        r.error = bomb ? "too-large" : "gzip";
        r.error_message = plain.error().message;
    } else {
        r.body = std::move(*plain);
        return;
    }
    r.body.clear();
}

}  // namespace

std::string FetchResult::header(std::string_view name) const {
    std::string wanted = ascii_lower(name);
    std::string value;
    std::size_t pos = 0;
    while (pos < headers.size()) {
        std::size_t end = headers.find('\n', pos);
        if (end == std::string::npos) end = headers.size();
        std::string_view line(headers.data() + pos, end - pos);
        pos = end + 1;
        auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        if (ascii_lower(ascii_trim(line.substr(0, colon))) == wanted) {
            value = ascii_trim(line.substr(colon + 1));
        }
    }
    return value;
}

bool FetchResult::retryable_error() const {
    return error == "timeout" || error == "connect" || error == "network" || error == "dns";
}

bool is_page_type(std::string_view content_type) {
    return content_type.empty() || content_type == "text/html" ||
           content_type == "application/xhtml+xml" || content_type == "application/pdf";
}

struct Fetcher::Impl {
    CURLM* multi = nullptr;
    std::string user_agent;
    CrawlConfig config;
    std::map<CURL*, std::unique_ptr<Transfer>> transfers;

    ~Impl() {
        for (auto& [easy, t] : transfers) curl_multi_remove_handle(multi, easy);
        transfers.clear();
        curl_multi_cleanup(multi);
    }
};

Fetcher::Fetcher(const CrawlConfig& config) : impl_(std::make_unique<Impl>()) {
    // Thread-safe since libcurl 7.84; Debian 12 has 7.88.
    static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (global != CURLE_OK) {
        throw Fatal(std::string("cannot initialise libcurl: ") + curl_easy_strerror(global));
    }
    impl_->multi = curl_multi_init();
    if (!impl_->multi) throw Fatal("cannot initialise libcurl: curl_multi_init failed");
    impl_->config = config;
    impl_->user_agent = config.user_agent_header();
    // The crawler never starts two transfers to one host; this makes sure libcurl does not
    // open a second connection to one either (e.g. a redirect onto a busy host).
    curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
}

Fetcher::~Fetcher() = default;

void Fetcher::start(FetchRequest request) {
    auto t = std::make_unique<Transfer>();
    t->request = std::move(request);
    // Until the Content-Type is known the larger of the page and PDF caps holds; on_body()
    // lowers it to the page cap for anything but a PDF.
    t->max_body = t->request.max_body_bytes
                      ? t->request.max_body_bytes
                      : std::max(impl_->config.max_body_bytes, impl_->config.max_pdf_bytes);
    t->page_cap = t->request.max_body_bytes ? 0 : impl_->config.max_body_bytes;
    t->pdf_cap = impl_->config.max_pdf_bytes;
    t->easy = curl_easy_init();
    if (!t->easy) throw Fatal("cannot initialise libcurl: curl_easy_init failed");
    CURL* e = t->easy;
    const CrawlConfig& c = impl_->config;
    curl_easy_setopt(e, CURLOPT_URL, t->request.url.c_str());
    curl_easy_setopt(e, CURLOPT_USERAGENT, impl_->user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, t->request.follow_redirects ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, static_cast<long>(c.max_redirects));
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::chrono::milliseconds(c.connect_timeout).count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(std::chrono::milliseconds(c.timeout).count()));
    t->read_timeout = c.first_byte_timeout;
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, t.get());
    // gzip, decoded in wait() by decode_body(), not by libcurl (which it is told not to do).
    curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    if (!t->request.truncate)  // a body cut at the cap on purpose would not inflate
        t->header_list = curl_slist_append(t->header_list, "Accept-Encoding: gzip");
    // A declared length over the cap fails before the body; not wanted when it is cut instead.
    if (!t->request.truncate) {
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->max_body));
    }
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    for (const auto& h : t->request.headers) t->header_list = curl_slist_append(t->header_list, h.c_str());
    if (t->header_list) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->header_list);
    if (curl_multi_add_handle(impl_->multi, e) != CURLM_OK) {
        throw Fatal("cannot start a transfer with libcurl for '" + t->request.url + "'");
    }
    impl_->transfers.emplace(e, std::move(t));
}

std::vector<FetchResult> Fetcher::wait(std::chrono::milliseconds max_wait) {
    std::vector<FetchResult> done;
    auto collect = [&] {
        int running = 0;
        curl_multi_perform(impl_->multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(impl_->multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            auto it = impl_->transfers.find(msg->easy_handle);
            if (it == impl_->transfers.end()) continue;
            Transfer& t = *it->second;
            FetchResult r;
            r.id = t.request.id;
            r.url = t.request.url;
            CURLcode code = msg->data.result;
            curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &r.status);
            char* final_url = nullptr;
            curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &final_url);
            r.final_url = final_url ? final_url : t.request.url;
            char* redirect = nullptr;
            curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &redirect);
            if (redirect && code == CURLE_OK) r.redirect_url = redirect;
            char* ct = nullptr;
            curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &ct);
            r.content_type = media_type(ct);
            r.truncated = t.truncated;
            if (code != CURLE_OK && !t.truncated) {
                r.error = t.abort_reason.empty() ? error_reason(code) : t.abort_reason;
                r.error_message = !t.abort_detail.empty() ? t.abort_detail
                                  : t.error_buffer[0]      ? t.error_buffer
                                                           : curl_easy_strerror(code);
            }
            r.headers = std::move(t.headers);
            r.body = std::move(t.body);
            if (r.error.empty()) decode_body(r, t.max_body);
            done.push_back(std::move(r));
            curl_multi_remove_handle(impl_->multi, t.easy);
            impl_->transfers.erase(it);
        }
    };
    collect();
    if (!done.empty()) return done;
    curl_multi_poll(impl_->multi, nullptr, 0, static_cast<int>(max_wait.count()), nullptr);
    collect();
    return done;
}

std::size_t Fetcher::active() const { return impl_->transfers.size(); }

}  // namespace thinkdex::crawler

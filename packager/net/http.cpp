#include "net/http.hpp"

#include "util/error.hpp"

#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace evpack::net {

namespace {

constexpr std::size_t max_response = 1 << 20;

struct Received
{
    std::string body;
    bool too_big = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* r = static_cast<Received*>(user);
    std::size_t n = size * count;
    if (r->body.size() + n > max_response) {
        r->too_big = true;
        return 0; // aborts the transfer
    }
    r->body.append(data, n);
    return n;
}

using EasyPtr = std::unique_ptr<CURL, void (*)(CURL*)>;
using ListPtr = std::unique_ptr<curl_slist, void (*)(curl_slist*)>;

} // namespace

std::string post(const std::string& url, const std::string& content_type, const std::string& body, const std::string& accept)
{
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    EasyPtr curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        throw IoError(Position{url}, "cannot start an HTTP request");
    }
    curl_slist* list = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
    list = curl_slist_append(list, ("Accept: " + accept).c_str());
    ListPtr headers(list, curl_slist_free_all);
    Received received;
    char error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_USERAGENT, "evpack/" EVPACK_VERSION);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(c);
    if (received.too_big) {
        throw IoError(Position{url}, "the answer is larger than 1 MiB");
    }
    if (rc != CURLE_OK) {
        throw IoError(Position{url}, std::string("cannot reach: ") + (*error ? error : curl_easy_strerror(rc)));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) {
        throw IoError(Position{url}, "answered HTTP " + std::to_string(status));
    }
    const char* type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    if (!type || std::string(type).rfind(accept, 0) != 0) {
        throw IoError(Position{url}, "answered with " + std::string(type ? type : "no content type") + ", not " + accept);
    }
    return received.body;
}

} // namespace evpack::net

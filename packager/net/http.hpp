#pragma once

// The only user of libcurl: evpack reaches the network only for a URL the user gives (a
// time-stamping authority, build --tsa).

#include <string>

namespace evpack::net {

// POSTs body to url (http or https) as content_type and returns the response body. Fails, with
// an IoError naming the URL, on a connection problem, an HTTP status other than 200, a response
// of another type than accept, more than 1 MiB, or no answer within 60 seconds.
std::string post(const std::string& url, const std::string& content_type, const std::string& body, const std::string& accept);

} // namespace evpack::net

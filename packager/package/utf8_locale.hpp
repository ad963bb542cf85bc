#pragma once

// Internal to package/: libarchive converts entry names through the thread's LC_CTYPE. Under the
// C locale it yields no name for non-ASCII ones when reading, and crashes in the pax writer.

#include <locale.h>

namespace evpack::package {

// Switches the calling thread to C.UTF-8 for a scope; the process locale is left alone.
class Utf8Locale
{
public:
    Utf8Locale()
    {
        static locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
        m_previous = utf8 ? uselocale(utf8) : static_cast<locale_t>(nullptr);
    }
    ~Utf8Locale()
    {
        if (m_previous) {
            uselocale(m_previous);
        }
    }
    Utf8Locale(const Utf8Locale&) = delete;
    Utf8Locale& operator=(const Utf8Locale&) = delete;

private:
    locale_t m_previous;
};

} // namespace evpack::package

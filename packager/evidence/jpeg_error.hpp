#pragma once

// libjpeg's errors as evpack's JPEG readers take them: the message is kept and the reader
// longjmps back to its setjmp (libjpeg's default handler would exit the process); warnings are
// silenced. Everything with a destructor must exist before the setjmp.

#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>

namespace evpack::evidence {

struct JpegError
{
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

inline void jpeg_error_exit(j_common_ptr cinfo)
{
    auto* err = reinterpret_cast<JpegError*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

inline void jpeg_silence(j_common_ptr, int) {}

// Installs err as cinfo's error manager; call before jpeg_create_decompress.
inline void use_jpeg_error(jpeg_decompress_struct& cinfo, JpegError& err)
{
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_error_exit;
    err.mgr.emit_message = jpeg_silence;
}

} // namespace evpack::evidence

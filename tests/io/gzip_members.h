// One gzip member made from bytes, and the bytes of one member, with zlib directly: how the
// tests and the recovery fuzzer build damaged multi-member files from real ones, independently
// of the io/ code under test.
#ifndef TAMIS_TESTS_IO_GZIP_MEMBERS_H_
#define TAMIS_TESTS_IO_GZIP_MEMBERS_H_

#include <zlib.h>

#include <string>
#include <string_view>

namespace tamis::testing {

inline std::string Gzip(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The decompressed bytes of the first member of `member` (up to the damage, if any).
inline std::string Gunzip(std::string_view member) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  std::string out;
  char buf[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(member.data()));
  z.avail_in = static_cast<uInt>(member.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  }
  inflateEnd(&z);
  return out;
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_IO_GZIP_MEMBERS_H_

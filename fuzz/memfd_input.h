// Fuzz inputs reach the readers through a real file descriptor (memfd), so the fuzzers
// exercise the same open/sniff/decompress path as `tamis` on disk.
#ifndef TAMIS_FUZZ_MEMFD_INPUT_H_
#define TAMIS_FUZZ_MEMFD_INPUT_H_

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <string>

namespace tamis::fuzz {

class MemfdInput {
 public:
  MemfdInput(const uint8_t* data, size_t size) : fd_(::memfd_create("tamis-fuzz", 0)) {
    size_t done = 0;
    while (fd_ >= 0 && done < size) {
      ssize_t w = ::write(fd_, data + done, size - done);
      if (w <= 0) break;
      done += static_cast<size_t>(w);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemfdInput() {
    if (fd_ >= 0) ::close(fd_);
  }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

}  // namespace tamis::fuzz

#endif  // TAMIS_FUZZ_MEMFD_INPUT_H_

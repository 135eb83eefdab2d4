#include "io/temp_file_registry.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace tamis {
namespace {

std::atomic<const char*> slots[kMaxTempFiles];

void CleanUpAndDie(int signal_number) {
  for (auto& slot : slots) {
    if (const char* path = slot.load(std::memory_order_acquire)) ::unlink(path);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

}  // namespace

int RegisterTempFile(const std::string& path) {
  // Deliberately never freed: see the header.
  const char* copy = ::strdup(path.c_str());
  if (!copy) return -1;
  for (int i = 0; i < kMaxTempFiles; ++i) {
    const char* expected = nullptr;
    if (slots[i].compare_exchange_strong(expected, copy, std::memory_order_acq_rel)) return i;
  }
  return -1;
}

void UnregisterTempFile(int slot) {
  if (slot >= 0 && slot < kMaxTempFiles) slots[slot].store(nullptr, std::memory_order_release);
}

void InstallTempFileCleanup() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction action;
    std::memset(&action, 0, sizeof(action));
    action.sa_handler = &CleanUpAndDie;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace tamis

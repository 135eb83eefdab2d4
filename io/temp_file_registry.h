// TempFileRegistry: the temporary files of this process that a fatal signal must not leave
// behind.
//
// Every OutputFile registers its temporary path while it is open. InstallTempFileCleanup()
// (called once by the CLI) makes SIGINT, SIGTERM and SIGHUP unlink every registered path, then
// die of the same signal as before, so an interrupted run leaves neither a half-written output
// nor a temporary file, and its exit status still says which signal ended it. (SIGKILL cannot
// be caught; a rerun removes what it leaves, runner.h.)
//
// Async-signal safety: the handler only reads atomic pointers and calls unlink(2), signal(2)
// and raise(3). Registered paths are never freed (a few dozen bytes per output file), so the
// handler never reads freed memory; slots are reused. At most kMaxTempFiles are tracked at once:
// beyond that a file is simply not cleaned by a signal. Thread-safe.
#ifndef TAMIS_IO_TEMP_FILE_REGISTRY_H_
#define TAMIS_IO_TEMP_FILE_REGISTRY_H_

#include <string>

namespace tamis {

inline constexpr int kMaxTempFiles = 4096;

// Returns a slot for UnregisterTempFile, or -1 when all slots are taken.
int RegisterTempFile(const std::string& path);
void UnregisterTempFile(int slot);

void InstallTempFileCleanup();

}  // namespace tamis

#endif  // TAMIS_IO_TEMP_FILE_REGISTRY_H_

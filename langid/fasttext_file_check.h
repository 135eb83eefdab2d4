// CheckFastTextFile: walks the layout of a fastText model file and checks that every size it
// declares fits in the file, before libfasttext reads it.
//
// libfasttext trusts the file: a dictionary word cut by the end of the file is read one EOF
// character at a time forever, and a matrix size from damaged bytes is allocated whole. So a
// truncated or corrupt model would grow memory without bound instead of failing. The layout
// walked here is fastText 0.9's (args.cc, dictionary.cc, densematrix.cc, quantmatrix.cc,
// productquantizer.cc), after the magic number and version the caller has already read:
//   args        12 int32 + 1 double
//   dictionary  int32 size, nwords, nlabels; int64 ntokens, pruneidx_size;
//               size x (NUL-terminated word, int64 count, int8 type); pruneidx_size x 2 int32
//   input       bool quantized; dense or quantized matrix
//   qout        bool; output matrix (quantized only when qout and the input is)
// Reads `in` from its current position; leaves it anywhere (the caller seeks back).
#ifndef TAMIS_LANGID_FASTTEXT_FILE_CHECK_H_
#define TAMIS_LANGID_FASTTEXT_FILE_CHECK_H_

#include <cstdint>
#include <istream>
#include <string>

#include "pipeline/status.h"

namespace tamis::langid {

// OK when the layout from the current position of `in` fits in `file_size` bytes; kCorruption
// naming `path` and what does not fit otherwise.
Status CheckFastTextFile(const std::string& path, std::istream& in, uint64_t file_size);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_FASTTEXT_FILE_CHECK_H_

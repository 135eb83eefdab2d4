// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex. Used to pin the exact tokenizer a
// set of token shards was made with (the manifest records it), so it must be the standard
// digest that `sha256sum` prints for the same file. Pure function: thread-safe.
#ifndef TAMIS_TOKENIZE_SHA256_H_
#define TAMIS_TOKENIZE_SHA256_H_

#include <string>
#include <string_view>

namespace tamis {

std::string Sha256Hex(std::string_view data);

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_SHA256_H_

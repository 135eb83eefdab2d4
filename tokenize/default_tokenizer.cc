#include "tokenize/default_tokenizer.h"

// The model file's bytes become a read-only symbol pair. `.incbin` keeps the 0.5 MB model out of
// the C++ front end (a char array literal of that size compiles slowly); CMake passes the
// path and makes this object depend on the file.
#ifndef TAMIS_DEFAULT_TOKENIZER_PATH
#error "TAMIS_DEFAULT_TOKENIZER_PATH must name models/tamis-default.model"
#endif

asm(".section .rodata\n"
    ".balign 16\n"
    ".global tamis_default_tokenizer_begin\n"
    "tamis_default_tokenizer_begin:\n"
    ".incbin \"" TAMIS_DEFAULT_TOKENIZER_PATH
    "\"\n"
    ".global tamis_default_tokenizer_end\n"
    "tamis_default_tokenizer_end:\n"
    ".previous\n");

extern "C" const char tamis_default_tokenizer_begin[];
extern "C" const char tamis_default_tokenizer_end[];

namespace tamis {

std::string_view DefaultTokenizerModel() {
  return std::string_view(
      tamis_default_tokenizer_begin,
      static_cast<size_t>(tamis_default_tokenizer_end - tamis_default_tokenizer_begin));
}

Result<std::unique_ptr<Tokenizer>> LoadTokenizer(const std::string& model,
                                                 TokenizerOptions options) {
  if (model.empty() || model == kDefaultTokenizerName) {
    return Tokenizer::LoadSerialized(DefaultTokenizerModel(), std::string(kDefaultTokenizerName),
                                     options);
  }
  return Tokenizer::Load(model, options);
}

}  // namespace tamis

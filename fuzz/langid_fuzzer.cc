// Fuzzes the langid code that sees raw document bytes or user files before any model does:
// text preparation (normalisation, sampling), ICU script detection, threshold-file parsing and
// label splitting. Needs tamis_langid (and tamis_pipeline).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "langid/label_mapper.h"
#include "langid/script_detector.h"
#include "langid/text_preparer.h"
#include "langid/threshold_table.h"
#include "pipeline/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  tamis::langid::PrepareOptions options = tamis::langid::PrepareOptions::Normalizing();
  options.max_bytes = size > 0 ? 1 + data[0] * 4 : 0;
  std::string out;
  tamis::langid::PrepareText(input, options, &out);
  TAMIS_CHECK(options.max_bytes == 0 ||
              out.size() <= options.max_bytes + tamis::langid::kSampleWindows);
  TAMIS_CHECK(out.find('\n') == std::string::npos);
  std::string script = tamis::langid::DominantScript(input);
  TAMIS_CHECK_EQ(script.size(), 4u);
  auto table = tamis::langid::ThresholdTable::Parse(input, "fuzz");
  if (table.ok()) {
    double t = table->For("fra_Latn");
    TAMIS_CHECK(t >= 0 && t <= 1);
  }
  auto mapped = tamis::langid::MapModelLabel(input);
  (void)mapped;
  return 0;
}

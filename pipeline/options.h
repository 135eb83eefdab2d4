// Options: typed, checked access to a stage's or command's options (a Value object).
//
// Options come from a pipeline YAML (`- stage: langid\n  min_score: 0.5`) or from CLI flags
// turned into the same Value shape, so one reader serves both. Every getter records the key
// it read; Finish() then rejects keys nobody read, so a misspelt option is an error naming the
// stage and the key instead of being silently ignored. Errors accumulate: the first is kept.
//
//   Options opts(config, "langid");
//   double min_score = opts.Number("min_score", 0.0);
//   std::vector<std::string> keep = opts.StringList("languages");
//   TAMIS_RETURN_IF_ERROR(opts.Finish());
#ifndef TAMIS_PIPELINE_OPTIONS_H_
#define TAMIS_PIPELINE_OPTIONS_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

class Options {
 public:
  // `where` names the owner in error messages ("stage langid"). `config` must outlive this.
  Options(const Value& config, std::string where);

  bool Has(std::string_view key) const;
  std::string String(std::string_view key, std::string_view fallback = {});
  // Required string: an error when absent.
  std::string RequiredString(std::string_view key);
  double Number(std::string_view key, double fallback);
  int64_t Int(std::string_view key, int64_t fallback);
  bool Bool(std::string_view key, bool fallback);
  // A list of strings; a single string is accepted as a one-element list.
  std::vector<std::string> StringList(std::string_view key);
  // The raw value (nullptr when absent), for nested options.
  const Value* Raw(std::string_view key);

  // OK when every getter succeeded and no unknown key is present.
  Status Finish() const;

 private:
  const Value* Lookup(std::string_view key);
  void Fail(std::string message);

  const Value& config_;
  std::string where_;
  std::set<std::string, std::less<>> read_;
  Status status_;
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_OPTIONS_H_

#include "pipeline/yaml.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <new>

namespace tamis {
namespace {

Value ScalarValue(const std::string& s, bool quoted) {
  if (quoted) return Value(s);
  if (s == "true" || s == "True" || s == "yes") return Value(true);
  if (s == "false" || s == "False" || s == "no") return Value(false);
  if (s == "null" || s == "~" || s.empty()) return Value();
  int64_t i = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (ec == std::errc() && p == s.data() + s.size()) return Value(i);
  double d = 0;
  auto [pd, ecd] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ecd == std::errc() && pd == s.data() + s.size()) return Value(d);
  return Value(s);
}

class Converter {
 public:
  explicit Converter(const std::string& where) : where_(where) {}

  Result<Value> Convert(const YAML::Node& node) {
    if (++values_ > kMaxYamlValues) {
      return Status::InvalidArgument(where_ + ": expands to more than " +
                                     std::to_string(kMaxYamlValues) +
                                     " values (aliases nested too deep?)");
    }
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined: return Value();
      case YAML::NodeType::Scalar: return ScalarValue(node.Scalar(), node.Tag() == "!");
      case YAML::NodeType::Sequence: {
        Value::Array arr;
        for (const auto& item : node) {
          TAMIS_ASSIGN_OR_RETURN(Value v, Convert(item));
          arr.push_back(std::move(v));
        }
        return Value(std::move(arr));
      }
      case YAML::NodeType::Map: {
        Value obj = Value::EmptyObject();
        for (const auto& kv : node) {
          const std::string key = kv.first.as<std::string>();
          if (obj.Find(key)) {
            return Status::InvalidArgument(where_ + ": key '" + key + "' appears twice (line " +
                                           std::to_string(kv.first.Mark().line + 1) + ")");
          }
          TAMIS_ASSIGN_OR_RETURN(Value v, Convert(kv.second));
          obj.Set(key, std::move(v));
        }
        return obj;
      }
    }
    return Value();
  }

 private:
  const std::string& where_;
  uint64_t values_ = 0;
};

}  // namespace

Result<Value> ParseYaml(const std::string& text, const std::string& where) {
  try {
    Converter converter(where);
    return converter.Convert(YAML::Load(text));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(where + ": invalid YAML: " + e.what());
  } catch (const std::bad_alloc&) {
    return Status::InvalidArgument(where + ": YAML too large to hold in memory");
  }
}

}  // namespace tamis

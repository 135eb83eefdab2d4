#include "pipeline/value.h"

namespace tamis {

const Value* Value::Find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, v] : as_object()) {
    if (k == key) return &v;
  }
  return nullptr;
}

Value* Value::Find(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Find(key));
}

void Value::Set(std::string_view key, Value value) {
  if (is_null()) v_ = Object{};
  if (Value* existing = Find(key)) {
    *existing = std::move(value);
    return;
  }
  as_object().emplace_back(std::string(key), std::move(value));
}

bool Value::Erase(std::string_view key) {
  if (!is_object()) return false;
  auto& obj = as_object();
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it->first == key) {
      obj.erase(it);
      return true;
    }
  }
  return false;
}

std::string_view Value::GetString(std::string_view key, std::string_view fallback) const {
  const Value* v = Find(key);
  return v && v->is_string() ? std::string_view(v->as_string()) : fallback;
}

}  // namespace tamis

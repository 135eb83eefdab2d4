#include "pipeline/options.h"

#include <cmath>

namespace tamis {

Options::Options(const Value& config, std::string where)
    : config_(config), where_(std::move(where)) {
  if (!config_.is_null() && !config_.is_object()) Fail("options must be a mapping");
}

bool Options::Has(std::string_view key) const {
  return config_.Find(key) != nullptr;
}

const Value* Options::Lookup(std::string_view key) {
  read_.emplace(key);
  const Value* v = config_.Find(key);
  return v && !v->is_null() ? v : nullptr;
}

void Options::Fail(std::string message) {
  if (status_.ok()) status_ = Status::InvalidArgument(where_ + ": " + message);
}

std::string Options::String(std::string_view key, std::string_view fallback) {
  const Value* v = Lookup(key);
  if (!v) return std::string(fallback);
  if (v->is_string()) return v->as_string();
  if (v->is_int()) return std::to_string(v->as_int());
  Fail("option '" + std::string(key) + "' must be a string");
  return std::string(fallback);
}

std::string Options::RequiredString(std::string_view key) {
  if (!Lookup(key)) {
    Fail("option '" + std::string(key) + "' is required");
    return {};
  }
  return String(key);
}

double Options::Number(std::string_view key, double fallback) {
  const Value* v = Lookup(key);
  if (!v) return fallback;
  if (v->is_number()) return v->as_number();
  Fail("option '" + std::string(key) + "' must be a number");
  return fallback;
}

int64_t Options::Int(std::string_view key, int64_t fallback) {
  const Value* v = Lookup(key);
  if (!v) return fallback;
  if (v->is_int()) return v->as_int();
  if (v->is_double() && std::floor(v->as_number()) == v->as_number()) {
    return static_cast<int64_t>(v->as_number());
  }
  Fail("option '" + std::string(key) + "' must be an integer");
  return fallback;
}

bool Options::Bool(std::string_view key, bool fallback) {
  const Value* v = Lookup(key);
  if (!v) return fallback;
  if (v->is_bool()) return v->as_bool();
  Fail("option '" + std::string(key) + "' must be true or false");
  return fallback;
}

std::vector<std::string> Options::StringList(std::string_view key) {
  const Value* v = Lookup(key);
  std::vector<std::string> out;
  if (!v) return out;
  if (v->is_string()) {
    out.push_back(v->as_string());
    return out;
  }
  if (!v->is_array()) {
    Fail("option '" + std::string(key) + "' must be a list of strings");
    return out;
  }
  for (const Value& item : v->as_array()) {
    if (!item.is_string()) {
      Fail("option '" + std::string(key) + "' must be a list of strings");
      return {};
    }
    out.push_back(item.as_string());
  }
  return out;
}

const Value* Options::Raw(std::string_view key) {
  return Lookup(key);
}

Status Options::Finish() const {
  if (!status_.ok()) return status_;
  if (config_.is_object()) {
    for (const auto& [k, v] : config_.as_object()) {
      if (!read_.count(k)) {
        return Status::InvalidArgument(where_ + ": unknown option '" + k + "'");
      }
    }
  }
  return Status::Ok();
}

}  // namespace tamis

// Value: the typed metadata of a document, a JSON value that keeps key order.
//
// Metadata round-trips through JSONL unchanged (key order, integers vs reals), so a tamis stage
// that does not touch a field never rewrites it. Objects are small (a handful of keys), so
// they are vectors of pairs searched linearly: cheaper than a map at this size, and ordered.
// A Value is a plain value type: copyable, movable, thread-compatible.
#ifndef TAMIS_PIPELINE_VALUE_H_
#define TAMIS_PIPELINE_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tamis {

class Value {
 public:
  using Array = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;
  enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

  Value() = default;                                  // null
  Value(bool b) : v_(b) {}                            // NOLINT
  Value(int i) : v_(static_cast<int64_t>(i)) {}       // NOLINT
  Value(int64_t i) : v_(i) {}                         // NOLINT
  Value(uint64_t i) : v_(static_cast<int64_t>(i)) {}  // NOLINT
  Value(double d) : v_(d) {}                          // NOLINT
  Value(std::string s) : v_(std::move(s)) {}          // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}   // NOLINT
  Value(const char* s) : v_(std::string(s)) {}        // NOLINT
  Value(Array a) : v_(std::move(a)) {}                // NOLINT
  Value(Object o) : v_(std::move(o)) {}               // NOLINT

  static Value EmptyObject() { return Value(Object{}); }
  static Value EmptyArray() { return Value(Array{}); }

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_double() const { return type() == Type::kDouble; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_object() const { return type() == Type::kObject; }

  // Accessors require the matching type (a bug otherwise: std::get throws and terminates).
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  // Numbers of either kind as double.
  double as_number() const {
    return is_int() ? static_cast<double>(as_int()) : std::get<double>(v_);
  }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  std::string& as_string() { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  // Object access. Find returns nullptr when absent or when this is not an object.
  const Value* Find(std::string_view key) const;
  Value* Find(std::string_view key);
  // Replaces the key's value or appends it; turns a null into an object first.
  void Set(std::string_view key, Value value);
  // Removes the key if present; returns whether it was.
  bool Erase(std::string_view key);
  // String field or fallback when absent / not a string.
  std::string_view GetString(std::string_view key, std::string_view fallback = {}) const;

  bool operator==(const Value& other) const { return v_ == other.v_; }

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> v_;
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_VALUE_H_

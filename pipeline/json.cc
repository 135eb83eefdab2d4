#include "pipeline/json.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>

namespace tamis {

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run_start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run_start, s.size() - run_start);
  out->push_back('"');
}

void AppendJsonNumber(double d, std::string* out) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), d);
  std::string_view text(buf, p - buf);
  out->append(text);
  // Keep a double recognisable as one on the way back in.
  if (text.find_first_of(".eE") == std::string_view::npos && text != "inf") out->append(".0");
}

namespace {

void Indent(std::string* out, int indent, int depth) {
  if (indent <= 0) return;
  out->push_back('\n');
  out->append(static_cast<size_t>(indent * depth), ' ');
}

void Append(const Value& v, std::string* out, int indent, int depth) {
  switch (v.type()) {
    case Value::Type::kNull: out->append("null"); break;
    case Value::Type::kBool: out->append(v.as_bool() ? "true" : "false"); break;
    case Value::Type::kInt: out->append(std::to_string(v.as_int())); break;
    case Value::Type::kDouble: AppendJsonNumber(v.as_number(), out); break;
    case Value::Type::kString: AppendJsonString(v.as_string(), out); break;
    case Value::Type::kArray: {
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.as_array()) {
        if (!first) out->push_back(',');
        first = false;
        Indent(out, indent, depth + 1);
        Append(item, out, indent, depth + 1);
      }
      if (!v.as_array().empty()) Indent(out, indent, depth);
      out->push_back(']');
      break;
    }
    case Value::Type::kObject: {
      out->push_back('{');
      bool first = true;
      for (const auto& [k, item] : v.as_object()) {
        if (!first) out->push_back(',');
        first = false;
        Indent(out, indent, depth + 1);
        AppendJsonString(k, out);
        out->append(indent > 0 ? ": " : ":");
        Append(item, out, indent, depth + 1);
      }
      if (!v.as_object().empty()) Indent(out, indent, depth);
      out->push_back('}');
      break;
    }
  }
}

Result<Value> Convert(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return Value();
    case simdjson::dom::element_type::BOOL: return Value(bool(e.get_bool().value()));
    case simdjson::dom::element_type::INT64: return Value(int64_t(e.get_int64().value()));
    case simdjson::dom::element_type::UINT64: {
      uint64_t u = e.get_uint64().value();
      if (u > uint64_t(INT64_MAX)) return Value(static_cast<double>(u));
      return Value(static_cast<int64_t>(u));
    }
    case simdjson::dom::element_type::DOUBLE: return Value(double(e.get_double().value()));
    case simdjson::dom::element_type::STRING:
      return Value(std::string_view(e.get_string().value()));
    case simdjson::dom::element_type::ARRAY: {
      // Named, not temporary: simdjson's iterators point into the array/object view, and
      // GCC 12 at -O2 destroys a temporary view before the loop ends.
      simdjson::dom::array array;
      if (e.get_array().get(array)) return Status::Internal("JSON array expected");
      Value::Array arr;
      for (simdjson::dom::element item : array) {
        TAMIS_ASSIGN_OR_RETURN(Value v, Convert(item));
        arr.push_back(std::move(v));
      }
      return Value(std::move(arr));
    }
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object;
      if (e.get_object().get(object)) return Status::Internal("JSON object expected");
      Value obj = Value::EmptyObject();
      for (auto field : object) {
        TAMIS_ASSIGN_OR_RETURN(Value v, Convert(field.value));
        obj.as_object().emplace_back(std::string(field.key), std::move(v));
      }
      return obj;
    }
  }
  return Status::Internal("unknown JSON element type");
}

}  // namespace

void AppendJson(const Value& v, std::string* out, int indent) {
  Append(v, out, indent, 0);
}

std::string ToJson(const Value& v, int indent) {
  std::string out;
  AppendJson(v, &out, indent);
  return out;
}

struct JsonParser::Impl {
  simdjson::dom::parser parser;
  std::string padded;  // The text plus simdjson's required padding.
};

JsonParser::JsonParser() : impl_(std::make_unique<Impl>()) {}
JsonParser::~JsonParser() = default;

Result<Value> JsonParser::Parse(std::string_view text) {
  impl_->padded.assign(text);
  impl_->padded.append(simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  auto error = impl_->parser.parse(impl_->padded.data(), text.size(), false).get(root);
  if (error) {
    return Status::Corruption(std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  return Convert(root);
}

Result<Value> ParseJson(std::string_view text) {
  JsonParser parser;
  return parser.Parse(text);
}

}  // namespace tamis

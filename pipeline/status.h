// Status and Result<T>: how a tamis run reports that it cannot go on.
//
// Three tiers of failure exist in tamis, and only the middle one uses this file:
//   - a bad *document* (malformed record, invalid UTF-8, a filter's verdict) is a drop with a
//     reason, counted in the stats; it is never a Status;
//   - a failed *run* (missing input, unreadable model, bad option, full disk) is a non-OK
//     Status or Result<T>, carried up to the CLI, which prints it and exits non-zero;
//   - a *bug* is a TAMIS_CHECK, which aborts and prints the values involved.
// A user error (kInvalidArgument, kNotFound, kCorruption) and an environment failure (kIoError)
// are kept apart so the CLI can say which one it was. No exception crosses a tamis interface:
// adapters around throwing libraries (fastText, yaml-cpp) catch and convert.
//
// Status is a small value type: OK costs one null pointer. Thread-compatible, like any value.
#ifndef TAMIS_PIPELINE_STATUS_H_
#define TAMIS_PIPELINE_STATUS_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tamis {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // The user asked for something impossible (bad flag, bad config value).
  kNotFound,            // A named input, model or config file does not exist.
  kCorruption,          // A file exists but its content cannot be used (bad model, bad header).
  kIoError,             // The operating system refused (permissions, full disk, short write).
  kInternal,            // A library reported a failure tamis did not anticipate.
  kFailedPrecondition,  // The run cannot start as asked (a step before its phase finished,
                        // an output directory that holds another run).
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK.
  Status(StatusCode code, std::string message)
      : state_(std::make_shared<const State>(State{code, std::move(message)})) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  const std::string& message() const {
    static const std::string kEmpty;
    return state_ ? state_->message : kEmpty;
  }
  // "not found: models/lid.176.ftz: No such file or directory".
  std::string ToString() const;

  // Returns a Status with `context` prepended ("reading x.warc.gz: ..."), unless the message
  // already starts with it.
  Status WithContext(std::string_view context) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  // Shared so that copying a Status never allocates; the state is immutable.
  std::shared_ptr<const State> state_;
};

// A value or a non-OK Status. Access to value() on an error is a bug and aborts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design.
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) {
      std::fprintf(stderr, "tamis: bug: Result constructed from an OK Status\n");
      std::abort();
    }
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    CheckOk();
    return *value_;
  }
  const T& value() const& {
    CheckOk();
    return *value_;
  }
  T&& value() && {
    CheckOk();
    return std::move(*value_);
  }
  T* operator->() {
    CheckOk();
    return &*value_;
  }
  const T* operator->() const {
    CheckOk();
    return &*value_;
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  void CheckOk() const {
    if (!value_) {
      std::fprintf(stderr, "tamis: bug: value() on error Result: %s\n", status_.ToString().c_str());
      std::abort();
    }
  }
  Status status_;
  std::optional<T> value_;
};

}  // namespace tamis

// Returns early from the enclosing function when `expr` is not OK.
#define TAMIS_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::tamis::Status tamis_status_ = (expr);        \
    if (!tamis_status_.ok()) return tamis_status_; \
  } while (0)

#define TAMIS_CONCAT_INNER_(a, b) a##b
#define TAMIS_CONCAT_(a, b) TAMIS_CONCAT_INNER_(a, b)
// TAMIS_ASSIGN_OR_RETURN(auto x, MakeX()): binds the value or returns the error.
#define TAMIS_ASSIGN_OR_RETURN(lhs, expr)                   \
  auto TAMIS_CONCAT_(tamis_result_, __LINE__) = (expr);     \
  if (!TAMIS_CONCAT_(tamis_result_, __LINE__).ok())         \
    return TAMIS_CONCAT_(tamis_result_, __LINE__).status(); \
  lhs = std::move(TAMIS_CONCAT_(tamis_result_, __LINE__)).value()

#endif  // TAMIS_PIPELINE_STATUS_H_

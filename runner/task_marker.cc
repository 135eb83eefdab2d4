#include "runner/task_marker.h"

#include <algorithm>
#include <filesystem>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "pipeline/value.h"

namespace tamis {
namespace {

Value StringList(const std::vector<std::string>& items) {
  Value list = Value::EmptyArray();
  for (const std::string& item : items) list.as_array().emplace_back(item);
  return list;
}

std::vector<std::string> StringsOf(const Value* list) {
  std::vector<std::string> out;
  if (!list || !list->is_array()) return out;
  for (const Value& v : list->as_array()) out.emplace_back(v.is_string() ? v.as_string() : "");
  return out;
}

int64_t IntOf(const Value& v, std::string_view key) {
  const Value* field = v.Find(key);
  return field && field->is_int() ? field->as_int() : -1;
}

}  // namespace

Result<MarkerState> CheckTaskMarker(const std::string& path, const TaskIdentity& identity) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return MarkerState::kAbsent;
  TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  Result<Value> marker = ParseJson(text);
  const std::string where = path + ": this output holds another run: ";
  const std::string advice = "; give a new output directory, or remove the old one";
  if (!marker.ok() || !marker->is_object()) {
    return Status::FailedPrecondition(where + "its marker is not one this tamis writes" + advice);
  }
  if (IntOf(*marker, "tasks") != identity.tasks) {
    return Status::FailedPrecondition(
        where + "it ran with " + std::to_string(IntOf(*marker, "tasks")) +
        " tasks, this run asks for " + std::to_string(identity.tasks) + advice);
  }
  if (IntOf(*marker, "task") != identity.task || IntOf(*marker, "phase") != identity.phase) {
    return Status::FailedPrecondition(where + "the marker names another task or phase" + advice);
  }
  if (StringsOf(marker->Find("stages")) != identity.stages) {
    return Status::FailedPrecondition(where + "it ran other stages" + advice);
  }
  const std::vector<std::string> inputs = StringsOf(marker->Find("inputs"));
  if (inputs != identity.inputs) {
    std::string differs;
    for (const std::string& f : identity.inputs) {
      if (std::find(inputs.begin(), inputs.end(), f) == inputs.end()) {
        differs = "input " + f + " is new";
        break;
      }
    }
    if (differs.empty()) differs = "its task read other input files";
    return Status::FailedPrecondition(where + differs + advice);
  }
  return MarkerState::kComplete;
}

Status WriteTaskMarker(const std::string& path, const TaskIdentity& identity,
                       const std::string& stats_path) {
  Value marker = Value::EmptyObject();
  marker.Set("task", identity.task);
  marker.Set("tasks", identity.tasks);
  marker.Set("phase", identity.phase);
  marker.Set("inputs", StringList(identity.inputs));
  marker.Set("stages", StringList(identity.stages));
  marker.Set("stats", stats_path);
  return WriteFileAtomically(path, ToJson(marker, 2) + "\n");
}

}  // namespace tamis

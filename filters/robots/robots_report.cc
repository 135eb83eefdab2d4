#include "filters/robots/robots_report.h"

#include "io/output_file.h"
#include "pipeline/json.h"
#include "pipeline/value.h"

namespace tamis::robots {
namespace {

// RFC 4180: quote a field that holds a comma, quote or line break; double inner quotes.
void AppendCsvField(std::string_view field, std::string* out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string Join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.push_back(separator);
    out += item;
  }
  return out;
}

}  // namespace

Status WriteRobotsReport(const std::string& dir, const std::string& stem,
                         const std::vector<RobotsReportRow>& rows) {
  Value json = Value::EmptyArray();
  std::string csv =
      "origin,status,state,agents_blocked,documents,documents_dropped,bytes_dropped\n";
  for (const RobotsReportRow& row : rows) {
    Value agents = Value::EmptyArray();
    for (const std::string& agent : row.agents_blocked) agents.as_array().emplace_back(agent);
    Value object = Value::EmptyObject();
    object.Set("origin", row.origin);
    object.Set("status", row.status);
    object.Set("state", row.state);
    object.Set("agents_blocked", std::move(agents));
    object.Set("documents", row.documents);
    object.Set("documents_dropped", row.documents_dropped);
    object.Set("bytes_dropped", row.bytes_dropped);
    json.as_array().push_back(std::move(object));

    AppendCsvField(row.origin, &csv);
    csv += "," + std::to_string(row.status) + ",";
    AppendCsvField(row.state, &csv);
    csv += ",";
    AppendCsvField(Join(row.agents_blocked, ';'), &csv);
    csv += "," + std::to_string(row.documents) + "," + std::to_string(row.documents_dropped) + "," +
           std::to_string(row.bytes_dropped) + "\n";
  }
  std::string json_text = ToJson(json, 2);
  json_text.push_back('\n');
  const std::string base = dir + "/" + stem;
  TAMIS_RETURN_IF_ERROR(WriteFileAtomically(base + ".json", json_text));
  return WriteFileAtomically(base + ".csv", csv);
}

}  // namespace tamis::robots

// RobotsReport: the per-origin account of what the robots stage dropped, as JSON and CSV.
//
// One row per origin that had at least one document in the run: its robots.txt status as
// recorded in the snapshot, how that status was applied, which agents blocked at least one of
// its documents, and how many documents and text bytes were seen and dropped. Documents whose
// origin was not in the snapshot share one row with origin "(absent)" and status -1.
// Both files are written atomically (temp file + rename): a crashed run leaves none or the
// old ones, never half a report. Not thread-safe; called once at Finish().
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_REPORT_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/status.h"

namespace tamis::robots {

struct RobotsReportRow {
  std::string origin;
  int status = 0;     // HTTP status of the robots.txt fetch; -1 when absent.
  std::string state;  // RobotsStateName(), or "absent_allow"/"absent_disallow".
  std::vector<std::string> agents_blocked;
  uint64_t documents = 0;
  uint64_t documents_dropped = 0;
  uint64_t bytes_dropped = 0;
};

// Writes `<dir>/<stem>.json` (an array of row objects) and `<dir>/<stem>.csv` (header
// origin,status,state,agents_blocked,documents,documents_dropped,bytes_dropped; agents joined
// with ";"). Rows are written in the order given.
Status WriteRobotsReport(const std::string& dir, const std::string& stem,
                         const std::vector<RobotsReportRow>& rows);

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_REPORT_H_

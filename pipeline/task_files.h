// The one way a run spells a task in the names of the files its tasks make.
//
// A file that every task of a run writes is named `<stem>-<task, 5 digits><extension>`:
// part-00003-00000.jsonl.zst (shards), stats-task-00003.json, task-00003.done,
// robots_report-00003.json, PREFIX-00003_00000.bin. Five digits keep `ls` order equal to task
// order up to 100,000 tasks; larger task numbers simply get more digits. Files that stages
// write for the user (reports, token shards) drop the suffix when the run has one task
// (RunContext::TaskStem), so a one-machine run gets plain names.
#ifndef TAMIS_PIPELINE_TASK_FILES_H_
#define TAMIS_PIPELINE_TASK_FILES_H_

#include <cstdio>
#include <string>
#include <string_view>

namespace tamis {

inline std::string TaskNumber(int task) {
  char digits[16];
  std::snprintf(digits, sizeof(digits), "%05d", task);
  return digits;
}

inline std::string PerTaskName(std::string_view stem, int task) {
  return std::string(stem) + "-" + TaskNumber(task);
}

}  // namespace tamis

#endif  // TAMIS_PIPELINE_TASK_FILES_H_

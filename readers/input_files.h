// Input files: what the INPUT arguments of every command and the `input:` of a pipeline mean,
// and how they are shared between the tasks of a run.
//
// Each input is a file, a glob pattern, a directory, or "-" (standard input). A directory
// means one thing everywhere: when anything below it is a document file (.jsonl, .json,
// .ndjson, .warc, .wet, .arc, optionally .gz/.zst) — the output of an earlier tamis stage, a
// folder of crawl files — it stands for those files, found recursively with hidden entries
// (such as a run's `.tamis/` folder) skipped; a directory holding no document file at all is
// a code tree, read one document per source file (code_tree_reader.h).
// The expansion is sorted and de-duplicated by the file's canonical path, so `in/x` and
// `./in/x` are read once.
//
// Tasks: the sorted list is cut into `tasks` contiguous blocks of nearly equal size; task t
// reads block t. Contiguous blocks make the outputs of tasks 0..N-1, taken in task order, the
// documents of a one-task run in the same order, which is what lets a run of N tasks be
// compared byte for byte with a run of one.
#ifndef TAMIS_READERS_INPUT_FILES_H_
#define TAMIS_READERS_INPUT_FILES_H_

#include <string>
#include <vector>

#include "pipeline/status.h"

namespace tamis {

// Expands inputs as above. kNotFound for a plain path that does not exist, a pattern that
// matches nothing, or a directory that is empty.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs);

// True for a name that a document reader reads (see above).
bool IsDocumentFileName(const std::string& name);

// The files of `task` among `tasks`: the task-th contiguous block.
std::vector<std::string> FilesForTask(const std::vector<std::string>& files, int task, int tasks);

}  // namespace tamis

#endif  // TAMIS_READERS_INPUT_FILES_H_

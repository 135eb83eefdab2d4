// The names of the side files a dedup run keeps in its corpus stage's work directory
// (dedup_file_format.md describes their content). One place, so that the collector, the three
// steps and the applier cannot disagree about a name.
// Thread rule: a value type.
#ifndef TAMIS_DEDUP_DEDUP_WORK_FILES_H_
#define TAMIS_DEDUP_DEDUP_WORK_FILES_H_

#include <cstdio>
#include <string>

#include "pipeline/task_files.h"

namespace tamis {

class DedupWorkFiles {
 public:
  explicit DedupWorkFiles(std::string dir) : dir_(std::move(dir)) {}

  std::string Ids(int task) const { return Name("ids", task); }
  std::string BandKeys(int band, int task) const { return Name("band-" + Two(band), task); }
  std::string ExactKeys(int task) const { return Name("exact", task); }
  std::string Edges(int band, int part) const { return Name("edges-" + Two(band), part); }
  std::string Forest(int part) const { return Name("forest", part); }
  std::string Decisions(int task) const { return Name("decisions", task); }
  std::string ClusterIds(int task) const { return Name("cluster-ids", task); }
  std::string Summary() const { return dir_ + "/clusters.json"; }

 private:
  static std::string Two(int n) {
    char digits[16];
    std::snprintf(digits, sizeof(digits), "%02d", n);
    return digits;
  }
  std::string Name(const std::string& stem, int task) const {
    return dir_ + "/" + PerTaskName(stem, task) + ".bin";
  }

  std::string dir_;
};

}  // namespace tamis

#endif  // TAMIS_DEDUP_DEDUP_WORK_FILES_H_

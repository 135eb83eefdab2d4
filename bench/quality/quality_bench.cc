// Quality filter throughput on one core: every heuristic stage alone, the four together
// (quality_heuristics, one shared segmentation), the fastText classifier, and the code
// filter, each over the same documents, one thread, in batches as the graph runs them.
//
//   quality_bench [--repeat R] [--model MODELS_DIR] DOCS.jsonl
//
// DOCS.jsonl: {"id", "text", "metadata": {"language": ...}} per line. Prints, per stage,
// documents/s, MB/s and how many documents it kept, so runs can be compared.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "filters/code/code_stage.h"
#include "filters/quality/heuristic_stage.h"
#include "filters/quality/quality_classifier_stage.h"
#include "pipeline/json.h"

namespace {

using Factory = tamis::Result<std::unique_ptr<tamis::Stage>> (*)(const tamis::Value&);

constexpr size_t kBatch = 256;  // Documents per batch, as the reader frames them.

struct Run {
  double seconds = 0;
  size_t kept = 0;
};

Run Measure(tamis::Stage& stage, const std::vector<tamis::Document>& docs, int repeat) {
  Run run;
  if (!stage.Start(tamis::RunContext()).ok()) std::abort();
  auto scratch = stage.NewScratch();
  for (int r = 0; r < repeat; ++r) {
    for (size_t first = 0; first < docs.size(); first += kBatch) {
      tamis::DocumentBatch batch;
      batch.documents.assign(docs.begin() + first,
                             docs.begin() + std::min(docs.size(), first + kBatch));
      const auto start = std::chrono::steady_clock::now();  // Copying is not the stage's.
      if (!stage.Process(batch, scratch.get()).ok()) std::abort();
      run.seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      for (const tamis::Document& d : batch.documents) run.kept += !d.dropped();
    }
  }
  tamis::StageReport report;
  std::vector<tamis::Scratch*> scratches;
  if (scratch) scratches.push_back(scratch.get());
  if (!stage.Finish(scratches, report).ok()) std::abort();
  run.kept /= repeat;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  std::string models = "models", path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (a == "--model" && i + 1 < argc) {
      models = argv[++i];
    } else {
      path = a;
    }
  }
  if (path.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: quality_bench [--repeat R] [--model MODELS_DIR] DOCS.jsonl\n");
    return 2;
  }
  std::ifstream in(path);
  std::vector<tamis::Document> docs;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    auto v = tamis::ParseJson(line);
    if (!v.ok()) continue;
    tamis::Document d;
    d.text = std::string(v->GetString("text"));
    if (const tamis::Value* m = v->Find("metadata")) d.metadata = *m;
    bytes += d.text.size();
    docs.push_back(std::move(d));
  }
  tamis::Value classifier = tamis::Value::EmptyObject();
  classifier.Set("model", models + "/tamis-quality.ftz");
  struct Entry {
    const char* name;
    Factory create;
    tamis::Value options;
  };
  const Entry entries[] = {
      {"gopher_repetition", &tamis::CreateGopherRepetitionStage, tamis::Value::EmptyObject()},
      {"gopher_quality", &tamis::CreateGopherQualityStage, tamis::Value::EmptyObject()},
      {"c4_quality", &tamis::CreateC4QualityStage, tamis::Value::EmptyObject()},
      {"fineweb_quality", &tamis::CreateFinewebQualityStage, tamis::Value::EmptyObject()},
      {"quality_heuristics", &tamis::CreateQualityHeuristicsStage, tamis::Value::EmptyObject()},
      {"quality (fastText)", &tamis::CreateQualityClassifierStage, classifier},
      {"code_quality", &tamis::CreateCodeStage, tamis::Value::EmptyObject()},
  };
  std::printf("%zu documents, %.1f MB of text, %d repeat(s), 1 thread\n", docs.size(), bytes / 1e6,
              repeat);
  std::printf("%-20s %12s %8s %8s\n", "stage", "docs/s", "MB/s", "kept");
  for (const Entry& e : entries) {
    auto stage = e.create(e.options);
    if (!stage.ok()) {
      std::fprintf(stderr, "%s: %s\n", e.name, stage.status().ToString().c_str());
      return 1;
    }
    Run run = Measure(**stage, docs, repeat);
    const double n = static_cast<double>(docs.size()) * repeat;
    std::printf("%-20s %12.0f %8.1f %8zu\n", e.name, n / run.seconds,
                bytes * repeat / 1e6 / run.seconds, run.kept);
  }
  return 0;
}

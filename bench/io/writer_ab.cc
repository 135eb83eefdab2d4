// writer_ab: the read -> write path of `tamis run` with no stages (ReaderSource, the "read"
// DecodeStage, RunGraph, a JsonlWriter sink), with the writer's zstd compression either on
// the graph's serial output thread (--workers 0, how the writer worked before) or on zstd
// worker threads (--workers N). It exists to measure that one choice in the same process
// build; everything else is the library's code path, as in pipeline/runner.cc.
//
// It also prints the CPU time (CLOCK_THREAD_CPUTIME_ID, so immune to other processes on a
// shared machine) of the two serial steps — the source (decompression, framing) and the sink
// (JSON serialisation, and compression when it is inline) — and of the parallel decode step:
// with those, Amdahl's law bounds what more threads can gain.
//
// Usage: writer_ab --threads T --workers W INPUT OUTPUT.jsonl.zst
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "pipeline/graph.h"
#include "readers/decode_stage.h"
#include "readers/reader_source.h"
#include "writers/jsonl_writer.h"

namespace {

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

class TimedSource final : public tamis::BatchSource {
 public:
  explicit TimedSource(tamis::BatchSource* source) : source_(source) {}
  tamis::Result<bool> NextBatch(tamis::DocumentBatch* batch) override {
    double start = ThreadCpuSeconds();
    auto more = source_->NextBatch(batch);
    cpu_seconds += ThreadCpuSeconds() - start;  // Serial step: no race.
    return more;
  }
  double cpu_seconds = 0;

 private:
  tamis::BatchSource* source_;
};

class WriterSink final : public tamis::BatchSink {
 public:
  explicit WriterSink(tamis::JsonlWriter* writer) : writer_(writer) {}
  tamis::Status Consume(tamis::DocumentBatch& batch) override {
    double start = ThreadCpuSeconds();
    for (const tamis::Document& doc : batch.documents) {
      if (!doc.dropped()) TAMIS_RETURN_IF_ERROR(writer_->Write(doc));
    }
    cpu_seconds += ThreadCpuSeconds() - start;  // Serial step: no race.
    return tamis::Status::Ok();
  }
  double cpu_seconds = 0;

 private:
  tamis::JsonlWriter* writer_;
};

}  // namespace

int main(int argc, char** argv) {
  int threads = 1;
  int workers = 0;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
      workers = std::atoi(argv[++i]);
    } else {
      positional.push_back(argv[i]);
    }
  }
  if (positional.size() != 2) {
    std::fprintf(stderr, "usage: writer_ab --threads T --workers W INPUT OUTPUT.jsonl.zst\n");
    return 2;
  }
  tamis::ReaderOptions reader;
  tamis::JsonlWriterOptions out;
  out.output = positional[1];
  out.compression_workers = workers;
  auto writer = tamis::JsonlWriter::Create(out);
  if (!writer.ok()) {
    std::fprintf(stderr, "%s\n", writer.status().ToString().c_str());
    return 1;
  }
  tamis::ReaderSource reader_source({positional[0]}, reader);
  TimedSource source(&reader_source);
  tamis::DecodeStage decode(reader);
  WriterSink sink(writer->get());
  tamis::GraphOptions graph;
  graph.threads = threads;
  std::vector<tamis::StageStats> stats;
  auto start = std::chrono::steady_clock::now();
  tamis::Status s = tamis::RunGraph(source, {&decode}, sink, graph, &stats);
  double close_start = ThreadCpuSeconds();
  if (s.ok()) s = (*writer)->Close();
  sink.cpu_seconds += ThreadCpuSeconds() - close_start;
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu documents in %.2f s; cpu s: source %.3f sink %.3f decode-wall %.3f\n",
              static_cast<unsigned long long>((*writer)->documents()), seconds, source.cpu_seconds,
              sink.cpu_seconds, stats[0].seconds);
  return 0;
}

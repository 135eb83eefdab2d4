// Constants of the contamination report format (contamination_report_format.md), shared by
// its writer and reader (contamination_report.cc). Changing the layout means bumping kVersion.
#ifndef TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_FORMAT_H_
#define TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_FORMAT_H_

#include <cstdint>
#include <string_view>

namespace tamis::contamination_report {

inline constexpr std::string_view kFormat = "tamis-contamination-report";
inline constexpr int64_t kVersion = 1;
// What each task of a decontaminate phase writes into the stage's work directory:
// <kPartialStem>-<task, 5 digits><kPartialExtension> (pipeline/task_files.h).
inline constexpr std::string_view kPartialStem = "contamination";
inline constexpr std::string_view kPartialExtension = ".json";
// The merged report's files in the report directory.
inline constexpr std::string_view kJsonFile = "report.json";
inline constexpr std::string_view kMarkdownFile = "report.md";
inline constexpr std::string_view kHtmlFile = "report.html";

}  // namespace tamis::contamination_report

#endif  // TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_FORMAT_H_

// End to end: the built `tamis` binary runs `tamis langid` and a YAML pipeline with a `langid`
// stage on real multilingual text (tests/data/langid/eval.tsv, one document per locale: the
// translated gettext messages of that locale; and the debian-handbook WARC), with the default
// model lid.176.ftz. The outputs are read back as JSONL and checked against the
// `fasttext predict` command on the same text.
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/input_stream.h"
#include "langid/label_mapper.h"
#include "langid/language_registry.h"
#include "pipeline/json.h"
#include "tests/io/temp_dir.h"

using tamis::Value;
using tamis::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kRepo = fs::path(TAMIS_MODELS_DIR).parent_path().string();
const std::string kModel = TAMIS_MODELS_DIR "/lid.176.ftz";

struct Command {
  int exit_code = -1;
  std::string err;
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs `tamis ARGS` from the repository root (where the default model path models/lid.176.ftz
// resolves) with TAMIS_MODELS_DIR unset unless `env` sets something.
Command Tamis(const TempDir& dir, const std::string& args, const std::string& env = "") {
  const std::string err = dir.File("stderr.txt");
  std::string command = "cd " + Quote(kRepo) + " && env -u TAMIS_MODELS_DIR " + env + " " +
                        Quote(TAMIS_BINARY) + " " + args + " >/dev/null 2>" + Quote(err);
  int status = std::system(command.c_str());
  Command result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = tamis::testing::ReadRaw(err);
  return result;
}

// Every document of a JSONL file (plain or compressed) or of every shard under a directory.
std::vector<Value> ReadDocuments(const std::string& path) {
  std::vector<std::string> files;
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      std::string p = entry.path().string();
      if (entry.is_regular_file() && p.find("/.tamis/") == std::string::npos &&
          p.find(".jsonl") != std::string::npos) {
        files.push_back(p);
      }
    }
  } else {
    files.push_back(path);
  }
  std::vector<Value> docs;
  for (const std::string& file : files) {
    auto in = tamis::InputStream::Open(file);
    REQUIRE(in.ok());
    std::string bytes;
    char buf[1 << 16];
    while (true) {
      auto n = (*in)->Read(buf, sizeof(buf));
      REQUIRE(n.ok());
      if (*n == 0) break;
      bytes.append(buf, *n);
    }
    size_t start = 0;
    while (start < bytes.size()) {
      size_t end = bytes.find('\n', start);
      if (end == std::string::npos) end = bytes.size();
      if (end > start) {
        auto doc = tamis::ParseJson(std::string_view(bytes).substr(start, end - start));
        REQUIRE(doc.ok());
        docs.push_back(std::move(*doc));
      }
      start = end + 1;
    }
  }
  return docs;
}

Value ReadJsonFile(const std::string& path) {
  auto v = tamis::ParseJson(tamis::testing::ReadRaw(path));
  REQUIRE(v.ok());
  return std::move(*v);
}

const Value& Metadata(const Value& doc) {
  const Value* m = doc.Find("metadata");
  REQUIRE(m != nullptr);
  return *m;
}

// One document per locale of eval.tsv; returns the locales in file order.
std::vector<std::string> WriteEvalJsonl(const std::string& path) {
  std::ifstream in(TAMIS_TEST_DATA "/langid/eval.tsv");
  REQUIRE(in);
  std::vector<std::string> locales;
  std::map<std::string, std::string> texts;
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find('\t'), b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    std::string locale = line.substr(0, a);
    if (!texts.count(locale)) locales.push_back(locale);
    std::string& text = texts[locale];
    if (!text.empty()) text += "\n";
    text += line.substr(b + 1);
  }
  std::ofstream out(path);
  for (const std::string& locale : locales) {
    Value doc = Value::EmptyObject();
    doc.Set("id", locale);
    doc.Set("text", texts[locale]);
    out << tamis::ToJson(doc) << "\n";
  }
  return locales;
}

// What `fasttext predict` says for each document's text (newlines to spaces, as it reads
// one document per line), mapped to ISO 639-3 codes; by document id.
std::map<std::string, std::string> CliLanguages(const TempDir& dir, const std::string& jsonl) {
  std::vector<std::string> ids;
  const std::string lines = dir.File("cli-input.txt");
  {
    std::ofstream out(lines);
    for (const Value& doc : ReadDocuments(jsonl)) {
      ids.emplace_back(doc.GetString("id"));
      std::string text(doc.GetString("text"));
      for (char& c : text) {
        if (c == '\n') c = ' ';
      }
      out << text << "\n";
    }
  }
  std::string command = "fasttext predict " + Quote(kModel) + " " + Quote(lines) + " 1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::vector<std::string> labels;
  char buf[256];
  while (std::fgets(buf, sizeof(buf), pipe)) {
    std::string label(buf);
    while (!label.empty() && (label.back() == '\n' || label.back() == ' ')) label.pop_back();
    labels.push_back(tamis::langid::MapModelLabel(label).code);
  }
  REQUIRE(pclose(pipe) == 0);
  REQUIRE(labels.size() == ids.size());
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < ids.size(); ++i) out[ids[i]] = labels[i];
  return out;
}

std::string CodeOf(std::string_view label) {
  return std::string(label.substr(0, label.find('_')));
}

// The langid entry of a run's stats.
const Value& LangidStats(const Value& stats) {
  const Value* stages = stats.Find("stages");
  REQUIRE(stages != nullptr);
  for (const Value& s : stages->as_array()) {
    if (s.GetString("stage") == "langid") return s;
  }
  FAIL("no langid stage in the stats");
  return *stages;
}

}  // namespace

TEST_CASE("tamis langid annotates real multilingual JSONL with the default model",
          "[langid][cli]") {
  TempDir dir;
  const std::string input = dir.File("eval.jsonl");
  std::vector<std::string> locales = WriteEvalJsonl(input);
  REQUIRE(locales.size() > 150);
  const std::string output = dir.File("out.jsonl");

  Command run = Tamis(dir, "langid " + Quote(input) + " -o " + Quote(output) + " --threads 2");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  std::vector<Value> docs = ReadDocuments(output);
  REQUIRE(docs.size() == locales.size());
  // Input order survives the parallel stage.
  for (size_t i = 0; i < docs.size(); ++i) CHECK(docs[i].GetString("id") == locales[i]);

  std::map<std::string, std::string> cli = CliLanguages(dir, input);
  std::map<std::string, const Value*> by_id;
  int agree = 0;
  for (const Value& doc : docs) {
    const std::string id(doc.GetString("id"));
    by_id[id] = &doc;
    const Value& m = Metadata(doc);
    const std::string language(m.GetString("language"));
    INFO(id << " -> " << language);
    // ISO 639-3 + "_" + ISO 15924.
    REQUIRE(language.size() == 8);
    CHECK(language[3] == '_');
    const Value* score = m.Find("language_score");
    REQUIRE(score != nullptr);
    CHECK(score->as_number() > 0);
    CHECK(score->as_number() <= 1.0);
    const Value* top = m.Find("top_languages");
    REQUIRE(top != nullptr);
    REQUIRE(!top->as_object().empty());
    CHECK(top->as_object()[0].first == language);
    CHECK(top->as_object()[0].second.as_number() == Approx(score->as_number()));
    double previous = 2, sum = 0;
    for (const auto& [label, s] : top->as_object()) {
      CHECK(s.as_number() >= 0.01);
      CHECK(s.as_number() <= previous);
      previous = s.as_number();
      sum += s.as_number();
    }
    CHECK(sum <= 1.001);
    if (CodeOf(language) == cli[id]) ++agree;
  }
  // Same model, same text preparation: the same best label as the fastText CLI.
  CHECK(agree == static_cast<int>(docs.size()));

  // Documents whose language is beyond doubt (the CLI gives them > 0.95), with the script
  // the label must carry.
  const std::map<std::string, std::string> expected = {
      {"de", "deu_Latn"},    {"fr", "fra_Latn"}, {"ru", "rus_Cyrl"}, {"ja", "jpn_Jpan"},
      {"zh_CN", "zho_Hani"}, {"el", "ell_Grek"}, {"he", "heb_Hebr"}, {"ar", "ara_Arab"},
      {"ko", "kor_Hang"},    {"sr", "srp_Cyrl"}, {"th", "tha_Thai"}, {"hy", "hye_Armn"},
      {"ka", "kat_Geor"},    {"pl", "pol_Latn"}, {"tr", "tur_Latn"}, {"uk", "ukr_Cyrl"},
      {"vi", "vie_Latn"},    {"hi", "hin_Deva"}, {"ta", "tam_Taml"}, {"es", "spa_Latn"}};
  for (const auto& [locale, language] : expected) {
    INFO(locale);
    REQUIRE(by_id.count(locale));
    const Value& m = Metadata(*by_id[locale]);
    CHECK(m.GetString("language") == language);
    CHECK(m.Find("language_score")->as_number() > 0.9);
  }
  // lid.176's Wikipedia codes mapped to ISO 639-3: "pnb" (Western Panjabi in Shahmukhi).
  CHECK(Metadata(*by_id["pa_PK"]).GetString("language") == "pnb_Arab");

  // Stats beside the single-file output: the langid stage saw every document and counted
  // each language.
  const Value stats = ReadJsonFile(output + ".stats.json");
  const Value& langid = LangidStats(stats);
  CHECK(langid.Find("documents_in")->as_int() == static_cast<int64_t>(docs.size()));
  CHECK(langid.Find("documents_out")->as_int() == static_cast<int64_t>(docs.size()));
  const Value* report = langid.Find("report");
  REQUIRE(report != nullptr);
  // The default model, found through the checkout path compiled into the binary
  // (pipeline/model_path.h), comes before ./models.
  CHECK(report->GetString("model") == kModel);
  int64_t counted = 0;
  for (const auto& [label, n] : report->Find("languages")->as_object()) counted += n.as_int();
  CHECK(counted == static_cast<int64_t>(docs.size()));
  CHECK(report->Find("languages")->Find("fra_Latn") != nullptr);
  CHECK(fs::exists(output + ".done"));
}

TEST_CASE("tamis langid keeps macrolanguage members when filtering by language", "[langid][cli]") {
  TempDir dir;
  const std::string input = dir.File("eval.jsonl");
  std::vector<std::string> locales = WriteEvalJsonl(input);
  const std::string output = dir.File("kept.jsonl");
  const std::string rejects = dir.File("rejects.jsonl");

  // nor (Norwegian) has the members nob and nno; msa (Malay) has ind (Indonesian) and zsm.
  Command run = Tamis(dir, "langid " + Quote(input) + " -o " + Quote(output) + " --rejects " +
                               Quote(rejects) + " --language nor --language msa --threads 2");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::vector<Value> kept = ReadDocuments(output);
  std::vector<Value> rejected = ReadDocuments(rejects);
  CHECK(kept.size() + rejected.size() == locales.size());

  const auto& registry = tamis::langid::LanguageRegistry::Default();
  std::set<std::string> kept_ids, kept_languages;
  for (const Value& doc : kept) {
    const std::string language(Metadata(doc).GetString("language"));
    INFO(language);
    CHECK((registry.Matches(language, "nor") || registry.Matches(language, "msa")));
    kept_ids.emplace(doc.GetString("id"));
    kept_languages.insert(language);
  }
  // Bokmål comes out as the macrolanguage, Nynorsk and Indonesian as members.
  CHECK(kept_ids.count("nb"));
  CHECK(kept_ids.count("nn"));
  CHECK(kept_ids.count("ms"));
  CHECK(kept_ids.count("id"));
  CHECK(kept_languages.count("nno_Latn"));
  CHECK(kept_languages.count("ind_Latn"));
  CHECK(kept_languages.count("msa_Latn"));

  bool saw_french = false;
  for (const Value& doc : rejected) {
    const Value* ledger = doc.Find("ledger");
    REQUIRE(ledger != nullptr);
    REQUIRE(ledger->as_array().size() == 1);
    const Value& entry = ledger->as_array()[0];
    CHECK(entry.GetString("stage") == "langid");
    CHECK(entry.GetString("rule") == "language");
    CHECK(entry.GetString("detail") == Metadata(doc).GetString("language"));
    if (doc.GetString("id") == "fr") saw_french = true;
  }
  CHECK(saw_french);

  const Value stats = ReadJsonFile(output + ".stats.json");
  const Value& langid = LangidStats(stats);
  CHECK(langid.Find("documents_out")->as_int() == static_cast<int64_t>(kept.size()));
  CHECK(langid.Find("removed")->Find("language")->as_int() ==
        static_cast<int64_t>(rejected.size()));
}

TEST_CASE("tamis langid --split-by language writes one directory per language", "[langid][cli]") {
  TempDir dir;
  const std::string input = dir.File("eval.jsonl");
  std::vector<std::string> locales = WriteEvalJsonl(input);
  const std::string output = dir.File("by-language");

  Command run = Tamis(
      dir, "langid " + Quote(input) + " -o " + Quote(output) + " --split-by language --threads 2");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  size_t total = 0;
  std::set<std::string> directories;
  for (const auto& entry : fs::directory_iterator(output)) {
    if (!entry.is_directory() || entry.path().filename() == ".tamis") continue;
    const std::string language = entry.path().filename().string();
    directories.insert(language);
    std::vector<Value> docs = ReadDocuments(entry.path().string());
    CHECK(!docs.empty());
    for (const Value& doc : docs) {
      INFO(language << " holds " << doc.GetString("id"));
      CHECK(Metadata(doc).GetString("language") == language);
    }
    total += docs.size();
  }
  CHECK(total == locales.size());
  for (const char* language : {"fra_Latn", "deu_Latn", "zho_Hani", "jpn_Jpan", "srp_Cyrl"}) {
    CHECK(directories.count(language));
  }
  // The stats name the same languages as the directories.
  const Value stats = ReadJsonFile(output + "/.tamis/stats-task-00000.json");
  std::set<std::string> counted;
  for (const auto& [label, n] : LangidStats(stats).Find("report")->Find("languages")->as_object()) {
    counted.insert(label);
  }
  CHECK(counted == directories);
  CHECK(fs::exists(output + "/.tamis/task-00000.done"));
}

TEST_CASE("tamis langid fails with exit code 1 naming a missing model", "[langid][cli]") {
  TempDir dir;
  const std::string input = dir.File("eval.jsonl");
  WriteEvalJsonl(input);
  const std::string output = dir.File("out.jsonl");

  const std::string missing = dir.File("no-such-model.ftz");
  Command named =
      Tamis(dir, "langid " + Quote(input) + " -o " + Quote(output) + " --model " + Quote(missing));
  CHECK(named.exit_code == 1);
  CHECK(named.err.find("tamis langid:") != std::string::npos);
  CHECK(named.err.find(missing) != std::string::npos);
  CHECK(!fs::exists(output));
  CHECK(!fs::exists(output + ".done"));

  // The default model, looked up in a TAMIS_MODELS_DIR that does not hold it.
  const std::string empty_models = dir.File("models");
  fs::create_directories(empty_models);
  Command by_default = Tamis(dir, "langid " + Quote(input) + " -o " + Quote(output),
                             "TAMIS_MODELS_DIR=" + Quote(empty_models));
  CHECK(by_default.exit_code == 1);
  CHECK(by_default.err.find(empty_models + "/lid.176.ftz") != std::string::npos);
  CHECK(!fs::exists(output));

  // A usage error is not a failed run.
  Command usage = Tamis(dir, "langid " + Quote(input));
  CHECK(usage.exit_code == 2);
}

TEST_CASE("A langid stage in a YAML pipeline splits the handbook crawl by language",
          "[langid][cli]") {
  TempDir dir;
  // Relative paths in a pipeline are relative to the YAML file; the crawl is read as it is.
  fs::copy_file(TAMIS_TEST_DATA "/readers/handbook.warc.gz", dir.File("handbook.warc.gz"));
  const std::string yaml = dir.Write("pipeline.yaml",
                                     "input: handbook.warc.gz\n"
                                     "output: out\n"
                                     "rejects: rejects\n"
                                     "split_by: language\n"
                                     "threads: 2\n"
                                     "stages:\n"
                                     "  - stage: langid\n"
                                     "    model: " +
                                         kModel +
                                         "\n"
                                         "    languages: [fra, deu, zho, rus, jpn]\n"
                                         "    min_score: 0.5\n");
  Command run = Tamis(dir, "run " + Quote(yaml));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  // The handbook pages: en-US (rejected: not a wanted language), fr-FR and its ISO-8859-1
  // copy, de-DE, ja-JP, ru-RU, zh-CN.
  std::map<std::string, std::vector<std::string>> urls_by_language;
  for (const auto& entry : fs::directory_iterator(dir.File("out"))) {
    if (!entry.is_directory() || entry.path().filename() == ".tamis") continue;
    for (const Value& doc : ReadDocuments(entry.path().string())) {
      const Value& m = Metadata(doc);
      CHECK(m.GetString("language") == entry.path().filename().string());
      CHECK(m.Find("language_score")->as_number() >= 0.5);
      urls_by_language[entry.path().filename().string()].emplace_back(m.GetString("url"));
    }
  }
  INFO(tamis::ToJson(ReadJsonFile(dir.File("out/.tamis/stats-task-00000.json")), 2));
  REQUIRE(urls_by_language.size() == 5);
  CHECK(urls_by_language["fra_Latn"].size() == 2);
  for (const auto& [language, urls] : std::map<std::string, std::string>{{"fra_Latn", "/fr-"},
                                                                         {"deu_Latn", "/de-DE/"},
                                                                         {"jpn_Jpan", "/ja-JP/"},
                                                                         {"rus_Cyrl", "/ru-RU/"},
                                                                         {"zho_Hani", "/zh-CN/"}}) {
    INFO(language);
    REQUIRE(urls_by_language[language].size() >= 1);
    for (const std::string& url : urls_by_language[language]) {
      CHECK(url.find(urls) != std::string::npos);
    }
  }
  // English pages went to the rejects, with the langid stage's reason.
  int english = 0;
  for (const Value& doc : ReadDocuments(dir.File("rejects"))) {
    const Value& entry = doc.Find("ledger")->as_array()[0];
    CHECK(entry.GetString("stage") == "langid");
    if (Metadata(doc).GetString("language") == "eng_Latn") {
      CHECK(entry.GetString("rule") == "language");
      ++english;
    }
  }
  CHECK(english >= 3);
}

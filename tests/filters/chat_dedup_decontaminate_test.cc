// MinHash `compare: first_prompt` and decontamination on conversations (layout: chat): a
// conversation whose first prompt is a near-duplicate of another's is removed by MinHash even
// though its answer differs, a benchmark item pasted into a prompt is caught, and both say
// why in the rejects ledger.
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "pipeline/json.h"
#include "runner/orchestrator.h"
#include "runner/pipeline_config.h"
#include "tests/io/directory_contents.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

// 80 words of a French prompt; `last` replaces its final word (one-word near-duplicates).
std::string Prompt(const std::string& last) {
  return "Je prépare un serveur Debian pour une petite association et je voudrais comprendre "
         "comment organiser les mises à jour de sécurité sans interrompre les services web qui "
         "tournent déjà. Faut-il activer les mises à jour automatiques avec unattended-upgrades, "
         "ou vaut-il mieux appliquer les correctifs à la main chaque semaine après avoir lu les "
         "annonces de sécurité ? Et comment savoir quels services redémarrer après une mise à "
         "jour de la bibliothèque C ou d'OpenSSL, sans redémarrer toute la " +
         last;
}

std::string Conversation(const std::string& id, const std::string& prompt,
                         const std::string& answer) {
  Value messages = Value::EmptyArray();
  for (const auto& [role, content] :
       {std::pair<std::string, std::string>{"user", prompt}, {"assistant", answer}}) {
    Value m = Value::EmptyObject();
    m.Set("role", role);
    m.Set("content", content);
    messages.as_array().push_back(std::move(m));
  }
  Value line = Value::EmptyObject();
  line.Set("id", id);
  line.Set("messages", std::move(messages));
  return ToJson(line) + "\n";
}

const char kBenchmarkQuestion[] =
    "Read the passage and answer the question. Passage: the committee met every second "
    "Thursday in the old library, where the archivist kept the ledgers of the parish in a "
    "locked oak cabinet that nobody else was allowed to open. Question: where were the "
    "ledgers of the parish kept?";

TEST_CASE(
    "near-duplicate first prompts are removed by MinHash and pasted benchmark items "
    "by decontaminate, with their reasons in the rejects ledger",
    "[filters][chat]") {
  testing::TempDir dir;
  std::string lines;
  // Answers of about 80 words each, unrelated: over the whole text the two conversations
  // share under a third of their shingles.
  lines += Conversation(
      "original", Prompt("machine ?"),
      "Activez unattended-upgrades pour les correctifs de sécurité : le paquet installe une tâche "
      "quotidienne qui applique seulement les mises à jour de l'archive security, et vous pouvez "
      "restreindre les origines dans le fichier de configuration. Installez ensuite needrestart, "
      "qui examine après chaque mise à jour les processus utilisant encore d'anciennes versions "
      "des bibliothèques et propose de redémarrer les services concernés, un par un, sans toucher "
      "au noyau. Gardez enfin un œil sur les journaux d'apt pour vérifier ce qui a été installé.");
  lines += Conversation(
      "near-copy", Prompt("machine, s'il vous plaît ?"),
      "Beaucoup d'administrateurs préfèrent une routine manuelle : abonnez-vous à la liste "
      "debian-security-announce, lisez chaque bulletin, puis planifiez une fenêtre de maintenance "
      "hebdomadaire pendant laquelle vous lancez apt upgrade sur un serveur de test avant la "
      "production. Pour savoir quoi relancer, la commande checkrestart du paquet debian-goodies "
      "liste les programmes qui gardent des fichiers supprimés ouverts. Documentez chaque "
      "intervention dans un cahier partagé afin que toute l'association sache quand les "
      "correctifs ont été appliqués et par qui.");
  lines += Conversation("other", "Comment changer le fuseau horaire d'un système Debian ?",
                        "Utilisez timedatectl set-timezone Europe/Paris, ou dpkg-reconfigure "
                        "tzdata.");
  lines += Conversation("pasted-item", std::string("Réponds en français. ") + kBenchmarkQuestion,
                        "Dans une armoire en chêne fermée à clé, à la vieille bibliothèque.");
  dir.Write("in/chat.jsonl", lines);
  Value item = Value::EmptyObject();
  item.Set("id", "parish-ledgers");
  item.Set("question", kBenchmarkQuestion);
  Value choices = Value::EmptyArray();
  for (const char* c : {"in the church", "in a locked oak cabinet", "at the archivist's home"}) {
    choices.as_array().emplace_back(std::string(c));
  }
  item.Set("choices", std::move(choices));
  item.Set("answer", 1);
  dir.Write("bench.jsonl", ToJson(item) + "\n");
  // id -> "stage/rule: detail" of every removed conversation, with MinHash comparing `compare`.
  auto run = [&](const std::string& compare) {
    const std::string out = "out-" + compare;
    std::string yaml = "input: in\noutput: " + out + "/kept\nrejects: " + out + "/rejects\n";
    yaml += "reader:\n  layout: chat\nstages:\n";
    yaml += "  - stage: minhash_dedup\n    compare: " + compare + "\n";
    yaml += "  - stage: decontaminate\n    benchmarks: [\"bench=bench.jsonl\"]\n";
    yaml += "    action: drop\n    report: " + out + "/contamination\n";
    dir.Write("chat.yaml", yaml);
    Result<PipelineConfig> config = LoadPipelineConfig(dir.File("chat.yaml"));
    REQUIRE(config.ok());
    config->run.threads = 2;
    Result<PipelineOutcome> outcome = RunPipelineParts(*config, {});
    if (!outcome.ok()) FAIL(outcome.status().ToString());
    std::map<std::string, std::string> removed;
    const std::string all = testing::DirectoryContents(dir.File(out + "/rejects"));
    for (size_t start = 0, end; (end = all.find('\n', start)) != std::string::npos;
         start = end + 1) {
      Result<Value> line = ParseJson(all.substr(start, end - start));
      REQUIRE(line.ok());
      const Value& last = line->Find("ledger")->as_array().back();
      removed[std::string(line->GetString("id"))] = std::string(last.GetString("stage")) + "/" +
                                                    std::string(last.GetString("rule")) + ": " +
                                                    std::string(last.GetString("detail"));
    }
    return removed;
  };

  std::map<std::string, std::string> removed = run("first_prompt");
  REQUIRE(removed.size() == 2);
  CHECK(removed["near-copy"] == "minhash_dedup/minhash_duplicate: duplicate of original");
  CHECK(removed["pasted-item"].starts_with("decontaminate/contaminated: "));
  CHECK(removed["pasted-item"].find("parish-ledgers") != std::string::npos);

  // Over the whole text the two answers differ too much: only the first prompt finds the pair.
  removed = run("text");
  CHECK(removed.count("near-copy") == 0);
  CHECK(removed.count("pasted-item") == 1);
}

}  // namespace
}  // namespace tamis

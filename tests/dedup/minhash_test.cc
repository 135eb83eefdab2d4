#include "dedup/minhash.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

namespace tamis {
namespace {

std::string Words(int from, int count) {
  std::string text;
  for (int i = from; i < from + count; ++i) text += (text.empty() ? "w" : " w") + std::to_string(i);
  return text;
}

double Jaccard(std::vector<uint64_t> a, std::vector<uint64_t> b) {
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  std::vector<uint64_t> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(a.size() + b.size() - both.size());
}

TEST_CASE("MinHash signatures estimate the shingle Jaccard similarity", "[dedup]") {
  // 128 × 8 = 1024 permutations: the estimate's standard error is about 0.016.
  MinHasher hasher({.bands = 128, .rows = 8, .shingle_words = 5, .seed = 1});
  MinHasher::Scratch scratch;
  const std::string a = Words(0, 400), b = Words(100, 400);  // 300 of 400 words shared.
  std::vector<uint64_t> sa, sb;
  hasher.ShingleHashes(a, &scratch, &sa);
  hasher.ShingleHashes(b, &scratch, &sb);
  const double truth = Jaccard(sa, sb);
  REQUIRE(hasher.Signature(a, &scratch));
  const std::vector<uint64_t> siga = scratch.signature;
  REQUIRE(hasher.Signature(b, &scratch));
  int equal = 0;
  for (size_t i = 0; i < siga.size(); ++i) equal += siga[i] == scratch.signature[i];
  const double estimate = static_cast<double>(equal) / static_cast<double>(siga.size());
  CHECK(std::abs(estimate - truth) < 0.06);
  CHECK(truth == Approx(296.0 / 496.0));
}

TEST_CASE("MinHash band keys depend only on the words and the seed", "[dedup]") {
  MinHasher hasher({}), other_seed({.seed = 2});
  MinHasher::Scratch scratch;
  std::vector<uint64_t> k1(14), k2(14), k3(14);
  REQUIRE(hasher.Signature("the debian project", &scratch));
  hasher.BandKeys(scratch.signature, k1);
  REQUIRE(hasher.Signature("the debian project", &scratch));
  hasher.BandKeys(scratch.signature, k2);
  REQUIRE(other_seed.Signature("the debian project", &scratch));
  other_seed.BandKeys(scratch.signature, k3);
  CHECK(k1 == k2);
  CHECK(k1 != k3);
  CHECK_FALSE(hasher.Signature("", &scratch));
}

}  // namespace
}  // namespace tamis

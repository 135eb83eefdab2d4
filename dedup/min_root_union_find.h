// MinRootUnionFind: connected components of documents named by their positions
// (dedup_file_format.h), where every component's root is its smallest position — the
// document that comes first in input order, which dedup keeps. Because the root is a
// function of the component, not of the order unions happen in, any partitioning of the
// edges gives the same roots.
//
// The nodes are fixed up front (every endpoint of the edges, sorted, deduplicated), so a node
// is a dense index whose order is position order: linking the larger root under the smaller
// keeps the minimum at the root, and path halving keeps finds short. Memory: 12 bytes per
// node (position + parent) plus the caller's edges.
// Thread rule: a value type; no sharing.
#ifndef TAMIS_DEDUP_MIN_ROOT_UNION_FIND_H_
#define TAMIS_DEDUP_MIN_ROOT_UNION_FIND_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace tamis {

class MinRootUnionFind {
 public:
  // `edges`: pairs of positions, flat (a0, b0, a1, b1, ...).
  explicit MinRootUnionFind(std::span<const uint64_t> edges) {
    nodes_.assign(edges.begin(), edges.end());
    std::sort(nodes_.begin(), nodes_.end());
    nodes_.erase(std::unique(nodes_.begin(), nodes_.end()), nodes_.end());
    parent_.resize(nodes_.size());
    for (uint32_t i = 0; i < parent_.size(); ++i) parent_[i] = i;
    for (size_t e = 0; e + 1 < edges.size(); e += 2)
      Union(IndexOf(edges[e]), IndexOf(edges[e + 1]));
  }

  size_t size() const { return nodes_.size(); }
  uint64_t position(uint32_t node) const { return nodes_[node]; }
  // The node index of the root of `node`'s component (the smallest position in it).
  uint32_t Root(uint32_t node) {
    while (parent_[node] != node) {
      parent_[node] = parent_[parent_[node]];
      node = parent_[node];
    }
    return node;
  }

 private:
  uint32_t IndexOf(uint64_t position) const {
    return static_cast<uint32_t>(std::lower_bound(nodes_.begin(), nodes_.end(), position) -
                                 nodes_.begin());
  }
  void Union(uint32_t a, uint32_t b) {
    a = Root(a);
    b = Root(b);
    if (a == b) return;
    if (a < b) {
      parent_[b] = a;
    } else {
      parent_[a] = b;
    }
  }

  std::vector<uint64_t> nodes_;
  std::vector<uint32_t> parent_;
};

}  // namespace tamis

#endif  // TAMIS_DEDUP_MIN_ROOT_UNION_FIND_H_

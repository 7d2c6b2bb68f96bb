//===- ConnectorTestUtil.h - Helpers for the connector tests ----*- C++ -*-===//
#ifndef NMC_TESTS_CONNECTORTESTUTIL_H
#define NMC_TESTS_CONNECTORTESTUTIL_H

#include "nmc/Model/Connector.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace nmc::test {

inline model::ConnectorSpec spec(model::ConnectorRule rule, int64_t nPre,
                                 int64_t nPost) {
  model::ConnectorSpec s;
  s.rule = rule;
  s.nPre = nPre;
  s.nPost = nPost;
  s.weight.a = 1;
  s.seed = 1234;
  return s;
}

inline model::ExpandedConnector expand(const model::ConnectorSpec &s,
                                       double dt = 1e-3) {
  model::ExpandedConnector e;
  std::string err = model::expandConnector(s, 0, s.nPost, dt, e);
  EXPECT_EQ(err, "");
  return e;
}

/// One synapse as (source, target, weight, delay steps).
using Synapse = std::tuple<int64_t, int32_t, float, uint16_t>;

inline std::vector<Synapse> synapses(const model::ExpandedConnector &e) {
  std::vector<Synapse> out;
  for (size_t j = 0; j + 1 < e.indptr.size(); ++j)
    for (int64_t k = e.indptr[j]; k < e.indptr[j + 1]; ++k)
      out.emplace_back(static_cast<int64_t>(j), e.indices[k], e.weights[k],
                       e.delaySteps.empty() ? 0 : e.delaySteps[k]);
  return out;
}

/// In-degree of each target.
inline std::vector<int64_t> inDegrees(const model::ExpandedConnector &e,
                                      int64_t nPost) {
  std::vector<int64_t> d(nPost, 0);
  for (int32_t i : e.indices)
    ++d[i];
  return d;
}

} // namespace nmc::test

#endif

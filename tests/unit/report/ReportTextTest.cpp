//===- ReportTextTest.cpp - The text printer --------------------*- C++ -*-===//
#include "SampleReport.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace nmc::sim {
namespace {

TEST(ReportText, AlignsKeysValuesUnitsAndTables) {
  std::ostringstream os;
  printText(os, test::sampleReport());
  // Keys padded to "float32" (7), values to "0.2081 s" (8); the table's
  // number columns are right-aligned, "-" marks the missing rate.
  EXPECT_EQ(os.str(), "nmc run: net.nir\n"
                      "\n"
                      "summary\n"
                      "  wall     0.2081 s\n"
                      "  spikes   1234      spikes of all nodes\n"
                      "  engine   fused\n"
                      "  float32  false\n"
                      "  rate     -\n"
                      "  nodes\n"
                      "    node   size  rate [Hz]\n"
                      "    input    10          -\n"
                      "    lif     100       12.5\n"
                      "\n"
                      "empty\n");
}

TEST(ReportText, UntitledTableIsTheSectionsContent) {
  Report r;
  r.section("nodes").tables.push_back(
      {"", {{"node"}, {"size", Unit::Count}}, {{std::string("lif"), 100}}});
  std::ostringstream os;
  printText(os, r);
  EXPECT_EQ(os.str(), "nodes\n"
                      "    node  size\n"
                      "    lif    100\n");
}

TEST(ReportText, LongTablesShowTheirFirstAndLastRows) {
  // 100 rows: the first 20 (n0..n19), one line for the 60 left out, the
  // last 20 (n80..n99). The elision line does not widen the columns.
  Report r;
  Table t{"", {{"node"}, {"size", Unit::Count}}, {}};
  for (int k = 0; k < 100; ++k)
    t.rows.push_back({"n" + std::to_string(k), k});
  r.section("nodes").tables.push_back(t);
  std::ostringstream os;
  printText(os, r);
  std::vector<std::string> lines;
  std::istringstream in(os.str());
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u + 1 + 20 + 1 + 20);
  EXPECT_EQ(lines[1], "    node  size");
  EXPECT_EQ(lines[2], "    n0       0");
  EXPECT_EQ(lines[21], "    n19     19");
  EXPECT_EQ(lines[22], "    ... 60 more rows (all in the JSON report)");
  EXPECT_EQ(lines[23], "    n80     80");
  EXPECT_EQ(lines[42], "    n99     99");
}

TEST(ReportText, UnitSymbols) {
  Report r;
  r.section("s")
      .add("a", int64_t(3), Unit::Steps)
      .add("b", 1.5, Unit::Joules)
      .add("c", 2.0, Unit::Percent)
      .add("d", 64, Unit::Bytes)
      .add("e", 5e6, Unit::PerSecond)
      .add("f", 7, Unit::Cycles)
      .add("g", 0.25, Unit::Watts)
      .add("h", 1000, Unit::Hertz);
  std::ostringstream os;
  printText(os, r);
  EXPECT_EQ(os.str(), "s\n"
                      "  a  3 steps\n"
                      "  b  1.5 J\n"
                      "  c  2 %\n"
                      "  d  64 B\n"
                      "  e  5e+06 /s\n"
                      "  f  7 cycles\n"
                      "  g  0.25 W\n"
                      "  h  1000 Hz\n");
}

TEST(Report, SectionIsFoundOrAppended) {
  Report r;
  r.section("a").add("x", 1);
  r.section("b");
  r.section("a").add("y", 2);
  ASSERT_EQ(r.sections.size(), 2u);
  ASSERT_NE(r.find("a"), nullptr);
  EXPECT_EQ(r.find("a")->values.size(), 2u);
  EXPECT_EQ(r.find("c"), nullptr);
  EXPECT_EQ(std::get<int64_t>(r.find("a")->find("y")->value), 2);
  EXPECT_EQ(r.find("a")->find("z"), nullptr);
}

TEST(Report, DuplicateKeyIsRefused) {
  Section s{"summary", {}, {}};
  s.add("wall", 1.0, Unit::Seconds);
  EXPECT_THROW(s.add("wall", 2.0), std::invalid_argument);
}

} // namespace
} // namespace nmc::sim

//===- ReportJsonTest.cpp - JSON printer and reader -------------*- C++ -*-===//
#include "SampleReport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace nmc::sim {
namespace {

using Json = nlohmann::ordered_json;

/// Expects `f` to throw std::runtime_error whose message contains `text`.
template <typename F> void expectError(F f, const std::string &text) {
  try {
    f();
    ADD_FAILURE() << "no error; expected one containing: " << text;
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

const char *kSampleJson = R"({
  "title": "nmc run: net.nir",
  "sections": {
    "summary": {
      "values": {
        "wall": {"value": 0.2081, "unit": "s"},
        "spikes": {"value": 1234, "unit": "count",
                   "description": "spikes of all nodes"},
        "engine": {"value": "fused"},
        "float32": {"value": false},
        "rate": {"value": null, "unit": "Hz"}
      },
      "tables": [{
        "title": "nodes",
        "columns": [{"name": "node"}, {"name": "size", "unit": "count"},
                    {"name": "rate", "unit": "Hz"}],
        "rows": [["input", 10, null], ["lif", 100, 12.5]]
      }]
    },
    "empty": {"values": {}}
  }
})";

TEST(ReportJson, WritesTheDocumentedSchema) {
  // ordered_json compares member order too.
  EXPECT_EQ(toJson(test::sampleReport()), Json::parse(kSampleJson));
}

TEST(ReportJson, IntegersAndFloatsStayApart) {
  Report r;
  r.section("s").add("n", 2).add("x", 2.0);
  EXPECT_EQ(toJson(r)["sections"]["s"]["values"].dump(),
            R"({"n":{"value":2},"x":{"value":2.0}})");
}

TEST(ReportJson, ReadsBackWhatItWrites) {
  Report r = test::sampleReport();
  EXPECT_EQ(fromJson(Json::parse(kSampleJson)), r);
  EXPECT_EQ(fromJson(Json::parse(toJson(r).dump())), r);
  r.section("more").add("x", 2.0).add("big", int64_t(1) << 62);
  EXPECT_EQ(fromJson(Json::parse(toJson(r).dump())), r);
}

TEST(ReportJson, NonFiniteFloatsBecomeNoValue) {
  Report r;
  r.section("s").add("x", std::nan(""), Unit::Seconds).add("y", INFINITY);
  Json j = toJson(r);
  EXPECT_TRUE(j["sections"]["s"]["values"]["x"]["value"].is_null());
  Report back = fromJson(j);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(
      back.sections[0].find("y")->value));
}

TEST(ReportJson, DuplicatesAndRaggedRowsAreRefused) {
  Report r;
  r.sections = {Section{"a", {}, {}}, Section{"a", {}, {}}};
  EXPECT_THROW(toJson(r), std::invalid_argument);
  Report t;
  t.section("s").tables.push_back({"t", {{"a"}, {"b"}}, {{int64_t(1)}}});
  EXPECT_THROW(toJson(t), std::invalid_argument);
}

TEST(ReportJson, ReaderNamesTheBadElement) {
  expectError([] { fromJson(Json::parse("[]")); }, "/: expected a report");
  expectError([] { fromJson(Json::parse(R"({"title": "t"})")); },
              "/: missing \"sections\"");
  expectError(
      [] {
        fromJson(Json::parse(
            R"({"sections": {"a/b": {"values": {"x": {"value": 1,
                "unit": "parsec"}}}}})"));
      },
      "/sections/a~1b/values/x/unit: unknown unit \"parsec\"");
  expectError(
      [] {
        fromJson(Json::parse(
            R"({"sections": {"s": {"values": {"x": {"unit": "s"}}}}})"));
      },
      "/sections/s/values/x: missing \"value\"");
  expectError(
      [] {
        fromJson(Json::parse(R"({"sections": {"s": {"values": {},
            "tables": [{"columns": [{"name": "a"}], "rows": [[1, 2]]}]}}})"));
      },
      "/sections/s/tables/0/rows/0: expected an array of 1 cells");
  expectError(
      [] {
        fromJson(Json::parse(
            R"({"sections": {"s": {"values": {"x": {"value": [1]}}}}})"));
      },
      "/sections/s/values/x/value: expected a number, string, bool or null");
}

class ReportFile : public ::testing::Test {
protected:
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("nmc-report-" +
       std::string(
           ::testing::UnitTest::GetInstance()->current_test_info()->name()));
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
};

TEST_F(ReportFile, WriteThenRead) {
  std::string path = (dir / "r.json").string();
  writeJson(path, test::sampleReport());
  EXPECT_EQ(readJson(path), test::sampleReport());
}

TEST_F(ReportFile, WriteErrorsNameThePath) {
  std::string missing = (dir / "no" / "r.json").string();
  expectError([&] { writeJson(missing, test::sampleReport()); },
              missing + ": cannot open for writing");
  if (std::filesystem::exists("/dev/full"))
    expectError([] { writeJson("/dev/full", test::sampleReport()); },
                "/dev/full: write failed");
}

TEST_F(ReportFile, ReadErrorsNameThePath) {
  std::string path = (dir / "bad.json").string();
  expectError([&] { readJson(path); }, path + ": cannot open");
  std::ofstream(path) << "{\"sections\": ";
  expectError([&] { readJson(path); }, path + ": parse error");
  std::ofstream(path) << R"({"sections": {"s": {}}})";
  expectError([&] { readJson(path); },
              path + ": /sections/s: missing \"values\"");
}

TEST(ReportUnits, NamesRoundTrip) {
  for (Unit u : {Unit::None, Unit::Count, Unit::Steps, Unit::Seconds,
                 Unit::Cycles, Unit::Joules, Unit::Watts, Unit::Percent,
                 Unit::Hertz, Unit::Bytes, Unit::PerSecond})
    EXPECT_EQ(unitFromName(unitName(u)), u) << unitName(u);
  EXPECT_THROW(unitFromName("furlong"), std::invalid_argument);
}

} // namespace
} // namespace nmc::sim

// The main job's columns on the shipped scenario (issue 13): every column can differ between the
// thirteen presets, or docs/results.md says why it does not; the default table fits 100 columns and
// prints no probability as 0; the metric dictionary in docs/results.md is the program's.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "concord/engine/simulate.hpp"
#include "concord/ensemble/metrics.hpp"

namespace {

std::string run(const std::string& args) {
  const std::string cmd = std::string(CONCORD_BINARY) + " " + args + " 2>&1";
  std::array<char, 4096> buf{};
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return "";
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
  pclose(pipe);
  return out;
}

std::string read(const std::string& rel) {
  std::ifstream in(std::string(CONCORD_SOURCE_DIR) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

const std::string kMainJob =
    "compare " + std::string(CONCORD_SOURCE_DIR) + "/scenarios/asia-pacific-2015.toml --orders all --runs 25 --years 35 "
    "--threads 2 --quiet";

TEST(MainJobColumns, EveryColumnDiffersBetweenPresetsOrTheDocsSayWhy) {
  const std::string csv = run(kMainJob + " --format csv");
  std::istringstream lines(csv);
  std::string header_line;
  std::getline(lines, header_line);
  const auto header = split(header_line);
  std::vector<std::vector<std::string>> rows;
  for (std::string l; std::getline(lines, l);) rows.push_back(split(l));
  ASSERT_EQ(rows.size(), 13U) << csv;
  // the docs' list of columns that may be constant on this scenario, with the reason beside each
  const std::string docs = read("docs/results.md");
  const auto section = docs.find("## Columns that can be constant");
  ASSERT_NE(section, std::string::npos) << "docs/results.md needs the section";
  const std::string listed = docs.substr(section, docs.find("\n## ", section + 5) - section);
  int checked = 0;
  for (std::size_t c = 2; c < header.size(); ++c) {
    const std::string& key = header[c];
    if (key.find("_lo") != std::string::npos || key.find("_hi") != std::string::npos ||
        (key.size() > 2 && key.compare(key.size() - 2, 2, "_n") == 0)) {
      continue;
    }
    std::set<std::string> values;
    for (const auto& r : rows) values.insert(r[c]);
    ++checked;
    if (values.size() <= 1) {
      EXPECT_NE(listed.find("`" + key + "`"), std::string::npos)
          << "column " << key << " is the same in all thirteen presets (" << *values.begin()
          << ") and docs/results.md, 'Columns that can be constant', does not say why";
    }
  }
  EXPECT_GT(checked, 15);
}

TEST(MainJobColumns, TableFitsOneHundredColumnsAndPrintsNoZeroProbability) {
  const std::string out = run(kMainJob);
  std::istringstream lines(out);
  for (std::string l; std::getline(lines, l);) EXPECT_LE(l.size(), 100U) << l;
  EXPECT_FALSE(std::regex_search(out, std::regex(R"((^|[ \[])0\.000($|[ \],]))"))) << out;
  EXPECT_NE(out.find("1= "), std::string::npos) << "orders without a great-power war are tied:\n" << out;
  const std::string lines_out = run(kMainJob + " --format lines");
  EXPECT_EQ(std::count(lines_out.begin(), lines_out.end(), '\n'), 13) << lines_out;
}

TEST(MetricDictionary, DocsHoldTheProgramsDictionary) {
  const std::string docs = read("docs/results.md");
  EXPECT_NE(docs.find(concord::ensemble::dictionary_markdown()), std::string::npos)
      << "regenerate the table in docs/results.md with `concord metrics`";
  EXPECT_EQ(run("metrics"), concord::ensemble::dictionary_markdown());
}

// A metric the engine stores without a dictionary entry would print with no unit, no definition and
// the wrong interval: every summary and yearly metric needs one (add it to ensemble/metrics.cpp).
TEST(MetricDictionary, EveryEngineMetricHasAnEntry) {
  for (const auto& name : concord::engine::summary_names()) {
    EXPECT_NE(concord::ensemble::find_metric(name, "summary"), nullptr) << "summary metric " << name;
  }
  for (const auto& name : concord::engine::yearly_metric_names()) {
    EXPECT_NE(concord::ensemble::find_metric(name, "yearly"), nullptr) << "yearly metric " << name;
  }
  std::size_t summaries = 0;
  for (const auto& m : concord::ensemble::engine_metric_dictionary()) summaries += m.scope == "summary" ? 1 : 0;
  EXPECT_EQ(summaries, concord::engine::summary_names().size()) << "an entry for a metric the engine does not store";
}

}  // namespace

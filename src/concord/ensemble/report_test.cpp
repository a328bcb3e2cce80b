// The report's printing rules (report.hpp): no probability printed as 0, tied ranks, a table that
// fits 100 columns while csv and json keep every column.
#include "concord/ensemble/report.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "concord/store/records.hpp"

namespace concord::ensemble {
namespace {

TEST(FormatShare, ZeroOfAThousandIsAnUpperBound) {
  Proportion p;
  p.add_counts(0, 1000);
  // Wilson upper bound at k = 0: z^2 / (n + z^2) = 3.8415 / 1003.8415 = 0.00383, rounded up
  EXPECT_EQ(format_share(p.wilson(), 0), "< 0.004");
  Proportion all;
  all.add_counts(1000, 1000);
  EXPECT_EQ(format_share(all.wilson(), 1000), "> 0.996");
  Proportion one;
  one.add_counts(1, 10000);
  const std::string s = format_share(one.wilson(), 1);
  EXPECT_EQ(s.find("0.000 "), std::string::npos) << s;
  EXPECT_EQ(s.rfind("0.0001", 0), 0U) << s;
}

TEST(FormatNumber, NeverPrintsANonzeroValueAsZeroOrMinusZero) {
  EXPECT_EQ(format_number(0.00018, 3), "0.0002");
  EXPECT_EQ(format_number(-0.0001, 2), "-0.0001");
  EXPECT_NE(format_number(-1e-20, 0), "0");
  EXPECT_NE(format_number(-1e-20, 0), "-0");
  EXPECT_EQ(format_number(0.0, 2), "0.00");
  EXPECT_EQ(format_number(45231.0, 0, true), "45.2k");
  EXPECT_EQ(format_number(2.39e6, 0, true), "2.39M");
}

TEST(RankWithTies, IndistinguishableOrdersShareARank) {
  // six orders at 0, then 0.02 and 0.03 (told apart from the zeros, not from each other), then 0.25
  const std::vector<double> v{0, 0, 0, 0, 0, 0, 0.02, 0.03, 0.25};
  const auto ranks = rank_with_ties(v, [&](std::size_t i, std::size_t j) {
    const double a = v[i], b = v[j];
    return (a == 0) != (b == 0) || std::abs(a - b) > 0.05;
  });
  std::vector<std::string> labels;
  for (const auto& r : ranks) labels.push_back(rank_label(r));
  EXPECT_EQ(labels, (std::vector<std::string>{"1=", "1=", "1=", "1=", "1=", "1=", "7=", "7=", "9"}));
  EXPECT_EQ(ranks[8].item, 8U);
}

// A report of thirteen orders with every column, as compare builds it.
Report thirteen_orders(const Distinguishable& distinguishable = {}) {
  SummarySpec spec;
  spec.proportions = {"gp_war"};
  spec.baseline = "multiplex";
  spec.pairwise = {"gp_war"};
  GroupedStatistics stats(spec);
  const std::vector<std::string> orders{"multiplex",      "balance-of-power", "security-community",
                                        "sino-centric",   "pax-americana",    "concert",
                                        "g2",             "pax-pacifica",     "dynamic-equilibrium",
                                        "omni-directional", "asian-security-concept", "consociational",
                                        "cooperative-security-2"};
  std::vector<std::string> names;
  for (const auto& m : engine_metric_dictionary()) {
    if (m.scope == "summary") names.push_back(m.name);
  }
  for (std::uint64_t r = 0; r < 50; ++r) {
    for (std::size_t o = 0; o < orders.size(); ++o) {
      RunRecord rec;
      rec.key = RunKey{"h", orders[o], "{}", 1, r * orders.size() + o, r};
      rec.summary_names = names;
      for (const auto& n : names) {
        const MetricInfo* info = find_metric(n);
        double v = static_cast<double>((r * 7 + o * 3) % 11) / 10.0;  // in [0, 1]
        if (n == "gp_war") v = o < 6 ? 0.0 : ((r + o) % 3 == 0 ? 1.0 : 0.0);
        if (n == "first_gp_war") v = 1.0 + static_cast<double>(r % 30);
        if (n == "battle_deaths") v = v * 1.234e6;
        if (n == "mids_per_decade") v = 100.0 + 50.0 * v;
        EXPECT_NE(info, nullptr) << n;
        rec.summary.push_back(v);
      }
      stats.add(rec);
    }
  }
  return build_report(stats, orders, "multiplex", true, "gp_war", distinguishable);
}

TEST(Report, DefaultTableFitsOneHundredColumns) {
  const Report rep = thirteen_orders();
  const std::string table = render_table(rep);
  std::istringstream lines(table);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 100U) << line;
  EXPECT_NE(table.find("P(GP war)"), std::string::npos);
  EXPECT_NE(table.find("< 0."), std::string::npos) << "orders with no war print a bound:\n" << table;
  EXPECT_EQ(table.find(" 0.000 "), std::string::npos) << table;
  EXPECT_NE(table.find("1="), std::string::npos) << "six orders without a war are tied:\n" << table;
  // --wide shows every column; --columns chooses
  EXPECT_GT(render_table(rep, TableOptions{100, true, {}}).find("Shapley"), 0U);
  const std::string two = render_table(rep, TableOptions{100, false, {"voice", "gp_war"}});
  EXPECT_LT(two.find("voice"), two.find("P(GP war)"));
  EXPECT_THROW((void)render_table(rep, TableOptions{100, false, {"nonsense"}}), std::invalid_argument);
}

TEST(Report, CsvAndJsonKeepEveryColumn) {
  const Report rep = thirteen_orders();
  const std::string csv = render_csv(rep);
  const std::string header = csv.substr(0, csv.find('\n'));
  for (const auto& m : engine_metric_dictionary()) {
    if (m.scope != "summary") continue;
    EXPECT_NE(header.find("," + m.name + ","), std::string::npos) << m.name;
    EXPECT_NE(header.find("," + m.name + "_mc_lo,"), std::string::npos) << m.name;
  }
  EXPECT_NE(header.find("gp_war_minus_multiplex"), std::string::npos);
  const auto j = render_json(rep);
  EXPECT_EQ(j["orders"].size(), 13U);
  EXPECT_TRUE(j["orders"][0].contains("small_power_shapley"));
  EXPECT_EQ(j["orders"][0]["rank_label"], "1=");
}

TEST(Report, DistinguishableHookDecidesTies) {
  // by default the six orders without a war are told apart from those with one (paired difference)
  const Report by_default = thirteen_orders();
  EXPECT_NE(std::find_if(by_default.rank_labels.begin(), by_default.rank_labels.end(),
                         [](const std::string& l) { return l != "1="; }),
            by_default.rank_labels.end());
  // a hook that tells no pair apart ties all thirteen
  const Report none = thirteen_orders([](const std::string&, const std::string&) { return false; });
  EXPECT_EQ(none.rank_labels, std::vector<std::string>(13, "1="));
  // one that tells every pair apart leaves only equal values tied: the six without a war are 1=
  const Report all = thirteen_orders([](const std::string&, const std::string&) { return true; });
  EXPECT_EQ(std::count(all.rank_labels.begin(), all.rank_labels.end(), "1="), 6);
}

TEST(Report, HeadlineIsOneLinePerOrderWithRankOrTie) {
  const Report rep = thirteen_orders();
  const std::string h = render_headline(rep);
  EXPECT_EQ(std::count(h.begin(), h.end(), '\n'), 13);
  EXPECT_EQ(h.rfind("1=", 0), 0U) << h;
}

}  // namespace
}  // namespace concord::ensemble

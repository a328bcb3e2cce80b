#include "concord/ensemble/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace concord::ensemble {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool rounds_to_zero(const std::string& s) { return s.find_first_not_of("-0.") == std::string::npos; }

std::string fixed(double v, int digits) {
  std::string s = fmt::format("{:.{}f}", v, std::max(0, digits));
  if (s.front() == '-' && rounds_to_zero(s)) s.erase(0, 1);
  return s;
}

}  // namespace

std::string format_number(double v, int digits, bool compact) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  const double a = std::abs(v);
  if (compact && a >= 1e4) {
    const char* suffix = a >= 1e9 ? "G" : a >= 1e6 ? "M" : "k";
    const double scale = a >= 1e9 ? 1e9 : a >= 1e6 ? 1e6 : 1e3;
    const double x = v / scale;
    const int d = std::abs(x) >= 100 ? 0 : std::abs(x) >= 10 ? 1 : 2;
    return fixed(x, d) + suffix;
  }
  std::string s = fixed(v, digits);
  if (v != 0.0 && rounds_to_zero(s)) {
    // keep one significant digit: never print a nonzero value as 0
    const int d = static_cast<int>(std::ceil(-std::log10(a)));
    s = fixed(v, std::max(d, digits + 1));
    if (rounds_to_zero(s)) s = fixed(v, d + 1);
  }
  return s;
}

std::string format_share(const Estimate& e, std::uint64_t successes, int digits, bool with_interval) {
  if (std::isnan(e.value)) return "-";
  const double scale = std::pow(10.0, digits);
  if (successes == 0 && e.n > 0) {
    // resolved to 0: the Wilson upper bound, rounded up so the bound stays a bound
    const double hi = std::ceil(e.hi * scale - 1e-9) / scale;
    return "< " + format_number(hi, digits);
  }
  if (successes == e.n && e.n > 0) {
    const double lo = std::floor(e.lo * scale + 1e-9) / scale;
    return "> " + format_number(lo, digits);
  }
  std::string s = format_number(e.value, digits);
  if (with_interval && !std::isnan(e.lo) && !std::isnan(e.hi)) {
    s += fmt::format(" [{}, {}]", format_number(e.lo, digits), format_number(e.hi, digits));
  }
  return s;
}

std::vector<Rank> rank_with_ties(const std::vector<double>& value,
                                 const std::function<bool(std::size_t, std::size_t)>& distinguishable) {
  const std::size_t n = value.size();
  std::vector<Rank> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].item = i;
    int below = 0;
    if (std::isnan(value[i])) {
      below = static_cast<int>(n);  // last
    } else {
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i && !std::isnan(value[j]) && value[j] < value[i] && distinguishable(i, j)) ++below;
      }
    }
    out[i].rank = 1 + below;
  }
  for (auto& r : out) {
    r.tied = std::count_if(out.begin(), out.end(), [&](const Rank& o) { return o.rank == r.rank; }) > 1;
  }
  std::stable_sort(out.begin(), out.end(), [&](const Rank& a, const Rank& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    const double va = value[a.item];
    const double vb = value[b.item];
    if (va != vb && !std::isnan(va) && !std::isnan(vb)) return va < vb;
    return a.item < b.item;
  });
  return out;
}

std::string rank_label(const Rank& r) { return fmt::format("{}{}", r.rank, r.tied ? "=" : ""); }

Report build_report(GroupedStatistics& stats, const std::vector<std::string>& groups, const std::string& baseline,
                    bool rank, const std::string& rank_metric, const Distinguishable& distinguishable) {
  Report rep;
  rep.baseline = baseline;
  rep.rank_metric = rank_metric;
  const auto& present = stats.metrics();
  for (const auto& m : engine_metric_dictionary()) {
    if (m.scope != "summary") continue;
    if (std::find(present.begin(), present.end(), m.name) == present.end()) continue;
    rep.columns.push_back({m.name, m.heading, m.unit, m.definition, m.interval, m.digits, m.probability, false,
                           m.priority});
    if (m.name == rank_metric && !baseline.empty()) {
      rep.columns.push_back({rank_metric + "_minus_" + baseline, "vs " + baseline, "difference of shares",
                             "paired difference of " + rank_metric + " from the baseline order over replicates "
                             "(common random numbers), Student 95% interval of the mean difference",
                             IntervalKind::wilson, m.digits, false, true, 6});
    }
  }
  // metrics not in the dictionary (reference models): plain means with predictive intervals
  for (const auto& name : present) {
    if (find_metric(name) != nullptr) continue;
    rep.columns.push_back({name, name, "", "", IntervalKind::predictive, 3, false, false, 0});
  }
  auto cell = [&](const std::string& g, const ReportColumn& c) {
    ReportCell out;
    if (c.difference) {
      if (g == baseline) return out;  // missing: the baseline itself
      const Estimate d = stats.paired(g, rank_metric).student();
      out = {d.value, d.lo, d.hi, d.lo, d.hi, d.n, 0, d.n == 0};
      return out;
    }
    const Mean& mean = stats.mean(g, c.key);
    if (mean.count() == 0) return out;
    const Estimate mc = mean.student();
    out.missing = false;
    out.value = mean.mean();
    out.n = mean.count();
    out.mc_lo = mc.lo;
    out.mc_hi = mc.hi;
    if (c.interval == IntervalKind::wilson) {
      const Proportion& p = stats.proportion(g, c.key);
      const Estimate w = p.wilson();
      out.value = w.value;
      out.lo = out.mc_lo = w.lo;
      out.hi = out.mc_hi = w.hi;
      out.successes = p.successes();
      out.n = p.trials();
    } else if (c.interval == IntervalKind::predictive) {
      const Quantiles& q = stats.quantiles(g, c.key);
      out.lo = q.at(0);
      out.hi = q.at(2);
    } else {
      out.lo = out.hi = out.value;
    }
    return out;
  };
  // ranking
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<Rank> ranks;
  const bool can_rank = rank && std::find(present.begin(), present.end(), rank_metric) != present.end();
  if (can_rank) {
    std::vector<double> value(groups.size());
    std::vector<Estimate> wilson(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
      wilson[i] = stats.proportion(groups[i], rank_metric).wilson();
      value[i] = wilson[i].value;
    }
    ranks = rank_with_ties(value, [&](std::size_t i, std::size_t j) {
      if (distinguishable) return distinguishable(groups[i], groups[j]);
      if (const auto d = stats.pairwise(groups[i], groups[j], rank_metric)) {
        return !std::isnan(d->lo) && !std::isnan(d->hi) && (d->lo > 0.0 || d->hi < 0.0);
      }
      return wilson[i].lo > wilson[j].hi || wilson[j].lo > wilson[i].hi;
    });
    for (std::size_t r = 0; r < ranks.size(); ++r) order[r] = ranks[r].item;
  }
  for (std::size_t r = 0; r < order.size(); ++r) {
    const std::string& g = groups[order[r]];
    rep.orders.push_back(g);
    rep.rank_labels.push_back(can_rank ? rank_label(ranks[r]) : "");
    rep.ranks.push_back(can_rank ? ranks[r].rank : 0);
    std::vector<ReportCell> row;
    for (const auto& c : rep.columns) row.push_back(cell(g, c));
    rep.cells.push_back(std::move(row));
  }
  return rep;
}

namespace {

std::string cell_text(const ReportColumn& c, const ReportCell& v, bool is_baseline_row) {
  if (c.difference && is_baseline_row) return "(baseline)";
  if (v.missing) return "-";
  const bool compact = c.digits == 0;
  switch (c.interval) {
    case IntervalKind::wilson:
      if (c.difference) {
        auto sgn = [&](double x) { return (x > 0 ? "+" : "") + format_number(x, c.digits); };
        return fmt::format("{} [{}, {}]", sgn(v.value), sgn(v.lo), sgn(v.hi));
      }
      return format_share(Estimate{v.value, v.lo, v.hi, v.n}, v.successes, c.digits);
    case IntervalKind::predictive: {
      const std::string value = format_number(v.value, c.digits, compact);
      const std::string lo = format_number(v.lo, c.digits, compact);
      const std::string hi = format_number(v.hi, c.digits, compact);
      // every run gives the same value at the printed precision: the value alone
      if (lo == value && hi == value) return value;
      return fmt::format("{} [{}, {}]", value, lo, hi);
    }
    case IntervalKind::none: return format_number(v.value, c.digits, compact);
  }
  return "-";
}

// Words of `text` on lines of at most `width` characters.
std::string wrap_text(const std::string& text, std::size_t width) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) out += line + "\n";
  return out;
}

std::string csv_num(double v) {
  if (std::isnan(v)) return "";
  return fmt::format("{}", v);
}

}  // namespace

std::string render_table(const Report& rep, const TableOptions& opt) {
  std::vector<std::size_t> shown;
  auto index_of = [&](const std::string& key) {
    for (std::size_t c = 0; c < rep.columns.size(); ++c) {
      if (rep.columns[c].key == key) return c;
    }
    return rep.columns.size();
  };
  std::vector<std::size_t> candidates(rep.columns.size());
  std::iota(candidates.begin(), candidates.end(), 0);
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
    const int pa = rep.columns[a].priority == 0 ? 1000 : rep.columns[a].priority;
    const int pb = rep.columns[b].priority == 0 ? 1000 : rep.columns[b].priority;
    return pa < pb;
  });
  std::vector<std::vector<std::string>> text(rep.orders.size(), std::vector<std::string>(rep.columns.size()));
  std::vector<std::size_t> width(rep.columns.size());
  for (std::size_t c = 0; c < rep.columns.size(); ++c) {
    width[c] = rep.columns[c].heading.size();
    for (std::size_t r = 0; r < rep.orders.size(); ++r) {
      text[r][c] = cell_text(rep.columns[c], rep.cells[r][c], rep.orders[r] == rep.baseline);
      width[c] = std::max(width[c], text[r][c].size());
    }
  }
  const bool ranked = !rep.rank_labels.empty() && !rep.rank_labels[0].empty();
  std::size_t rank_w = ranked ? 1 : 0;
  for (const auto& l : rep.rank_labels) rank_w = std::max(rank_w, l.size());
  std::size_t order_w = 5;
  for (const auto& o : rep.orders) order_w = std::max(order_w, o.size());
  std::size_t used = (ranked ? rank_w + 2 : 0) + order_w;
  std::size_t left_out = 0;
  if (!opt.columns.empty()) {
    for (const auto& key : opt.columns) {
      const std::size_t c = index_of(key);
      if (c == rep.columns.size()) {
        std::string keys;
        for (const auto& col : rep.columns) keys += (keys.empty() ? "" : ", ") + col.key;
        throw std::invalid_argument(fmt::format("unknown column '{}' (columns: {})", key, keys));
      }
      shown.push_back(c);
    }
  } else {
    for (std::size_t c : candidates) {
      const bool wanted = opt.wide || rep.columns[c].priority > 0;
      if (!wanted) {
        ++left_out;
        continue;
      }
      if (!opt.wide && used + 2 + width[c] > opt.width) {
        ++left_out;
        continue;
      }
      shown.push_back(c);
      used += 2 + width[c];
    }
  }
  std::string out;
  auto line = [&](const std::string& rank, const std::string& order, const std::vector<std::string>& cells) {
    std::string l;
    if (ranked) l += fmt::format("{:>{}}  ", rank, rank_w);
    l += fmt::format("{:<{}}", order, order_w);
    for (std::size_t k = 0; k < shown.size(); ++k) l += fmt::format("  {:<{}}", cells[k], width[shown[k]]);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  std::vector<std::string> head;
  for (std::size_t c : shown) head.push_back(rep.columns[c].heading);
  line("#", "order", head);
  for (std::size_t r = 0; r < rep.orders.size(); ++r) {
    std::vector<std::string> cells;
    for (std::size_t c : shown) cells.push_back(text[r][c]);
    line(rep.rank_labels[r], rep.orders[r], cells);
  }
  out += "\n";
  const std::size_t wrap = opt.wide ? std::size_t{100} : opt.width;
  for (std::size_t c : shown) {
    const auto& col = rep.columns[c];
    std::string what = col.difference ? std::string("paired difference over replicates, Student 95% (Monte Carlo)")
                       : col.interval == IntervalKind::wilson ? "share of runs, Wilson 95% interval (Monte Carlo)"
                       : col.interval == IntervalKind::predictive ? "mean [2.5%, 97.5%] of runs (predictive interval)"
                                                                   : "the same in every run";
    out += wrap_text(fmt::format("{} ({}): {}; {}.", col.heading, col.key, col.unit, what), wrap);
  }
  if (ranked) {
    out += wrap_text(fmt::format("#: rank by {}; orders share a rank (\"3=\") unless a 95% paired-difference "
                                 "interval (common random numbers) separates them. \"< x\": no run had the event; "
                                 "x is the Wilson upper bound.",
                                 rep.rank_metric),
                     wrap);
  }
  if (left_out > 0) {
    out += wrap_text(fmt::format("{} more column(s): --wide for all, --columns KEY,... to choose, --format csv or "
                                 "json for every column with both intervals. Definitions: docs/results.md.",
                                 left_out),
                     wrap);
  }
  return out;
}

std::string render_csv(const Report& rep) {
  std::string out = "rank,order";
  for (const auto& c : rep.columns) {
    out += fmt::format(",{0},{0}_lo,{0}_hi,{0}_mc_lo,{0}_mc_hi,{0}_n", c.key);
  }
  out += "\n";
  for (std::size_t r = 0; r < rep.orders.size(); ++r) {
    out += fmt::format("{},{}", rep.rank_labels[r], rep.orders[r]);
    for (std::size_t c = 0; c < rep.columns.size(); ++c) {
      const ReportCell& v = rep.cells[r][c];
      if (v.missing) {
        out += ",,,,,,";
        continue;
      }
      out += fmt::format(",{},{},{},{},{},{}", csv_num(v.value), csv_num(v.lo), csv_num(v.hi), csv_num(v.mc_lo),
                         csv_num(v.mc_hi), v.n);
    }
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json render_json(const Report& rep) {
  nlohmann::ordered_json j;
  j["columns"] = nlohmann::ordered_json::array();
  for (const auto& c : rep.columns) {
    j["columns"].push_back({{"key", c.key},
                            {"unit", c.unit},
                            {"definition", c.definition},
                            {"interval", c.difference ? std::string("paired difference, Student 95% (Monte Carlo)")
                                                      : std::string(describe(c.interval))}});
  }
  j["orders"] = nlohmann::ordered_json::array();
  auto num = [](double v) { return std::isnan(v) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v); };
  for (std::size_t r = 0; r < rep.orders.size(); ++r) {
    nlohmann::ordered_json row;
    if (!rep.rank_labels[r].empty()) {
      row["rank"] = rep.ranks[r];
      row["rank_label"] = rep.rank_labels[r];
    }
    row["order"] = rep.orders[r];
    for (std::size_t c = 0; c < rep.columns.size(); ++c) {
      const auto& col = rep.columns[c];
      const ReportCell& v = rep.cells[r][c];
      if (v.missing) {
        row[col.key] = nullptr;
        continue;
      }
      nlohmann::ordered_json x{{"estimate", num(v.value)}, {"lo", num(v.lo)}, {"hi", num(v.hi)},
                               {"mc_lo", num(v.mc_lo)},    {"mc_hi", num(v.mc_hi)}, {"n", v.n}};
      if (col.probability) {
        x["successes"] = v.successes;
        x["text"] = format_share(Estimate{v.value, v.lo, v.hi, v.n}, v.successes, col.digits);
      }
      row[col.key] = x;
    }
    j["orders"].push_back(row);
  }
  return j;
}

std::string render_headline(const Report& rep) {
  std::size_t c = rep.columns.size();
  for (std::size_t k = 0; k < rep.columns.size(); ++k) {
    if (rep.columns[k].key == rep.rank_metric) c = k;
  }
  std::size_t order_w = 5;
  for (const auto& o : rep.orders) order_w = std::max(order_w, o.size());
  std::size_t rank_w = 1;
  for (const auto& l : rep.rank_labels) rank_w = std::max(rank_w, l.size());
  std::string out;
  for (std::size_t r = 0; r < rep.orders.size(); ++r) {
    const std::string value = c < rep.columns.size()
                                  ? cell_text(rep.columns[c], rep.cells[r][c], false)
                                  : std::string("-");
    out += fmt::format("{:>{}}  {:<{}}  {}\n", rep.rank_labels[r], rank_w, rep.orders[r], order_w, value);
  }
  return out;
}

}  // namespace concord::ensemble

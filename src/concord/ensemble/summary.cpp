#include "concord/ensemble/summary.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace concord::ensemble {

std::map<std::string, Support> engine_summary_supports() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::map<std::string, Support> s;
  for (const char* count : {"wars", "mids", "crises", "wars_per_decade", "mids_per_decade",
                            "years_balanced_disparity", "first_gp_war", "vetoes",
                            "measures_adopted", "alliance_shifts", "overtakes"}) {
    s[count] = Support{0.0, inf};
  }
  for (const char* share : {"gp_war", "gp_war_direct", "gp_war_joining", "voice", "con_final", "small_states_autonomous"}) {
    s[share] = Support{0.0, 1.0};
  }
  return s;
}

GroupedStatistics::GroupedStatistics(SummarySpec spec) : spec_(std::move(spec)) {
  if (!spec_.group_of) {
    spec_.group_of = [](const RunKey& k) { return k.order; };
  }
}

GroupedStatistics::Group& GroupedStatistics::group(const std::string& name) {
  auto it = group_index_.find(name);
  if (it == group_index_.end()) {
    it = group_index_.emplace(name, groups_.size()).first;
    group_names_.push_back(name);
    groups_.emplace_back();
  }
  return groups_[it->second];
}

std::size_t GroupedStatistics::metric_index(const std::string& name) {
  auto it = metric_index_.find(name);
  if (it == metric_index_.end()) {
    it = metric_index_.emplace(name, metric_names_.size()).first;
    metric_names_.push_back(name);
  }
  return it->second;
}

Support GroupedStatistics::support_of(std::size_t metric) const {
  const auto it = spec_.supports.find(metric_names_[metric]);
  return it == spec_.supports.end() ? Support{} : it->second;
}

void GroupedStatistics::grow(Group& g) const {
  for (std::size_t m = g.means.size(); m < metric_names_.size(); ++m) {
    g.means.emplace_back(support_of(m));
  }
  g.proportions.resize(metric_names_.size());
  for (std::size_t m = g.paired.size(); m < metric_names_.size(); ++m) {
    g.paired.emplace_back(support_of(m));
  }
}

void GroupedStatistics::flush_replicate() {
  if (spec_.baseline.empty()) {
    pending_.clear();
    return;
  }
  const auto base = pending_.find(spec_.baseline);
  if (base != pending_.end()) {
    for (const auto& [name, values] : pending_) {
      if (name == spec_.baseline) continue;
      Group& g = group(name);
      grow(g);
      for (std::size_t m = 0; m < values.size() && m < base->second.size(); ++m) {
        if (!std::isnan(values[m]) && !std::isnan(base->second[m])) {
          g.paired[m].add(values[m], base->second[m]);
        }
      }
    }
  }
  pending_.clear();
}

void GroupedStatistics::add(const RunRecord& run) {
  if (replicate_ && *replicate_ != run.key.replicate) flush_replicate();
  replicate_ = run.key.replicate;
  const std::string name = spec_.group_of(run.key);
  std::vector<std::size_t> idx(run.summary_names.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = metric_index(run.summary_names[i]);
  Group& g = group(name);
  grow(g);
  auto& values = pending_[name];
  values.resize(metric_names_.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < idx.size(); ++i) {
    const double v = run.summary[i];
    values[idx[i]] = v;
    if (std::isnan(v)) continue;
    g.means[idx[i]].add(v);
    if (std::find(spec_.proportions.begin(), spec_.proportions.end(), run.summary_names[i]) !=
        spec_.proportions.end()) {
      g.proportions[idx[i]].add(v > 0.5);
    }
  }
  if (!spec_.survival_event_kind.empty() && run.years > 0) {
    if (!g.survival) g.survival.emplace(run.years);
    const auto it = std::find_if(run.events.begin(), run.events.end(), [&](const EventRecord& e) {
      return e.kind == spec_.survival_event_kind;
    });
    const int horizon = std::min(run.years, g.survival->horizon());
    if (it == run.events.end()) {
      g.survival->add_censored(horizon);
    } else {
      // the first simulated year is start_year + 1: time 1 (MODEL.md: year t = start_year + t)
      g.survival->add_event(std::clamp(it->year - run.start_year, 1, horizon));
    }
  }
}

const Mean& GroupedStatistics::mean(const std::string& group_name,
                                    const std::string& metric) const {
  const auto& g = groups_.at(group_index_.at(group_name));
  return g.means.at(metric_index_.at(metric));
}

const Proportion& GroupedStatistics::proportion(const std::string& group_name,
                                                const std::string& metric) const {
  const auto& g = groups_.at(group_index_.at(group_name));
  return g.proportions.at(metric_index_.at(metric));
}

const KaplanMeier* GroupedStatistics::survival(const std::string& group_name) const {
  const auto& g = groups_.at(group_index_.at(group_name));
  return g.survival ? &*g.survival : nullptr;
}

const PairedDifference& GroupedStatistics::paired(const std::string& group_name,
                                                  const std::string& metric) {
  if (spec_.baseline.empty() || group_name == spec_.baseline) {
    throw std::out_of_range("no paired difference for group " + group_name);
  }
  flush_replicate();
  replicate_.reset();
  const auto& g = groups_.at(group_index_.at(group_name));
  return g.paired.at(metric_index_.at(metric));
}

std::vector<store::StatisticRow> GroupedStatistics::rows() {
  flush_replicate();
  replicate_.reset();
  std::vector<store::StatisticRow> out;
  auto push = [&](const std::string& grp, const std::string& metric, const char* stat, double at,
                  const Estimate& e) {
    out.push_back({grp, metric, stat, at, e.value, e.lo, e.hi, e.n});
  };
  for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
    const auto& g = groups_[gi];
    const auto& name = group_names_[gi];
    for (std::size_t m = 0; m < g.means.size(); ++m) {
      if (g.means[m].count() == 0) continue;
      push(name, metric_names_[m], "mean", 0.0, g.means[m].student(spec_.level));
      if (g.proportions[m].trials() > 0) {
        push(name, metric_names_[m], "proportion", 0.0, g.proportions[m].wilson(spec_.level));
      }
    }
    if (g.survival) {
      for (const auto& p : g.survival->curve(spec_.level)) {
        out.push_back({name, spec_.survival_event_kind, "survival", static_cast<double>(p.t),
                       p.survival, p.lo, p.hi, p.at_risk});
      }
    }
    for (std::size_t m = 0; m < g.paired.size(); ++m) {
      if (g.paired[m].difference().count() == 0) continue;
      push(name + " - " + spec_.baseline, metric_names_[m], "paired_difference", 0.0,
           g.paired[m].student(spec_.level));
    }
  }
  return out;
}

}  // namespace concord::ensemble

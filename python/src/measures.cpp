// Measures of the field on numpy arrays: CINC, Signorino-Ritter S, Kendall's tau-b, Ray-Singer
// concentration and the effective number of poles, a priori voting power. Each is the library's
// function (src/concord/measures, src/concord/bargain/voting_power.hpp), which documents its
// formula and source.
#include <array>
#include <cmath>

#include "bindings.hpp"
#include "concord/bargain/voting_power.hpp"
#include "concord/measures/cinc.hpp"
#include "concord/measures/concentration.hpp"
#include "concord/measures/similarity.hpp"

namespace concord::python {

void bind_measures(py::module_& m) {
  m.def(
      "cinc",
      [](const std::vector<std::vector<double>>& components) {
        if (components.size() != measures::kCincComponentCount) {
          throw py::value_error("cinc: expected the six NMC components milex, milper, irst, pec, tpop, upop");
        }
        const std::size_t n = components[0].size();
        std::array<std::span<const double>, measures::kCincComponentCount> spans;
        for (std::size_t k = 0; k < spans.size(); ++k) {
          if (components[k].size() != n) throw py::value_error("cinc: the six components differ in length");
          spans[k] = components[k];
        }
        std::vector<double> out(n);
        measures::cinc(spans, out);
        return to_numpy(out);
      },
      py::arg("components"));
  m.def(
      "s_score",
      [](const py::handle& a, const py::handle& b, const py::handle& weights, const std::string& distance,
         double range, const py::handle& ranges) {
        const auto va = to_doubles(a, "a");
        const auto vb = to_doubles(b, "b");
        const auto w = weights.is_none() ? std::vector<double>{} : to_doubles(weights, "weights");
        measures::SDistance d;
        if (distance == "absolute") {
          d = measures::SDistance::absolute;
        } else if (distance == "squared") {
          d = measures::SDistance::squared;
        } else {
          throw py::value_error("s_score: distance is 'absolute' or 'squared', got '" + distance + "'");
        }
        if (!ranges.is_none()) return measures::s_score_multi(va, vb, w, to_doubles(ranges, "ranges"), d);
        return measures::s_score(va, vb, w, measures::SScoreOptions{d, range});
      },
      py::arg("a"), py::arg("b"), py::arg("weights"), py::arg("distance"), py::arg("range"), py::arg("ranges"));
  m.def(
      "tau_b",
      [](const py::handle& a, const py::handle& b) -> py::object {
        const auto t = measures::kendall_tau_b(to_doubles(a, "a"), to_doubles(b, "b"));
        if (!t) return py::none();
        return py::float_(*t);
      },
      py::arg("a"), py::arg("b"));
  m.def(
      "concentration",
      [](const py::handle& capabilities) {
        const auto c = measures::concentration(to_doubles(capabilities, "capabilities"));
        py::dict d;
        d["n"] = c.n;
        d["con"] = c.con;
        d["effective_poles"] = c.effective_poles;
        d["sum_squared_shares"] = c.sum_squared_shares;
        return d;
      },
      py::arg("capabilities"));
  m.def(
      "voting_power",
      [](const py::handle& weights, double quota, const std::string& method) {
        bargain::VotingPowerOptions o;
        if (method == "automatic") {
          o.method = bargain::VotingPowerMethod::automatic;
        } else if (method == "enumeration") {
          o.method = bargain::VotingPowerMethod::enumeration;
        } else if (method == "generating-function") {
          o.method = bargain::VotingPowerMethod::generating_function;
        } else {
          throw py::value_error("voting_power: method is automatic, enumeration or generating-function, got '" +
                                method + "'");
        }
        const auto w = to_doubles(weights, "weights");
        bargain::VotingPower v;
        {
          py::gil_scoped_release release;
          v = bargain::voting_power(w, quota, o);
        }
        std::vector<double> swings(v.banzhaf_swings.begin(), v.banzhaf_swings.end());
        py::dict d;
        d["shapley_shubik"] = to_numpy(v.shapley_shubik);
        d["banzhaf_swings"] = to_numpy(swings);
        d["banzhaf_normalised"] = to_numpy(v.banzhaf_normalised);
        d["banzhaf_absolute"] = to_numpy(v.banzhaf_absolute);
        d["winning_coalitions"] = static_cast<double>(v.winning_coalitions);
        d["power_to_act"] = v.power_to_act;
        d["method"] = std::string(bargain::to_string(v.method));
        return d;
      },
      py::arg("weights"), py::arg("quota"), py::arg("method"));
}

}  // namespace concord::python

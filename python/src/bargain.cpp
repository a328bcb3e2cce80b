// Collective decisions: the bargaining models (compromise, weighted median, asymmetric Nash,
// Bueno de Mesquita's expected-utility model) and an institution's decision rule on one proposal,
// over arrays; and the CSV readers of `concord bargain` / `concord decide` (KTAB SMP files too).
#include "bindings.hpp"
#include "concord/bargain/bdm.hpp"
#include "concord/bargain/decision.hpp"
#include "concord/bargain/input.hpp"
#include "concord/bargain/spatial.hpp"

namespace concord::python {

namespace {

using namespace concord::bargain;

// Positions or saliences given as k rows of n values (one row per issue) -> dimension-major.
std::vector<double> issue_major(const std::vector<std::vector<double>>& rows, std::size_t n, const char* what) {
  std::vector<double> out;
  for (const auto& r : rows) {
    if (r.size() != n) {
      throw py::value_error(std::string(what) + ": every issue needs one value per actor");
    }
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

py::array_t<double> matrix(const std::vector<double>& v, std::size_t rows, std::size_t cols) {
  py::array_t<double> out({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
  std::copy(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(rows * cols), out.mutable_data());
  return out;
}

}  // namespace

void bind_bargain(py::module_& m) {
  m.def(
      "read_bargain_csv",
      [](const std::string& path, const std::string& input) {
        BargainFormat f = BargainFormat::automatic;
        if (input == "concord") f = BargainFormat::concord;
        if (input == "ktab") f = BargainFormat::ktab;
        const BargainScenario sc = read_bargain_csv(path, f);
        const std::size_t n = sc.actor.size();
        py::dict d;
        d["actor"] = sc.actor;
        d["capability"] = to_numpy(sc.capability);
        d["position"] = matrix(sc.position, sc.issues, n);
        d["salience"] = matrix(sc.salience, sc.issues, n);
        return d;
      },
      py::arg("path"), py::arg("input"));
  m.def(
      "bargain",
      [](const std::vector<double>& capability, const std::vector<std::vector<double>>& position,
         const std::vector<std::vector<double>>& salience, const std::string& model, int rounds, double q,
         const std::string& loss) {
        const std::size_t n = capability.size();
        const auto pos = issue_major(position, n, "position");
        const auto sal = issue_major(salience, n, "salience");
        if (position.size() != salience.size()) throw py::value_error("position and salience differ in issues");
        const ActorsView view{capability, pos, sal};
        check_actors(view);
        const std::size_t k = position.size();
        py::dict d;
        d["model"] = model;
        if (model == "bdm" || model == "bdm-scholz-figure") {
          BdmOptions opt;
          opt.variant = model == "bdm-scholz-figure" ? BdmVariant::scholz_figure : BdmVariant::scholz_paper;
          opt.max_rounds = rounds;
          opt.q = q;
          std::vector<BdmIssueTrace> traces;
          {
            py::gil_scoped_release release;
            traces = run_bdm(view, opt);
          }
          py::list issues;
          for (const auto& tr : traces) {
            py::dict t;
            t["rounds"] = tr.rounds;
            t["settled"] = tr.settled;
            t["positions"] = matrix(tr.position, static_cast<std::size_t>(tr.rounds) + 1, n);
            t["risk"] = matrix(tr.risk, static_cast<std::size_t>(tr.rounds), n);
            t["mean"] = to_numpy(tr.mean);
            t["median"] = to_numpy(tr.median);
            issues.append(t);
          }
          d["issues"] = issues;
          return d;
        }
        std::vector<double> outcome(k);
        if (model == "compromise") {
          compromise(view, outcome);
        } else if (model == "median") {
          std::vector<std::size_t> scratch(n);
          weighted_median(view, outcome, scratch);
        } else if (model == "nash") {
          NashOptions opt;
          if (loss == "linear") {
            opt.loss = Loss::linear;
          } else if (loss == "quadratic") {
            opt.loss = Loss::quadratic;
          } else {
            throw py::value_error("loss is 'linear' or 'quadratic', got '" + loss + "'");
          }
          nash_bargaining(view, {}, opt, outcome);
        } else {
          throw py::value_error("model is compromise, median, nash, bdm or bdm-scholz-figure, got '" + model + "'");
        }
        d["outcome"] = to_numpy(outcome);
        return d;
      },
      py::arg("capability"), py::arg("position"), py::arg("salience"), py::arg("model"), py::arg("rounds"),
      py::arg("q"), py::arg("loss"));
  m.def(
      "read_decision_csv",
      [](const std::string& path) {
        const DecisionBody b = read_decision_csv(path);
        std::vector<double> directorate(b.directorate.begin(), b.directorate.end());
        py::dict d;
        d["member"] = b.member;
        d["position"] = to_numpy(b.position);
        d["salience"] = to_numpy(b.salience);
        d["weight"] = to_numpy(b.weight);
        d["directorate"] = to_numpy(directorate);
        return d;
      },
      py::arg("path"));
  m.def(
      "decide",
      [](const std::vector<double>& position, const std::vector<double>& salience, const std::vector<double>& weight,
         const std::vector<int>& directorate, const std::string& rule, double status_quo, double proposal,
         double veto_threshold, double quota, int hegemon) {
        DecisionOptions opt;
        if (!parse_decision_rule(rule, opt.rule)) {
          throw py::value_error("rule is unanimity, minority-veto, consensus-minus-one, qmv, directorate or hegemon, "
                                "got '" + rule + "'");
        }
        opt.veto_threshold = veto_threshold;
        opt.quota = quota;
        opt.hegemon = hegemon;
        std::vector<std::uint8_t> dir(directorate.begin(), directorate.end());
        std::vector<std::uint8_t> blocked(position.size(), 0);
        const MembersView members{position, salience, weight, dir};
        const Decision dec = bargain::decide(opt, status_quo, proposal, members, blocked);
        std::vector<double> share(position.size());
        for (std::size_t i = 0; i < position.size(); ++i) share[i] = accepted_share(position[i], status_quo, proposal);
        py::dict d;
        d["rule"] = std::string(to_string(opt.rule));
        d["passes"] = dec.passes;
        d["level"] = dec.level;
        d["blocked"] = std::vector<bool>(blocked.begin(), blocked.end());
        d["accepted_share"] = to_numpy(share);
        return d;
      },
      py::arg("position"), py::arg("salience"), py::arg("weight"), py::arg("directorate"), py::arg("rule"),
      py::arg("status_quo"), py::arg("proposal"), py::arg("veto_threshold"), py::arg("quota"), py::arg("hegemon"));
}

}  // namespace concord::python

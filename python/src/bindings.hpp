// The pybind11 module `concord._concord`: the C++ face of the Python package `concord`
// (python/concord/__init__.py turns what it returns into pandas DataFrames).
//
// One file per area, each adding its functions to the module:
//   errors.cpp    concord::InputError -> concord.InputError (file, line, column, field, message)
//   scenario.cpp  Scenario and its parts, load_scenario, build_scenario
//   order.cpp     Order and its rules, load_order, preset_names
//   ensemble.cpp  run / compare (GIL released while simulating; Ctrl-C stops cleanly)
//   measures.cpp  CINC, S-score, tau-b, concentration, voting power
//   bargain.cpp   bargaining models and decision rules
// A new area (e.g. `explain`, issue 12) is a new file with a bind_<area>(module) function,
// declared here and called from module.cpp, and a thin wrapper in python/concord/__init__.py.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <span>
#include <string>
#include <vector>

namespace concord::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_scenario(py::module_& m);
void bind_order(py::module_& m);
void bind_ensemble(py::module_& m);
void bind_measures(py::module_& m);
void bind_bargain(py::module_& m);

/// A 1-D float64 array as a std::vector (copies; accepts lists, tuples, numpy arrays, Series).
std::vector<double> to_doubles(const py::handle& values, const char* what);

/// A copy of `values` as a new 1-D numpy float64 array.
py::array_t<double> to_numpy(std::span<const double> values);

}  // namespace concord::python

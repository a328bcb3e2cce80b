#include "bindings.hpp"

#include "concord/common/build_info.hpp"

namespace concord::python {

std::vector<double> to_doubles(const py::handle& values, const char* what) {
  const auto arr = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!arr) throw py::type_error(std::string(what) + ": expected a sequence of numbers");
  if (arr.ndim() != 1) throw py::value_error(std::string(what) + ": expected a one-dimensional sequence");
  return {arr.data(), arr.data() + arr.size()};
}

py::array_t<double> to_numpy(std::span<const double> values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

}  // namespace concord::python

PYBIND11_MODULE(_concord, m) {
  namespace cp = concord::python;
  m.doc() = "concord's C++ library (pybind11); use the package `concord`, which returns DataFrames";
  m.attr("__version__") = concord::concord_version();
  m.attr("commit") = concord::concord_commit();
  cp::bind_errors(m);
  cp::bind_scenario(m);
  cp::bind_order(m);
  cp::bind_ensemble(m);
  cp::bind_measures(m);
  cp::bind_bargain(m);
  // issue 12 adds cp::bind_explain(m) here (python/src/explain.cpp)
}

// concord::InputError -> concord.InputError (python/concord/errors.py), a ValueError carrying
// every problem with its file, line, column, field and message.
#include "bindings.hpp"

#include "concord/common/error.hpp"

namespace concord::python {

void bind_errors(py::module_& m) {
  (void)m;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const concord::InputError& e) {
      py::list problems;
      for (const auto& pr : e.problems()) {
        problems.append(py::make_tuple(pr.where.file, pr.where.line, pr.where.column, pr.where.field, pr.message));
      }
      try {
        py::object cls = py::module_::import("concord.errors").attr("InputError");
        py::object err = cls(problems, e.what());
        PyErr_SetObject(cls.ptr(), err.ptr());
      } catch (py::error_already_set&) {
        // the package is not importable (the extension used on its own): a plain ValueError
        PyErr_SetString(PyExc_ValueError, e.what());
      }
    }
  });
}

}  // namespace concord::python

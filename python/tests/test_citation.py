"""CITATION.cff names the version this build reports (and records in every store)."""
from __future__ import annotations

import re

import concord


def test_citation_version_is_the_build_version(source_dir):
    text = (source_dir / "CITATION.cff").read_text()
    assert re.search(r"^cff-version: 1\.2\.0$", text, flags=re.M)
    m = re.search(r"^version: (\S+)$", text, flags=re.M)
    assert m, "CITATION.cff has no version"
    assert m.group(1) == concord.__version__
    for key in ("title", "authors", "message"):
        assert re.search(rf"^{key}:", text, flags=re.M), key

"""docs/hdf5-layout.md, the schema and a written file agree: every dataset the schema declares is in the file with
its declared units and long name, and the layout document names it."""
import os
import re
import unittest

from common import RunOnce, SRC

SCHEMA = "".join(open(os.path.join(SRC, "sim", "output", name)).read() for name in ("schema.hpp", "schema_threats.hpp", "schema_vulnerabilities.hpp"))
DOC = open(os.path.join(SRC, "docs", "hdf5-layout.md")).read()
GROUPS = dict(re.findall(r'inline constexpr std::string_view (k\w+) = "(/[a-z/_]+)";', SCHEMA))
DATASETS = [(GROUPS[g], name) for g, name in re.findall(r"inline constexpr Dataset k\w+\{(k\w+), \"(\w+)\"", SCHEMA)]


class LayoutDocument(RunOnce):
    SCENARIO = "quickstart.yaml"

    def test_the_schema_lists_datasets(self):
        self.assertGreaterEqual(len(DATASETS), 120)

    def test_every_declared_dataset_is_in_the_file_with_its_checksum(self):
        for group, name in DATASETS:
            path = f"{group}/{name}".lstrip("/")
            self.assertIn(path, self.f, path)
            self.assertIn("long_name", self.f[path].attrs, path)
            self.assertIn("crc32", self.f[path].attrs, path)

    def test_the_document_names_every_group_and_dataset(self):
        for group, name in DATASETS:
            self.assertIn(f"`{group}", DOC, group)
            self.assertRegex(DOC, rf"`{re.escape(name)}`", f"{group}/{name}")


if __name__ == "__main__":
    unittest.main()

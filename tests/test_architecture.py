"""Data flows one way (DESIGN.md): a test keeps the import graph honest."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tracker_tool"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def module(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


MODULES = {module(p): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_nothing_but_the_cli_and_package_root_imports_the_api_or_cli():
    for name, imports in MODULES.items():
        if name in ("tracker_tool.cli.main", "tracker_tool.__main__", "tracker_tool"):
            continue
        if name.startswith("tracker_tool.cli_"):  # a command kept in its own module
            continue
        assert "tracker_tool.api" not in imports, name
        assert "tracker_tool.cli.main" not in imports, name


def test_rules_see_typed_rows_only():
    readers = {"tracker_tool.read.workbook", "tracker_tool.read.safe_open", "tracker_tool.read.xlsx_parts",
               "python_calamine", "openpyxl", "xlsxwriter"}
    rule_modules = [n for n in MODULES if n.endswith("rules") or n.endswith(".figures")]
    assert rule_modules
    for name in rule_modules:
        assert not MODULES[name] & readers, name


def test_writers_do_not_validate_and_readers_do_not_write():
    for name in ("tracker_tool.write.audit", "tracker_tool.write.template",
                 "tracker_tool.write.render"):
        assert not any(i.startswith("pydantic") for i in MODULES[name]), name
    for name in ("tracker_tool.read.workbook", "tracker_tool.read.safe_open", "tracker_tool.read.xlsx_parts",
                 "tracker_tool.check.header_map", "tracker_tool.check.row_validation"):
        assert not MODULES[name] & {"xlsxwriter", "tracker_tool.write.audit",
                                    "tracker_tool.write.template"}, name


def test_only_columns_reads_pydantic_field_definitions():
    """Row models are introspected in one place; the policy file writer reads its own model."""
    for name, path in ((module(p), p) for p in PACKAGE.rglob("*.py")):
        if name not in ("tracker_tool.core.columns", "tracker_tool.policy.toml_file"):
            assert "model_fields" not in path.read_text(), name


def test_finding_codes_are_unique_within_each_tracker():
    from tracker_tool.trackers import all_trackers

    for tracker in all_trackers().values():
        codes = [rule.code for rule in tracker.catalogue]
        assert len(codes) == len(set(codes)), tracker.kind

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
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module(p): imports_of(p) for p in PACKAGE.rglob("*.py")}

#: The pipeline's layers, lowest first: each may import its own layer and those below it.
#: core and policy share the floor. errors.py may be imported from anywhere: it is how every
#: layer says it cannot go on. The package root and __main__ sit above everything. The returns
#: portal (Django) sits on the api; the cli may import it, but only inside the serve and portal
#: commands (test_the_cli_starts_without_django), so nothing else ever loads Django.
LAYERS = (("core", "policy"), ("read",), ("check",), ("trackers",), ("write",), ("batch",),
          ("api",), ("portal",), ("cli",))
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def layer(name: str) -> str:
    """The folder (or top-level module) a tracker_tool module belongs to."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _from_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tracker_tool"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tracker_tool"))
    return found


GRAPH = {module(p): _from_imports(p) - {module(p)} for p in PACKAGE.rglob("*.py")}


def test_top_level_holds_only_the_folders_and_the_public_modules():
    top = {p.name for p in PACKAGE.iterdir() if not p.name.startswith((".", "__pycache__"))}
    assert top == {"core", "policy", "read", "check", "trackers", "write", "batch", "cli",
                   "portal", "api.py", "errors.py", "__init__.py", "__main__.py", "py.typed"}


def test_each_folder_imports_only_the_folders_below_it():
    """cli -> api -> batch -> write -> trackers -> check -> read -> policy/core, never upward."""
    wrong = []
    for name, targets in GRAPH.items():
        if layer(name) not in RANK:
            continue  # the package root re-exports the api lazily; __main__ runs the cli
        for target in targets:
            if layer(target) == "errors":
                continue
            if layer(target) not in RANK or RANK[layer(target)] > RANK[layer(name)]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles():
    """Not even through an import inside a function: a cycle is a seam in the wrong place."""
    order, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt not in GRAPH:
                continue
            if state.get(nxt) == "open":
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"
        order.append(node)

    for node in sorted(GRAPH):
        if node not in state and node != "tracker_tool":
            visit(node, [node])


def test_nothing_but_the_cli_and_package_root_imports_the_api_or_cli():
    """The portal is the api's other user: it may import the api, never the cli."""
    for name, targets in GRAPH.items():
        if layer(name) in ("cli", "", "__main__"):
            continue
        if layer(name) != "portal":
            assert "tracker_tool.api" not in targets, name
        assert not any(t.startswith("tracker_tool.cli") for t in targets), name


def test_the_cli_starts_without_django():
    """Start-up time matters, and the portal is an optional extra: only `serve` and `portal`
    import it, inside the command."""
    import subprocess
    import sys

    code = ("import sys, tracker_tool.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('django', 'ninja', 'waitress') or m.startswith('tracker_tool.portal')))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert shown.strip() == "[]", shown
    portal_cli = GRAPH["tracker_tool.cli.portal"]
    top_level = {n.module for n in ast.parse((PACKAGE / "cli" / "portal.py").read_text()).body
                 if isinstance(n, ast.ImportFrom) and n.module}
    assert not {t for t in top_level if t.startswith("tracker_tool.portal")}, portal_cli


def test_nothing_below_the_portal_imports_it():
    wrong = [f"{name} imports {target}" for name, targets in GRAPH.items()
             for target in targets if target.startswith("tracker_tool.portal")
             and layer(name) not in ("portal", "cli")]
    assert not wrong, wrong


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


TRACKERS = PACKAGE / "trackers"
KIT, COMMON = "tracker_tool.trackers.kit", "tracker_tool.trackers.common"
#: The action plan's Source dropdown is the policy's list of action sources (policy/sources.py),
#: which the policy names in its own settings.
KIND_IMPORTS_ALLOWED = {"tracker_tool.trackers.action_plan.vocabulary imports "
                        "tracker_tool.policy.sources"}


def kind_packages() -> list[Path]:
    """Every folder under trackers/ whose __init__.py defines its TRACKER with the kit."""
    return sorted(p.parent for p in TRACKERS.rglob("__init__.py")
                  if "TRACKER = define_tracker(" in p.read_text())


def test_every_registered_kind_is_a_package_defined_with_the_kit():
    from tracker_tool.trackers import MODULES

    found = {".".join(p.relative_to(TRACKERS).parts) for p in kind_packages()}
    assert found == set(MODULES)


def test_a_kind_imports_only_the_kit_the_shared_checks_and_its_own_family():
    """A kind sees the pipeline through trackers.kit and trackers.common alone, so the pipeline
    can change without any kind noticing; the supervision kinds also share supervision.shared."""
    wrong = []
    for package in kind_packages():
        own = module(package / "__init__.py")
        family = own.rsplit(".", 1)[0]
        allowed = {KIT, COMMON} | ({f"{family}.shared"} if family != "tracker_tool.trackers"
                                   else set())
        for path in package.rglob("*.py"):
            name = module(path)
            for target in GRAPH[name]:
                if not (target in allowed or target == own or target.startswith(own + ".")):
                    wrong.append(f"{name} imports {target}")
    shared = TRACKERS / "supervision" / "shared.py"
    wrong += [f"{module(shared)} imports {t}" for t in GRAPH[module(shared)]
              if t not in (KIT, COMMON)]
    assert set(wrong) == KIND_IMPORTS_ALLOWED, "\n".join(sorted(set(wrong) ^ KIND_IMPORTS_ALLOWED))


def test_every_kind_package_has_the_same_shape():
    """__init__ (define_tracker), vocabulary, models, rules; figures where it has figures;
    other modules only for more rules (*_rules.py), shared facts, the review pack or the
    kind's own policy settings."""
    extra = {"figures.py", "facts.py", "review_pack.py", "settings.py"}
    for package in kind_packages():
        files = {p.name for p in package.glob("*.py")}
        assert {"__init__.py", "vocabulary.py", "models.py", "rules.py"} <= files, package.name
        assert not {f for f in files - extra - {"__init__.py", "vocabulary.py", "models.py"}
                    if not f.endswith("rules.py")}, package.name

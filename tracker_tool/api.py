"""The library's verbs, the same ones the command line offers.

Each returns data (a path or a Report); the CLI only renders what these return.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker_tool.check.tracker import Tracker
from tracker_tool.core.atomic import guard_output, refuse_overwriting_inputs
from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.report import Report
from tracker_tool.policy.clock import today_in_london
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.policy.service_policy import load_policy as _read_policy
from tracker_tool.read.workbook import DEFAULT_MAX_ROWS
from tracker_tool.trackers import all_trackers, get_tracker


def list_trackers() -> list[Tracker]:
    """Every tracker kind this version can build and validate."""
    return list(all_trackers().values())


def list_rules(kind: str = "action-plan") -> tuple[RuleInfo, ...]:
    """The finding catalogue of one tracker kind: code, title, severity, clause, fix."""
    return get_tracker(kind).catalogue


def list_change_rules(kind: str = "action-plan") -> tuple[RuleInfo, ...]:
    """The codes comparing two returns of ``kind`` can raise (compare, or --previous)."""
    from tracker_tool.check.compare import change_catalogue

    return change_catalogue(get_tracker(kind))


def build_template(kind: str, out: str | Path, entries=(), service=None,
                   policy: ServicePolicy | None = None, plan: dict | None = None,
                   force: bool = False, reviews=()) -> Path:
    """Write the locked template for ``kind`` to ``out`` (atomically) and return its path.

    An existing file at ``out`` is replaced only with ``force``: it may be a filled-in
    tracker. Something that is not a regular file (a folder, a pipe, a device) never is.

    ``entries`` optionally pre-fills rows: dicts of field key to value. ``service`` (a
    stamp.ServiceIdentity) stamps the template with the service it is made for; ``policy``
    fills its dropdowns from a service policy and stamps the policy's fingerprint. ``plan``
    pre-fills the plan sheet of trackers that have one (field key -> value); ``reviews``
    the Reviews sheet of trackers that have one (dicts of field key -> value, one a review).
    """
    from tracker_tool.write.template import build_template_file

    tracker = get_tracker(kind)
    guard_output(out, force)
    return build_template_file(tracker, out, entries, service=service, plan=plan,
                               policy=policy, reviews=reviews)


def validate_workbook(path: str | Path, as_of: date | None = None, kind: str | None = None,
                      max_rows: int = DEFAULT_MAX_ROWS,
                      policy: ServicePolicy | None = None,
                      previous: str | Path | None = None) -> Report:
    """Validate one returned workbook; raises WorkbookError only if it cannot be read at all.

    ``as_of`` is the date the audit is run as; pass it for reproducible results. ``policy``
    is the service's policy (see ``load_policy``); None applies the default one.
    """
    return _checked(path, as_of, kind, max_rows, policy, previous).report


def write_audit(path: str | Path, out: str | Path | None = None, as_of: date | None = None,
                kind: str | None = None, max_rows: int = DEFAULT_MAX_ROWS,
                policy: ServicePolicy | None = None,
                force: bool = False, previous: str | Path | None = None,
                pdf: str | Path | None = None) -> tuple[Report, Path]:
    """Validate ``path`` and write its annotated audit workbook; returns (report, audit path).

    The audit goes next to the input as ``<name>-audit.xlsx`` unless ``out`` is given. The
    input is only ever read. An earlier audit at ``out`` is replaced; any other existing file
    only with ``force``, and never anything that is not a regular file. With ``previous`` (the
    return before it) the changes join the findings and the audit gains a Changes sheet.
    With ``pdf`` the governance pack (see ``write_pdf_pack``) is written there too, from the
    same check.
    """
    from tracker_tool.core.outputs import AUDIT
    from tracker_tool.read.ownership import marked_output
    from tracker_tool.write.audit import write_audit_file

    out = Path(out) if out else default_audit_path(path)
    refuse_overwriting_inputs(out, [path] + ([previous] if previous else []))
    guard_output(out, force, lambda existing: marked_output(existing, AUDIT))
    if pdf is not None:
        _guard_pack(pdf, [path, previous, out], force)
    checked = _checked(path, as_of, kind, max_rows, policy, previous)
    write_audit_file(checked, out)
    if pdf is not None:
        from tracker_tool.write.pdf_pack import write_pdf_pack as write_pack

        write_pack(checked, pdf)
    return checked.report, out


def write_pdf_pack(path: str | Path, out: str | Path, as_of: date | None = None,
                   kind: str | None = None, max_rows: int = DEFAULT_MAX_ROWS,
                   policy: ServicePolicy | None = None, force: bool = False,
                   previous: str | Path | None = None) -> tuple[Report, Path]:
    """Validate ``path`` and write its governance pack, a PDF for the board, to ``out``;
    returns (report, pack path). Needs the ``pdf`` extra (ReportLab): without it a
    UsageError says how to install it.

    The pack has a title page (service, tracker, period, audit date, result), the review
    figures (with last time's and the trend when ``previous`` is given), the quarterly-audit
    questions met or not met, charts, escalations and the action review, from the same
    report as the audit workbook. ``out`` must end in .pdf; an earlier pack there is
    replaced, any other file only with ``force``.
    """
    from tracker_tool.write.pdf_pack import write_pdf_pack as write_pack

    _guard_pack(out, [path, previous], force)
    checked = _checked(path, as_of, kind, max_rows, policy, previous)
    return checked.report, write_pack(checked, out)


def _guard_pack(out, inputs, force: bool) -> None:
    from tracker_tool.write.pdf_pack import is_our_pack, require_reportlab
    from tracker_tool.write.pdf_pack.document import check_name

    require_reportlab()
    check_name(out)
    refuse_overwriting_inputs(out, [p for p in inputs if p])
    guard_output(out, force, is_our_pack)


def _checked(path, as_of, kind, max_rows, policy, previous):
    """Check a return; with ``previous`` the changes since it join the findings."""
    from tracker_tool.trackers.resolve import check_workbook

    checked = check_workbook(path, as_of or today_in_london(), kind, max_rows, policy)
    if previous is not None:
        from tracker_tool.trackers.previous import with_previous

        with_previous(checked, previous, kind, max_rows, policy)
    return checked


def upgrade_workbook(path: str | Path, out: str | Path, *, kind: str | None = None,
                     policy: ServicePolicy | None = None, max_rows: int = DEFAULT_MAX_ROWS,
                     force: bool = False):
    """Copy a return's entries (and plan items) onto the current template of its kind and
    service at ``out``; returns a write.upgrade.Upgrade listing any value not placed.

    The input is only read: ``out`` may not be it, and an existing file at ``out`` is
    replaced only with ``force``. ``policy`` fills the new template's dropdowns, as for
    ``build_template``.
    """
    from tracker_tool.trackers.resolve import check_workbook
    from tracker_tool.write.upgrade import upgrade_file

    refuse_overwriting_inputs(out, [path])
    guard_output(out, force)
    checked = check_workbook(path, today_in_london(), kind, max_rows, policy)
    return upgrade_file(checked, out, policy)


def redact_workbook(path: str | Path, out: str | Path, *, kind: str | None = None,
                    policy: ServicePolicy | None = None, max_rows: int = DEFAULT_MAX_ROWS,
                    force: bool = False):
    """Copy a return to ``out`` with the personal details of its regulator-bound text masked;
    returns a write.redact.Redaction listing the masked cells (masked forms only).

    The input is only read: ``out`` may not be it, and an existing file at ``out`` is
    replaced only with ``force``.
    """
    from tracker_tool.trackers.resolve import check_workbook
    from tracker_tool.write.redact import redact_file

    refuse_overwriting_inputs(out, [path])
    guard_output(out, force)
    checked = check_workbook(path, today_in_london(), kind, max_rows, policy)
    return redact_file(checked, path, out)


def validate_many(paths, out_dir: str | Path, as_of: date | None = None, *,
                  kind: str | None = None, max_rows: int = DEFAULT_MAX_ROWS,
                  policy: ServicePolicy | None = None, services=None, executor=None,
                  workers: int | None = None, redo_all: bool = False, progress=None,
                  force: bool = False, previous=None, pdf: bool = False,
                  include_staff_records: bool = False):
    """Check many workbooks in parallel and write the batch outputs into ``out_dir``.

    ``paths`` are files, folders (searched recursively) or globs. Writes an audit workbook per
    return under ``out_dir/audits``, plus rollup.xlsx, findings.csv and report.json, and
    returns a BatchResult: ``summaries`` (counts and figures per workbook, or why it could
    not be read), ``findings()``, ``league_table()``, ``themes()`` and ``has_errors``.
    Unchanged files are taken from the previous run's results unless ``redo_all``.
    An existing output the tool did not write (a roll-up, CSV, JSON or audit of that name) is
    replaced only with ``force``. A second batch into the same ``out_dir`` is refused while
    one runs; worker processes end with the process that started them.

    ``policy`` is the policy every workbook is audited by (see ``load_policy``).
    ``services`` is a services.csv path (or a list of stamp.ServiceIdentity) to match returns
    against. ``executor`` is any concurrent.futures.Executor (or a dask.distributed Client);
    by default a process pool of ``workers`` processes, one per core. ``progress`` is called
    with (WorkbookSummary, from_cache, done, total) as each workbook is done.

    ``previous`` is last quarter's returns (paths, folders or globs, as ``paths``) or last
    quarter's batch output folder. Each return is compared with its own previous return,
    paired by service stamp or else by file name: the changes join its findings and its audit
    gains a Changes sheet; the roll-up gains trends, a Changes sheet and the services that
    returned last time but not now (``result.previous``).

    With ``pdf`` (needs the ``pdf`` extra) each return's governance pack is written beside its
    audit (``<name>-pack.pdf``) and the roll-up's as ``out_dir/rollup.pdf``.

    Staff records (performance plans, probation actions, escalated supervision cases) are
    kept out of the league table and listed apart, unless ``include_staff_records``.
    """
    from tracker_tool.batch.run import run_batch

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return run_batch(list(paths), out_dir, as_of=as_of or today_in_london(), kind=kind,
                     max_rows=max_rows, policy=policy, services=services, executor=executor,
                     workers=workers, redo_all=redo_all, progress=progress, force=force,
                     previous=previous, pdf=pdf,
                     include_staff_records=include_staff_records)


def compare_returns(previous: str | Path, current: str | Path, as_of: date | None = None, *,
                    policy: ServicePolicy | None = None, kind: str | None = None,
                    max_rows: int = DEFAULT_MAX_ROWS, previous_as_of: date | None = None):
    """Compare a return with the previous return of the same tracker, action by action.

    Returns a core.changes.Comparison: ``changes`` (findings with the action's ID and its
    previous value), ``listed`` (new, closed, new owners), ``figures`` side by side and
    ``notes``. The previous return is judged as of ``previous_as_of``, or the latest date its
    own actions were created or completed. Two kinds, or an unreadable file, are a UsageError
    naming which return it was.
    """
    from tracker_tool.trackers.previous import compare_files

    comparison, _ = compare_files(previous, current, as_of or today_in_london(), kind,
                                  max_rows, policy, previous_as_of)
    return comparison


def findings_frame(result):
    """The findings of a validate_many result as a pandas DataFrame, one row per finding.

    Values are as found (no CSV apostrophes): guard them yourself before writing them to a
    spreadsheet. Needs pandas (``pip install 'tracker-tool[pandas]'``).
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("findings_frame needs pandas: pip install 'tracker-tool[pandas]'") \
            from None
    from tracker_tool.batch.outputs import CSV_COLUMNS, finding_row

    rows = [finding_row(summary, finding) for summary, found in result.findings_by_workbook()
            for finding in found]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    return frame.astype({"row": "Int64"})


def build_service_templates(kind: str, services, out_dir: str | Path, force: bool = False,
                            policy: ServicePolicy | None = None) -> list[Path]:
    """Write one template per service into ``out_dir``, each stamped with its service.

    ``services`` is a services.csv path or a list of stamp.ServiceIdentity. Nothing is
    written if any target exists and ``force`` is not given: it may be a filled-in tracker.
    """
    from tracker_tool.batch.services import read_services, template_names
    from tracker_tool.errors import UsageError

    listed = read_services(services) if isinstance(services, (str, Path)) else list(services)
    tracker = get_tracker(kind)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is a file; --out-dir must be a folder")
    targets = [out_dir / name for name in template_names(listed, tracker.kind)]
    from tracker_tool.core.atomic import refuse_special, shown

    for target in targets:
        refuse_special(target)
    existing = [target for target in targets if target.exists()]
    if existing and not force:
        raise UsageError(f"{shown(existing[0])} already exists ({len(existing)} of the "
                         f"{len(targets)} templates do); it may be a filled-in tracker. Use "
                         "--force to replace them.")
    return [build_template(kind, target, service=service, policy=policy, force=force)
            for service, target in zip(listed, targets)]


def default_audit_path(path: str | Path) -> Path:
    """<name>-audit.xlsx beside the input, shortened (with a hash) if that name is too long."""
    from tracker_tool.core.atomic import fit_name

    path = Path(path)
    return path.with_name(fit_name(path.stem, "-audit.xlsx"))


def load_policy(path: str | Path) -> ServicePolicy:
    """Read a service's policy file and check it, every kind's own table included.

    A bad file is a UsageError that names the setting: a [kinds.<kind>] table for a kind that
    does not exist, or that has no settings of its own, is refused like any unknown setting.
    """
    from tracker_tool.errors import UnknownKind, UsageError

    policy = _read_policy(path)
    differ = {}
    for kind in policy.kinds:
        try:
            tracker = get_tracker(kind)
        except UnknownKind as exc:
            raise UsageError(f"policy file {path}: [kinds.{kind}]: {exc}") from None
        if tracker.settings_model is None:
            raise UsageError(f"policy file {path}: [kinds.{kind}]: the {kind} tracker has no "
                             "settings of its own; its thresholds are the policy's main tables")
        try:
            settings = tracker.settings(policy)
        except UsageError as exc:
            raise UsageError(f"policy file {path}: {exc}") from None
        if changed := settings.model_dump(mode="json", exclude_defaults=True):
            differ[kind] = changed
    # Only the settings that differ from a kind's defaults are kept, so a file that writes
    # the defaults out (as `policy init` does) is the same policy, with the same fingerprint,
    # as one that leaves them out.
    return policy if differ == policy.kinds else policy.model_copy(update={"kinds": differ})


def kind_settings_models() -> dict[str, type]:
    """Each kind with settings of its own -> its settings model, for `policy init`."""
    return {t.kind: t.settings_model for t in list_trackers() if t.settings_model is not None}


def write_policy(out: str | Path, force: bool = False) -> Path:
    """Write the default service policy, every setting explained, for a service to adapt."""
    from tracker_tool.core.atomic import atomic_path, shown
    from tracker_tool.errors import UsageError
    from tracker_tool.policy.toml_file import policy_toml

    out = Path(out)
    if out.exists() and not force:
        raise UsageError(f"{shown(out)} already exists; use --force to replace it")
    guard_output(out, force)
    with atomic_path(out) as tmp:
        tmp.write_text(policy_toml(name=out.name, kinds=kind_settings_models()),
                       encoding="utf-8")
    return out


audit_workbook = write_audit
__all__ = [
    "audit_workbook",
    "build_service_templates",
    "build_template",
    "compare_returns",
    "default_audit_path",
    "findings_frame",
    "list_change_rules",
    "list_rules",
    "list_trackers",
    "load_policy",
    "redact_workbook",
    "validate_many",
    "validate_workbook",
    "write_audit",
    "write_pdf_pack",
    "write_policy",
]

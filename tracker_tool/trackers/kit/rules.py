"""Rules that name the finding codes they raise, so a kind's catalogue is read off its rules.

A code declared beside the rule that raises it cannot drift away from it. ``rule`` compares the
declaration with the code-shaped strings the function holds (its constants, those of the
functions, lambdas and generator expressions inside it, and the values it closes over) when the
kind is imported; a code built while the rule runs is caught instead by the context the rule
is handed, which refuses any code the rule did not declare.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import CodeType, FunctionType

from tracker_tool.check.rule_context import RuleContext
from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.findings import Finding

#: What a finding code looks like: lower-case words joined by hyphens, in dotted parts.
CODE_SHAPE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+")


class DeclarationError(Exception):
    """A kind's rules and the codes they declare disagree: a bug in the kind, not the workbook."""


@dataclass(frozen=True, eq=False)
class Rule:
    """A check of a RuleContext with the catalogue entries of every code it may raise."""

    check: Callable[[RuleContext], Iterable[Finding]]
    codes: tuple[RuleInfo, ...]
    allowed: frozenset[str] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "allowed", frozenset(info.code for info in self.codes))

    @property
    def __name__(self) -> str:
        return self.check.__name__

    @property
    def name(self) -> str:
        return f"{self.check.__module__}.{self.check.__qualname__}"

    def __call__(self, ctx: RuleContext) -> Iterable[Finding]:
        return self.check(DeclaredView(ctx, self))

    def allow(self, code: str) -> None:
        if code not in self.allowed:
            raise DeclarationError(f"{self.name} raised '{code}', which it does not declare")


@dataclass(frozen=True, eq=False)
class IdRule(Rule):
    """The rule keeping a kind's reference column filled in and unique; ``key`` is that column."""

    key: str = ""


def rule(*codes: RuleInfo) -> Callable[[Callable], Rule]:
    """Declare the codes a rule raises: ``@rule(Code("owner.group", ...), Code(...))``."""

    def declare(check: Callable) -> Rule:
        made = Rule(check, codes)
        verify(made)
        return made

    return declare


def verify(made: Rule) -> None:
    """The codes ``made`` declares are exactly those its function holds, each declared once."""
    declared = [info.code for info in made.codes]
    twice = sorted({code for code in declared if declared.count(code) > 1})
    raised = codes_in(made.check)
    problems = [f"declares {code} twice" for code in twice]
    problems += [f"raises {code} without declaring it" for code in sorted(raised - set(declared))]
    problems += [f"declares {code} but never raises it" for code in sorted(set(declared) - raised)]
    if problems:
        raise DeclarationError(f"{made.name}: " + "; ".join(problems))


def codes_in(function: Callable) -> set[str]:
    """Code-shaped strings in ``function``: its constants, nested code and closed-over values."""
    found: set[str] = set()
    seen: set[int] = set()

    def look(value) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, str):
            if CODE_SHAPE.fullmatch(value):
                found.add(value)
        elif isinstance(value, RuleInfo):
            found.add(value.code)
        elif isinstance(value, (tuple, list, set, frozenset)):
            for item in value:
                look(item)
        elif isinstance(value, CodeType):
            for const in value.co_consts:
                look(const)
        elif isinstance(value, FunctionType):
            look(value.__code__)
            for cell in value.__closure__ or ():
                try:
                    look(cell.cell_contents)
                except ValueError:  # a cell not yet filled: nothing to read
                    pass

    look(function)
    return found


class DeclaredView:
    """What a rule sees of the RuleContext: the context itself, except that a finding with a
    code the running rule did not declare is refused, on the plan sheet's context too.

    The context's plain facts are copied on, because rules read them once per row and a
    lookup through ``__getattr__`` on every one would slow a 10,000-row audit.
    """

    __slots__ = ("_ctx", "_rule", "rows", "as_of", "policy", "tracker", "sheet", "memo")

    def __init__(self, ctx: RuleContext, running: Rule):
        self._ctx, self._rule = ctx, running
        self.rows, self.as_of, self.policy = ctx.rows, ctx.as_of, ctx.policy
        self.tracker, self.sheet, self.memo = ctx.tracker, ctx.sheet, ctx.memo

    def __getattr__(self, name: str):
        return getattr(self._ctx, name)

    @property
    def plan_ctx(self) -> DeclaredView | None:
        inner = self._ctx.plan_ctx
        return None if inner is None else DeclaredView(inner, self._rule)

    @property
    def reviews_ctx(self) -> DeclaredView | None:
        inner = self._ctx.reviews_ctx
        return None if inner is None else DeclaredView(inner, self._rule)

    def remember(self, name: str, row, compute):
        # Spelt out, not left to __getattr__: the facts rules share ask it for every row.
        return self._ctx.remember(name, row, compute)

    def at_header(self, key: str, code: str, **details) -> Finding:
        """A finding on a header cell of the Reviews sheet (check/reviews_sheet)."""
        self._rule.allow(code)
        return self._ctx.at_header(key, code, **details)

    def at(self, row, key: str, code: str, severity=None, **details) -> Finding:
        if code not in self._rule.allowed:
            self._rule.allow(code)
        return self._ctx.at(row, key, code, severity, **details)

    def plan(self, code: str, key: str | None = None, **details) -> Finding:
        self._rule.allow(code)
        return self._ctx.plan(code, key, **details)

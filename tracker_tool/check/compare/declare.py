"""Change rules carry the codes they raise, as the kit's row rules do, so every change code has
one catalogue entry beside the one rule that raises it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.errors import TrackerToolError


class ChangeDeclarationError(TrackerToolError):
    """A change rule raised a code it does not declare: a bug in the rule, not the workbook."""


@dataclass(frozen=True, eq=False)
class ChangeRule:
    check: Callable
    codes: tuple[RuleInfo, ...]

    @property
    def __name__(self) -> str:
        return self.check.__name__

    def __call__(self, ctx) -> Iterable:
        return self.check(ctx.running(self))

    def allows(self, code: str) -> bool:
        return any(info.code == code for info in self.codes)


def change_rule(*codes: RuleInfo) -> Callable[[Callable], ChangeRule]:
    """Declare the codes a change rule raises: ``@change_rule(Code("change.x", ...))``."""

    def declare(check: Callable) -> ChangeRule:
        return ChangeRule(check, codes)

    return declare

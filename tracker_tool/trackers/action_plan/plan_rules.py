"""Checks over the plan as a whole: who holds the open actions, and which themes keep coming back.

These are patterns no single row shows (s7, s17, s19, s21). Their facts are also answers in
the review pack, so each is computed once per audit and remembered on the context.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from tracker_tool.trackers.action_plan.facts import is_open
from tracker_tool.trackers.action_plan.vocabulary import Priority
from tracker_tool.trackers.kit import CheckedRow, Code, RuleContext, W, days_text, person_key, rule


@dataclass(frozen=True)
class RepeatedTheme:
    theme: str
    rows: tuple[CheckedRow, ...]
    linked_risks: tuple[str, ...]

    @property
    def on_register(self) -> bool:
        """Every action of the theme names its risk-register entry: the pattern is already
        managed as a risk (s21), so there is nothing to warn about."""
        return all(r.record.linked_risk for r in self.rows)


def repeated_themes(ctx: RuleContext) -> list[RepeatedTheme]:
    """Themes raised at least ``repeat_count`` times in the window before the audit date."""
    if "repeated_themes" not in ctx.memo:
        settings = ctx.policy.themes
        since = ctx.as_of - timedelta(days=settings.window_days)
        by_theme: dict[str, list[CheckedRow]] = defaultdict(list)
        for row in ctx.rows:
            theme, created = row.record.theme, row.record.date_created
            if theme and (created is None or since <= created <= ctx.as_of):
                by_theme[theme].append(row)
        ctx.memo["repeated_themes"] = [
            RepeatedTheme(theme, tuple(rows), tuple(dict.fromkeys(
                r.record.linked_risk for r in rows if r.record.linked_risk)))
            for theme, rows in sorted(by_theme.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            if len(rows) >= settings.repeat_count
        ]
    return ctx.memo["repeated_themes"]


@rule(Code("theme.repeated", "Repeated theme", W, "s17, s21",
           "The theme '{theme}' came up {count} times in the last {window} (rows {rows}); "
           "{register}.",
           "Treat the theme as a pattern: look for the common cause and add it to the risk "
           "register."))
def theme_repeats(ctx: RuleContext):
    window = days_text(ctx.policy.themes.window_days)
    for found in repeated_themes(ctx):
        if found.on_register:
            continue
        rows = ", ".join(str(r.excel_row) for r in found.rows)
        linked = sum(bool(r.record.linked_risk) for r in found.rows)
        register = (f"only {linked} of its {len(found.rows)} actions "
                    f"{'is' if linked == 1 else 'are'} linked to the risk register "
                    f"({', '.join(found.linked_risks)})"
                    if linked else "none of its actions is linked to the risk register")
        latest = found.rows[-1]
        yield ctx.at(latest, "theme", "theme.repeated", theme=found.theme,
                     count=len(found.rows), window=window, rows=rows, register=register)


def owner_load(ctx: RuleContext) -> list[tuple[str, int, int]]:
    """(owner as first written, open actions, open High actions), busiest first."""
    if "owner_load" not in ctx.memo:
        counts: Counter = Counter()
        high: Counter = Counter()
        names: dict[str, str] = {}
        for row in ctx.rows:
            owner = row.record.owner
            if owner and is_open(row):
                key = person_key(owner)
                names.setdefault(key, owner)
                counts[key] += 1
                high[key] += row.record.priority == Priority.HIGH
        ctx.memo["owner_load"] = [(names[k], n, high[k]) for k, n in counts.most_common()]
    return ctx.memo["owner_load"]


@rule(Code("owner.concentration", "Too many actions with one owner", W, "s7, s19",
           "{owner} owns {count} of the {total} open actions{high}; a cluster around one "
           "person is an early warning of actions being missed.",
           "Share the actions out, or record the support the owner has to complete them."))
def owner_concentration(ctx: RuleContext):
    settings = ctx.policy.ownership
    total = sum(1 for row in ctx.rows if is_open(row))
    if total < settings.min_open_actions:
        return
    for owner, count, high in owner_load(ctx):
        share = 100 * count / total
        if share > settings.share_limit_percent or high > settings.high_open_limit:
            yield ctx.plan("owner.concentration", "owner", owner=owner, count=count,
                           total=total, high=f" ({high} of them High priority)" if high else "")


PLAN_RULES = (owner_concentration, theme_repeats)

"""A service's figures over time: for each kind it returns, each count and figure across its
returns, oldest first, drawn as a small line that the server writes as SVG, so the trend shows
without JavaScript and prints as it looks."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 160, 32, 3
#: Counts every return has, before the kind's own figures.
COUNTS = (("errors", "Errors"), ("escalations_due", "Escalations due"), ("warnings", "Warnings"))


@dataclass(frozen=True)
class Trend:
    label: str
    values: tuple[float | None, ...]
    points: str  # the SVG polyline's points; empty with fewer than two numbers

    @property
    def first(self):
        return next((v for v in self.values if v is not None), None)

    @property
    def described(self) -> str:
        """The values in words, for a screen reader and a printed page."""
        return ", ".join("–" if v is None else f"{v:g}" for v in self.values)

    @property
    def latest(self):
        return next((v for v in reversed(self.values) if v is not None), None)


def _number(value) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def points(values) -> str:
    """Polyline points scaled into the box; a gap where a return lacks the figure."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    steps = max(1, len(values) - 1)

    def y(v) -> float:  # a figure that never moved runs level through the middle
        return HEIGHT / 2 if high == low else HEIGHT - PAD - (v - low) * (HEIGHT - 2 * PAD) / (
            high - low)

    return " ".join(f"{PAD + i * (WIDTH - 2 * PAD) / steps:.1f},{y(v):.1f}" for i, v in known)


def trends(returns) -> list[tuple[str, int, list[Trend]]]:
    """(kind, how many returns, its trends) for each kind, from returns newest first."""
    by_kind: dict[str, list] = {}
    for found in reversed(list(returns)):
        by_kind.setdefault(found.kind, []).append(found)
    made = []
    for kind, series in sorted(by_kind.items()):
        figures = [r.report.get("figures") or {} for r in series]
        keys = sorted({k for f in figures for k, v in f.items() if _number(v) is not None})
        rows = [(label, [getattr(r, name) for r in series]) for name, label in COUNTS]
        rows += [(key.replace("_", " "), [_number(f.get(key)) for f in figures]) for key in keys]
        made.append((kind, len(series), [Trend(label, tuple(values), points(values))
                                         for label, values in rows]))
    return made

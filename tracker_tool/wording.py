"""Small helpers so every message counts things the way people write them."""

from collections import Counter


def plural(n: int, word: str) -> str:
    """plural(1, 'error') -> '1 error'; plural(2, 'error') -> '2 errors'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def severity_counts(found) -> str:
    """'2 errors, 1 escalation, 3 warnings' for a list of findings; empty when there are none."""
    counts = Counter(f.severity.value for f in found)
    return ", ".join(plural(counts[name], name) for name in ("error", "escalation", "warning")
                     if counts[name])

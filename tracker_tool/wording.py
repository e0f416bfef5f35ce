"""Small helpers so every message counts things the way people write them."""


def plural(n: int, word: str) -> str:
    """plural(1, 'error') -> '1 error'; plural(2, 'error') -> '2 errors'."""
    return f"{n} {word}{'' if n == 1 else 's'}"

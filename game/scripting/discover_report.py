"""What `python main.py discover` prints: the chains best first, the best marked, then the data mistakes."""

from __future__ import annotations

from pathlib import Path

from game.data import ROOT
from game.scripting.discover import Chain, Discovery
from game.scripting.discover_mistakes import CancelMistake

DEFAULT_TOP = 30  # chains in the human table unless --all


def best_marks(chains: list[Chain]) -> dict[int, list[str]]:
    """Why a chain (by its index in `chains`, best first) is marked: best of its length, best damage a frame."""
    marks: dict[int, list[str]] = {}
    lengths: set[int] = set()
    for i, chain in enumerate(chains):
        n = len(chain.moves)
        if n not in lengths:
            lengths.add(n)
            marks.setdefault(i, []).append(f"best of {n} move{'s' if n > 1 else ''}")
    if chains:
        rate = max(range(len(chains)), key=lambda i: (chains[i].per_frame, -i))
        marks.setdefault(rate, []).append("best damage a frame")
    return marks


def shown_path(path: str) -> str:
    """A file as the user would type it: relative to the repository when inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return path


def as_json(found: Discovery) -> dict:
    """Everything found, machine-readable; lists in the same order as the table."""
    marks = best_marks(found.chains)
    return {
        "fighter": found.fighter,
        "moves_file": shown_path(found.moves_path),
        "depth": found.depth,
        "from": found.first,
        "chains": [
            {
                "rank": i + 1, "line": c.line, "steps": list(c.steps), "moves": list(c.moves), "damage": c.damage,
                "hits": c.hits, "grace": c.grace, "frames": c.frames, "damage_per_frame": round(c.per_frame, 3),
                "enchainements": list(c.enchainements), "best": marks.get(i, []),
            }
            for i, c in enumerate(found.chains)
        ],
        "mistakes": [_mistake_dict(m) for m in found.mistakes if m.proven],
        "untested": [_mistake_dict(m) for m in found.mistakes if not m.proven],
        "search": {"nodes": found.nodes, "ticks": found.ticks, "seconds": round(found.seconds, 2), "jobs": found.jobs},
    }


def _mistake_dict(mistake: CancelMistake) -> dict:
    entry = mistake.as_dict()
    entry["file"] = shown_path(mistake.file)
    return entry


HEADER = ("#", "damage", "hits", "grace", "frames", "dmg/f", "chain", "enchaînement", "best")


def format_discovery(found: Discovery, top: int | None = DEFAULT_TOP) -> str:
    """The aligned table of the best `top` chains (all with None), the best ones again, then the mistakes."""
    marks = best_marks(found.chains)
    chosen = list(range(len(found.chains) if top is None else min(top, len(found.chains))))
    lines = [_headline(found), ""]
    lines += _table(found.chains, chosen, marks)
    hidden = [i for i in sorted(marks) if i not in chosen]
    if hidden:
        lines += ["", "best ones further down:"]
        lines += _table(found.chains, hidden, marks)
    lines += [""] + _mistake_lines(found.mistakes)
    return "\n".join(lines).rstrip() + "\n"


def _headline(found: Discovery) -> str:
    start = f" starting with {found.first}" if found.first else ""
    return (
        f"{found.fighter} ({shown_path(found.moves_path)}): {len(found.chains)} performable chains of up to "
        f"{found.depth} moves{start} against the training dummy "
        f"({found.nodes} danced, {found.ticks} ticks simulated, {found.seconds:.1f} s on {found.jobs} process"
        f"{'es' if found.jobs > 1 else ''})"
    )


def _table(chains: list[Chain], indices: list[int], marks: dict[int, list[str]]) -> list[str]:
    if not indices:
        return ["  no performable chain: every phrase missed the dummy or let it recover"]
    rows = []
    for i in indices:
        c = chains[i]
        rows.append((
            str(i + 1), str(c.damage), str(c.hits), f"{c.grace:.1f}", str(c.frames), f"{c.per_frame:.2f}",
            c.line, ", ".join(c.enchainements) or "-", "; ".join(marks.get(i, [])),
        ))
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(HEADER)]
    numeric = range(6)  # right-aligned columns

    def fmt(row: tuple[str, ...]) -> str:
        cells = [c.rjust(w) if k in numeric else c.ljust(w) for k, (c, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    return [fmt(HEADER), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows]


def _mistake_lines(mistakes: list[CancelMistake]) -> list[str]:
    proven = [m for m in mistakes if m.proven]
    untested = [m for m in mistakes if not m.proven]
    lines = [f"data mistakes (cancels no timing reaches): {len(proven) or 'none'}"]
    lines += [_mistake_line(m) for m in proven]
    if untested:
        lines += ["", f"not tested by this search: {len(untested)}"]
        lines += [_mistake_line(m) for m in untested]
    return lines


def _mistake_line(m: CancelMistake) -> str:
    into = ", ".join(m.into)
    return f"  {shown_path(m.file)}: {m.where} into {into} (frames {m.frames[0]}-{m.frames[1]}): {m.reason}"

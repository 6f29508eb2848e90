"""The frame-data table of every move: what a choreographer reads to plan a phrase."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from game.sim.moves import Move, MoveBook


@dataclass(frozen=True, slots=True)
class FrameRow:
    """One move's frame data, as printed by `python main.py frames`."""

    fighter: str
    move: str
    name: str
    input: str
    air: bool
    startup: int
    active: int
    recovery: int
    total: int
    hits: int
    damage: int
    hitstun: int | None
    on_hit: int | None
    on_block: int | None  # frames she recovers before a guard that took the last hit (negative: unsafe)
    invulnerable: str
    cancels: str

    def as_dict(self) -> dict:
        return asdict(self)


def cancel_summary(move: Move) -> str:
    """Every cancel window of a move: `17-24*: fouette grand_jete` (* only on hit)."""
    entries = []
    for cancel in move.spec.cancels:
        mark = "*" if cancel.on_hit else ""
        entries.append(f"{cancel.frames[0]}-{cancel.frames[1]}{mark}: {' '.join(cancel.into)}")
    return "; ".join(entries) or "-"


def row_for(fighter: str, move: Move) -> FrameRow:
    """One move's row of the table."""
    spec = move.spec
    invulnerable = f"{spec.invulnerable[0]}-{spec.invulnerable[1]}" if spec.invulnerable else "-"
    # the bullet's (or the thrown weapon's) blow counts with the kicks; its advantage depends on how far
    # it flies, so on hit and on block stay those of the melee hits
    ranged = move.shot_hit or move.throw_hit
    ranged_damage = ranged.spec.damage if ranged is not None else 0
    hitstun = spec.hits[-1].hitstun if spec.hits else ranged.spec.hitstun if ranged is not None else None
    return FrameRow(
        fighter=fighter,
        move=move.id,
        name=spec.name,
        input=("air " if spec.air else "") + spec.input,
        air=spec.air,
        startup=spec.startup,
        active=spec.active,
        recovery=spec.recovery,
        total=spec.total,
        hits=len(spec.hits),
        damage=sum(h.damage for h in spec.hits) + ranged_damage,
        hitstun=hitstun,
        on_hit=move.on_hit_advantage(),
        on_block=move.on_block_advantage(),
        invulnerable=invulnerable,
        cancels=cancel_summary(move),
    )


def table_rows(books: dict[str, MoveBook]) -> list[FrameRow]:
    """Every move of every fighter, fighters in name order, moves in file order."""
    return [row_for(fighter, move) for fighter, book in sorted(books.items()) for move in book]


COLUMNS = (
    ("move", "move"), ("input", "input"), ("startup", "start"), ("active", "act"), ("recovery", "rec"),
    ("total", "total"), ("damage", "dmg"), ("hitstun", "stun"), ("on_hit", "on hit"), ("on_block", "on block"),
    ("invulnerable", "invuln"), ("cancels", "cancels into (frames, * on hit)"),
)


def format_table(rows: list[FrameRow]) -> str:
    """A plain-text table, columns aligned, one section per fighter."""
    def cell(row: FrameRow, key: str) -> str:
        value = getattr(row, key)
        if value is None:
            return "-"
        if key in ("on_hit", "on_block"):
            return f"{value:+d}"
        return str(value)

    lines: list[str] = []
    for fighter in sorted({r.fighter for r in rows}):
        section = [r for r in rows if r.fighter == fighter]
        widths = [max(len(title), *(len(cell(r, key)) for r in section)) for key, title in COLUMNS]
        lines.append(f"{fighter}")
        lines.append("  ".join(title.ljust(w) for (_, title), w in zip(COLUMNS, widths, strict=True)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        for r in section:
            lines.append("  ".join(cell(r, key).ljust(w) for (key, _), w in zip(COLUMNS, widths, strict=True)).rstrip())
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

"""Subcommands of `python main.py`: play (the default), combos, replay, frames, discover, check, schema, synctest,
bench, soak and gallery; `python main.py --help` lists them with examples."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game import __version__
from game.data import ASSETS, LEVELS
from game.data.errors import DataError

COMMANDS = ("play", "combos", "replay", "frames", "discover", "check", "schema", "synctest", "bench", "soak",
            "gallery")
EPILOG = """examples:
  python main.py                                   the game: title, then the Academy
  python main.py play --level levels/academy.toml  straight into a level
  python main.py play --level levels/academy.toml --ticks 300 --screenshot out.png
  python main.py combos tests/combos               run combo tests headless
  python main.py combos --record out/replays       ... and keep each one as a replay
  python main.py replay --verify fight.json        re-simulate a recorded fight and compare
  python main.py frames                            the frame-data table of every move
  python main.py frames --html frames.html         ... as one page with a picture of each move's peak
  python main.py discover --depth 4                every performable chain against the dummy, best first
  python main.py check levels/*.toml assets/moves/*.toml
  python main.py schema                            JSON Schema of level and move files, for editors
  python main.py synctest --ticks 600 --rollback 8  roll back every tick: the fight must replay exactly
  python main.py bench --json                      simulation and render speed
  python main.py soak --minutes 60                 an hour of AI fights in every level, must stay clean
  python main.py gallery out/gallery               every move's peak and every screen as PNG, with index.html
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Ballerina: a noir fight-choreography game and prototyping tool.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Ballerina {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser(
        "play",
        help="play the game (the default command)",
        description="Play the game. With --ticks it runs with no human and exits.",
        epilog="example: python main.py play --level levels/academy.toml --ticks 300 --screenshot out.png",
    )
    play.add_argument("--level", type=Path, help="start this level file directly, skipping the title")
    play.add_argument("--seed", type=int, default=0, help="seed of the fight's random numbers (default 0)")
    play.add_argument("--ticks", type=int, help="run this many ticks (60 a second) with no human, then exit")
    play.add_argument("--screenshot", type=Path, help="with --ticks: save the last frame to this PNG")
    play.add_argument("--fullscreen", action="store_true", help="start in fullscreen (F11 toggles)")

    combos = sub.add_parser(
        "combos",
        help="run combo tests headless and print a table",
        description="Run combo-test files (tests/combos/*.toml) headless: each performs a phrase against "
        "its actors and checks the expectations. Exits 1 if any fails.",
        epilog="example: python main.py combos tests/combos/fouette_storm.toml --filmstrip out/strips",
    )
    combos.add_argument("paths", nargs="*", type=Path, help="files or folders (default: tests/combos)")
    combos.add_argument("--json", action="store_true", help="print JSON instead of a table")
    combos.add_argument("--filmstrip", type=Path, metavar="DIR", help="write one PNG strip of key frames per combo")
    combos.add_argument("--record", type=Path, metavar="DIR", help="save each performed combo as a replay file")

    replay = sub.add_parser(
        "replay",
        help="watch or verify a recorded fight",
        description="Watch a replay file in the window, or with --verify re-simulate it headless and report "
        "'identical' or the first tick where the state differs. Exits 1 when it differs.",
        epilog="example: python main.py replay --verify replays/academy-2026-11-25.json",
    )
    replay.add_argument("file", type=Path, help="a replay file (JSON) saved with F9 or by a tool")
    replay.add_argument("--verify", action="store_true", help="re-simulate headless instead of watching")

    frames = sub.add_parser(
        "frames",
        help="print the frame-data table of every move",
        description="The frame data of every move of every fighter: startup, active, recovery, damage, "
        "hitstun, on-hit advantage and what it cancels into.",
        epilog="example: python main.py frames --json",
    )
    frames.add_argument("--json", action="store_true", help="print JSON instead of a table")
    frames.add_argument("--html", type=Path, metavar="FILE", help="write the table as one HTML page with pictures")

    discover = sub.add_parser(
        "discover",
        help="find every performable chain of moves against the training dummy",
        description="Dance every chain of up to N moves of the choreography graph (cancel lists of the move "
        "file) headless against the training dummy, each step at the earliest frame it can start: by a cancel, "
        "or as a link once she has recovered. A chain counts when every step starts and hits, all in one combo. "
        "Lists them by damage, grace and frames, marks the best, and lists the data mistakes: cancel entries no "
        "timing reaches. Exits 1 when there are data mistakes.",
        epilog="example: python main.py discover --depth 4 --from battement --all",
    )
    discover.add_argument("--depth", type=int, default=3, help="moves in the longest chain (default 3)")
    discover.add_argument("--from", dest="first", metavar="MOVE", help="only chains starting with this move")
    discover.add_argument("--fighter", default="ballerina", help="whose move file to search (default ballerina)")
    discover.add_argument("--moves", type=Path, metavar="FILE", help="search this move file instead of the fighter's")
    discover.add_argument("--jobs", type=int, help="processes to use (default: every core)")
    discover.add_argument("--all", action="store_true", help="list every chain, not the best 30")
    discover.add_argument("--json", action="store_true", help="print everything as JSON")

    check = sub.add_parser(
        "check",
        help="validate level, move, fighter and pose files",
        description="Validate data files and report every problem with file and key path. "
        "Exits 1 if any file has a problem.",
        epilog="example: python main.py check levels/*.toml assets/moves/ballerina.toml",
    )
    check.add_argument("files", nargs="*", type=Path, help="files to check (default: every shipped data file)")

    schema = sub.add_parser(
        "schema",
        help="write JSON Schema files for level and move files",
        description="Write level.schema.json and moves.schema.json, which editors (Even Better TOML / taplo, "
        "see .taplo.toml) use for completion and red squiggles while a level or move file is typed.",
        epilog="example: python main.py schema schema/",
    )
    schema.add_argument("dir", nargs="?", type=Path, default=Path("schema"), help="folder to write (default schema/)")

    synctest = sub.add_parser(
        "synctest",
        help="prove rollback determinism: roll back K ticks after every tick and replay",
        description="A fight with the level's enemies, sparring ballerinas and a ballerina pressing random "
        "buttons. After every tick the world is restored to its snapshot of K ticks ago and re-simulated with "
        "the same inputs; the state hash must match the first run at every tick. On a mismatch it names the "
        "parts that differ, writes both states as JSON and exits 1.",
        epilog="example: python main.py synctest --level levels/neon_alley.toml --seed 3",
    )
    synctest.add_argument("--level", type=Path, default=LEVELS / "academy.toml", help="level file (default Academy)")
    synctest.add_argument("--ticks", type=int, default=600, help="ticks to play (default 600, ten seconds)")
    synctest.add_argument("--rollback", type=int, default=8, help="ticks rolled back after each tick (default 8)")
    synctest.add_argument("--seed", type=int, default=0, help="seed of the fight and of the random ballerina")
    synctest.add_argument("--out", type=Path, help="folder for the two states on a mismatch (default: temp folder)")

    bench = sub.add_parser(
        "bench",
        help="measure simulation and render speed",
        description="Headless benchmark: ticks per second of the Academy with the player pressing random "
        "buttons, 20 enemies of the story's cast thinking with their tactics brains, and 20 crates (the median "
        "of 5 timings of the same fight, each run listed too); the same pymunk space stepped alone; snapshot, "
        "restore and sync-test speed; and render time per frame at 1280x720.",
        epilog="example: python main.py bench --json",
    )
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--ticks", type=int, default=6000, help="simulation ticks to time (default 6000)")
    bench.add_argument("--frames", type=int, default=300, help="frames to render (default 300)")
    bench.add_argument("--no-render", action="store_true", help="skip the render measurement")
    bench.add_argument("--record", type=Path, metavar="FILE", help="also save the benchmark's fight as a replay")
    bench.add_argument("--long", action="store_true", help="also verify 100 one-minute replays in another process")

    soak = sub.add_parser(
        "soak",
        help="run AI-versus-AI fights in every level for a long time and count what went wrong",
        description="Headless fights in every level back to back: the ballerina pressing random buttons, "
        "sparring partners and the level's own cast, restarted every few game minutes. Reports ticks, "
        "exceptions, NaNs, bodies out of bounds and memory growth; exits 1 unless all are zero (memory: "
        "at most 5 MiB an hour).",
        epilog="example: python main.py soak --minutes 60 --seed 1   (an hour of game time, ~10 min)",
    )
    soak.add_argument("--minutes", type=float, default=10.0, help="minutes of GAME time (default 10)")
    soak.add_argument("--seed", type=int, default=0, help="seed of the first fight; each next fight adds 1")
    soak.add_argument("--fight-minutes", type=float, default=3.0, help="game minutes before a restart (default 3)")
    soak.add_argument("--json", action="store_true", help="print one JSON object")

    gallery = sub.add_parser(
        "gallery",
        help="draw every move at its peak and every screen to PNG, with an index page",
        description="Headless: every move of every fighter at its peak frame on its home stage (hitboxes "
        "outlined, frame data captioned) into DIR/moves/<fighter>/<move>.png, every screen of the program "
        "into DIR/screens/<name>.png, and DIR/index.html showing them all. About half a minute.",
        epilog="example: python main.py gallery out/gallery --only screens",
    )
    gallery.add_argument("dir", type=Path, help="folder to draw into (made if missing)")
    gallery.add_argument("--only", choices=("moves", "screens"), help="draw only the moves or only the screens")
    gallery.add_argument("--limit", type=int, metavar="N", help="at most N moves and N screens (a quick look)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "play")
    if argv and argv[0] == "play" and len(argv) > 1 and not argv[1].startswith("-"):
        # `main.py foo` reaches here as `play foo`: say what is wrong in words a player understands
        print(f"error: unknown command {argv[1]!r}; commands are {', '.join(COMMANDS)} (see --help)",
              file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def cmd_play(args: argparse.Namespace) -> int:
    if args.screenshot and args.ticks is None:
        print("error: --screenshot needs --ticks (how long to run before the picture)", file=sys.stderr)
        return 2
    if args.screenshot and args.screenshot.suffix.lower() != ".png":
        print(f"error: --screenshot saves a PNG picture; name it .png (got {args.screenshot})", file=sys.stderr)
        return 2
    if args.ticks is not None and args.ticks < 1:
        print("error: --ticks must be at least 1", file=sys.stderr)
        return 2
    level = args.level
    if args.ticks is not None and level is None:
        level = LEVELS / "academy.toml"
    from game.app import run

    return run(level, ticks=args.ticks, screenshot=args.screenshot, seed=args.seed, fullscreen=args.fullscreen)


def cmd_combos(args: argparse.Namespace) -> int:
    from game.scripting.combos import combo_files, format_results, run_combo_file

    paths = combo_files(args.paths or [Path("tests/combos")])
    if not paths:
        print("error: no combo-test files found", file=sys.stderr)
        return 2
    results = [run_combo_file(path) for path in paths]
    if args.filmstrip:
        from game.scripting.filmstrip import write_filmstrips

        written = write_filmstrips(results, args.filmstrip)
        skipped = [r.name for r in results if r.path and not any(Path(p).stem == Path(r.path).stem for p in written)]
        if skipped:
            print(f"no filmstrip for {', '.join(skipped)}: refused before their first tick", file=sys.stderr)
    if args.record:
        _record_combos(results, args.record)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
    else:
        print(format_results(results), end="")
    return 0 if all(r.passed for r in results) else 1


def _record_combos(results: list, folder: Path) -> None:  # list of ComboResult
    from game.scripting.replay import record_combo

    folder.mkdir(parents=True, exist_ok=True)
    for result in results:
        if result.inputs and result.path:
            path = folder / f"{Path(result.path).stem}.json"
            record_combo(result.path).save(path)
            print(f"replay: {path}", file=sys.stderr)


def cmd_replay(args: argparse.Namespace) -> int:
    from game.scripting.replay import load_replay, verify

    replay = load_replay(args.file)
    if args.verify:
        result = verify(replay)
        print(result.describe())
        return 0 if result.identical else 1
    from game.app import watch_replay

    return watch_replay(replay)


def cmd_frames(args: argparse.Namespace) -> int:
    from game.data.fighters import load_archetype
    from game.framedata import format_table, table_rows
    from game.sim.moves import MoveBook

    books, archetypes = {}, {}
    for path in sorted((ASSETS / "fighters").glob("*.toml")) + sorted((ASSETS / "enemies").glob("*.toml")):
        archetype = load_archetype(path.stem)
        if archetype.moves is not None:
            books[path.stem] = MoveBook(archetype.moves)
            archetypes[path.stem] = archetype
    rows = table_rows(books)
    if args.html:
        from game.data.bundle import load_pose_sets
        from game.render.framesheet import write_frame_sheet

        written = write_frame_sheet(args.html, rows, books, archetypes, load_pose_sets(archetypes))
        print(f"wrote {written} ({len(rows)} moves of {len(books)} fighters)", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], indent=2))
    else:
        print(format_table(rows), end="")
    return 0


def cmd_discover(args: argparse.Namespace) -> int:
    from game.scripting.discover import discover
    from game.scripting.discover_report import as_json, format_discovery

    if not 1 <= args.depth <= 8:
        print("error: --depth must be 1 to 8 moves", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    found = discover(args.depth, args.first, args.fighter, args.jobs, args.moves)
    if args.json:
        print(json.dumps(as_json(found), indent=2, ensure_ascii=False))
    else:
        print(format_discovery(found, None if args.all else 30), end="")
    return 1 if any(m.proven for m in found.mistakes) else 0


def cmd_check(args: argparse.Namespace) -> int:
    from game.data.checking import check_file, shipped_files

    files = args.files or shipped_files()
    failed = 0
    for path in files:
        try:
            kind = check_file(path)
        except DataError as error:
            failed += 1
            print(f"FAIL {error}")
        else:
            print(f"ok   {path} ({kind})")
    print(f"{len(files) - failed} ok, {failed} with problems")
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.data.schema import write_schemas

    for path in write_schemas(args.dir):
        print(f"wrote {path}")
    return 0


def cmd_synctest(args: argparse.Namespace) -> int:
    from game.scripting.synctest import DEFAULT_OUT, synctest_level

    if args.ticks < 1 or args.rollback < 1:
        print("error: --ticks and --rollback must be at least 1", file=sys.stderr)
        return 2
    result = synctest_level(args.level, args.ticks, args.rollback, args.seed, args.out or DEFAULT_OUT)
    print(result.describe())
    return 0 if result.in_sync else 1


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import run_bench

    result = run_bench(ticks=args.ticks, frames=args.frames, render=not args.no_render, long=args.long)
    if args.record:
        from game.bench import record_bench

        record_bench(args.ticks).save(args.record)
        print(f"replay of the benchmark's fight: {args.record}", file=sys.stderr)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>26}  {value}")
    return 0


def cmd_soak(args: argparse.Namespace) -> int:
    from game.soak import run_soak

    if args.minutes <= 0 or args.fight_minutes <= 0:
        print("error: --minutes and --fight-minutes must be more than 0", file=sys.stderr)
        return 2
    progress = None if args.json else _soak_progress
    report = run_soak(args.minutes, seed=args.seed, fight_minutes=args.fight_minutes, progress=progress)
    if report.first_traceback:
        print(f"first exception (of {report.exceptions}):\n{report.first_traceback}", file=sys.stderr)
    print(json.dumps(report.as_dict()) if args.json else report.describe())
    return 0 if report.clean else 1


def _soak_progress(report) -> None:  # type: ignore[no-untyped-def]
    minutes = report.ticks / 3600
    print(f"  {minutes:6.1f} game min, fight {report.fights}, problems "
          f"{report.exceptions + report.nans + report.out_of_bounds}", file=sys.stderr, flush=True)


def cmd_gallery(args: argparse.Namespace) -> int:
    from game.gallery import make_gallery

    if args.limit is not None and args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    pictures = make_gallery(args.dir, args.only, args.limit)
    screens = sum(p.group == "screens" for p in pictures)
    print(f"wrote {len(pictures) - screens} moves and {screens} screens; look at {args.dir / 'index.html'}")
    return 0


HANDLERS = {
    "play": cmd_play,
    "combos": cmd_combos,
    "replay": cmd_replay,
    "frames": cmd_frames,
    "discover": cmd_discover,
    "check": cmd_check,
    "schema": cmd_schema,
    "synctest": cmd_synctest,
    "bench": cmd_bench,
    "soak": cmd_soak,
    "gallery": cmd_gallery,
}

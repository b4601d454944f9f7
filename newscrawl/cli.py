"""The `newscrawl` command: thin wrappers that call into the stages."""

from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from scrapy.settings import Settings

    from newscrawl.profile import Profile

import click
from rich.console import Console

from newscrawl.profile import ProfileError, load_profile
from newscrawl.runner import EXIT_LOCKED, CrawlResult, RunLocked, project_settings, run_crawl

# soft_wrap: long paths in messages stay whole when the output goes to a log, not a terminal.
console = Console(stderr=True, soft_wrap=True)

# Usage errors exit 2 (click), a run refused by the lock 75 (see runner), Ctrl-C 130.
EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


def _settings_option(values: tuple[str, ...]) -> dict[str, Any]:
    overrides = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{value!r}: write -s NAME=VALUE", param_hint="-s")
        overrides[name] = setting
    return overrides


_archive_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
_archive_folders = click.argument(
    "archives", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
DEFAULT_ARCHIVES = Path("archives")
_workers = click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes (default: one per core).",
)


def _output(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --out option of the commands that write a dataset."""
    path = click.Path(dir_okay=False, path_type=Path)
    return click.option("--out", "out", required=True, type=path, help=help_text)


def _default_archives() -> list[Path]:
    """Every folder under archives/ (where crawls go) that holds WARC or WACZ files: what
    replay, wacz and report work on when given no archive. Other folders there (a
    provenance index of `newscrawl provenance archives`, say) are no archives."""
    from newscrawl.archive.reader import is_archive

    folders = sorted(
        folder
        for folder in DEFAULT_ARCHIVES.glob("*")
        if folder.is_dir() and any(is_archive(f) for f in folder.iterdir())
    )
    if not folders:
        raise click.UsageError(
            f"no archive folder given, and no folder under {DEFAULT_ARCHIVES}/ holds WARC or "
            "WACZ files"
        )
    return folders


def _output_folder(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --out option of the commands that write a folder of files."""
    path = click.Path(file_okay=False, path_type=Path)
    return click.option("--out", "out", required=True, type=path, help=help_text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newscrawl")
def main() -> None:
    """Crawl news sites into WARC archives and tell where each copy came from."""


@main.command()
@click.argument("profile")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Archive folder (default: archives/).",
)
@click.option(
    "--wacz/--no-wacz", default=None, help="Package the run as WACZ (default: as the profile says)."
)
@click.option(
    "-s",
    "--set",
    "sets",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy or NEWSCRAWL_* setting.",
)
def crawl(profile: str, out: Path | None, wacz: bool | None, sets: tuple[str, ...]) -> None:
    """Crawl with PROFILE (a TOML file, or a name found in settings/) and archive it as WARC."""
    try:
        loaded = load_profile(profile)
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from exc
    overrides = _settings_option(sets)
    if wacz is not None:
        overrides["NEWSCRAWL_WACZ"] = wacz
    result = _run(loaded, project_settings(out, overrides))
    _report(result)
    sys.exit(_exit_code(result))


@main.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("archives"),
    show_default=True,
    help="Archive folder.",
)
@click.option(
    "--version",
    "world_version",
    type=click.Choice(["auto", "first", "updated"]),
    default="auto",
    show_default=True,
    help="CNBC article version to serve; auto: 'updated' once OUT holds a demo run.",
)
@click.option("--wacz/--no-wacz", default=True, show_default=True, help="Package the run as WACZ.")
def demo(out: Path, world_version: str, wacz: bool) -> None:
    """Start the embedded news world on 127.0.0.1 and crawl it: the main job, offline."""
    from newscrawl.demo.server import DemoServer
    from newscrawl.demo.world import DemoWorld

    profile = load_profile("demo")
    if world_version == "auto":
        earlier = any((out / profile.name).glob("*.warc.gz"))
        world_version = "updated" if earlier else "first"
    with DemoServer(DemoWorld(version=world_version)) as server:
        console.print(
            f"[bold]demo world[/] ({world_version} version) serving on {server.proxy_url}"
        )
        overrides = {
            "NEWSCRAWL_PROXY": server.proxy_url,
            "NEWSCRAWL_WACZ": wacz,
            "NEWSCRAWL_PROGRESS_INTERVAL": 1.0,
        }
        result = _run(profile, project_settings(out, overrides))
    _report(result)
    folder = out / profile.name
    console.print("\n[bold]next:[/]")
    console.print(f"  warcio check {folder}/*.warc.gz   (every record verifies)")
    console.print(f"  newscrawl extract {folder} --out articles.parquet")
    console.print(f"  newscrawl provenance {folder} --out provenance.jsonl")
    console.print(f"  newscrawl demo --out {out}   (again: the CNBC article has changed)")
    sys.exit(_exit_code(result))


@main.command()
@_archive_paths
@_output("Dataset to write: FILE.jsonl or FILE.parquet.")
@_workers
def extract(paths: tuple[str, ...], out: Path, workers: int) -> None:
    """Extract articles from WARC, ARC and WACZ files (or folders of them) into a dataset."""
    from rich.progress import Progress

    from newscrawl.export.datasets import open_dataset
    from newscrawl.extract.offline import extract_archives

    if out.suffix not in (".jsonl", ".parquet"):
        raise click.BadParameter(f"{out}: name a .jsonl or .parquet file", param_hint="--out")
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("reading", total=None)

        def on_file(path: Path) -> None:
            progress.update(task, description=f"reading {path.name}", advance=1)

        with open_dataset(out) as dataset:
            summary = extract_archives(list(paths), dataset.write, workers, on_file)
    console.print(
        f"[bold]{summary.articles} articles[/] from {summary.files} files "
        f"in {summary.seconds:.1f} s -> {out}"
    )
    for reason, count in sorted(summary.report.skipped.items()):
        console.print(f"  skipped {count:6d}  {reason}")
    for file, offset, error in summary.failed:
        console.print(f"  [yellow]extraction failed[/] {file} @ {offset}: {error}")
    sys.exit(EXIT_OK)


@main.command()
@_archive_paths
@_output("Where to write one JSON line per article: FILE.jsonl.")
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the index of known articles here, so later runs link to them and skip the "
    "archives it has read (default: provenance-index/ in the folder of the first archive; "
    "delete it to start over).",
)
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    help="Keep the index in Redis instead (redis://HOST:PORT/DB), shared by every process "
    "of a distributed crawl.",
)
@click.option(
    "--index-name",
    default="newscrawl",
    show_default=True,
    help="The Redis index's name: the same in every process that should share it.",
)
def provenance(
    paths: tuple[str, ...],
    out: Path,
    index_dir: Path | None,
    redis_url: str | None,
    index_name: str,
) -> None:
    """Tell, for each article in WARC/WACZ files, folders or article JSONL, whether it is an
    original or a copy (verbatim, spun, excerpt, rewrite), of what, and why; the output holds
    every article the index knows, decided again as new articles come."""
    from collections import Counter

    from newscrawl.provenance import default_index_folder, run_provenance
    from newscrawl.provenance.index import CandidateIndex

    if out.suffix != ".jsonl":
        raise click.BadParameter(f"{out}: name a .jsonl file", param_hint="--out")
    if redis_url and index_dir:
        raise click.UsageError("--index and --redis are two places for one index: pick one")
    if index_dir is None and not redis_url:
        index_dir = default_index_folder(list(paths))

    def waiting(holder: str) -> None:
        console.print(f"waiting for {holder}, which is linking with the index {index_dir}")

    with (
        _bad_files_stop(index_dir or redis_url),
        _bad_datasets_stop(),
        CandidateIndex.held(index_dir, waiting)
        if index_dir
        else nullcontext(CandidateIndex(redis_url=redis_url, name=index_name)) as index,
    ):
        run = run_provenance(list(paths), out, index)
    relations = Counter(record.relation for record in run.records)
    counts = ", ".join(f"{n} {relation}" for relation, n in relations.most_common())
    console.print(
        f"[bold]{len(run.records)} articles[/] ({counts}; {run.linked} from this run) -> {out}"
    )
    if run.skipped:
        files = f"{len(run.skipped)} archive file{'s' if len(run.skipped) > 1 else ''}"
        console.print(
            f"  {files} already linked by an earlier run: not read again "
            f"(their articles are in the index, {index_dir or redis_url})"
        )
    sys.exit(EXIT_OK)


@main.command()
@_archive_paths
@_output_folder("Folder to write articles.jsonl, parquet/ and schema.json to.")
@_workers
def export(paths: tuple[str, ...], out: Path, workers: int) -> None:
    """Export the articles of WARC/WACZ files or folders with their provenance (original_url,
    relation, confidence, cluster...) as JSONL and as Parquet partitioned by crawl date."""
    from newscrawl.export.linked import ExportRefused, export_linked, load_examples
    from newscrawl.provenance import default_index_folder

    try:
        with _bad_files_stop(default_index_folder(list(paths))):
            summary = export_linked(list(paths), out, workers)
    except ExportRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from exc
    console.print(f"[bold]{summary.rows} articles[/] from {summary.extract.files} files -> {out}")
    for relation, n in summary.relations.most_common():
        console.print(f"  {n:6d}  {relation}")
    if summary.extract.failed:
        console.print(
            f"  [yellow]{len(summary.extract.failed)} pages failed extraction[/] "
            "(`newscrawl extract` lists them)"
        )
    console.print("\n[bold]load it:[/]")
    for library, line in load_examples(out).items():
        console.print(f"  {library:8s}  {line}", markup=False, highlight=False)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@_output_folder("Folder to write index.html and the story, graph and diff pages to.")
@click.option(
    "--replay-url",
    default="http://127.0.0.1:8080",
    show_default=True,
    help="Where `newscrawl replay` serves the archive folders (each a collection).",
)
@_workers
def report(paths: tuple[str, ...], out: Path, replay_url: str, workers: int) -> None:
    """Write a static HTML report of WARC/WACZ files or archive folders (default: every folder
    under archives/): each story's original and copies with their evidence, replay links, a
    graph of who copied whom, counts per site, and what spinners changed."""
    from newscrawl.export.report import write_report
    from newscrawl.provenance import default_index_folder

    sources = list(paths) or [str(folder) for folder in _default_archives()]
    with _bad_files_stop(default_index_folder(sources)):
        summary = write_report(sources, out, replay_url, workers)
    console.print(
        f"[bold]{summary.clusters} stories[/], {summary.rows} articles, "
        f"{summary.diffs} diffs -> {out / 'index.html'}"
    )
    console.print(f"  replay links expect `newscrawl replay` at {replay_url}", markup=False)
    sys.exit(EXIT_OK)


@main.command()
@_archive_folders
@click.option("--port", type=int, default=8080, show_default=True, help="Port of pywb.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address pywb listens on.")
def replay(archives: tuple[Path, ...], port: int, host: str) -> None:
    """Replay archive folders (default: every folder under archives/) in pywb, each as the
    collection of its name; runs added to them later are served too."""
    from newscrawl.export.replay import CollectionClash, PywbMissing, collections, serve

    folders = list(archives) or _default_archives()
    try:
        for name in collections(folders):
            console.print(f"[bold]{name}[/]: http://{host}:{port}/{name}/")
        sys.exit(serve(folders, host, port))
    except (PywbMissing, CollectionClash) as exc:
        raise click.UsageError(str(exc)) from exc


@main.command()
@_archive_folders
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The package to write, when packaging one folder (default: ARCHIVE/NAME.wacz).",
)
def wacz(archives: tuple[Path, ...], out: Path | None) -> None:
    """Package every run of an archive folder as one WACZ, for ReplayWeb.page (default: each
    folder under archives/, into its own WACZ)."""
    from newscrawl.archive.index import PackagingError, package_folder

    folders = list(archives) or _default_archives()
    if out is not None and len(folders) > 1:
        raise click.UsageError("--out names one package: give one archive folder with it")
    for folder in folders:
        package = out or folder / f"{folder.name}.wacz"
        try:
            package_folder(folder, package)
        except PackagingError as exc:
            raise click.UsageError(str(exc)) from exc
        console.print(f"[bold]packaged[/] {folder} -> {package}")


@main.command("demo-server")
@click.option("--port", type=int, default=8765, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--version",
    "world_version",
    type=click.Choice(["first", "updated"]),
    default="first",
    show_default=True,
)
def demo_server(port: int, world_version: str) -> None:
    """Serve the demo world as an HTTP proxy on 127.0.0.1 until Ctrl-C (for `scrapy crawl`)."""
    from newscrawl.demo.server import main as serve

    serve(["--port", str(port), "--version", world_version])


@contextmanager
def _bad_files_stop(index: Path | str | None) -> Iterator[None]:
    """A provenance index of another newscrawl version is the user's to delete: exit 2 with
    the folder named, not a traceback. An index that is no SQLite database, or a file
    newscrawl would write that is a symlink, stops the command with one line (exit 1)."""
    import sqlite3

    from newscrawl.locks import SymlinkRefused
    from newscrawl.provenance.stores import StaleIndex

    try:
        yield
    except StaleIndex as exc:
        raise click.UsageError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(
            f"the provenance index {index} is unreadable ({exc}): delete it to start over"
        ) from exc
    except SymlinkRefused as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def _bad_datasets_stop() -> Iterator[None]:
    """An article dataset named that is not JSON lines is a usage error (exit 2)."""
    import json

    try:
        yield
    except json.JSONDecodeError as exc:
        raise click.UsageError(f"an article dataset given is not JSON lines ({exc})") from exc


def _run(profile: Profile, settings: Settings) -> CrawlResult:
    """Run a crawl; a run already under way on the same archive folder is a clean refusal."""
    from newscrawl.archive.state import StateError
    from newscrawl.locks import SymlinkRefused

    try:
        return run_crawl(profile, settings)
    except ProfileError as exc:  # a setting that cannot work, and how to fix it
        raise click.UsageError(str(exc)) from exc
    except (StateError, SymlinkRefused) as exc:  # a file in the archive folder to fix
        raise click.ClickException(str(exc)) from exc
    except RunLocked as exc:
        console.print(f"[yellow]not started:[/] {exc}")
        sys.exit(EXIT_LOCKED)


def _exit_code(result: CrawlResult) -> int:
    if result.ok:
        return EXIT_OK
    return EXIT_INTERRUPTED if result.finish_reason == "shutdown" else EXIT_FAILED


def _report(result: CrawlResult) -> None:
    stats = result.stats
    console.print(
        f"\n[bold]{result.finish_reason}[/]: {stats.get('response_received_count', 0)} responses, "
        f"{stats.get('newscrawl/pages/articles', 0)} articles, "
        f"{stats.get('newscrawl/fetch/errors', 0)} fetch errors, "
        f"{stats.get('newscrawl/warc/records', 0)} WARC records, "
        f"{stats.get('newscrawl/warc/bytes', 0) / 1e6:.2f} MB"
    )
    for path in result.warcs:
        console.print(f"  WARC  {path}")
    for key, label in (("newscrawl/warc/cdxj", "CDXJ"), ("newscrawl/warc/wacz", "WACZ")):
        if key in stats:
            console.print(f"  {label}  {stats[key]}")
    if "newscrawl/warc/error" in stats:
        console.print(f"[red]archive error:[/] {stats['newscrawl/warc/error']}")

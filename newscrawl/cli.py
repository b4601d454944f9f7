"""The `newscrawl` command: thin wrappers that call into the stages."""

from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from distributed import Client
    from scrapy.settings import Settings

    from newscrawl.archive.reader import Archive
    from newscrawl.demo.responses import Resolver
    from newscrawl.export.linked import ExportSummary
    from newscrawl.profile import Profile
    from newscrawl.provenance import Provenance
    from newscrawl.provenance.command import ProvenanceRun

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

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


class _ArchivePath(click.Path):
    """A file or folder that exists, or the URL of one (https://, http://, s3://) that
    answers: a missing object, a bad URL or a server that cannot be reached is a usage
    error, as a missing file is."""

    def __init__(self) -> None:
        super().__init__(exists=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from newscrawl.archive.remote import RemoteError, is_url, remote_files

        if not is_url(value):
            return super().convert(value, param, ctx)
        if Path(value).suffix == ".jsonl":
            self.fail(f"{value}: article datasets are read from local files only", param, ctx)
        try:
            remote_files(value)
        except RemoteError as exc:
            self.fail(str(exc), param, ctx)
        return value


_archive_paths = click.argument("paths", nargs=-1, required=True, type=_ArchivePath())
_archive_folders = click.argument(
    "archives", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
DEFAULT_ARCHIVES = Path("archives")
DEFAULT_REPLAY_URL = "http://127.0.0.1:8080"  # where `newscrawl replay` serves
_workers = click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes (default: one per core).",
)


_re_extract = click.option(
    "--re-extract",
    is_flag=True,
    help="Extract the archives again, though the article store holds their articles (after "
    "an upgrade of newscrawl's extractor), and store what comes out.",
)


def _check_dask(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from newscrawl.cluster import check_address

    try:
        return None if value is None else check_address(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from exc


_dask = click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    callback=_check_dask,
    help="Extract on a Dask cluster, an archive file a task: `local` (a cluster of --workers "
    "processes here) or a scheduler's address, tcp://HOST:8786 (workers must see the archives "
    "at the same paths).",
)


def _out(
    default: Path | None, help_text: str, *, folder: bool
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The --out option, one rule for every command: where the command writes (a file or a
    folder, as it says), with its default shown."""
    path = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return click.option(
        "--out", "out", type=path, default=default, show_default=default is not None, help=help_text
    )


_logging = (
    click.option(
        "-v",
        "--verbose",
        count=True,
        help="Show more of the log: -v every INFO record, -vv DEBUG too.",
    ),
    click.option(
        "--log-file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the whole log (at LOG_LEVEL, settings and stats included) to this file.",
    ),
)


def _logging_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_logging):
        command = option(command)
    return command


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


class _WorldCommand(click.Command):
    """A command with a --world option, which an older newscrawl spelt --version: that
    spelling is answered with the new one (and where newscrawl's own version is)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if exc.option_name != "--version":
                raise
            message = "No such option '--version': the demo world's is --world, newscrawl's own is"
            raise click.NoSuchOption(
                exc.option_name, f"{message} `newscrawl --version`", ctx=ctx
            ) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newscrawl")
def main() -> None:
    """Crawl news sites into WARC archives and tell where each copy came from.

    Every command writes where its --out says (a file or a folder); each has a default,
    shown in the command's --help.
    """


@main.command()
@click.argument("profile")
@_out(DEFAULT_ARCHIVES, "Archive folder: the run goes into OUT/PROFILE-NAME/.", folder=True)
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
@_logging_options
def crawl(
    *,
    profile: str,
    out: Path,
    wacz: bool | None,
    sets: tuple[str, ...],
    verbose: int,
    log_file: Path | None,
) -> None:
    """Crawl with PROFILE (a TOML file, or a name found in settings/) and archive it as WARC."""
    try:
        loaded = load_profile(profile)
    except ProfileError as exc:
        raise click.UsageError(str(exc)) from exc
    overrides = _settings_option(sets)
    if wacz is not None:
        overrides["NEWSCRAWL_WACZ"] = wacz
    result = _run(loaded, _crawl_settings(out, overrides, log_file), verbose)
    _report_crawl(result)
    sys.exit(_exit_code(result))


@main.command(cls=_WorldCommand)
@_out(DEFAULT_ARCHIVES, "Archive folder: the run goes into OUT/demo/.", folder=True)
@click.option(
    "--world",
    type=click.Choice(["auto", "first", "updated"]),
    default="auto",
    show_default=True,
    help="Which version of the demo world to serve (the CNBC article changes between the "
    "two); auto: 'updated' once OUT holds a demo run.",
)
@click.option("--wacz/--no-wacz", default=True, show_default=True, help="Package the run as WACZ.")
@_logging_options
def demo(out: Path, world: str, wacz: bool, verbose: int, log_file: Path | None) -> None:
    """Start the embedded news world on 127.0.0.1, crawl it, and tell where each copy came
    from: the main job, offline. Beside the archive go the provenance records, the dataset
    and the report."""
    from newscrawl.demo.server import DemoServer
    from newscrawl.demo.world import DemoWorld
    from newscrawl.provenance import default_index_folder

    profile = load_profile("demo")
    folder = out / profile.name
    if world == "auto":
        world = "updated" if any(folder.glob("*.warc.gz")) else "first"
    with DemoServer(DemoWorld(version=world)) as server:
        console.print(f"[bold]demo world[/] ({world} version) serving on {server.proxy_url}")
        overrides = {
            "NEWSCRAWL_PROXY": server.proxy_url,
            "NEWSCRAWL_WACZ": wacz,
            "NEWSCRAWL_PROGRESS_INTERVAL": 1.0,
        }
        result = _run(profile, _crawl_settings(out, overrides, log_file), verbose)
    _report_crawl(result)
    if not result.ok:
        sys.exit(_exit_code(result))
    paths = [str(folder)]
    provenance_out = out / f"{profile.name}-provenance.jsonl"
    dataset, report_out = out / f"{profile.name}-dataset", out / f"{profile.name}-report"
    with console.status("linking copies to their originals"):
        run = _link(paths, provenance_out, default_index_folder(paths))
    _show_copies(run.records)
    with console.status("writing the dataset and the report"):
        _export(paths, dataset, workers=0)
        _write_report(paths, report_out, DEFAULT_REPLAY_URL, workers=0)
    console.print("\n[bold]where it is:[/]")
    for label, where in (
        ("archive", folder),
        ("WACZ", result.stats.get("newscrawl/warc/wacz", "(--no-wacz)")),
        ("provenance", provenance_out),
        ("dataset", f"{dataset}/ (JSONL and Parquet)"),
        ("report", report_out / "index.html"),
    ):
        console.print(f"  {label:10s} {where}", highlight=False)
    console.print("\n[bold]replay it:[/]")
    console.print(f"  newscrawl replay {folder}   (pywb at {DEFAULT_REPLAY_URL}/demo/)")
    console.print("  or open the WACZ in ReplayWeb.page (https://replayweb.page)")
    if world == "first":
        console.print(f"  newscrawl demo --out {out}   (again: the CNBC article has changed)")
    sys.exit(_exit_code(result))


@main.command()
@_archive_paths
@_out(Path("articles.parquet"), "Dataset to write: FILE.jsonl or FILE.parquet.", folder=False)
@_workers
@_re_extract
@_dask
def extract(
    paths: tuple[str, ...], out: Path, workers: int, re_extract: bool, dask_address: str | None
) -> None:
    """Extract articles from WARC, ARC and WACZ files (or folders of them), local or named
    by https:// or s3:// URL, into a dataset, and keep them in the article store beside each
    local archive for the commands that follow."""
    from newscrawl.export.datasets import open_dataset
    from newscrawl.extract.offline import extract_archives

    _suffix(out, ".jsonl", ".parquet")
    with (
        _cluster(dask_address, workers) as client,
        _files_progress() as on_file,
        open_dataset(out) as dataset,
    ):
        summary = extract_archives(
            list(paths),
            dataset.write,
            workers,
            on_file,
            store=True,
            re_extract=re_extract,
            client=client,
        )
    console.print(
        f"[bold]{summary.articles} articles[/] from {summary.files} files "
        f"in {summary.seconds:.1f} s -> {out}"
    )
    if summary.stored:
        console.print(f"  {summary.stored} files' articles read from the article store")
    for reason, count in sorted(summary.report.skipped.items()):
        console.print(f"  skipped {count:6d}  {reason}")
    for file, offset, error in summary.failed:
        console.print(f"  [yellow]extraction failed[/] {file} @ {offset}: {error}")
    sys.exit(EXIT_OK)


@main.command()
@_archive_paths
@_out(Path("provenance.jsonl"), "One JSON line per article: FILE.jsonl.", folder=False)
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
@_workers
@_re_extract
@_dask
def provenance(
    *,
    paths: tuple[str, ...],
    out: Path,
    index_dir: Path | None,
    redis_url: str | None,
    index_name: str,
    workers: int,
    re_extract: bool,
    dask_address: str | None,
) -> None:
    """Tell, for each article in WARC/WACZ files, folders or article JSONL, whether it is an
    original or a copy (verbatim, spun, excerpt, rewrite), of what, and why; the output holds
    every article the index knows, decided again as new articles come."""
    from newscrawl.provenance import default_index_folder

    _suffix(out, ".jsonl")
    if redis_url and index_dir:
        raise click.UsageError("--index and --redis are two places for one index: pick one")
    if index_dir is None and not redis_url:
        index_dir = default_index_folder(list(paths))
    with _cluster(dask_address, workers) as client, _files_progress() as on_file:
        _link(
            list(paths),
            out,
            index_dir,
            redis_url,
            index_name,
            workers=workers,
            re_extract=re_extract,
            client=client,
            on_file=on_file,
        )
    sys.exit(EXIT_OK)


@main.command()
@_archive_paths
@_out(Path("dataset"), "Folder to write articles.jsonl, parquet/ and schema.json to.", folder=True)
@_workers
@_re_extract
@click.option(
    "--drop-site-chrome",
    is_flag=True,
    help="Move the paragraphs a site repeats on pages of other texts (the site_chrome column)"
    " out of body.",
)
@_dask
def export(
    paths: tuple[str, ...],
    out: Path,
    workers: int,
    *,
    re_extract: bool,
    drop_site_chrome: bool,
    dask_address: str | None,
) -> None:
    """Export the articles of WARC/WACZ files or folders with their provenance (original_url,
    relation, confidence, cluster...) as JSONL and as Parquet partitioned by crawl date."""
    from newscrawl.export.linked import load_examples

    with _cluster(dask_address, workers) as client, _files_progress() as on_file:
        summary = _export(
            list(paths),
            out,
            workers,
            re_extract=re_extract,
            drop_site_chrome=drop_site_chrome,
            client=client,
            on_file=on_file,
        )
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
@click.argument("paths", nargs=-1, type=_ArchivePath())
@_out(
    Path("report"),
    "Folder to write index.html and the story, graph and diff pages to.",
    folder=True,
)
@click.option(
    "--replay-url",
    default=DEFAULT_REPLAY_URL,
    show_default=True,
    help="Where `newscrawl replay` serves the archive folders (each a collection).",
)
@_workers
@_re_extract
def report(
    paths: tuple[str, ...], out: Path, replay_url: str, workers: int, re_extract: bool
) -> None:
    """Write a static HTML report of WARC/WACZ files or archive folders (default: every folder
    under archives/): each story's original and copies with their evidence, replay links, a
    graph of who copied whom, counts per site, and what spinners changed."""
    sources = list(paths) or [str(folder) for folder in _default_archives()]
    _write_report(sources, out, replay_url, workers, re_extract=re_extract)
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
@_out(
    None,
    "The package to write, when packaging one folder [default: ARCHIVE/NAME.wacz].",
    folder=False,
)
def wacz(archives: tuple[Path, ...], out: Path | None) -> None:
    """Package every run of an archive folder as one WACZ, for ReplayWeb.page (default: each
    folder under archives/, into its own WACZ)."""
    from newscrawl.archive.index import PackagingError, package_folder

    folders = list(archives) or _default_archives()
    if out is not None and len(folders) > 1:
        raise click.UsageError("--out names one package: give one archive folder with it")
    if out is not None:
        _suffix(out, ".wacz")
    for folder in folders:
        package = out or folder / f"{folder.name}.wacz"
        try:
            package_folder(folder, package)
        except PackagingError as exc:
            raise click.UsageError(str(exc)) from exc
        console.print(f"[bold]packaged[/] {folder} -> {package}")


@main.command("demo-server", cls=_WorldCommand)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port (0: any free one).")
@click.option(
    "--world",
    type=click.Choice(["first", "updated"]),
    default="first",
    show_default=True,
    help="Which version of the demo world to serve.",
)
@click.option(
    "--generated",
    type=int,
    metavar="N",
    help="Serve a generated site of N pages instead (for benchmarks).",
)
@click.option(
    "--page-size", type=int, default=65536, show_default=True, help="Generated pages' size."
)
@click.option("--links", type=int, default=20, show_default=True, help="Links per generated page.")
def demo_server(
    *, host: str, port: int, world: str, generated: int | None, page_size: int, links: int
) -> None:
    """Serve the demo world as an HTTP proxy until Ctrl-C or SIGTERM (for `scrapy crawl`, or
    `newscrawl crawl demo`)."""
    from newscrawl.demo.generated import GeneratedSite
    from newscrawl.demo.server import serve_until_stopped
    from newscrawl.demo.world import DemoWorld

    resolver: Resolver = (
        GeneratedSite(generated, page_size=page_size, links=links)
        if generated
        else DemoWorld(version=world)
    )
    serve_until_stopped(resolver, host, port)


def _suffix(out: Path, *suffixes: str) -> None:
    """A file --out whose suffix picks the format must have one of `suffixes`."""
    if out.suffix not in suffixes:
        raise click.BadParameter(f"{out}: name a {' or '.join(suffixes)} file", param_hint="--out")


def _link(
    paths: list[str],
    out: Path,
    index_dir: Path | None,
    redis_url: str | None = None,
    index_name: str = "newscrawl",
    *,
    workers: int = 0,
    re_extract: bool = False,
    client: Client | None = None,
    on_file: Callable[[Archive], None] | None = None,
) -> ProvenanceRun:
    """`newscrawl provenance`: link the articles under `paths` with the index kept in
    `index_dir` (or Redis), write every record to `out`, and say what it found."""
    from collections import Counter

    from newscrawl.provenance import run_provenance
    from newscrawl.provenance.candidates import CandidateIndex

    def waiting(holder: str) -> None:
        console.print(f"waiting for {holder}, which is linking with the index {index_dir}")

    with (
        _bad_files_stop(index_dir or redis_url),
        _bad_datasets_stop(),
        CandidateIndex.held(index_dir, waiting)
        if index_dir
        else nullcontext(CandidateIndex(redis_url=redis_url, name=index_name)) as index,
    ):
        run = run_provenance(
            paths,
            out,
            index,
            workers=workers,
            re_extract=re_extract,
            client=client,
            on_file=on_file,
        )
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
    return run


def _export(
    paths: list[str],
    out: Path,
    workers: int,
    *,
    re_extract: bool = False,
    drop_site_chrome: bool = False,
    client: Client | None = None,
    on_file: Callable[[Archive], None] | None = None,
) -> ExportSummary:
    """`newscrawl export`: the articles with their provenance, as JSONL and Parquet."""
    from newscrawl.export.linked import ExportRefused, export_linked
    from newscrawl.provenance import default_index_folder

    try:
        with _bad_files_stop(default_index_folder(paths)):
            summary = export_linked(
                paths,
                out,
                workers,
                re_extract=re_extract,
                drop_site_chrome=drop_site_chrome,
                client=client,
                on_file=on_file,
            )
    except ExportRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from exc
    console.print(f"[bold]{summary.rows} articles[/] from {summary.extract.files} files -> {out}")
    return summary


def _write_report(
    paths: list[str], out: Path, replay_url: str, workers: int, *, re_extract: bool = False
) -> None:
    """`newscrawl report`: the static HTML report."""
    from newscrawl.export.report import write_report
    from newscrawl.provenance import default_index_folder

    with _bad_files_stop(default_index_folder(paths)):
        summary = write_report(paths, out, replay_url, workers, re_extract=re_extract)
    console.print(
        f"[bold]{summary.clusters} stories[/], {summary.rows} articles, "
        f"{summary.diffs} diffs -> {out / 'index.html'}"
    )


# The evidence that says most about where a copy came from, first: what the page itself
# points to, then whom it names, then what its text shares.
EVIDENCE_ORDER = (
    "source-link",
    "points-to",
    "outlet-link",
    "publisher",
    "names-origin",
    "attribution",
    "credit",
    "promo",
    "text-reuse",
)


def _show_copies(records: list[Provenance]) -> None:
    """Each copy the run found, its relation, its original and its key evidence: a table on
    a terminal, one plain line each elsewhere."""
    rows = []
    for record in sorted(
        (r for r in records if r.relation not in ("original", "unknown")),
        key=lambda r: (r.original_url or "~", r.url),
    ):
        key = min(
            record.evidence,
            key=lambda e: EVIDENCE_ORDER.index(e.kind) if e.kind in EVIDENCE_ORDER else 99,
            default=None,
        )
        rows.append(
            (
                _schemeless(record.url),
                f"{record.relation} {record.confidence:.2f}",
                _schemeless(record.original_url or "-"),
                f"{key.kind}: {key.detail}" if key else "-",
            )
        )
    if not console.is_terminal:
        console.print(f"{len(rows)} copies:")
        for copy, relation, original, evidence in rows:
            of = f" of {original}" if original != "-" else ", original not found"
            console.print(f"  {copy}  {relation}{of}  ({evidence})", markup=False)
        return
    table = Table(title="copies and their originals", title_justify="left", expand=True)
    for name, ratio in (("copy", 3), ("relation", None), ("original", 3), ("key evidence", 3)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", ratio=ratio)
    for row in rows:  # Text: a page's URL or evidence is never read as rich markup
        table.add_row(*map(Text, row))
    console.print(table)


@contextmanager
def _bad_files_stop(index: Path | str | None) -> Iterator[None]:
    """A provenance index of another newscrawl version is the user's to delete: exit 2 with
    the folder named, not a traceback. An index that is no SQLite database, or a file
    newscrawl would write that is a symlink, stops the command with one line (exit 1)."""
    import sqlite3

    from newscrawl.locks import SymlinkRefused
    from newscrawl.provenance.entries import StaleIndex

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
def _cluster(address: str | None, workers: int) -> Iterator[Client | None]:
    """The Dask cluster named by --dask (None without it), its dashboard's address printed;
    a cluster that cannot be used, or a store it could not write, stops with one line."""
    if address is None:
        yield None
        return
    from newscrawl.cluster import ClusterError, dask_client
    from newscrawl.extract.offline import NotStored

    try:
        with dask_client(address, workers) as client:
            workers_up = len(client.scheduler_info(n_workers=-1)["workers"])
            console.print(
                f"[bold]Dask[/] {address}: {workers_up} workers, dashboard {client.dashboard_link}",
                highlight=False,
            )
            yield client
    except (ClusterError, NotStored) as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def _files_progress() -> Iterator[Callable[[Archive], None]]:
    """A transient progress line, advanced by the callback each archive file read."""
    from rich.progress import Progress

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("reading", total=None)

        def on_file(path: Archive) -> None:
            progress.update(task, description=f"reading {path.name}", advance=1)

        yield on_file


@contextmanager
def _bad_datasets_stop() -> Iterator[None]:
    """An article dataset named that is not JSON lines is a usage error (exit 2)."""
    import json

    try:
        yield
    except json.JSONDecodeError as exc:
        raise click.UsageError(f"an article dataset given is not JSON lines ({exc})") from exc


def _schemeless(url: str) -> str:
    return url.removeprefix("http://").removeprefix("https://").removeprefix("www.")


def _crawl_settings(out: Path, overrides: dict[str, Any], log_file: Path | None) -> Settings:
    if log_file is not None:
        overrides["LOG_FILE"] = str(log_file)
    return project_settings(out, overrides)


def _run(profile: Profile, settings: Settings, verbose: int) -> CrawlResult:
    """Run a crawl; a run already under way on the same archive folder is a clean refusal."""
    from newscrawl.archive.state import StateError
    from newscrawl.locks import SymlinkRefused

    try:
        return run_crawl(profile, settings, verbose)
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


def _report_crawl(result: CrawlResult) -> None:
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

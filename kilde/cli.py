"""The ``kilde`` command: thin wrappers that parse arguments, call the library and print."""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from kilde.errors import KildeError
from kilde.ingest import BATCH_SIZE

if TYPE_CHECKING:
    import pandas as pd

DB_OPTION = click.option("--db", default="kilde.duckdb", show_default=True, envvar="KILDE_DB",
                         help="DuckDB file of the store.")
MODEL_OPTION = click.option("--model", default=None,
                            help="A Danish spaCy pipeline (package name or directory); default: Kilde's own.")


def _records_out(records: list[dict[str, Any]], fmt: str) -> None:
    out = click.get_text_stream("stdout")
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "csv":
        import pandas as pd

        flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in r.items()}
                for r in records]
        pd.DataFrame(flat).to_csv(out, index=False)
    else:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def _table_out(df: pd.DataFrame, fmt: str, columns: list[str]) -> None:
    import pandas as pd

    if "date" in df.columns and pd.api.types.is_datetime64_any_dtype(df["date"]):
        df = df.assign(date=df["date"].dt.strftime("%Y-%m-%d"))
    if fmt == "jsonl":
        from kilde.store.queries import records

        for row in records(df):
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        df.to_csv(click.get_text_stream("stdout"), index=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in df[columns].itertuples(index=False):
        table.add_row(*["" if v is None or (isinstance(v, float) and pd.isna(v)) else _short(v) for v in row])
    Console().print(table)
    click.echo(f"{len(df)} rows", err=True)


def _short(value: object, width: int = 120) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _fail_cleanly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain errors into a one-line message (set KILDE_DEBUG=1 for tracebacks)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KildeError as e:
            raise click.ClickException(str(e)) from e
        except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt):
            raise
        except Exception as e:
            if os.environ.get("KILDE_DEBUG"):
                raise
            raise click.ClickException(f"unexpected {type(e).__name__}: {e} (KILDE_DEBUG=1 shows the traceback)") from e

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kilde")
def main() -> None:
    """Kilde turns news articles into records of who said what, who did what to
    whom, when, and according to which source.

    \b
    Example:
      kilde ingest articles.jsonl --db news.duckdb
      kilde quotes --db news.duckdb --speaker Blinken
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True)
@MODEL_OPTION
@_fail_cleanly
def extract(inputs: tuple[str, ...], fmt: str, model: str | None) -> None:
    """Analyse INPUTS (files, directories, '-' for stdin) and print one record per article.

    Rejected records are listed on stderr with their reason.

    \b
    Example:
      kilde extract article.txt --format jsonl > out.jsonl
      cat news.jsonl | kilde extract - --format csv
    """
    from kilde.analyse import analyse
    from kilde.article import Reject
    from kilde.nlp.pipeline import load
    from kilde.read import read_inputs

    nlp = load(model)
    records = []
    for item in analyse(read_inputs(inputs), nlp):
        if isinstance(item, Reject):
            click.echo(f"rejected {item.line()}", err=True)
        elif isinstance(item, tuple):
            records.append(item[1])
            if fmt == "jsonl":
                _records_out([item[1]], fmt)
                records.clear()
    if records:
        _records_out(records, fmt)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@DB_OPTION
@MODEL_OPTION
@click.option("--batch-size", default=BATCH_SIZE, show_default=True,
              help="Articles per analysis batch and transaction (on Dask: per task).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Analyse on a local Dask cluster of this many worker processes.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Analyse on the running Dask cluster at ADDRESS (e.g. tcp://10.0.0.5:8786).")
@click.option("--spool", default=None, type=click.Path(file_okay=False),
              help="Directory for the workers' Parquet partitions (must be shared on a multi-machine cluster).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@_fail_cleanly
def ingest(inputs: tuple[str, ...], db: str, model: str | None, batch_size: int, workers: int | None,
           scheduler: str | None, spool: str | None, quiet: bool) -> None:
    """Analyse INPUTS and store the results; re-running skips what is stored.

    INPUTS are files or directories: .txt, .jsonl(.gz), .html, .rss/.atom/.xml,
    .warc(.gz), .csv/.tsv (others are recognised by content); '-' reads stdin.
    Each batch is committed on its own: after a crash, run the same command again.

    \b
    Examples:
      kilde ingest news/ --db news.duckdb
      kilde ingest archive.warc.gz --workers 2
      kilde ingest big.jsonl.gz --scheduler tcp://10.0.0.5:8786 --spool /shared/kilde-spool
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kilde.ingest import Engine, InProcess
    from kilde.ingest import ingest as run
    from kilde.read import count_inputs, read_inputs
    from kilde.store import Store

    engine: Engine
    dask = workers is not None or scheduler is not None
    if dask:
        from kilde.scale import DaskEngine, connect

        engine = DaskEngine(connect(workers, scheduler), model, spool)
    else:
        from kilde.nlp.pipeline import load

        engine = InProcess(load(model))
    try:
        with Store(db) as store, Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                                          TimeElapsedColumn(), disable=quiet, transient=False,
                                          console=None) as bar:
            task = bar.add_task("ingest", total=count_inputs(inputs))
            report = run(read_inputs(inputs), store, batch_size=batch_size, engine=engine,
                         on_progress=lambda n: bar.advance(task, n))
        if dask and not quiet or os.environ.get("KILDE_REPORT_RSS"):
            import resource

            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            peak = f", largest worker {engine.worker_peak_rss()} MB" if dask else ""  # type: ignore[attr-defined]
            click.echo(f"peak RSS: driver {own} MB{peak}", err=True)
    finally:
        if dask:
            engine.close()  # type: ignore[attr-defined]
    for r in report.rejects[:50]:
        click.echo(f"rejected {r.line()}", err=True)
    if len(report.rejects) > 50:
        click.echo(f"... and {len(report.rejects) - 50} more (kilde rejects --db {db})", err=True)
    click.echo(f"read {report.read}, stored {report.stored} (updated {report.updated}), "
               f"unchanged duplicates {report.duplicates}, rejected {report.rejected}", err=True)


@main.command()
@DB_OPTION
@_fail_cleanly
def stats(db: str) -> None:
    """Counts of articles, quotes, events, actors, mentions and rejects.

    \b
    Example:
      kilde stats --db news.duckdb
    """
    from kilde.store import Store
    from kilde.store.queries import stats as query

    with Store(db, read_only=True) as store:
        for key, value in query(store).items():
            click.echo(f"{key}: {value}")


@main.command()
@DB_OPTION
@click.option("--table", default="articles", show_default=True,
              type=click.Choice(["articles", "quotes", "events", "actors", "mentions", "rejects"]))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "plover"]), default="jsonl",
              show_default=True, help="plover: the coded events as PLOVER JSON records, one per line.")
@click.option("--output", "-o", required=True, help="File to write.")
@_fail_cleanly
def export(db: str, table: str, fmt: str, output: str) -> None:
    """Export one table of the store as JSONL, CSV or Parquet, or the events as PLOVER records.

    \b
    Example:
      kilde export --table quotes --format parquet -o quotes.parquet
      kilde export --format plover -o events.plover.jsonl
    """
    from kilde.store import Store, queries

    with Store(db, read_only=True) as store:
        if fmt == "plover":
            records = queries.plover_records(store)
            with open(output, "w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        else:
            store.export(table, fmt, output)
    click.echo(f"wrote {output}", err=True)


@main.command()
@DB_OPTION
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@_fail_cleanly
def rejects(db: str, limit: int, fmt: str) -> None:
    """List rejected input records and why.

    \b
    Example:
      kilde rejects --db news.duckdb
    """
    from kilde.store import Store
    from kilde.store.queries import rejects as query

    with Store(db, read_only=True) as store:
        _table_out(query(store, limit=limit), fmt, ["source", "record", "code", "reason"])


@main.command()
@DB_OPTION
@click.option("--speaker", help="Part of the speaker's name.")
@click.option("--relay", help="A relay such as AFP, Reuters, Ritzau.")
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD).")
@click.option("--text", help="Words the quote contains.")
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@_fail_cleanly
def quotes(db: str, speaker: str | None, relay: str | None, since: str | None, until: str | None,
           text: str | None, limit: int, fmt: str) -> None:
    """Search stored quotes.

    \b
    Example:
      kilde quotes --speaker Blinken --relay AFP --since 2023-01-01
    """
    from kilde.store import Store
    from kilde.store.queries import quotes as query

    with Store(db, read_only=True) as store:
        df = query(store, speaker=speaker, relay=relay, since=since, until=until, text=text, limit=limit)
    _table_out(df, fmt, ["date", "speaker", "kind", "cue", "relays", "text"])


@main.command()
@DB_OPTION
@click.option("--type", "type_", help="PLOVER type, e.g. ACCUSE.")
@click.option("--actor", help="Actor name or country code.")
@click.option("--dyad", help="Country pair, e.g. RUS-PRK (either direction).")
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD).")
@click.option("--negated", is_flag=True, help="Also list denied or negated events (flagged).")
@click.option("--distinct", is_flag=True, help="One row per event, however many articles of its story report it.")
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@_fail_cleanly
def events(db: str, type_: str | None, actor: str | None, dyad: str | None, since: str | None,
           until: str | None, negated: bool, distinct: bool, limit: int, fmt: str) -> None:
    """Search stored PLOVER events.

    \b
    Example:
      kilde events --dyad RUS-PRK --type AID
    """
    from kilde.store import Store
    from kilde.store.queries import events as query

    with Store(db, read_only=True) as store:
        df = query(store, type=type_, actor=actor, dyad=dyad, since=since, until=until,
                   include_negated=negated, distinct=distinct, limit=limit)
    _table_out(df, fmt, ["date", "type", "source_country", "target_country", "negated", "asserted_by", "text"])


@main.command()
@DB_OPTION
@click.option("--min-size", default=2, show_default=True, help="Only stories told by at least this many articles.")
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@_fail_cleanly
def stories(db: str, min_size: int, limit: int, fmt: str) -> None:
    """Stories: near-duplicate articles (wire copies, updates) grouped, largest first.

    \b
    Example:
      kilde stories --min-size 3
    """
    from kilde.store import Store
    from kilde.store.queries import stories as query

    with Store(db, read_only=True) as store:
        df = query(store, min_size=min_size, limit=limit)
    _table_out(df, fmt, ["story_id", "articles", "outlets", "first_date", "last_date"])


@main.command()
@click.argument("dyad")
@DB_OPTION
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@_fail_cleanly
def dyad(dyad: str, db: str, since: str | None, until: str | None, fmt: str) -> None:
    """Monthly PLOVER counts and cooperation-conflict score for a country pair.

    \b
    Example:
      kilde dyad RUS-PRK
    """
    from kilde.store import Store
    from kilde.store.queries import dyad_series

    with Store(db, read_only=True) as store:
        df = dyad_series(store, dyad, since=since, until=until)
    df = df.loc[:, (df != 0).any(axis=0)] if not df.empty else df
    _table_out(df, fmt, list(df.columns))


@main.command()
@click.argument("name", required=False)
@DB_OPTION
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@_fail_cleanly
def actors(name: str | None, db: str, limit: int, fmt: str) -> None:
    """What the corpus says about actors: country, sector and role, with date and source.

    \b
    Example:
      kilde actors Blinken
    """
    from kilde.store import Store
    from kilde.store.queries import actors as query

    with Store(db, read_only=True) as store:
        df = query(store, name=name, limit=limit)
    _table_out(df, fmt, ["date", "name", "country", "sector", "role", "outlet"])


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True)
@click.option("--token", envvar="KILDE_TOKEN", default=None,
              help="Enable POST /api/ingest for clients that send 'Authorization: Bearer TOKEN' "
                   "(also read from $KILDE_TOKEN). Without it the server is read-only.")
@_fail_cleanly
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the dashboard and HTTP API over the store (read-only unless --token).

    \b
    Example:
      kilde serve --db news.duckdb --port 8000
    """
    import uvicorn

    from kilde.web.app import create_app

    app = create_app(db, token=token)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    click.echo(f"Kilde dashboard on http://{host}:{port}/  (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group()
def model() -> None:
    """The analysis model."""


@model.command("info")
@MODEL_OPTION
@_fail_cleanly
def model_info(model: str | None) -> None:
    """Print the pipeline's components and its measured scores.

    \b
    Example:
      kilde model info
    """
    from kilde.nlp.pipeline import load

    nlp = load(model)
    click.echo(f"name: {nlp.meta.get('name')} {nlp.meta.get('version')}")
    click.echo(f"pipeline: {', '.join(nlp.pipe_names)}")
    scores = nlp.meta.get("kilde_scores")
    click.echo(json.dumps(scores, indent=2) if scores else "scores: none recorded")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

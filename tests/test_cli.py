import json
import subprocess
import sys

from click.testing import CliRunner

from kilde.cli import main
from tests.conftest import DEMO, SCORER, SEED, SEED_GOLD, needs_shared


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_help_lists_commands_with_examples():
    result = run("--help")
    assert result.exit_code == 0
    for cmd in ("extract", "ingest", "stats", "export", "quotes", "events", "actors", "serve", "model"):
        assert cmd in result.output
    assert "Example" in run("ingest", "--help").output


def test_extract_prints_the_schema(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("date 2024-01 Ministeren siger, at alt er godt.\n", encoding="utf-8")
    result = run("extract", str(f))
    rec = json.loads(result.stdout.splitlines()[0])
    assert set(rec) >= {"id", "url", "outlet", "title", "authors", "published", "language", "text",
                        "entities", "quotes", "events"}
    assert rec["published"] == "2024-01" and rec["text"].startswith("date 2024-01")


def test_extract_csv_and_json(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Tekst.", encoding="utf-8")
    assert run("extract", str(f), "--format", "csv").stdout.startswith("id,")
    assert json.loads(run("extract", str(f), "--format", "json").stdout)[0]["id"] == "a"


def test_extract_reads_stdin():
    result = run("extract", "-", input='{"id": "s1", "text": "Fra stdin."}\n')
    assert json.loads(result.stdout)["id"] == "s1"


def test_rejected_input_is_reported_on_stderr(tmp_path):
    (tmp_path / "tom.txt").write_text("", encoding="utf-8")
    result = run("extract", str(tmp_path / "tom.txt"))
    assert result.exit_code == 0 and "E002" in result.stderr and "tom.txt" in result.stderr


def test_usage_errors_exit_2_without_traceback():
    result = run("export")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert run("extract").exit_code == 2


def test_missing_database_is_a_clean_error(tmp_path):
    result = run("stats", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "E013" in result.output and "Traceback" not in result.output


def test_ingest_stats_and_queries(tmp_path):
    db = str(tmp_path / "k.duckdb")
    result = run("ingest", str(DEMO), "--db", db, "-q")
    assert "read 12, stored 12" in result.stderr
    assert "articles: 12" in run("stats", "--db", db).stdout
    out = tmp_path / "q.csv"
    assert run("export", "--db", db, "--table", "quotes", "--format", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("article_id,")


def test_module_entry_point_runs():
    proc = subprocess.run([sys.executable, "-m", "kilde", "--help"], capture_output=True, text=True, check=True)
    assert "Kilde turns news articles" in proc.stdout


@needs_shared
def test_extract_output_is_read_by_the_scorer(tmp_path):
    out = tmp_path / "pred.jsonl"
    out.write_text(run("extract", str(SEED)).stdout, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCORER), str(SEED_GOLD), str(out)], capture_output=True,
                          text=True, check=True)
    assert json.loads(proc.stdout)["missing_articles"] == 0

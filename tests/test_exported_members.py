import kilde


def test_public_api_is_pinned():
    assert kilde.__all__ == sorted(kilde.__all__)
    assert kilde.__all__ == ["Article", "IngestReport", "Kilde", "Reject", "extract", "ingest", "load", "open", "read"]
    for name in kilde.__all__:
        assert hasattr(kilde, name)


def test_the_driver_starts_without_spacy_or_pandas():
    """The command line and a Dask driver's modules import neither (1.8 s of start-up), and the
    package's names still mean the functions, not the modules they share a name with."""
    import subprocess
    import sys

    code = ("import sys, kilde, kilde.cli, kilde.ingest, kilde.read, kilde.scale, kilde.store; "
            "assert callable(kilde.ingest) and callable(kilde.read); "
            "print(sorted(m for m in ('spacy', 'pandas', 'thinc') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert callable(kilde.load) and callable(kilde.extract) and kilde.Kilde.__name__ == "Kilde"

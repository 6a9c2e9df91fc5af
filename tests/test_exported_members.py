import kilde


def test_public_api_is_pinned():
    assert kilde.__all__ == sorted(kilde.__all__)
    assert kilde.__all__ == ["Article", "IngestReport", "Kilde", "Reject", "extract", "ingest", "load", "open", "read"]
    for name in kilde.__all__:
        assert hasattr(kilde, name)

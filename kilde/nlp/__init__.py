"""Analysis: Kilde's spaCy components and the pipeline that runs them."""

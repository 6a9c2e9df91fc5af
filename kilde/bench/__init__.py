"""``make bench``: speed and memory of the pipeline, the store and the HTTP API."""

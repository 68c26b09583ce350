"""One module per command: a typed function that does the work and returns data or an exit code."""

"""jarjesto-cli: a programme kept as YAML, validated, summarised and reported by `plan`."""

__version__ = "0.1.0"

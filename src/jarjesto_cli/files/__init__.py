"""The files around the domain: YAML in and out, loading and validating a plans directory, careful
edits, git revisions and survey exports."""

"""The domain: plans, goals, measures and indicators, their periods and kinds, the status
rules and the summary. Pure: no files, no terminal, no output formats."""

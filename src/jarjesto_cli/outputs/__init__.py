"""What the tool shows and writes: display values, terminal and Markdown views, report data,
templates, charts, DOCX, iCalendar and the export table."""

"""`plan site`: the plans as a small static website.

`pages` makes the pages' data from the summary and the display layer; `build` renders them with
the templates of `templates/site/`, draws the charts as inline SVG and writes the downloads;
`statement` is the accessibility statement; `links` and `browser` check the built site (the
second in Chromium, only with `--check` and in the tests); `results` holds what they found.
"""

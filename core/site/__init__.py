"""``ciclope site``: the portal — a static site of every ente, year and comparison, built from the
results store (docs/site.md). Jinja2 templates in ``templates/``, one CSS and one small script (table
filter and sort) in ``static/``; relative links only, so it works from ``file://`` and on any host."""

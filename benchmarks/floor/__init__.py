"""The bare-Django floor of the benchmarks (issue 16): what Django alone takes, on this machine and
in the same run, to read 25 rows of one commune by one indexed query and render them.

`settings`, `models`, `views`, `wsgi` make the floor app that gunicorn serves (`floor.wsgi`, with
`benchmarks/` on the path): it imports no danvan app, only the project's `database_from_url`.
`report` is the drivers' side (cases, ratios, table cells); `pageprofile` times the project's
officer pages in-process (cProfile and a stack sampler).
"""

"""``litestar-new add resource``: a new resource in an existing api or layered project.

One module per job: :mod:`~.fields` (the ``name:type`` words), :mod:`~.naming` (the resource's
names), :mod:`~.project` (reading the project: preset, resources, migrations), :mod:`~.plan` (the
checks and references), :mod:`~.code` with ``stencils/`` (the code of each piece),
:mod:`~.register` (the edits to ``app.py`` and the models' package),
:mod:`~.writer` (all or nothing) and :mod:`~.command` (the order of it all).
"""

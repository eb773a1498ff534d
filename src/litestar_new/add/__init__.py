"""``litestar-new add resource``: a new resource in an existing api or layered project.

One module per job, in the order they run:

- the words: :mod:`~.fields` (the ``name:type`` syntax and refused names), :mod:`~.type_table`
  (the types), :mod:`~.field_types` (what a type and a field's details are), :mod:`~.naming`
  (the resource's names);
- the project: :mod:`~.project` (answers file, preset, package, migration head),
  :mod:`~.inventory` (its models, stores, controllers and test helpers), :mod:`~.pysource`
  (Python read through :mod:`ast`, never imported);
- the plan: :mod:`~.plan` (the checks), :mod:`~.references` (what a reference points to);
- the code: :mod:`~.code` (what the ``stencils/`` print; they only loop and print),
  :mod:`~.snippets` (one field's code), :mod:`~.suite` (the tests), :mod:`~.migration`;
- the user's files: :mod:`~.registrations` (read, edited, formatted, checked) with
  :mod:`~.register` (the edits to ``app.py`` and the models' package);
- :mod:`~.writer` (all or nothing), :mod:`~.command` (the order of it all) and :mod:`~.example`
  (the template's books, written by the generator).
"""

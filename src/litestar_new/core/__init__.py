"""What every command stands on: the answers file, the transaction, git, ruff, copier.

- :mod:`~litestar_new.core.answers`: a project's ``.copier-answers.yml``, read in one place;
- :mod:`~litestar_new.core.transaction`: file changes made all at once or not at all;
- :mod:`~litestar_new.core.interrupts`: holding Ctrl-C while the disk and the books disagree;
- :mod:`~litestar_new.core.git`: every git command run in a project;
- :mod:`~litestar_new.core.ruff`: formatting Python as the generated project does;
- :mod:`~litestar_new.core.render`: rendering a template (the fast path, or copier);
- :mod:`~litestar_new.core.fastrender`: copier's copy of the bundled template, without copier;
- :mod:`~litestar_new.core.run`: running a command as a step, and how it went;
- :mod:`~litestar_new.core.envfile`: ``.env`` written or completed from ``.env.example``;
- :mod:`~litestar_new.core.words`: small shared wordings (yes/no, what a URL looks like).
"""

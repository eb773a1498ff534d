"""``litestar-new update``: bring a project to the current template and keep the user's edits.

The steps, in order; every refusal comes before anything is written:

1. :mod:`~litestar_new.update.reading`: the project's folder, its ``.copier-answers.yml``, its git
   repository (clean, with a commit: the merge happens in the working tree, where git can show
   and undo it);
2. :mod:`~litestar_new.update.planning`: the template and version to move to, and the new answers
   (``--preset``, feature flags, ``--set``), checked by the same code as ``new``;
3. :mod:`~litestar_new.update.command`: render the old template with the old answers and the new
   one with the new answers into temporary folders, and compare both with the project
   (:mod:`~litestar_new.update.changes`); ``--dry-run`` prints that comparison and stops;
4. :mod:`~litestar_new.update.merging`: copier's ``run_update`` (a three-way merge), undone on
   Ctrl-C or a failure;
5. :mod:`~litestar_new.update.reporting`: what changed, the kept files, and the conflicts by file
   and line; exit 1 while any remain.
"""

from litestar_new.update.command import update
from litestar_new.update.planning import UpdatePlan, UpdateRequest, plan_update
from litestar_new.update.reading import read_project

__all__ = ["UpdatePlan", "UpdateRequest", "plan_update", "read_project", "update"]

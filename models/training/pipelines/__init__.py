"""Whole-bundle pipelines that call the stages in order: ``python -m models.training build`` (``cli``),
with the stages of each bundle (``en``, ``multi_e5``) run and checkpointed by ``stages``; ``multi``
is the multilingual heads-to-bundle pipeline the ``heads`` stage runs."""

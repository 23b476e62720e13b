"""Evaluate stage: the model cards, bundle checks, per-language and children's chat evaluation,
conversation evaluation and the comparison tables."""

"""Data stage: one loader per data set (``sources``, ``sources_multi``), the hand-written sets, the
children's chat development sets, and the rows the later stages read (``rows``, ``multi_rows``)."""

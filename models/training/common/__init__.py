"""What every stage shares: the label set and the row type (``rows``), the model text, the bundle
files and their manifest (``bundle_files``), where the base encoders are read from (``paths``).

Nothing in ``common`` imports a stage, so every stage may import it."""

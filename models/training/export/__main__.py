"""``python -m models.training.export``: re-export a frozen-head bundle (see ``graph.main``)."""

from models.training.export.graph import main

if __name__ == "__main__":
    main()

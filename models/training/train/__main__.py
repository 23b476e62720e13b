"""``python -m models.training.train``: the English training entry point (see ``frozen.main``)."""

from models.training.train.frozen import main

if __name__ == "__main__":
    main()

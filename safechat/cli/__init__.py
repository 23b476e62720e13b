"""The ``safechat`` command line."""

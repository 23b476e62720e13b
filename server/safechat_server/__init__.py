"""The safechat gRPC sidecar: ``safechat serve``.

A thin layer over :class:`safechat.Moderator`: settings (the only environment reader), the
servicer with proto <-> type conversion, micro-batching, health, reflection, auth and metrics.
"""

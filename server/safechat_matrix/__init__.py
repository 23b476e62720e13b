"""safechat for Matrix: a Synapse module that moderates messages in rooms with children.

Configure it in ``homeserver.yaml`` (``docs/matrix.md``)::

    modules:
      - module: safechat_matrix.SafechatModule
        config:
          sidecar: "127.0.0.1:50051"
          band_key: "a long random secret"

Nothing is imported from Synapse until Synapse loads the module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safechat_matrix.module import SafechatModule

__all__ = ["SafechatModule"]


def __getattr__(name: str) -> Any:
    if name == "SafechatModule":
        from safechat_matrix.module import SafechatModule

        return SafechatModule
    raise AttributeError(name)

"""Model bundles and the scorers that run them."""

from safechat.model.bundle import BundleManifest, ModelBundle, default_bundle_path
from safechat.model.scorer import Scorer

__all__ = ["BundleManifest", "ModelBundle", "Scorer", "default_bundle_path"]

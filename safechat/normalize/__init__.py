"""Text normalisation: undo common evasions while keeping the original text.

``normalize(text)`` returns a :class:`NormalizedText` with the model text, the evasions that
fired and an offset map from every model-text character back to the original, so rule spans
found on the model text can mask the original message.
"""

from safechat.normalize.pipeline import NORMALIZER_VERSION, Evasion, NormalizedText, normalize

__all__ = ["NORMALIZER_VERSION", "Evasion", "NormalizedText", "normalize"]

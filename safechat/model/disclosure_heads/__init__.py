"""Disclosure heads, one per bundle (safechat.model.disclosure_head); fitted by
models/training/train/disclosure_head.py."""

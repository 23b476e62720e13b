"""Support heads, one file per bundle and kind (``<bundle name>.<kind>.json``;
safechat.model.support_head); fitted by models/training/train/support_head.py."""

"""Train stage: heads on a frozen encoder (``frozen``), end-to-end fine-tuning (``finetune``), the
seed soup, the example banks (``exemplars``) and the default policy fit (``policy_fit``).

``python -m models.training.train`` is the frozen / fine-tune entry point (``frozen.main``)."""

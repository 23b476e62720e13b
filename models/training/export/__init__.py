"""Export and quantise stage: the ONNX graphs (``graph``, ``multi_graph``), int8 quantisation,
the bundle's model files, calibration and checks (``ship_finetuned``), vocabulary extension.

``python -m models.training.export`` re-exports a frozen-head bundle (``graph.main``)."""

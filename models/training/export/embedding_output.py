"""Expose the pooled sentence embedding as a second output of a bundle's ONNX graph.

The shipped graphs end in masked mean pooling followed by one linear layer (the label heads).
This adds the pooling's result, unchanged, as the graph output ``embedding`` ([batch, hidden],
float32), next to ``logits``. No node, weight or quantisation parameter changes, so the logits
are bit-identical; the example banks (``safechat.exemplars``) compare messages in this space.

    python -m models.training.export.embedding_output models/safechat-en-minilm/model.onnx
"""

from __future__ import annotations

import argparse
from pathlib import Path

from models.training.common.bundle_files import EMBEDDING_OUTPUT as EMBEDDING_OUTPUT


def add_embedding_output(path: Path, *, logits: str = "logits", name: str = EMBEDDING_OUTPUT) -> int:
    """Rewrite ``path`` with the label heads' input also exposed as output ``name``; returns its width.

    Raises:
        ValueError: the graph has no output ``logits`` made by a Gemm or MatMul over one input,
            or already has an output ``name``.
    """
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(path))
    graph = model.graph
    if any(out.name == name for out in graph.output):
        raise ValueError(f"{path} already has an output {name!r}")
    heads = next((node for node in graph.node if logits in node.output), None)
    if heads is None or heads.op_type not in ("Gemm", "MatMul"):
        raise ValueError(f"{path}: output {logits!r} is not made by a Gemm or MatMul node")
    pooled = heads.input[0]
    weights = {init.name: init for init in graph.initializer}
    weight = weights.get(heads.input[1])
    if weight is None:
        raise ValueError(f"{path}: the heads' weight {heads.input[1]!r} is not a constant")
    transposed = heads.op_type == "Gemm" and any(a.name == "transB" and a.i == 1 for a in heads.attribute)
    width = int(weight.dims[1] if transposed else weight.dims[0])
    identity = helper.make_node("Identity", [pooled], [name], name=f"{name}_output")
    graph.node.append(identity)
    graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", width]))
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return width


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="model.onnx to rewrite in place")
    args = parser.parse_args()
    width = add_embedding_output(args.model)
    print(f"{args.model}: added output {EMBEDDING_OUTPUT!r} ({width} wide)")


if __name__ == "__main__":
    main()

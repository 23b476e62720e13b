"""Write the small ONNX graph with which a large example bank pre-selects its candidates.

``safechat/exemplars/data/int8_candidates.onnx``: the queries (uint8, zero point 128) times one
class's examples (int8, one column each) in one integer product (``MatMulInteger``, which
onnxruntime runs with the CPU's 8-bit dot-product instructions where it has them), then the
``k`` highest of each query's row (``TopK``, not sorted). The graph has no weights: the examples
come in with each run, so one graph serves every bank (safechat/exemplars/index.py).

    python -m models.training.export.bank_search_graph [--out safechat/exemplars/data/int8_candidates.onnx]

The file is committed; tests/training/test_bank_search_graph.py checks that this script writes
the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[3] / "safechat" / "exemplars" / "data" / "int8_candidates.onnx"
OPSET = 13
IR_VERSION = 7


def candidates_graph() -> bytes:
    """The serialised graph (deterministic: the same bytes on every run)."""
    from onnx import TensorProto, checker, helper

    inputs = [
        helper.make_tensor_value_info("queries", TensorProto.UINT8, ["batch", "dim"]),
        helper.make_tensor_value_info("examples", TensorProto.INT8, ["dim", "examples"]),
        helper.make_tensor_value_info("zero_point", TensorProto.UINT8, []),
        helper.make_tensor_value_info("k", TensorProto.INT64, [1]),
    ]
    outputs = [
        helper.make_tensor_value_info("values", TensorProto.INT32, ["batch", "k"]),
        helper.make_tensor_value_info("indices", TensorProto.INT64, ["batch", "k"]),
    ]
    nodes = [
        helper.make_node("MatMulInteger", ["queries", "examples", "zero_point"], ["products"]),
        helper.make_node("TopK", ["products", "k"], ["values", "indices"], axis=1, largest=1, sorted=0),
    ]
    graph = helper.make_graph(nodes, "int8_candidates", inputs, outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="safechat")
    model.ir_version = IR_VERSION
    checker.check_model(model)
    return bytes(model.SerializeToString(deterministic=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.write_bytes(candidates_graph())
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""Int8 quantisation with per-token activation scales: batch-independent by construction.

onnxruntime's ``quantize_dynamic`` computes ONE activation scale per input tensor
(``DynamicQuantizeLinear``). In a batch, a message's scores then depend on the messages and the
padding beside it, so the runtime had to run one message per model call. This module rewrites
an fp32 graph instead so that:

* every ``MatMul`` by a constant weight matrix becomes an int8 ``MatMulInteger`` with
  per-output-channel symmetric weight scales, and its input is quantised with one scale per
  token (per row of the last axis), symmetric, computed from that token alone;
* the word-embedding table is stored as int8 with one scale per row (weight-only);
* everything else (attention score products, softmax, layer norms, GELU) stays fp32.

A token's quantised activations are a function of that token's values only, so a message's
logits are the same alone, in any batch, and with any padding (up to float summation order).
Per-token scales are also finer than one scale per tensor, so the int8 graph tracks the fp32 one
more closely. ``MatMulInteger`` takes a scalar zero point for its input, which is why activations
are symmetric: int8 values shifted by 128 into uint8 with the fixed zero point 128.

    python -m models.training.export.quantize fp32.onnx model.onnx
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

log = logging.getLogger("safechat.quantize")
# embedding tables with at least this many rows are stored as int8 (the word table, 30,522 rows)
MIN_EMBEDDING_ROWS = 1024
OPSET = 21


class _Graph:
    """The graph being rewritten: initialisers by name and a counter for fresh names."""

    def __init__(self, model: onnx.ModelProto) -> None:
        self.model = model
        self.graph = model.graph
        self.initialisers = {init.name: init for init in self.graph.initializer}
        self._names: Counter[str] = Counter()
        self.token_zero_point: str | None = None  # uint8 128 of shape [..., 1], made once

    def fresh(self, stem: str) -> str:
        self._names[stem] += 1
        return f"{stem}__q{self._names[stem]}"

    def constant(self, stem: str, value: np.ndarray) -> str:
        name = self.fresh(stem)
        self.graph.initializer.append(numpy_helper.from_array(value, name))
        return name

    def shared(self, name: str, value: np.ndarray) -> str:
        """One initializer for a small constant used by many nodes (``name`` must be unique)."""
        if name not in self.initialisers:
            self.initialisers[name] = numpy_helper.from_array(value, name)
            self.graph.initializer.append(self.initialisers[name])
        return name

    def weight(self, name: str) -> np.ndarray | None:
        init = self.initialisers.get(name)
        return None if init is None else numpy_helper.to_array(init)


def _quantise_activation(g: _Graph, x: str, width: int, nodes: list[onnx.NodeProto]) -> tuple[str, str]:
    """uint8 codes and per-token fp32 scales ``[..., 1]`` for activation ``x`` (last axis ``width``).

    Symmetric: the zero point is 128 for every token (onnxruntime's fast integer product is
    uint8 x int8, and it takes one zero point for its whole input). Blocked ``QuantizeLinear``
    wants a zero-point tensor shaped like the scales; every quantised activation of the encoder
    is ``[batch, tokens, width]``, so one such tensor, made from the first, serves them all.
    """
    stem = x.replace("/", "_").strip("_") or "x"
    absolute, peak, floor, scale, codes = (
        g.fresh(f"{stem}_{part}") for part in ("abs", "peak", "floor", "scale", "u8")
    )
    nodes += [
        helper.make_node("Abs", [x], [absolute]),
        helper.make_node(
            "ReduceMax", [absolute, g.shared("last_axis", np.array([-1], np.int64))], [peak], keepdims=1
        ),
        helper.make_node("Max", [peak, g.shared("scale_floor", np.array(1e-8, np.float32))], [floor]),
        helper.make_node(
            "Mul", [floor, g.shared("inv_int8_max", np.array(1.0 / 127.0, np.float32))], [scale]
        ),
    ]
    if g.token_zero_point is None:
        shape, g.token_zero_point = g.fresh("token_scale_shape"), g.fresh("token_zero_point")
        nodes += [
            helper.make_node("Shape", [scale], [shape]),
            helper.make_node(
                "ConstantOfShape",
                [shape],
                [g.token_zero_point],
                value=numpy_helper.from_array(np.array([128], np.uint8)),
            ),
        ]
    # one block spanning the whole last axis = one scale per token
    nodes.append(
        helper.make_node("QuantizeLinear", [x, scale, g.token_zero_point], [codes], axis=-1, block_size=width)
    )
    return codes, scale


def _quantise_matmul(
    g: _Graph, node: onnx.NodeProto, w: np.ndarray, activation: tuple[str, str], nodes: list[onnx.NodeProto]
) -> None:
    """Replace ``Y = X @ W`` by ``Y = (int32(Xq @ Wq) as float) * x_scale * w_scale``."""
    codes, x_scale = activation
    peak = np.abs(w).max(axis=0)
    w_scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    wq = np.clip(np.round(w / w_scale), -127, 127).astype(np.int8)
    stem = node.output[0].replace("/", "_").strip("_")
    nodes.append(
        # onnxruntime's fused integer product: int32 accumulate, then x (x_scale * w_scale),
        # broadcast [..., 1] x [N]: one scale per token times one per output channel
        helper.make_node(
            "MatMulIntegerToFloat",
            [
                codes,
                g.constant(f"{stem}_wq", wq),
                x_scale,
                g.constant(f"{stem}_wscale", w_scale),
                g.shared("zero_point_u8", np.array(128, np.uint8)),
            ],
            [node.output[0]],
            domain="com.microsoft",
        )
    )


def _quantise_embedding(
    g: _Graph, node: onnx.NodeProto, table: np.ndarray, nodes: list[onnx.NodeProto]
) -> None:
    """Replace ``Gather(table, ids)`` by int8 rows times their own scale."""
    peak = np.abs(table).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.round(table / scale[:, None]), -127, 127).astype(np.int8)
    stem = node.output[0].replace("/", "_").strip("_")
    rows, rows_f, scales = g.fresh(f"{stem}_rows"), g.fresh(f"{stem}_rows_f32"), g.fresh(f"{stem}_scales")
    ids = node.input[1]
    axis = next((a.i for a in node.attribute if a.name == "axis"), 0)
    nodes += [
        helper.make_node("Gather", [g.constant(f"{stem}_table_s8", codes), ids], [rows], axis=axis),
        helper.make_node("Cast", [rows], [rows_f], to=TensorProto.FLOAT),
        helper.make_node(
            "Gather", [g.constant(f"{stem}_row_scale", scale[:, None]), ids], [scales], axis=axis
        ),
        helper.make_node("Mul", [rows_f, scales], [node.output[0]]),
    ]


def _activation_ranks(model: onnx.ModelProto) -> dict[str, int]:
    inferred = onnx.shape_inference.infer_shapes(model)
    values = [*inferred.graph.value_info, *inferred.graph.input, *inferred.graph.output]
    return {v.name: len(v.type.tensor_type.shape.dim) for v in values if v.type.tensor_type.HasField("shape")}


def quantise_per_token(src: Path, dst: Path) -> dict[str, int]:
    """Write an int8 copy of the fp32 graph ``src`` to ``dst``; returns counts of what changed."""
    model = onnx.load(str(src))
    ranks = _activation_ranks(model)
    g = _Graph(model)
    activations: dict[str, tuple[str, str]] = {}  # one quantisation per activation, shared by Q/K/V
    rewritten: list[onnx.NodeProto] = []
    replaced: set[str] = set()
    counts = {"matmul": 0, "embedding": 0, "kept_fp32_matmul": 0}
    for node in g.graph.node:
        if node.op_type == "MatMul":
            w = g.weight(node.input[1])
            if w is not None and w.ndim == 2 and w.dtype == np.float32:
                if node.input[0] not in activations:
                    # the shared token zero point assumes [batch, tokens, width]
                    rank = ranks.get(node.input[0])
                    if rank != 3:
                        raise ValueError(f"{node.name}: input of rank {rank}, not [batch, tokens, width]")
                    activations[node.input[0]] = _quantise_activation(g, node.input[0], w.shape[0], rewritten)
                _quantise_matmul(g, node, w, activations[node.input[0]], rewritten)
                replaced.add(node.input[1])
                counts["matmul"] += 1
                continue
            counts["kept_fp32_matmul"] += 1
        if node.op_type == "Gather":
            table = g.weight(node.input[0])
            if (
                table is not None
                and table.ndim == 2
                and table.shape[0] >= MIN_EMBEDDING_ROWS
                and table.dtype == np.float32
            ):
                _quantise_embedding(g, node, table, rewritten)
                replaced.add(node.input[0])
                counts["embedding"] += 1
                continue
        rewritten.append(node)
    still_used = {name for node in rewritten for name in node.input}
    kept = [init for init in g.graph.initializer if init.name not in replaced or init.name in still_used]
    del g.graph.initializer[:]
    g.graph.initializer.extend(kept)
    del g.graph.node[:]
    g.graph.node.extend(rewritten)
    for opset in model.opset_import:
        if opset.domain in ("", "ai.onnx"):
            opset.version = max(opset.version, OPSET)  # blocked QuantizeLinear needs 21
    if not any(opset.domain == "com.microsoft" for opset in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(model)  # contrib ops are not checked, only the standard ones
    onnx.save(model, str(dst))
    log.info("per-token int8: %s -> %s (%s)", src, dst, counts)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="fp32 ONNX graph")
    parser.add_argument("dst", type=Path, help="where to write the int8 graph")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    print(quantise_per_token(args.src, args.dst))


if __name__ == "__main__":
    main()
